package org.farmstand.catalog.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.farmstand.catalog.entity.Product;
import org.farmstand.ordering.entity.OrderLine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The product's overall stock ({@code product.stock}): the quantity on hand, pushed by the management system; null
 * means it is not counted (no limit). Orders take from it and give back to it; this class and the order placement's
 * database procedure {@code place_order_locked} (V15, which takes the lines of a new order with
 * {@link #take}'s statement) are the only code that does, each change one conditional UPDATE whose row count
 * decides, never below zero. What each order line took is kept in its {@code stock_taken}, so exactly that goes back.
 * Products that do not count their stock are never written or locked for an order: the callers know from the product
 * they read (the placement marks such lines with nothing taken). Lock order: the tour dates (Capacity), the stock
 * rows of the date (DateStock), then the products' rows in product id order, then the change-feed counter.
 */
public final class ProductStock {

    private ProductStock() {
    }

    /** What {@link #take} did: {@code taken} (0 when the product does not count its stock), or {@code remaining}. */
    public record Taking(int taken, Integer remaining) {
        public boolean refused() {
            return remaining != null;
        }
    }

    /**
     * Takes {@code quantity} of a product whose stock the caller saw counted: taken when enough is left; nothing
     * taken (0) when its stock is no longer counted; else refused with what is left (a locking read: a plain one would
     * show this transaction's older snapshot).
     */
    public static Taking take(EntityManager em, long productId, int quantity) {
        int updated = em.createQuery("UPDATE Product p SET p.stock = p.stock - :q"
                        + " WHERE p.id = :p AND p.stock IS NOT NULL AND p.stock >= :q")
                .setParameter("q", quantity).setParameter("p", productId).executeUpdate();
        if (updated == 1) {
            return new Taking(quantity, null);
        }
        Product product = em.find(Product.class, productId);
        if (product == null) {
            return new Taking(0, 0);
        }
        em.refresh(product, LockModeType.PESSIMISTIC_WRITE);
        return product.getStock() == null ? new Taking(0, null) : new Taking(0, Math.max(product.getStock(), 0));
    }

    /** Gives {@code quantity} back to a product's stock, if it still counts one. */
    public static void giveBack(EntityManager em, long productId, int quantity) {
        if (quantity > 0) {
            em.createQuery("UPDATE Product p SET p.stock = p.stock + :q WHERE p.id = :p AND p.stock IS NOT NULL")
                    .setParameter("q", quantity).setParameter("p", productId).executeUpdate();
        }
    }

    /**
     * Gives back what cancelled orders' lines took ({@code stock_taken}), summed per product, in product id order.
     * Lines that took nothing write nothing.
     */
    public static void release(EntityManager em, Collection<OrderLine> lines) {
        Map<Long, Integer> taken = new TreeMap<>();
        lines.stream().filter(l -> l.getStockTaken() > 0)
                .forEach(l -> taken.merge(l.getProductId(), l.getStockTaken(), Integer::sum));
        taken.forEach((productId, quantity) -> giveBack(em, productId, quantity));
    }

    /**
     * For a change of an order's lines, per product in id order: a raised quantity takes the difference (if the
     * product counts its stock), a lowered quantity or a removed line gives back what the line had taken beyond the
     * new quantity. Sets each new line's {@code stock_taken}. The first product that cannot be taken is returned
     * (nothing more is done; the caller rolls the transaction back).
     *
     * @param before   the order's lines as they are
     * @param after    its new lines (a product of {@code before} missing here is removed)
     * @param products the products of {@code after} as the caller read them (their stock: counted or not)
     */
    public static Optional<DateStock.Shortage> change(EntityManager em, List<OrderLine> before,
                                                      List<OrderLine> after, Map<Long, Product> products) {
        Map<Long, OrderLine> old = new TreeMap<>();
        before.forEach(l -> old.put(l.getProductId(), l));
        Map<Long, OrderLine> now = new TreeMap<>();
        after.forEach(l -> now.put(l.getProductId(), l));
        TreeSet<Long> ids = new TreeSet<>(old.keySet());
        ids.addAll(now.keySet());
        for (long productId : ids) {
            OrderLine was = old.get(productId);
            OrderLine line = now.get(productId);
            int oldQuantity = was == null ? 0 : was.getQuantity();
            int oldTaken = was == null ? 0 : was.getStockTaken();
            int quantity = line == null ? 0 : line.getQuantity();
            Product product = products.get(productId);
            boolean notCounted = product != null && product.getStock() == null; // read so: nothing to write
            int taken;
            if (quantity > oldQuantity) {
                if (notCounted) {
                    taken = 0;
                } else {
                    Taking taking = take(em, productId, quantity - oldQuantity);
                    if (taking.refused()) {
                        return Optional.of(new DateStock.Shortage(productId, taking.remaining()));
                    }
                    taken = taking.taken() == 0 ? 0 : oldTaken + taking.taken();
                }
            } else {
                taken = Math.min(oldTaken, quantity);
                if (!notCounted) {
                    giveBack(em, productId, oldTaken - taken);
                }
            }
            if (line != null) {
                line.setStockTaken(notCounted ? 0 : taken);
            }
        }
        return Optional.empty();
    }
}
