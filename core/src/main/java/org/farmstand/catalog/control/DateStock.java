package org.farmstand.catalog.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.farmstand.catalog.entity.ProductDateStock;
import org.farmstand.ordering.entity.CustomerOrder;
import org.farmstand.ordering.entity.OrderLine;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The only code that changes {@code product_date_stock.sold}, besides the order placement's database procedure
 * {@code place_order_locked} (V7), which runs {@link #take(EntityManager, long, List)}'s statements in the database
 * (change them together). Like tours.control.Capacity, every change is one
 * conditional UPDATE whose row count decides; nothing reads the count first. Callers run inside a transaction with
 * the tenant set (the bulk UPDATEs are filtered by tenant). Lock order: the tour date first (Capacity), then the stock
 * rows in product id order, then the change-feed counter.
 */
public final class DateStock {

    private DateStock() {
    }

    /** Why a line cannot be taken: the product, and what is left of it on the date (0 when not available). */
    public record Shortage(long productId, int remaining) {
    }

    /**
     * Takes {@code quantity} of a product on a date. True when the product has no row for the date (not limited) or
     * the row is available and has room; false otherwise (nothing changed then).
     */
    public static boolean take(EntityManager em, long productId, long tourDateId, int quantity) {
        int updated = em.createQuery("UPDATE ProductDateStock s SET s.sold = s.sold + :q"
                        + " WHERE s.productId = :p AND s.tourDateId = :d AND s.available = TRUE"
                        + " AND (s.stock IS NULL OR s.sold + :q <= s.stock)")
                .setParameter("q", quantity).setParameter("p", productId).setParameter("d", tourDateId)
                .executeUpdate();
        // no row changed: either there is none (not limited) or it refused; a locking read sees the latest rows
        return updated == 1 || em.createNamedQuery(ProductDateStock.FIND, ProductDateStock.class)
                .setParameter("productId", productId).setParameter("tourDateId", tourDateId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().isEmpty();
    }

    /**
     * Takes every line of an order on its date, in product id order; the first line that cannot be taken is
     * returned (the caller rolls the transaction back), empty when all were taken.
     */
    public static Optional<Shortage> take(EntityManager em, long tourDateId, List<OrderLine> lines) {
        for (OrderLine line : lines.stream().sorted(Comparator.comparingLong(OrderLine::getProductId)).toList()) {
            if (!take(em, line.getProductId(), tourDateId, line.getQuantity())) {
                // a locking read: a plain one would show this transaction's (older) snapshot of sold
                Integer left = em.createNamedQuery(ProductDateStock.FIND, ProductDateStock.class)
                        .setParameter("productId", line.getProductId()).setParameter("tourDateId", tourDateId)
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                        .getResultStream().findFirst().map(ProductDateStock::remaining).orElse(0);
                return Optional.of(new Shortage(line.getProductId(), left == null ? 0 : left));
            }
        }
        return Optional.empty();
    }

    /** Gives back what a cancelled order took on its date (rows created after the order counted it already). */
    public static void release(EntityManager em, CustomerOrder order) {
        long dateId = order.getTourDate().getId();
        for (OrderLine line : order.getLines().stream()
                .sorted(Comparator.comparingLong(OrderLine::getProductId)).toList()) {
            em.createQuery("UPDATE ProductDateStock s SET s.sold = s.sold - :q"
                            + " WHERE s.productId = :p AND s.tourDateId = :d AND s.sold >= :q")
                    .setParameter("q", line.getQuantity()).setParameter("p", line.getProductId())
                    .setParameter("d", dateId).executeUpdate();
        }
    }

    /**
     * The first row of a product on a date, for a writer that holds the date's row (each order's booking waits for
     * it): inserted with nothing sold, then {@code soldSoFar} counts what the date's active orders hold, in a
     * transaction of its own begun after the insert (ordering.control.OrderedSoFar). Orders still being placed are
     * not in that count and take from this row after the writer commits. An order change that met the missing row
     * before the insert holds the row's gap (its UPDATEs and locking read), so the insert waits until that change
     * has committed and the count sees it; a change that comes after the insert waits for the row and then gives back
     * and takes on it like on any other.
     */
    public static ProductDateStock open(EntityManager em, long productId, long tourDateId, IntSupplier soldSoFar) {
        ProductDateStock row = new ProductDateStock(productId, tourDateId, 0);
        em.persist(row);
        em.flush();
        row.setCountedSold(soldSoFar.getAsInt());
        return row;
    }

    public static Optional<ProductDateStock> find(EntityManager em, long productId, long tourDateId) {
        return em.createNamedQuery(ProductDateStock.FIND, ProductDateStock.class)
                .setParameter("productId", productId).setParameter("tourDateId", tourDateId)
                .getResultStream().findFirst();
    }
}
