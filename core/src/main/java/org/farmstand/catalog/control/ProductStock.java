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
 * <p>
 * The catalog shows a product with no stock left as sold out, and its pages are cached by the shop's content version,
 * which orders do not bump. So the methods here tell their caller when a product's stock went to 0 or back from 0
 * (then the caller bumps the version, last in its transaction): one more read of the product's row it has just
 * written, for products that count their stock only; most orders change neither and bump nothing.
 */
public final class ProductStock {

    private ProductStock() {
    }

    /**
     * What {@link #take} did: {@code taken} (0 when the product does not count its stock), or {@code remaining};
     * {@code soldOut}: this took the last of it (the stock is 0 now).
     */
    public record Taking(int taken, Integer remaining, boolean soldOut) {
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
            return new Taking(quantity, null, Integer.valueOf(0).equals(stockOf(em, productId)));
        }
        Product product = em.find(Product.class, productId);
        if (product == null) {
            return new Taking(0, 0, false);
        }
        em.refresh(product, LockModeType.PESSIMISTIC_WRITE);
        return product.getStock() == null ? new Taking(0, null, false)
                : new Taking(0, Math.max(product.getStock(), 0), false);
    }

    /**
     * Gives {@code quantity} back to a product's stock, if it still counts one; true when it had none left before
     * (sold out until now).
     */
    public static boolean giveBack(EntityManager em, long productId, int quantity) {
        if (quantity <= 0) {
            return false;
        }
        int updated = em.createQuery("UPDATE Product p SET p.stock = p.stock + :q WHERE p.id = :p AND p.stock IS NOT NULL")
                .setParameter("q", quantity).setParameter("p", productId).executeUpdate();
        return updated == 1 && Integer.valueOf(quantity).equals(stockOf(em, productId));
    }

    /** The product's stock as this transaction sees it (its own write included: the row is locked by it). */
    private static Integer stockOf(EntityManager em, long productId) {
        return em.createQuery("SELECT p.stock FROM Product p WHERE p.id = :p", Integer.class)
                .setParameter("p", productId).getResultStream().findFirst().orElse(null);
    }

    /**
     * Gives back what cancelled orders' lines took ({@code stock_taken}), summed per product, in product id order.
     * Lines that took nothing write nothing. True when a product that was sold out has stock again.
     */
    public static boolean release(EntityManager em, Collection<OrderLine> lines) {
        Map<Long, Integer> taken = new TreeMap<>();
        lines.stream().filter(l -> l.getStockTaken() > 0)
                .forEach(l -> taken.merge(l.getProductId(), l.getStockTaken(), Integer::sum));
        boolean reopened = false;
        for (Map.Entry<Long, Integer> e : taken.entrySet()) {
            reopened |= giveBack(em, e.getKey(), e.getValue());
        }
        return reopened;
    }

    /**
     * For a change of an order's lines, per product in id order: a raised quantity takes the difference (if the
     * product counts its stock), a lowered quantity or a removed line gives back what the line had taken beyond the
     * new quantity. Sets each new line's {@code stock_taken}. The first product that cannot be taken is returned
     * (nothing more is done; the caller rolls the transaction back). {@code soldOutChanged} is run (once) when a
     * product's stock went to 0 or back from 0.
     *
     * @param before   the order's lines as they are
     * @param after    its new lines (a product of {@code before} missing here is removed)
     * @param products the products of {@code after} as the caller read them (their stock: counted or not)
     */
    public static Optional<DateStock.Shortage> change(EntityManager em, List<OrderLine> before,
                                                      List<OrderLine> after, Map<Long, Product> products,
                                                      Runnable soldOutChanged) {
        boolean changed = false;
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
                    changed |= taking.soldOut();
                }
            } else {
                taken = Math.min(oldTaken, quantity);
                if (!notCounted) {
                    changed |= giveBack(em, productId, oldTaken - taken);
                }
            }
            if (line != null) {
                line.setStockTaken(notCounted ? 0 : taken);
            }
        }
        if (changed) {
            soldOutChanged.run();
        }
        return Optional.empty();
    }
}
