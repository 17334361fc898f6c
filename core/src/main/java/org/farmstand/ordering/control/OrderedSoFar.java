package org.farmstand.ordering.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.platform.persistence.Tenanted;

/**
 * What the active orders on a date hold of a product, read in a transaction of its own (REQUIRES_NEW): a plain read
 * there sees every order committed when it starts and none still being placed, and it waits for no lock. The first
 * stock row of a product on a date is counted this way while its writer holds the date (ApiService.setDateStock):
 * counted in the writer's own transaction, the read would either show that transaction's older snapshot or, as a
 * locking read, wait for the lines of an order that waits for the date in turn (a deadlock).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
@Tenanted
public class OrderedSoFar {

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    /** The quantity of the product over the date's orders that are not cancelled. */
    public int quantity(long productId, long tourDateId) {
        Long sum = em.createQuery("SELECT SUM(l.quantity) FROM OrderLine l WHERE l.productId = :p"
                        + " AND l.order.tourDate.id = :d"
                        + " AND l.order.status <> org.farmstand.ordering.entity.OrderStatus.CANCELLED", Long.class)
                .setParameter("p", productId).setParameter("d", tourDateId).getSingleResult();
        return sum == null ? 0 : Math.toIntExact(sum);
    }
}
