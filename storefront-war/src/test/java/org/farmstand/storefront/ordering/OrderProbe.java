package org.farmstand.storefront.ordering;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.catalog.entity.Product;
import org.farmstand.customers.entity.Customer;
import org.farmstand.customers.entity.CustomerStatus;
import org.farmstand.ordering.entity.CustomerOrder;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.tours.entity.Tour;
import org.farmstand.tours.entity.TourDate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Test helper deployed with OrderConcurrencyIT: set-up and counts as the thread's tenant. */
@Dependent
@Transactional
@Tenanted
public class OrderProbe {

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    /** An ACTIVE customer with a home tour: {id, homeTourId}. */
    public long[] activeCustomer() {
        Customer c = em.createNamedQuery(Customer.FIND_BY_STATUS, Customer.class)
                .setParameter("status", CustomerStatus.ACTIVE).getResultStream()
                .filter(x -> x.getHomeTourId() != null).findFirst().orElseThrow();
        return new long[]{c.getId(), c.getHomeTourId()};
    }

    /** An active product without stock limit: {id, priceCents}. */
    public long[] product() {
        Product p = em.createNamedQuery(Product.FIND_ACTIVE, Product.class).getResultStream()
                .filter(x -> x.getStock() == null && x.getPriceCents() > 0).findFirst().orElseThrow();
        return new long[]{p.getId(), p.getPriceCents()};
    }

    /** A new active product of the thread's shop with this price and stock (null: not tracked); its id. */
    public long newProduct(long priceCents, Integer stock) {
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        Product p = new Product();
        p.setSlug("lager-" + tag);
        p.setName("Lagerware " + tag);
        p.setPriceCents(priceCents);
        p.setStock(stock);
        em.persist(p);
        em.flush();
        return p.getId();
    }

    /** The product's stock as stored (null: not tracked). */
    public Integer stock(long productId) {
        return em.createQuery("SELECT p.stock FROM Product p WHERE p.id = :id", Integer.class)
                .setParameter("id", productId).getSingleResult();
    }

    /** Sets the product's stock as the API does. */
    public void setStock(long productId, Integer stock) {
        em.find(Product.class, productId).setStock(stock);
    }

    /** What the order's line of the product took from the product's stock. */
    public int stockTaken(String orderNumber, long productId) {
        return em.createQuery("SELECT l.stockTaken FROM OrderLine l WHERE l.order.orderNumber = :number"
                        + " AND l.productId = :p", Integer.class)
                .setParameter("number", orderNumber).setParameter("p", productId).getSingleResult();
    }

    public long orderVersion(String orderNumber) {
        return em.createQuery("SELECT o.version FROM CustomerOrder o WHERE o.orderNumber = :number", Long.class)
                .setParameter("number", orderNumber).getSingleResult();
    }

    public long price(long productId) {
        return em.find(Product.class, productId).getPriceCents();
    }

    /** A new date of the tour {@code daysAhead} days from now, or the first day after it without one. */
    public long newDate(long tourId, int capacity, int daysAhead) {
        Tour tour = em.find(Tour.class, tourId);
        // the first day from daysAhead on that the tour has no date yet: the demo tours' weekly dates (26 weeks ahead)
        // and other tests' dates take days, and which ones depends on today (22 days ahead met a demo Tuesday)
        while (em.createQuery("SELECT COUNT(d) FROM TourDate d WHERE d.tour.id = :t AND d.deliveryDate = :day",
                Long.class).setParameter("t", tourId).setParameter("day", LocalDate.now().plusDays(daysAhead))
                .getSingleResult() > 0) {
            daysAhead++;
        }
        LocalDate date = LocalDate.now().plusDays(daysAhead);
        TourDate d = new TourDate(tour, date, capacity, Instant.now().plus(daysAhead - 1, ChronoUnit.DAYS), true);
        em.persist(d);
        em.flush();
        return d.getId();
    }

    /** Sets the stock of a product on a date as the API does (a new row, nothing sold yet). */
    public void dateStock(long productId, long tourDateId, Integer stock, boolean available) {
        org.farmstand.catalog.entity.ProductDateStock row =
                new org.farmstand.catalog.entity.ProductDateStock(productId, tourDateId, 0);
        row.setStock(stock);
        row.setAvailable(available);
        em.persist(row);
    }

    public int sold(long productId, long tourDateId) {
        return em.createQuery("SELECT s.sold FROM ProductDateStock s WHERE s.productId = :p AND s.tourDateId = :d",
                Integer.class).setParameter("p", productId).setParameter("d", tourDateId).getSingleResult();
    }

    public int booked(long tourDateId) {
        return em.createQuery("SELECT d.booked FROM TourDate d WHERE d.id = :id", Integer.class)
                .setParameter("id", tourDateId).getSingleResult();
    }

    public long orders(long tourDateId) {
        return em.createQuery("SELECT COUNT(o) FROM CustomerOrder o WHERE o.tourDate.id = :id", Long.class)
                .setParameter("id", tourDateId).getSingleResult();
    }

    public long ordersWithKey(String key) {
        return em.createNamedQuery(CustomerOrder.FIND_BY_KEY, CustomerOrder.class).setParameter("key", key)
                .getResultList().size();
    }

    public long orderId(String key) {
        return em.createNamedQuery(CustomerOrder.FIND_BY_KEY, CustomerOrder.class).setParameter("key", key)
                .getSingleResult().getId();
    }

    /** The order's number in its shop's change feed. */
    public long changeSeq(long orderId) {
        return em.createQuery("SELECT o.changeSeq FROM CustomerOrder o WHERE o.id = :id", Long.class)
                .setParameter("id", orderId).getSingleResult();
    }

    /** Calls the order placement's locked part (V7's procedure) as the thread's tenant; its outcome. */
    public String lockedPart(long orderId, long tourDateId, boolean heldPlace) {
        Object[] row = (Object[]) em.createNativeQuery("CALL place_order_locked(?1, ?2, ?3, ?4)")
                .setHint("eclipselink.jdbc.allow-native-sql-query", "true")
                .setParameter(1, org.farmstand.platform.persistence.TenantContext.require())
                .setParameter(2, orderId).setParameter(3, tourDateId).setParameter(4, heldPlace)
                .getSingleResult();
        return String.valueOf(row[0]);
    }

    public long outboxMails(String subjectPart) {
        return em.createQuery("SELECT COUNT(m) FROM OutboxMail m WHERE m.subject LIKE :s", Long.class)
                .setParameter("s", "%" + subjectPart + "%").getSingleResult();
    }
}
