package org.farmstand.ordering.boundary;

import jakarta.enterprise.event.Event;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.tours.boundary.CapacityFreed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.catalog.control.DateStock;
import org.farmstand.catalog.control.ProductStock;
import org.farmstand.customers.entity.Customer;
import org.farmstand.mail.control.MailText;
import org.farmstand.ordering.control.ChangeFeed;
import org.farmstand.ordering.control.OrderChange;
import org.farmstand.ordering.control.OrderPlacement;
import org.farmstand.ordering.entity.CustomerOrder;
import org.farmstand.ordering.entity.OrderLine;
import org.farmstand.ordering.entity.OrderStatus;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.tenancy.boundary.ContentVersions;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tenancy.boundary.TenantService;
import org.farmstand.catalog.entity.Product;
import org.farmstand.tours.control.Capacity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Placing, listing and cancelling a customer's orders in the thread's shop. */
@ApplicationScoped
@Transactional
@Tenanted
public class OrderService {

    private static final Logger LOG = Logger.getLogger(OrderService.class.getName());

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    org.farmstand.ordering.control.PlacementGate gate;

    @Inject
    OrderPlacement placement;

    @Inject
    OrderChange orderChange;

    @Inject
    Event<CapacityFreed> capacityFreed;

    @Inject
    TenantService tenants;

    @Inject
    ContentVersions versions;

    Clock clock = Clock.systemUTC();

    public enum CancelResult { CANCELLED, NOT_FOUND, PAST_CUTOFF, NOT_CANCELLABLE }

    public PlaceResult place(long customerId, long tourDateId, Map<Long, Integer> quantities, String idempotencyKey) {
        return place(customerId, tourDateId, quantities, idempotencyKey, null);
    }

    /**
     * Places an order. Runs outside any transaction itself: each attempt is its own transaction (see
     * {@link OrderPlacement}), so a twin request with the same key that loses the race on the UNIQUE constraint rolls
     * back completely (its booked place too), and the key is then looked up again: AlreadyPlaced.
     *
     * @param expectedTotalCents the total the customer saw, or null to skip the price check
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public PlaceResult place(long customerId, long tourDateId, Map<Long, Integer> quantities, String idempotencyKey,
                             Long expectedTotalCents) {
        return gate.call(() -> {
            try {
                return placement.tryPlace(customerId, tourDateId, quantities, idempotencyKey, expectedTotalCents);
            } catch (RuntimeException e) {
                if (!OrderPlacement.validKey(idempotencyKey)) {
                    throw e;
                }
                Optional<String> number = placement.numberForKey(customerId, idempotencyKey);
                if (number.isPresent()) {
                    return new PlaceResult.AlreadyPlaced(number.get());
                }
                // not a key clash (e.g. a rare order-number clash): one more attempt with a new number
                LOG.log(Level.INFO, "Order attempt failed, retrying once: {0}", e.toString());
                return placement.tryPlace(customerId, tourDateId, quantities, idempotencyKey, expectedTotalCents);
            }
        });
    }

    /** Cancels the customer's own order before the cut-off of its date and gives its place and stock back. */
    public CancelResult cancel(long customerId, String orderNumber) {
        // locked first, like a change of the order (same lock order: order, tour date, stock rows of the date,
        // products, change counter)
        Optional<CustomerOrder> found = find(customerId, orderNumber, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (found.isEmpty()) {
            return CancelResult.NOT_FOUND;
        }
        CustomerOrder order = found.get();
        if (order.getStatus() != OrderStatus.PLACED && order.getStatus() != OrderStatus.CONFIRMED) {
            return CancelResult.NOT_CANCELLABLE;
        }
        if (!clock.instant().isBefore(order.getTourDate().getCutoffAt())) {
            return CancelResult.PAST_CUTOFF;
        }
        order.setStatus(OrderStatus.CANCELLED);
        Capacity.release(em, order.getTourDate().getId(), 1);
        DateStock.release(em, order);
        boolean reopened = ProductStock.release(em, order.getLines());
        ChangeFeed.touch(em, order);
        capacityFreed.fire(new CapacityFreed(TenantContext.require(), order.getTourDate().getId()));
        Customer customer = order.getCustomer();
        TenantInfo shop = tenants.byId(TenantContext.require()).orElseThrow();
        MailText text = MailText.forRecipient(customer.getLocale(), shop);
        em.persist(text.mail(customer.getEmail(), "order.cancelled", customer.getFirstName(), shop.name(),
                order.getOrderNumber(), text.date(order.getTourDate().getDeliveryDate())));
        if (reopened) {
            versions.bump(); // a sold-out product is orderable again: the catalog shows it (last: the shop's row)
        }
        return CancelResult.CANCELLED;
    }

    /**
     * Changes the customer's own order before its cut-off: new quantities (0 removes a line) and optionally another
     * date of the same tour. Prices are those of now and must match the ones the form showed; the minimum order value
     * applies. {@code expectedVersion} is the order's version when the form was made: a double submit finds the change
     * done (AlreadyChanged), a change made elsewhere in between gives Stale. Each attempt is its own transaction; one
     * that fails on a database conflict (e.g. a deadlock between two date moves) is tried once more.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public ChangeResult change(long customerId, String orderNumber, long expectedVersion, Map<Long, Integer> quantities,
                               Map<Long, Long> shownPrices, Long newTourDateId) {
        return gate.call(() -> {
            try {
                return orderChange.tryChange(customerId, orderNumber, expectedVersion, quantities, shownPrices,
                        newTourDateId);
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "Order change failed, retrying once: {0}", e.toString());
                return orderChange.tryChange(customerId, orderNumber, expectedVersion, quantities, shownPrices,
                        newTourDateId);
            }
        });
    }

    /** What the change form of an order shows: its version, and each line with today's price and availability. */
    public record ChangeForm(long version, long tourId, List<ChangeLine> lines) implements java.io.Serializable {
    }

    /**
     * A line of the change form; {@code currentUnitPriceCents} is null when the product cannot be ordered any more;
     * {@code estimated}: the product is sold by weight, its unit price an estimate ("ca. 7,23 € / Stück").
     */
    public record ChangeLine(long productId, String productName, org.farmstand.catalog.entity.Unit unit, int quantity,
                             long orderedUnitPriceCents, Long currentUnitPriceCents, boolean estimated)
            implements java.io.Serializable {
        public boolean priceChanged() {
            return currentUnitPriceCents != null && currentUnitPriceCents != orderedUnitPriceCents;
        }
    }

    /** The change form of the customer's own order while it can be changed, else empty. */
    public Optional<ChangeForm> changeForm(long customerId, String orderNumber) {
        Optional<CustomerOrder> found = find(customerId, orderNumber);
        if (found.isEmpty() || !view(found.get(), clock.instant(), false, false).cancellable()
                || found.get().getLines().stream().anyMatch(OrderLine::isWeighed)) { // being packed (OrderChange)
            return Optional.empty();
        }
        CustomerOrder order = found.get();
        Map<Long, Product> products = new java.util.HashMap<>();
        List<Long> ids = order.getLines().stream().map(l -> l.getProductId()).toList();
        if (!ids.isEmpty()) {
            em.createNamedQuery(Product.FIND_BY_IDS, Product.class).setParameter("ids", ids)
                    .getResultList().forEach(p -> products.put(p.getId(), p));
        }
        List<ChangeLine> lines = order.getLines().stream().map(l -> {
            Product p = products.get(l.getProductId());
            Long price = p == null || !p.isActive() ? null : p.getPriceCents();
            return new ChangeLine(l.getProductId(), l.getProductName(), l.getUnit(), l.getQuantity(),
                    l.getUnitPriceCents(), price, p != null && p.isSoldByWeight());
        }).toList();
        return Optional.of(new ChangeForm(order.getVersion(), order.getTourDate().getTour().getId(), lines));
    }

    public List<OrderView> ordersOf(long customerId) {
        Instant now = clock.instant();
        // the orders whose total is still an estimate, in one query (tenant-filtered like every JPQL query)
        java.util.Set<Long> estimated = new java.util.HashSet<>(em.createQuery("SELECT DISTINCT l.order.id"
                        + " FROM OrderLine l WHERE l.order.customer.id = :customerId AND l.pricePerKgCents IS NOT NULL"
                        + " AND l.approxWeightGrams IS NOT NULL AND l.weighedGrams IS NULL", Long.class)
                .setParameter("customerId", customerId).getResultList());
        return em.createNamedQuery(CustomerOrder.FIND_BY_CUSTOMER, CustomerOrder.class)
                .setParameter("customerId", customerId)
                .getResultStream().map(o -> view(o, now, false, estimated.contains(o.getId()))).toList();
    }

    /** The customer's own order with its lines; another customer's (or shop's) order is empty. */
    public Optional<OrderView> order(long customerId, String orderNumber) {
        return find(customerId, orderNumber).map(o -> view(o, clock.instant(), true,
                o.getLines().stream().anyMatch(l -> l.isByWeight() && !l.isWeighed())));
    }

    /**
     * The numbers of the customer's other orders, not cancelled, for the same delivery date as {@code order}, oldest
     * first: a second order for a date is allowed (each is delivered), but the customer should know they have one
     * (placed on another device, or forgotten) and can add to it instead. At most 10.
     */
    public List<String> otherOrdersOnTheSameDate(long customerId, OrderView order) {
        return em.createQuery("SELECT o.orderNumber FROM CustomerOrder o WHERE o.customer.id = :customerId"
                        + " AND o.tourDate.id = :dateId AND o.orderNumber <> :number"
                        + " AND o.status <> org.farmstand.ordering.entity.OrderStatus.CANCELLED ORDER BY o.id", String.class)
                .setParameter("customerId", customerId).setParameter("dateId", order.tourDateId())
                .setParameter("number", order.number()).setMaxResults(10).getResultList();
    }

    private Optional<CustomerOrder> find(long customerId, String orderNumber) {
        return find(customerId, orderNumber, jakarta.persistence.LockModeType.NONE);
    }

    private Optional<CustomerOrder> find(long customerId, String orderNumber, jakarta.persistence.LockModeType lock) {
        if (orderNumber == null || orderNumber.length() > 20) {
            return Optional.empty();
        }
        return em.createQuery("SELECT o FROM CustomerOrder o WHERE o.orderNumber = :number"
                        + " AND o.customer.id = :customerId", CustomerOrder.class)
                .setParameter("number", orderNumber).setParameter("customerId", customerId)
                .setLockMode(lock)
                .getResultStream().findFirst();
    }

    private static OrderView view(CustomerOrder o, Instant now, boolean withLines, boolean estimated) {
        var date = o.getTourDate();
        boolean cancellable = (o.getStatus() == OrderStatus.PLACED || o.getStatus() == OrderStatus.CONFIRMED)
                && now.isBefore(date.getCutoffAt());
        List<OrderView.Line> lines = withLines
                ? o.getLines().stream().map(l -> new OrderView.Line(l.getProductId(), l.getProductName(), l.getUnit(),
                        l.getQuantity(), l.getUnitPriceCents(), l.getLineTotalCents(), l.getPricePerKgCents(),
                        l.getApproxWeightGrams(), l.getWeighedGrams())).toList()
                : List.of();
        return new OrderView(o.getOrderNumber(), o.getStatus(), date.getId(), date.getTour().getName(),
                date.getDeliveryDate(), date.getCutoffAt(), o.getTotalCents(), o.getCreatedAt(), cancellable, lines,
                estimated);
    }
}
