package org.farmstand.ordering.control;

import jakarta.persistence.EntityManager;
import org.farmstand.customers.entity.Customer;
import org.farmstand.ordering.entity.CustomerOrder;
import org.farmstand.platform.persistence.TenantContext;

/**
 * Positions an order or a customer in its shop's change feed (the API's {@code GET /orders?since=} and
 * {@code GET /customers?since=}): every path that creates or changes one calls {@link #touch} in the same
 * transaction. The shop's counter row (one per feed) is incremented with one locking statement and stays locked
 * until the writer commits, so a later number is never visible before an earlier one: a reader that continues after
 * the last number it saw misses nothing. (A new order gets its number from the placement's database procedure
 * {@code place_order_locked}, V7, with the same statements.) Call it late in the transaction (after capacity and stock updates) to keep
 * the lock short and the lock order (tour date, stock, then counter) fixed.
 */
public final class ChangeFeed {

    /** EclipseLink disables native SQL once multitenant entities exist; these statements filter by tenant. */
    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";

    /** The feeds and their counter tables (V3, V5). */
    enum Counter {
        ORDERS("order_change_counter"), CUSTOMERS("customer_change_counter");

        final String table;

        Counter(String table) {
            this.table = table;
        }
    }

    private ChangeFeed() {
    }

    /** Gives the order the shop's next order change number and returns it. */
    public static long touch(EntityManager em, CustomerOrder order) {
        long seq = next(em, Counter.ORDERS);
        order.setChangeSeq(seq);
        return seq;
    }

    /** Gives the customer the shop's next customer change number and returns it. */
    public static long touch(EntityManager em, Customer customer) {
        long seq = next(em, Counter.CUSTOMERS);
        customer.setChangeSeq(seq);
        return seq;
    }

    private static long next(EntityManager em, Counter counter) {
        long tenantId = TenantContext.require();
        em.createNativeQuery("INSERT INTO " + counter.table + " (tenant_id, seq) VALUES (?1, 1)"
                        + " ON DUPLICATE KEY UPDATE seq = seq + 1")
                .setHint(NATIVE, "true").setParameter(1, tenantId).executeUpdate();
        Number seq = (Number) em.createNativeQuery("SELECT seq FROM " + counter.table + " WHERE tenant_id = ?1")
                .setHint(NATIVE, "true").setParameter(1, tenantId).getSingleResult();
        return seq.longValue();
    }
}
