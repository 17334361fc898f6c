package org.farmstand.ordering.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.audit.boundary.AuditDetail;
import org.farmstand.audit.boundary.AuditLog;
import org.farmstand.catalog.control.ProductStock;
import org.farmstand.catalog.entity.Unit;
import org.farmstand.customers.entity.Customer;
import org.farmstand.customers.entity.CustomerStatus;
import org.farmstand.mail.control.MailText;
import org.farmstand.ordering.entity.CustomerOrder;
import org.farmstand.ordering.entity.OrderLine;
import org.farmstand.ordering.entity.OrderStatus;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.tenancy.boundary.ContentVersions;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tenancy.boundary.TenantService;
import org.farmstand.tours.boundary.CapacityFreed;
import org.farmstand.tours.control.Capacity;
import org.farmstand.tours.control.Cutoffs;
import org.farmstand.tours.entity.TourDate;
import org.farmstand.tours.entity.TourDateStatus;

import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The producer's view of orders: per tour date, detail, status changes, and the picking and delivery lists of a
 * date. Every lookup goes through the tenant-filtered EntityManager, so another shop's id is simply not found.
 */
@ApplicationScoped
@Transactional
@Tenanted
public class OrderAdminService {

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    /** A cancelled order frees its place: the waiting list offers it once this transaction commits. */
    @Inject
    Event<CapacityFreed> capacityFreed;

    @Inject
    AuditLog audit;

    @Inject
    TenantService tenants;

    @Inject
    ContentVersions versions;

    Clock clock = Clock.systemUTC();

    /** A tour date with its fill level. */
    public record DateFill(long id, String tourName, LocalDate date, int capacity, int booked, int held,
                           TourDateStatus status, boolean extra) implements Serializable {
        public int percent() {
            return capacity == 0 ? 100 : Math.min(100, (booked + held) * 100 / capacity);
        }

        public boolean cancelled() {
            return status == TourDateStatus.CANCELLED;
        }
    }

    public record OrderRow(long id, String number, String customerName, String postcode, OrderStatus status,
                           long totalCents, Instant createdAt) implements Serializable {
    }

    public record Line(String productName, Unit unit, int quantity, long unitPriceCents, long totalCents)
            implements Serializable {
    }

    public record OrderDetail(long id, String number, OrderStatus status, String customerName, String email,
                              String street, String postcode, String city, String phone, long tourDateId,
                              String tourName, LocalDate date, long totalCents, Instant createdAt, List<Line> lines,
                              List<OrderStatus> nextStatuses) implements Serializable {
    }

    public record PickLine(String productName, Unit unit, long quantity) implements Serializable {
    }

    public record Stop(String orderNumber, String customerName, String street, String postcode, String city,
                       String phone, List<String> items) implements Serializable {
    }

    public record Summary(List<DateFill> nextDates, long ordersToday, long pendingCustomers) implements Serializable {
    }

    public enum ChangeResult { CHANGED, NOT_FOUND, NOT_ALLOWED }

    /** Dates from today on, all tours, with their fill level. */
    public List<DateFill> upcomingDates(int max) {
        return em.createNamedQuery(TourDate.FIND_UPCOMING, TourDate.class)
                .setParameter("from", LocalDate.now(clock.withZone(Cutoffs.ZONE)))
                .setMaxResults(Math.max(1, max))
                .getResultStream().map(OrderAdminService::fill).toList();
    }

    /** The largest page of {@link #pastDates}. */
    public static final int MAX_PAST_PAGE = 100;

    /**
     * Earlier dates, all tours, newest first, for complaints and look-ups: the dates before today, or up to and
     * including {@code until} when it is given (a day before today), {@code size} (at most {@link #MAX_PAST_PAGE})
     * from {@code first}. Paged in the database over the index tour_date(tenant_id, delivery_date).
     */
    public List<DateFill> pastDates(LocalDate until, int first, int size) {
        return em.createQuery("SELECT d FROM TourDate d JOIN FETCH d.tour WHERE d.deliveryDate < :before"
                        + " ORDER BY d.deliveryDate DESC, d.id DESC", TourDate.class)
                .setParameter("before", pastLimit(until))
                .setFirstResult(Math.max(0, first)).setMaxResults(Math.min(Math.max(1, size), MAX_PAST_PAGE))
                .getResultStream().map(OrderAdminService::fill).toList();
    }

    /** How many dates {@link #pastDates} pages through. */
    public long countPastDates(LocalDate until) {
        return em.createQuery("SELECT COUNT(d) FROM TourDate d WHERE d.deliveryDate < :before", Long.class)
                .setParameter("before", pastLimit(until)).getSingleResult();
    }

    /** The first day {@link #pastDates} leaves out: today, or the day after {@code until} when that is earlier. */
    private LocalDate pastLimit(LocalDate until) {
        return org.farmstand.ordering.control.PastDates.limit(LocalDate.now(clock.withZone(Cutoffs.ZONE)), until);
    }

    public Optional<DateFill> date(long tourDateId) {
        return Optional.ofNullable(em.find(TourDate.class, tourDateId)).map(OrderAdminService::fill);
    }

    static DateFill fill(TourDate d) {
        return new DateFill(d.getId(), d.getTour().getName(), d.getDeliveryDate(), d.getCapacity(), d.getBooked(),
                d.getHeld(), d.getStatus(), d.isExtra());
    }

    public List<OrderRow> ordersOn(long tourDateId) {
        return em.createNamedQuery(CustomerOrder.FIND_BY_TOUR_DATE, CustomerOrder.class)
                .setParameter("tourDateId", tourDateId)
                .getResultStream()
                .map(o -> new OrderRow(o.getId(), o.getOrderNumber(), o.getCustomer().fullName(),
                        o.getCustomer().getPostcode(), o.getStatus(), o.getTotalCents(), o.getCreatedAt()))
                .toList();
    }

    public Optional<OrderDetail> order(long orderId) {
        return Optional.ofNullable(em.find(CustomerOrder.class, orderId)).map(OrderAdminService::detail);
    }

    private static OrderDetail detail(CustomerOrder o) {
        Customer c = o.getCustomer();
        TourDate d = o.getTourDate();
        List<Line> lines = o.getLines().stream().map(l -> new Line(l.getProductName(), l.getUnit(), l.getQuantity(),
                l.getUnitPriceCents(), l.getLineTotalCents())).toList();
        return new OrderDetail(o.getId(), o.getOrderNumber(), o.getStatus(), c.fullName(), c.getEmail(),
                c.getStreet(), c.getPostcode(), c.getCity(), c.getPhone(), d.getId(), d.getTour().getName(),
                d.getDeliveryDate(), o.getTotalCents(), o.getCreatedAt(), lines, nextStatuses(o.getStatus()));
    }

    /** PLACED → CONFIRMED → PACKED → DELIVERED; any of the first three may be CANCELLED. */
    public static List<OrderStatus> nextStatuses(OrderStatus from) {
        return switch (from) {
            case PLACED -> List.of(OrderStatus.CONFIRMED, OrderStatus.CANCELLED);
            case CONFIRMED -> List.of(OrderStatus.PACKED, OrderStatus.CANCELLED);
            case PACKED -> List.of(OrderStatus.DELIVERED, OrderStatus.CANCELLED);
            case DELIVERED, CANCELLED -> List.of();
        };
    }

    /** Changes an order's status; cancelling gives its place back and writes a mail to the customer. */
    public ChangeResult changeStatus(long orderId, OrderStatus to) {
        CustomerOrder order = em.find(CustomerOrder.class, orderId);
        if (order == null) {
            return ChangeResult.NOT_FOUND;
        }
        if (!nextStatuses(order.getStatus()).contains(to)) {
            return ChangeResult.NOT_ALLOWED;
        }
        audit.record(AuditLog.ORDER, orderId, to == OrderStatus.CANCELLED ? "cancelled" : "status",
                AuditDetail.of("audit.detail.order.status", order.getOrderNumber(),
                        new AuditDetail.Key("OrderStatus." + order.getStatus()),
                        new AuditDetail.Key("OrderStatus." + to)));
        if (to == OrderStatus.CANCELLED) {
            boolean reopened = cancel(order, "order.cancelledByFarm", true);
            capacityFreed.fire(new CapacityFreed(TenantContext.require(), order.getTourDate().getId()));
            if (reopened) {
                versions.bump(); // a sold-out product is orderable again: the catalog shows it (last: the shop's row)
            }
        } else {
            order.setStatus(to);
            org.farmstand.ordering.control.ChangeFeed.touch(em, order); // position in the API's change feed
        }
        return ChangeResult.CHANGED;
    }

    /** Cancels every active order on a date (the date itself is being cancelled, the mails say so); returns how many. */
    public int cancelAllOn(long tourDateId) {
        List<CustomerOrder> active = em.createNamedQuery(CustomerOrder.FIND_BY_TOUR_DATE, CustomerOrder.class)
                .setParameter("tourDateId", tourDateId).getResultStream()
                .filter(o -> o.getStatus() != OrderStatus.CANCELLED && o.getStatus() != OrderStatus.DELIVERED)
                .toList();
        // the products' stock first, once for all the orders and in product id order: an order placement takes the
        // products' rows before the shop's change-feed counter, which each cancellation below takes
        boolean reopened = ProductStock.release(em, active.stream().flatMap(o -> o.getLines().stream()).toList());
        active.forEach(order -> cancel(order, "order.dateCancelled", false));
        if (reopened) {
            versions.bump(); // sold-out products are orderable again
        }
        return active.size();
    }

    /**
     * Cancels the order, gives its place, its stock per date and ({@code productStock}: else the caller has) what it
     * took from its products' stock back and mails the customer ({@code mail}: the MailText key). True when a product
     * that was sold out has stock again.
     */
    private boolean cancel(CustomerOrder order, String mail, boolean productStock) {
        order.setStatus(OrderStatus.CANCELLED);
        Capacity.release(em, order.getTourDate().getId(), 1);
        org.farmstand.catalog.control.DateStock.release(em, order); // stock per date given back
        // before the change-feed counter, as the placement does
        boolean reopened = productStock && ProductStock.release(em, order.getLines());
        org.farmstand.ordering.control.ChangeFeed.touch(em, order); // position in the API's change feed
        Customer customer = order.getCustomer();
        TenantInfo shop = tenants.byId(TenantContext.require()).orElseThrow();
        MailText text = MailText.forRecipient(customer.getLocale(), shop);
        em.persist(text.mail(customer.getEmail(), mail, customer.getFirstName(), shop.name(), order.getOrderNumber(),
                text.date(order.getTourDate().getDeliveryDate())));
        return reopened;
    }

    /** Quantity per product over the date's active orders, by product name. */
    public List<PickLine> pickingList(long tourDateId) {
        List<PickLine> result = new ArrayList<>();
        for (Object[] row : em.createQuery("SELECT l.productName, l.unit, SUM(l.quantity) FROM OrderLine l"
                        + " WHERE l.order.tourDate.id = :id AND l.order.status <> :cancelled"
                        + " GROUP BY l.productId, l.productName, l.unit ORDER BY l.productName", Object[].class)
                .setParameter("id", tourDateId).setParameter("cancelled", OrderStatus.CANCELLED)
                .getResultList()) {
            result.add(new PickLine((String) row[0], (Unit) row[1], ((Number) row[2]).longValue()));
        }
        return result;
    }

    /** One stop per active order, sorted by postcode and street. */
    public List<Stop> deliveryList(long tourDateId) {
        List<CustomerOrder> orders = em.createQuery("SELECT o FROM CustomerOrder o JOIN FETCH o.customer c"
                        + " WHERE o.tourDate.id = :id AND o.status <> :cancelled"
                        + " ORDER BY c.postcode, c.street, c.lastName, o.id", CustomerOrder.class)
                .setParameter("id", tourDateId).setParameter("cancelled", OrderStatus.CANCELLED)
                .getResultList();
        List<Stop> stops = new ArrayList<>();
        for (CustomerOrder o : orders) {
            Customer c = o.getCustomer();
            List<String> items = new ArrayList<>();
            for (OrderLine l : o.getLines()) {
                items.add(deliveryItem(l.getUnit(), l.getQuantity(), l.getProductName()));
            }
            stops.add(new Stop(o.getOrderNumber(), c.fullName(), c.getStreet(), c.getPostcode(), c.getCity(),
                    c.getPhone(), items));
        }
        return stops;
    }

    /**
     * One item of a stop as the driver reads it: "4 kg Kartoffeln" for a product sold by the kilogram ("4 ×" would read
     * as four potatoes), "3 × Käse" for the others (the picking list names every unit in a column of its own).
     */
    static String deliveryItem(org.farmstand.catalog.entity.Unit unit, int quantity, String product) {
        return quantity + (unit == org.farmstand.catalog.entity.Unit.KG ? " kg " : " × ") + product;
    }

    /** For the dashboard: the next dates, orders placed today, customers waiting for approval. */
    public Summary summary(int dates) {
        LocalDate today = LocalDate.now(clock.withZone(Cutoffs.ZONE));
        Instant start = today.atStartOfDay(Cutoffs.ZONE).toInstant();
        long ordersToday = em.createQuery("SELECT COUNT(o) FROM CustomerOrder o WHERE o.createdAt >= :start"
                        + " AND o.createdAt < :end", Long.class)
                .setParameter("start", start).setParameter("end", today.plusDays(1).atStartOfDay(Cutoffs.ZONE).toInstant())
                .getSingleResult();
        long pending = em.createQuery("SELECT COUNT(c) FROM Customer c WHERE c.status = :status", Long.class)
                .setParameter("status", CustomerStatus.PENDING).getSingleResult();
        return new Summary(upcomingDates(dates), ordersToday, pending);
    }
}
