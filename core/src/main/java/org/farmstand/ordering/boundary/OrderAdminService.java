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
import org.farmstand.ordering.control.Weighing;
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
import org.farmstand.tours.control.DateOrdering;
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

    /**
     * A tour date with its fill level; {@code orderingClosed}: open, but its order cut-off has passed (customers can
     * no longer order or cancel; the lists said "open").
     */
    public record DateFill(long id, String tourName, LocalDate date, int capacity, int booked, int held,
                           TourDateStatus status, boolean extra, boolean orderingClosed) implements Serializable {
        public int percent() {
            return capacity == 0 ? 100 : Math.min(100, (booked + held) * 100 / capacity);
        }

        public boolean cancelled() {
            return status == TourDateStatus.CANCELLED;
        }
    }

    /** {@code estimated}: the total holds a line sold by weight that is not weighed yet (an estimate). */
    public record OrderRow(long id, String number, String customerName, String postcode, OrderStatus status,
                           long totalCents, Instant createdAt, boolean estimated) implements Serializable {
    }

    /**
     * A line; for a product sold by weight {@code pricePerKgCents} and {@code approxWeightGrams} as ordered (else
     * null), {@code weighedGrams} once weighed ({@code totalCents} is then the weighed amount, before the estimate).
     */
    public record Line(long id, String productName, Unit unit, int quantity, long unitPriceCents, long totalCents,
                       Long pricePerKgCents, Integer approxWeightGrams, Integer weighedGrams) implements Serializable {

        public boolean byWeight() {
            return pricePerKgCents != null && approxWeightGrams != null;
        }

        /** Sold by weight and not weighed: the amount is an estimate. */
        public boolean estimated() {
            return byWeight() && weighedGrams == null;
        }

        /** The estimated weight of the line (null unless sold by weight). */
        public Long estimatedGrams() {
            return byWeight() ? org.farmstand.catalog.control.Pricing.estimatedGrams(quantity, approxWeightGrams) : null;
        }
    }

    /** {@code version}: the order's, for {@link #weigh}; {@code weighable}: lines can be weighed in this status. */
    public record OrderDetail(long id, String number, OrderStatus status, String customerName, String email,
                              String street, String postcode, String city, String phone, long tourDateId,
                              String tourName, LocalDate date, long totalCents, Instant createdAt, List<Line> lines,
                              List<OrderStatus> nextStatuses, long version, long customerId, String note)
            implements Serializable {

        public boolean estimated() {
            return lines.stream().anyMatch(Line::estimated);
        }

        public boolean weighable() {
            return canWeigh(status) && lines.stream().anyMatch(Line::byWeight);
        }
    }

    /**
     * {@code grams}: for a product sold by weight, what its lines weigh (weighed, or estimated where not weighed yet;
     * {@code estimated} then), else null.
     */
    public record PickLine(String productName, Unit unit, long quantity, Long grams, boolean estimated)
            implements Serializable {
    }

    /**
     * {@code totalCents} is an estimate while {@code estimated} (a line sold by weight not weighed yet); {@code note}
     * the producer's delivery note on the customer (null: none).
     */
    public record Stop(String orderNumber, String customerName, String street, String postcode, String city,
                       String phone, String note, List<Item> items, long totalCents, boolean estimated)
            implements Serializable {
    }

    /** An item of a stop: "3 × Käse"; for a line sold by weight its weight, weighed or (estimated) not yet. */
    public record Item(String text, Long grams, boolean estimated) implements Serializable {
    }

    public record Summary(List<DateFill> nextDates, long ordersToday, long pendingCustomers) implements Serializable {
    }

    public enum ChangeResult { CHANGED, NOT_FOUND, NOT_ALLOWED }

    /**
     * Outcome of {@link #weigh}: WEIGHED (also when nothing was to change), NOT_FOUND (no such order in this shop),
     * NOT_ALLOWED (a cancelled order), STALE (the order changed since the form was shown), INVALID (a line that is not
     * the order's or not sold by weight, or a weight out of bounds: the form checks before).
     */
    public enum WeighResult { WEIGHED, NOT_FOUND, NOT_ALLOWED, STALE, INVALID }

    /**
     * Outcome of {@link #weighLine}: WEIGHED (also when the line had that weight already, or was not weighed and is
     * cleared), NOT_FOUND (no such order in this shop, or no such line in it), NOT_ALLOWED (a cancelled order),
     * NOT_BY_WEIGHT (a line priced per unit), OUT_OF_BOUNDS (not more than 0 g or more than
     * {@link Weighing#maxGrams}).
     */
    public enum LineResult { WEIGHED, NOT_FOUND, NOT_ALLOWED, NOT_BY_WEIGHT, OUT_OF_BOUNDS }

    /** Whether an order's lines may be weighed, or their weights cleared, in this status ({@link Weighing#allowedIn}). */
    public static boolean canWeigh(OrderStatus status) {
        return Weighing.allowedIn(status);
    }

    /** Dates from today on, all tours, with their fill level. */
    public List<DateFill> upcomingDates(int max) {
        return em.createNamedQuery(TourDate.FIND_UPCOMING, TourDate.class)
                .setParameter("from", LocalDate.now(clock.withZone(Cutoffs.ZONE)))
                .setMaxResults(Math.max(1, max))
                .getResultStream().map(this::fill).toList();
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
                .getResultStream().map(this::fill).toList();
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
        return Optional.ofNullable(em.find(TourDate.class, tourDateId)).map(this::fill);
    }

    DateFill fill(TourDate d) {
        return new DateFill(d.getId(), d.getTour().getName(), d.getDeliveryDate(), d.getCapacity(), d.getBooked(),
                d.getHeld(), d.getStatus(), d.isExtra(),
                DateOrdering.closed(d, clock.instant()) == DateOrdering.Closed.PAST_CUTOFF);
    }

    public List<OrderRow> ordersOn(long tourDateId) {
        // the orders whose total is still an estimate, in one query (tenant-filtered like every JPQL query)
        java.util.Set<Long> estimated = new java.util.HashSet<>(em.createQuery("SELECT DISTINCT l.order.id"
                        + " FROM OrderLine l WHERE l.order.tourDate.id = :id AND l.pricePerKgCents IS NOT NULL"
                        + " AND l.approxWeightGrams IS NOT NULL AND l.weighedGrams IS NULL", Long.class)
                .setParameter("id", tourDateId).getResultList());
        return em.createNamedQuery(CustomerOrder.FIND_BY_TOUR_DATE, CustomerOrder.class)
                .setParameter("tourDateId", tourDateId)
                .getResultStream()
                .map(o -> new OrderRow(o.getId(), o.getOrderNumber(), o.getCustomer().fullName(),
                        o.getCustomer().getPostcode(), o.getStatus(), o.getTotalCents(), o.getCreatedAt(),
                        estimated.contains(o.getId())))
                .toList();
    }

    public Optional<OrderDetail> order(long orderId) {
        return Optional.ofNullable(em.find(CustomerOrder.class, orderId)).map(OrderAdminService::detail);
    }

    private static OrderDetail detail(CustomerOrder o) {
        Customer c = o.getCustomer();
        TourDate d = o.getTourDate();
        List<Line> lines = o.getLines().stream().map(l -> new Line(l.getId(), l.getProductName(), l.getUnit(),
                l.getQuantity(), l.getUnitPriceCents(), l.getLineTotalCents(), l.getPricePerKgCents(),
                l.getApproxWeightGrams(), l.getWeighedGrams())).toList();
        return new OrderDetail(o.getId(), o.getOrderNumber(), o.getStatus(), c.fullName(), c.getEmail(),
                c.getStreet(), c.getPostcode(), c.getCity(), c.getPhone(), d.getId(), d.getTour().getName(),
                d.getDeliveryDate(), o.getTotalCents(), o.getCreatedAt(), lines, nextStatuses(o.getStatus()),
                o.getVersion(), c.getId(), c.getNotes());
    }

    /**
     * Records what lines sold by weight weighed when packed (line id → grams, all units of the line together): each
     * line's amount becomes its weight times the price per kg it was ordered at, the order's total follows, each
     * changed line is audited and the order goes to the end of the API's change feed. Lines are looked up only among
     * the order's own lines, and the order through the tenant-filtered EntityManager: another shop's order or line is
     * not found. Nothing is written unless every entry is valid.
     */
    public WeighResult weigh(long orderId, long expectedVersion, java.util.Map<Long, Integer> gramsByLine) {
        CustomerOrder order = em.find(CustomerOrder.class, orderId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (order == null) {
            return WeighResult.NOT_FOUND;
        }
        if (!Weighing.allowedIn(order.getStatus())) {
            return WeighResult.NOT_ALLOWED;
        }
        java.util.Map<Long, OrderLine> own = new java.util.HashMap<>();
        order.getLines().forEach(l -> own.put(l.getId(), l));
        if (order.getVersion() != expectedVersion) {
            // the same weights sent again (a double click, a reload) are done; other ones were typed over old data
            boolean done = gramsByLine.entrySet().stream().allMatch(e -> own.containsKey(e.getKey())
                    && java.util.Objects.equals(e.getValue(), own.get(e.getKey()).getWeighedGrams()));
            return done ? WeighResult.WEIGHED : WeighResult.STALE;
        }
        for (var e : gramsByLine.entrySet()) {
            OrderLine line = own.get(e.getKey());
            if (line == null || e.getValue() == null || Weighing.refusal(line, e.getValue()) != null) {
                return WeighResult.INVALID;
            }
        }
        boolean changed = false;
        for (OrderLine line : order.getLines()) {
            Integer grams = gramsByLine.get(line.getId());
            if (grams != null) {
                changed |= apply(order, line, grams);
            }
        }
        if (changed) {
            changed(order);
        }
        return WeighResult.WEIGHED;
    }

    /**
     * Clears a line's weight entered by mistake (the admin's order page): the line is an estimate again (its unit
     * price as ordered times the quantity), the total follows, the clearing is audited with the weight it had, and the
     * order goes to the end of the API's change feed. Once no line of the order is weighed any more, its customer may
     * change it again where the rule of a change allows it (placed or confirmed, before the cut-off: see
     * OrderChange; a weighed line is what stopped it). {@code expectedVersion} as in {@link #weigh}: the same clearing
     * sent again (a double click) is done, a form from before another change of the order is STALE.
     */
    public WeighResult clearWeight(long orderId, long expectedVersion, long lineId) {
        CustomerOrder order = em.find(CustomerOrder.class, orderId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (order == null) {
            return WeighResult.NOT_FOUND;
        }
        if (!Weighing.allowedIn(order.getStatus())) {
            return WeighResult.NOT_ALLOWED;
        }
        OrderLine line = order.getLines().stream().filter(l -> l.getId() == lineId).findFirst().orElse(null);
        if (line == null || Weighing.refusal(line, null) != null) {
            return WeighResult.INVALID;
        }
        if (order.getVersion() != expectedVersion) {
            return line.isWeighed() ? WeighResult.STALE : WeighResult.WEIGHED; // cleared already: done, once
        }
        if (apply(order, line, null)) {
            changed(order);
        }
        return WeighResult.WEIGHED;
    }

    /**
     * Weighs one line, or clears its weight ({@code grams} null), for the management system (the API's
     * {@code PUT /orders/{number}/lines/{lineId}/weight}): the same rule, audit, total and change feed as the admin's
     * page. There is no form version here: the order's row is locked, and the API's Idempotency-Key makes a retried
     * request count once; a weight the line has already, or clearing a line that is not weighed, changes nothing.
     * The line is looked up only among the order's own lines, the order through the tenant-filtered EntityManager.
     */
    public LineResult weighLine(long orderId, long lineId, Integer grams) {
        CustomerOrder order = em.find(CustomerOrder.class, orderId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        OrderLine line = order == null ? null
                : order.getLines().stream().filter(l -> l.getId() == lineId).findFirst().orElse(null);
        if (line == null) {
            return LineResult.NOT_FOUND;
        }
        if (!Weighing.allowedIn(order.getStatus())) {
            return LineResult.NOT_ALLOWED;
        }
        Weighing.Refusal refusal = Weighing.refusal(line, grams);
        if (refusal != null) {
            return switch (refusal) {
                case NOT_BY_WEIGHT -> LineResult.NOT_BY_WEIGHT;
                case OUT_OF_BOUNDS -> LineResult.OUT_OF_BOUNDS;
            };
        }
        if (apply(order, line, grams)) {
            changed(order);
        }
        return LineResult.WEIGHED;
    }

    /**
     * Gives a line (checked by {@link Weighing#refusal}) its weighed weight, or clears it ({@code grams} null), and
     * audits it; false when the line had that state already (nothing written, nothing audited).
     */
    private boolean apply(CustomerOrder order, OrderLine line, Integer grams) {
        if (java.util.Objects.equals(grams, line.getWeighedGrams())) {
            return false;
        }
        long before = line.getLineTotalCents();
        if (grams == null) {
            int weighed = line.getWeighedGrams();
            line.clearWeight();
            audit.record(AuditLog.ORDER, order.getId(), "weight_cleared", AuditDetail.of(
                    "audit.detail.order.weightCleared", order.getOrderNumber(), line.getProductName(), weighed,
                    new AuditDetail.Money(before), new AuditDetail.Money(line.getLineTotalCents())));
        } else {
            line.weigh(grams);
            audit.record(AuditLog.ORDER, order.getId(), "weighed", AuditDetail.of("audit.detail.order.weighed",
                    order.getOrderNumber(), line.getProductName(), grams,
                    new AuditDetail.Money(line.getLineTotalCents()), new AuditDetail.Money(before)));
        }
        return true;
    }

    /** After lines were weighed or cleared: the total follows, the management system pulls the new amounts. */
    private void changed(CustomerOrder order) {
        order.recalculate();
        org.farmstand.ordering.control.ChangeFeed.touch(em, order);
        em.flush();
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

    /**
     * Changes an order's status; cancelling gives its place back and writes a mail to the customer. The order's row is
     * locked first, as the customer's cancel and change lock it (the same lock order: order, tour date, stock rows,
     * products, change counter), and its status is checked after the lock: a customer who cancelled or changed the
     * order meanwhile is waited for, and a change their cancel made impossible is NOT_ALLOWED, not a failed write.
     */
    public ChangeResult changeStatus(long orderId, OrderStatus to) {
        CustomerOrder order = em.find(CustomerOrder.class, orderId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
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

    /**
     * Locks the orders of a date (PESSIMISTIC_WRITE), as a customer's cancel or change locks its order before the
     * date's row: the date's cancellation calls this before it writes the date, so that a customer cancelling at that
     * moment is waited for (their cancel is then seen) instead of meeting the date's lock the other way round
     * (a deadlock, or a stale order at flush). An order placed meanwhile waits for this transaction (the lock covers
     * the date's range of the index) and then finds the date cancelled.
     */
    public void lockOrdersOn(long tourDateId) {
        lockedOrdersOn(tourDateId);
    }

    private List<CustomerOrder> lockedOrdersOn(long tourDateId) {
        // the orders' rows only, in id order (not FIND_BY_TOUR_DATE: its join would lock the customers' rows too)
        return em.createQuery("SELECT o FROM CustomerOrder o WHERE o.tourDate.id = :tourDateId ORDER BY o.id",
                        CustomerOrder.class)
                .setParameter("tourDateId", tourDateId)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    /**
     * Cancels every active order on a date (the date itself is being cancelled, the mails say so); returns how many.
     * The orders are read locked, their status as committed ({@link #lockOrdersOn}: call it before writing the date).
     */
    public int cancelAllOn(long tourDateId) {
        List<CustomerOrder> active = lockedOrdersOn(tourDateId).stream()
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
        // lines sold by weight add their weighed weight, or their estimate while not weighed (lines priced per unit
        // have neither: NULL, which SUM leaves out)
        for (Object[] row : em.createQuery("SELECT l.productName, l.unit, SUM(l.quantity),"
                        + " SUM(COALESCE(l.weighedGrams, l.quantity * l.approxWeightGrams)),"
                        + " SUM(CASE WHEN l.approxWeightGrams IS NOT NULL AND l.weighedGrams IS NULL THEN 1 ELSE 0 END)"
                        + " FROM OrderLine l"
                        + " WHERE l.order.tourDate.id = :id AND l.order.status <> :cancelled"
                        + " GROUP BY l.productId, l.productName, l.unit ORDER BY l.productName", Object[].class)
                .setParameter("id", tourDateId).setParameter("cancelled", OrderStatus.CANCELLED)
                .getResultList()) {
            result.add(new PickLine((String) row[0], (Unit) row[1], ((Number) row[2]).longValue(),
                    row[3] == null ? null : ((Number) row[3]).longValue(),
                    row[4] != null && ((Number) row[4]).longValue() > 0));
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
            List<Item> items = new ArrayList<>();
            boolean estimated = false;
            for (OrderLine l : o.getLines()) {
                Long grams = !l.isByWeight() ? null : l.isWeighed() ? Long.valueOf(l.getWeighedGrams())
                        : Long.valueOf(org.farmstand.catalog.control.Pricing.estimatedGrams(l.getQuantity(),
                        l.getApproxWeightGrams()));
                boolean lineEstimated = l.isByWeight() && !l.isWeighed();
                estimated |= lineEstimated;
                items.add(new Item(deliveryItem(l.getUnit(), l.getQuantity(), l.getProductName()), grams,
                        lineEstimated));
            }
            stops.add(new Stop(o.getOrderNumber(), c.fullName(), c.getStreet(), c.getPostcode(), c.getCity(),
                    c.getPhone(), c.getNotes(), items, o.getTotalCents(), estimated));
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
