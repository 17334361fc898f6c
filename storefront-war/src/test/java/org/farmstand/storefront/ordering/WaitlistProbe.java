package org.farmstand.storefront.ordering;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.customers.entity.Customer;
import org.farmstand.customers.entity.CustomerStatus;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.waitlist.entity.WaitlistEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test helper deployed with WaitlistIT: customers, entry states and the invariants, as the thread's tenant. */
@Dependent
@Transactional
@Tenanted
public class WaitlistProbe {

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    /** New ACTIVE customers on the given home tour. */
    public List<Long> newCustomers(int n, long tourId) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Customer c = new Customer();
            c.setEmail("wl-" + UUID.randomUUID().toString().substring(0, 12) + "@example.org");
            c.setPasswordHash("not-a-login");
            c.setFirstName("Wait");
            c.setLastName("List " + i);
            c.setStreet("Weg 1");
            c.setPostcode("79098");
            c.setCity("Freiburg");
            c.setStatus(CustomerStatus.ACTIVE);
            c.setEmailVerified(true);
            c.setHomeTourId(tourId);
            em.persist(c);
            em.flush();
            ids.add(c.getId());
        }
        return ids;
    }

    public WaitlistEntry entry(long id) {
        WaitlistEntry entry = em.find(WaitlistEntry.class, id);
        em.refresh(entry);
        return entry;
    }

    /** Lets an offer run out now. */
    public void expireOfferNow(long entryId) {
        em.createQuery("UPDATE WaitlistEntry w SET w.offeredUntil = :past WHERE w.id = :id")
                .setParameter("past", Instant.now().minusSeconds(1)).setParameter("id", entryId).executeUpdate();
    }

    public String productName(long productId) {
        return em.find(org.farmstand.catalog.entity.Product.class, productId).getName();
    }

    /** Changes the stock of a product on a date (its row exists), as the producer's system would. */
    public void changeDateStock(long productId, long tourDateId, int stock) {
        em.createQuery("UPDATE ProductDateStock s SET s.stock = :stock WHERE s.productId = :p AND s.tourDateId = :d")
                .setParameter("stock", stock).setParameter("p", productId).setParameter("d", tourDateId).executeUpdate();
    }

    /** Sets a customer's status directly, as a change made elsewhere (another node, before an entry was offered). */
    public void customerStatus(long customerId, CustomerStatus status) {
        em.createQuery("UPDATE Customer c SET c.status = :s WHERE c.id = :id")
                .setParameter("s", status).setParameter("id", customerId).executeUpdate();
    }

    /** Sets what is booked on a date and its cut-off (bookings without orders: for the tour rule's tests only). */
    public void dateState(long tourDateId, int booked, Instant cutoffAt) {
        em.createQuery("UPDATE TourDate d SET d.booked = :b, d.cutoffAt = :c WHERE d.id = :id")
                .setParameter("b", booked).setParameter("c", cutoffAt).setParameter("id", tourDateId).executeUpdate();
    }

    /** Sets the language a customer's mails are written in. */
    public void customerLocale(long customerId, String locale) {
        em.createQuery("UPDATE Customer c SET c.locale = :l WHERE c.id = :id")
                .setParameter("l", locale).setParameter("id", customerId).executeUpdate();
    }

    /** The subjects of the mails in the outbox to a customer (in the thread's shop), oldest first. */
    public List<String> mailSubjects(long customerId) {
        String email = em.find(Customer.class, customerId).getEmail();
        return em.createQuery("SELECT m.subject FROM OutboxMail m WHERE m.recipient = :r ORDER BY m.id", String.class)
                .setParameter("r", email).getResultList();
    }

    public int held(long tourDateId) {
        return em.createQuery("SELECT d.held FROM TourDate d WHERE d.id = :id", Integer.class)
                .setParameter("id", tourDateId).getSingleResult();
    }

    /**
     * The invariants of a date, each 0 when they hold: booked + held over capacity, booked minus active orders,
     * held minus offered entries, customers with more than one live entry on the list.
     */
    public long[] violations(long tourDateId) {
        Object[] d = em.createQuery("SELECT d.booked, d.held, d.capacity FROM TourDate d WHERE d.id = :id", Object[].class)
                .setParameter("id", tourDateId).getSingleResult();
        int booked = (Integer) d[0];
        int held = (Integer) d[1];
        int capacity = (Integer) d[2];
        long activeOrders = em.createQuery("SELECT COUNT(o) FROM CustomerOrder o WHERE o.tourDate.id = :id"
                        + " AND o.status <> org.farmstand.ordering.entity.OrderStatus.CANCELLED", Long.class)
                .setParameter("id", tourDateId).getSingleResult();
        long offered = em.createQuery("SELECT COUNT(w) FROM WaitlistEntry w WHERE w.tourDateId = :id"
                        + " AND w.status = org.farmstand.waitlist.entity.WaitlistStatus.OFFERED", Long.class)
                .setParameter("id", tourDateId).getSingleResult();
        long duplicateLive = em.createQuery("SELECT w.customerId FROM WaitlistEntry w WHERE w.tourDateId = :id"
                        + " AND w.positionKey IS NOT NULL GROUP BY w.customerId HAVING COUNT(w) > 1", Long.class)
                .setParameter("id", tourDateId).getResultList().size();
        return new long[]{Math.max(0, booked + held - capacity), booked - activeOrders, held - offered, duplicateLive};
    }
}
