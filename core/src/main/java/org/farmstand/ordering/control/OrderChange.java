package org.farmstand.ordering.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.farmstand.catalog.control.DateStock;
import org.farmstand.catalog.control.ProductStock;
import org.farmstand.ordering.boundary.ChangeResult;
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
import org.farmstand.tours.control.DateOrdering;
import org.farmstand.tours.entity.TourDate;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One attempt to change a customer's order, in its own transaction (REQUIRES_NEW), so that a deadlock between two
 * date moves rolls back completely and {@link org.farmstand.ordering.boundary.OrderService} can try once more.
 * The order row is locked first (SELECT ... FOR UPDATE); the version the form was made from must still be the
 * order's, which makes a double submit harmless: the twin finds the new version and the requested state already
 * there. A new date is booked with the conditional UPDATE before the old one is released, both in this transaction;
 * then the order's stock per date is given back and the new lines are taken on the (new) date, and the difference
 * of each line is taken from (or given back to) its product's stock.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
@Tenanted
public class OrderChange {

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    TenantService tenants;

    @Inject
    Event<CapacityFreed> capacityFreed;

    @Inject
    ContentVersions versions;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** The shop's public address: the change mail links the order's page. */
    @Inject
    @ConfigProperty(name = "farmstand.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    Clock clock = Clock.systemUTC();

    /** The customer's own order, locked for this transaction. */
    Optional<CustomerOrder> lockedOrder(long customerId, String orderNumber) {
        if (orderNumber == null || orderNumber.length() > 20) {
            return Optional.empty();
        }
        return em.createQuery("SELECT o FROM CustomerOrder o WHERE o.orderNumber = :number"
                        + " AND o.customer.id = :customerId", CustomerOrder.class)
                .setParameter("number", orderNumber).setParameter("customerId", customerId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }

    /**
     * @param quantities   product id → new quantity (0 removes the line) for lines of the order; lines not named keep
     *                     their quantity
     * @param shownPrices  product id → unit price the form showed; every remaining line must still cost that
     * @param newTourDateId another date of the order's tour, or null to keep the date
     */
    public ChangeResult tryChange(long customerId, String orderNumber, long expectedVersion,
                                  Map<Long, Integer> quantities, Map<Long, Long> shownPrices, Long newTourDateId) {
        Optional<CustomerOrder> found = lockedOrder(customerId, orderNumber);
        if (found.isEmpty()) {
            return new ChangeResult.NotFound();
        }
        CustomerOrder order = found.get();
        if (order.getStatus() != OrderStatus.PLACED && order.getStatus() != OrderStatus.CONFIRMED
                || order.getLines().stream().anyMatch(OrderLine::isWeighed)) { // being packed: weighed lines stay
            return new ChangeResult.NotChangeable();
        }
        TourDate current = order.getTourDate();
        Instant now = clock.instant();
        DateOrdering.Closed currentClosed = DateOrdering.closed(current, now);
        if (currentClosed == DateOrdering.Closed.CANCELLED) {
            return new ChangeResult.Invalid(currentClosed.reasonKey());
        }
        if (currentClosed != null) {
            return new ChangeResult.PastCutoff();
        }
        Map<Long, Integer> wanted = new LinkedHashMap<>();
        for (OrderLine line : order.getLines()) {
            wanted.put(line.getProductId(), line.getQuantity());
        }
        if (quantities == null || quantities.size() > OrderPlacement.MAX_LINES) {
            return new ChangeResult.Invalid("order.invalid.quantity");
        }
        for (Map.Entry<Long, Integer> e : quantities.entrySet()) {
            if (e.getValue() == null || e.getValue() < 0 || e.getValue() > OrderPlacement.MAX_QUANTITY) {
                return new ChangeResult.Invalid("orders.change.quantity");
            }
            if (e.getKey() == null || !wanted.containsKey(e.getKey())) {
                if (e.getValue() == 0) {
                    continue; // a line removed already (the same form sent twice): nothing to remove
                }
                return new ChangeResult.Invalid("orders.change.invalid"); // only the order's own lines can change
            }
            wanted.put(e.getKey(), e.getValue());
        }
        wanted.values().removeIf(q -> q == 0);
        if (wanted.isEmpty()) {
            return new ChangeResult.Invalid("orders.change.empty");
        }
        long targetDateId = newTourDateId == null ? current.getId() : newTourDateId;
        if (isCurrently(order, wanted, targetDateId)) {
            return order.getVersion() == expectedVersion ? new ChangeResult.Unchanged() : new ChangeResult.AlreadyChanged();
        }
        if (order.getVersion() != expectedVersion) {
            return new ChangeResult.Stale();
        }

        // prices and availability as of now (the placement's rules); every price must be the one the customer saw
        OrderPlacement.Priced priced = OrderPlacement.price(em, wanted, 0);
        if (priced.problemProduct() != null) {
            return new ChangeResult.Unavailable(priced.problemProduct().getName()); // deactivated: named
        }
        if (priced.problem() != null) {
            return new ChangeResult.Invalid("orders.change.unavailable");
        }
        for (OrderLine line : priced.lines()) {
            Long shown = shownPrices == null ? null : shownPrices.get(line.getProductId());
            if (shown == null || shown != line.getUnitPriceCents()) {
                return new ChangeResult.PricesChanged();
            }
        }
        List<OrderLine> lines = priced.lines();
        long total = priced.totalCents();
        TenantInfo shop = tenants.byId(TenantContext.require()).orElseThrow();
        if (total < shop.minOrderCents()) {
            return new ChangeResult.Invalid("order.invalid.minimum");
        }

        TourDate target = current;
        boolean move = targetDateId != current.getId();
        if (move) {
            target = em.find(TourDate.class, targetDateId);
            if (target == null || target.getTour().getId().longValue() != current.getTour().getId().longValue()) {
                return new ChangeResult.Invalid("order.invalid.tourDate");
            }
            if (!target.getTour().isActive()) {
                return new ChangeResult.Invalid("order.invalid.tourInactive");
            }
            DateOrdering.Closed targetClosed = DateOrdering.closed(target, now);
            if (targetClosed != null) {
                return new ChangeResult.Invalid(targetClosed.reasonKey()); // cancelled by the farm, or past its cut-off
            }
            // the new place first (its row count decides), then the old one back: nothing was written before
            if (!Capacity.book(em, target.getId(), 1)) {
                return new ChangeResult.Full(target.getDeliveryDate());
            }
            if (!Capacity.release(em, current.getId(), 1)) {
                throw new IllegalStateException("Order " + orderNumber + " held no place on date " + current.getId());
            }
        }
        // stock per date (after the tour dates, as DateStock's lock order says): give back what the order took on its
        // old date, take the new lines on the target date; then the products' stock (ProductStock, after the rows of
        // the date): a raised quantity takes the difference, a lowered one gives back; a shortage undoes everything,
        // the places included
        DateStock.release(em, order);
        boolean[] soldOutChanged = {false};
        Optional<DateStock.Shortage> shortage = DateStock.take(em, target.getId(), lines)
                .or(() -> ProductStock.change(em, order.getLines(), lines, priced.products(),
                        () -> soldOutChanged[0] = true));
        if (shortage.isPresent()) {
            transactions.setRollbackOnly();
            return new ChangeResult.Invalid("orders.change.unavailable");
        }
        if (move) {
            order.setTourDate(target);
            capacityFreed.fire(new CapacityFreed(TenantContext.require(), current.getId()));
        }
        order.replaceLines(lines);
        ChangeFeed.touch(em, order);
        em.persist(OrderPlacement.changeMail(shop, order.getCustomer(), order, target, publicUrl));
        em.flush();
        if (soldOutChanged[0]) {
            versions.bump(); // the catalog shows the product sold out, or orderable again (last: the shop's row)
        }
        return new ChangeResult.Changed();
    }

    private static boolean isCurrently(CustomerOrder order, Map<Long, Integer> wanted, long dateId) {
        if (order.getTourDate().getId() != dateId || order.getLines().size() != wanted.size()) {
            return false;
        }
        for (OrderLine line : order.getLines()) {
            if (!Integer.valueOf(line.getQuantity()).equals(wanted.get(line.getProductId()))) {
                return false;
            }
        }
        return true;
    }
}
