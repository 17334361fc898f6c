package org.farmstand.ordering.control;

import jakarta.persistence.EntityManager;
import org.farmstand.ordering.entity.CustomerOrder;
import org.farmstand.platform.persistence.TenantContext;

/**
 * Positions an order in its shop's change feed (the API's {@code GET /orders?since=}): every path that creates or
 * changes an order calls {@link #touch} in the same transaction. The shop's counter row is incremented with one
 * locking statement and stays locked until the writer commits, so a later number is never visible before an
 * earlier one: a reader that continues after the last number it saw misses nothing. Call it late in the
 * transaction (after capacity updates) to keep the lock short and the lock order (tour date, then counter) fixed.
 */
public final class ChangeFeed {

    /** EclipseLink disables native SQL once multitenant entities exist; these two statements filter by tenant. */
    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";

    private ChangeFeed() {
    }

    /** Gives the order the shop's next change number and returns it. */
    public static long touch(EntityManager em, CustomerOrder order) {
        long tenantId = TenantContext.require();
        em.createNativeQuery("INSERT INTO order_change_counter (tenant_id, seq) VALUES (?1, 1)"
                        + " ON DUPLICATE KEY UPDATE seq = seq + 1")
                .setHint(NATIVE, "true").setParameter(1, tenantId).executeUpdate();
        Number seq = (Number) em.createNativeQuery("SELECT seq FROM order_change_counter WHERE tenant_id = ?1")
                .setHint(NATIVE, "true").setParameter(1, tenantId).getSingleResult();
        order.setChangeSeq(seq.longValue());
        return seq.longValue();
    }
}
