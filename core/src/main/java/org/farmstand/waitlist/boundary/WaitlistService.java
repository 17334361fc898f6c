package org.farmstand.waitlist.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.farmstand.customers.entity.Customer;
import org.farmstand.customers.entity.CustomerStatus;
import org.farmstand.mail.control.MailText;
import org.farmstand.mail.entity.OutboxMail;
import org.farmstand.ordering.boundary.PlaceResult;
import org.farmstand.ordering.control.OrderPlacement;
import org.farmstand.ordering.entity.OrderLine;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.platform.security.Tokens;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tenancy.boundary.TenantService;
import org.farmstand.tours.control.Capacity;
import org.farmstand.tours.control.Cutoffs;
import org.farmstand.tours.control.DateOrdering;
import org.farmstand.tours.entity.TourDate;
import org.farmstand.tours.entity.TourDateStatus;
import org.farmstand.waitlist.control.CutoffClosing;
import org.farmstand.waitlist.control.Offers;
import org.farmstand.waitlist.control.WishedOrder;
import org.farmstand.waitlist.entity.WaitlistEntry;
import org.farmstand.waitlist.entity.WaitlistStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Waiting lists of full tour dates. When places free up, the first in line gets a time-limited offer by mail and the
 * place is held for them ({@code tour_date.held}); accepting turns it into an order, expiry passes it to the next.
 * Every step that could race (offer, accept, expire, withdraw) is a conditional UPDATE whose row count decides.
 */
@ApplicationScoped
@Transactional
@Tenanted
public class WaitlistService {

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    TenantService tenants;

    @Inject
    OrderPlacement placement;

    @Inject
    org.farmstand.ordering.control.PlacementGate gate;

    @Inject
    org.farmstand.audit.boundary.AuditLog audit;

    @Inject
    @ConfigProperty(name = "farmstand.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    Clock clock = Clock.systemUTC();

    /** Outcome of joining a list. */
    public sealed interface JoinResult {
        record Joined(long entryId, int position) implements JoinResult { }
        record AlreadyWaiting(long entryId, int position) implements JoinResult { }
        /** The date has places: order instead. */
        record NotFull() implements JoinResult { }
        record Invalid(String reasonKey) implements JoinResult { }
        /** A product of the wish can no longer be ordered ({@code gone}), or not in that quantity: it is named. */
        record Unavailable(String productName, boolean gone) implements JoinResult { }
    }

    /**
     * An entry as the customer or the producer sees it; {@code orderCancelled}: an accepted entry whose order was
     * cancelled since (it stays ACCEPTED: the offer was taken, the order is what changed).
     */
    public record EntryView(long id, long customerId, String customerName, long tourId, Long tourDateId,
                            String tourName, LocalDate date, WaitlistStatus status, int position,
                            Instant offeredUntil, String offerToken, Instant createdAt, String wishedOrder,
                            boolean orderCancelled)
        implements java.io.Serializable {
    }

    public JoinResult join(long customerId, long tourDateId, Map<Long, Integer> wished) {
        Customer customer = em.find(Customer.class, customerId);
        if (customer == null || customer.getStatus() != CustomerStatus.ACTIVE) {
            return new JoinResult.Invalid("order.invalid.customer");
        }
        // an empty cart: "your cart is empty", not a range; a cart below the minimum order is refused now, not when
        // the offer comes
        OrderPlacement.Priced priced = OrderPlacement.price(em, wished,
                tenants.byId(TenantContext.require()).orElseThrow().minOrderCents());
        if (priced.problemProduct() != null) {
            return new JoinResult.Unavailable(priced.problemProduct().getName(), true); // deactivated: named
        }
        if (priced.problem() != null) {
            return new JoinResult.Invalid(priced.problem());
        }
        // a wish for more than is left of a product's stock is refused now too (the offer's order would take it)
        Optional<OrderLine> beyond = priced.beyondStock();
        if (beyond.isPresent()) {
            return new JoinResult.Unavailable(beyond.get().getProductName(), false);
        }
        TourDate date = em.find(TourDate.class, tourDateId);
        if (date == null || customer.getHomeTourId() == null || !customer.getHomeTourId().equals(date.getTour().getId())) {
            return new JoinResult.Invalid("order.invalid.tourDate");
        }
        if (!date.getTour().isActive()) {
            return new JoinResult.Invalid("order.invalid.tourInactive");
        }
        DateOrdering.Closed closed = DateOrdering.closed(date, clock.instant());
        if (closed != null) {
            return new JoinResult.Invalid(closed.reasonKey()); // cancelled by the farm, or past its cut-off
        }
        Optional<WaitlistEntry> live = em.createQuery("SELECT w FROM WaitlistEntry w WHERE w.customerId = :c"
                        + " AND w.tourDateId = :d AND w.positionKey IS NOT NULL", WaitlistEntry.class)
                .setParameter("c", customerId).setParameter("d", tourDateId).getResultStream().findFirst();
        if (live.isPresent()) {
            return new JoinResult.AlreadyWaiting(live.get().getId(), position(live.get()));
        }
        if (date.placesLeft() > 0 && waitingCount(tourDateId) == 0) {
            return new JoinResult.NotFull();
        }
        WaitlistEntry entry = new WaitlistEntry(WaitlistEntry.Kind.ORDER, date.getTour().getId(), tourDateId,
                customerId, WishedOrder.format(wished));
        em.persist(entry);
        em.flush();
        return new JoinResult.Joined(entry.getId(), position(entry));
    }

    /** 1 for the first in line; 0 for an entry that holds an offer or is closed. */
    public int position(WaitlistEntry entry) {
        if (entry.getStatus() != WaitlistStatus.WAITING) {
            return 0;
        }
        long before = em.createQuery("SELECT COUNT(w) FROM WaitlistEntry w WHERE w.tourDateId = :d"
                        + " AND w.status = org.farmstand.waitlist.entity.WaitlistStatus.WAITING"
                        + " AND (w.createdAt < :t OR (w.createdAt = :t AND w.id < :id))", Long.class)
                .setParameter("d", entry.getTourDateId()).setParameter("t", entry.getCreatedAt())
                .setParameter("id", entry.getId()).getSingleResult();
        return (int) before + 1;
    }

    long waitingCount(long tourDateId) {
        return em.createQuery("SELECT COUNT(w) FROM WaitlistEntry w WHERE w.tourDateId = :d"
                        + " AND w.status = org.farmstand.waitlist.entity.WaitlistStatus.WAITING", Long.class)
                .setParameter("d", tourDateId).getSingleResult();
    }

    public List<EntryView> entriesOf(long customerId) {
        return em.createNamedQuery(WaitlistEntry.FIND_BY_CUSTOMER, WaitlistEntry.class)
                .setParameter("customerId", customerId).getResultStream().map(this::view).toList();
    }

    /** The list of a tour date in order (live entries first by position, then the history), for admin. */
    public List<EntryView> entriesFor(long tourDateId) {
        return em.createNamedQuery(WaitlistEntry.FIND_FOR_DATE, WaitlistEntry.class)
                .setParameter("dateId", tourDateId).getResultStream().map(this::view).toList();
    }

    public Optional<EntryView> offer(long customerId, String token) {
        return Offers.byToken(em, customerId, token).map(this::view);
    }

    EntryView view(WaitlistEntry w) {
        TourDate date = w.getTourDateId() == null ? null : em.find(TourDate.class, w.getTourDateId());
        Customer customer = em.find(Customer.class, w.getCustomerId());
        // past the cut-off shown as the sweep will end it (it runs every 30 s), not "waiting, position 1"
        WaitlistStatus status = date == null ? w.getStatus() : CutoffClosing.shown(w.getStatus(),
                date.getStatus() == TourDateStatus.OPEN, date.getCutoffAt(), clock.instant());
        return new EntryView(w.getId(), w.getCustomerId(), customer == null ? "" : customer.fullName(), w.getTourId(),
                w.getTourDateId(), date == null ? "" : date.getTour().getName(),
                date == null ? null : date.getDeliveryDate(), status, status == w.getStatus() ? position(w) : 0,
                w.getOfferedUntil(), w.getOfferToken(), w.getCreatedAt(), w.getWishedOrder(), orderCancelled(w));
    }

    /** Whether the order an accepted offer became was cancelled since (by the farm, or with its date). */
    private boolean orderCancelled(WaitlistEntry w) {
        if (w.getStatus() != WaitlistStatus.ACCEPTED || w.getOrderId() == null) {
            return false;
        }
        org.farmstand.ordering.entity.CustomerOrder order = em.find(org.farmstand.ordering.entity.CustomerOrder.class,
                w.getOrderId());
        return order != null && order.getStatus() == org.farmstand.ordering.entity.OrderStatus.CANCELLED;
    }

    /** The customer leaves the list; a held place goes to the next in line. */
    public boolean withdraw(long customerId, long entryId) {
        WaitlistEntry entry = em.find(WaitlistEntry.class, entryId);
        if (entry == null || entry.getCustomerId() != customerId) {
            return false;
        }
        return close(entry, WaitlistStatus.WITHDRAWN);
    }

    /**
     * A producer removes an entry (any customer of the shop): it ends as {@link WaitlistStatus#REMOVED}, a place held for
     * its offer goes to the next in line, and the customer is told by mail in their language (that the offer has
     * ended, if one was running). The conditional UPDATE decides, so a second click neither mails nor audits again.
     * A date gone by is not written about (see {@link CutoffClosing#tellsWaiting}).
     */
    public boolean remove(long entryId) {
        WaitlistEntry entry = em.find(WaitlistEntry.class, entryId);
        if (entry == null) {
            return false;
        }
        boolean offered = entry.getStatus() == WaitlistStatus.OFFERED;
        if (!close(entry, WaitlistStatus.REMOVED)) {
            return false;
        }
        audit.record(org.farmstand.audit.boundary.AuditLog.WAITLIST, entryId, "removed", describe(entry));
        Customer customer = em.find(Customer.class, entry.getCustomerId());
        TourDate date = entry.getTourDateId() == null ? null : em.find(TourDate.class, entry.getTourDateId());
        if (customer != null && date != null && CutoffClosing.tellsWaiting(date.getDeliveryDate(), clock.instant())) {
            tell(customer, tenants.byId(TenantContext.require()).orElseThrow(), date,
                    offered ? "waitlist.offerRemoved" : "waitlist.removed");
        }
        return true;
    }

    private org.farmstand.audit.boundary.AuditDetail describe(WaitlistEntry entry) {
        Customer customer = em.find(Customer.class, entry.getCustomerId());
        TourDate date = entry.getTourDateId() == null ? null : em.find(TourDate.class, entry.getTourDateId());
        String email = customer == null ? "?" : customer.getEmail();
        return date == null ? org.farmstand.audit.boundary.AuditDetail.of("audit.detail.text", email)
                : org.farmstand.audit.boundary.AuditDetail.of("audit.detail.waitlist", email, date.getTour().getName(),
                date.getDeliveryDate());
    }

    private boolean close(WaitlistEntry entry, WaitlistStatus to) {
        WaitlistStatus from = entry.getStatus();
        if (!from.live()) {
            return false;
        }
        int changed = em.createQuery("UPDATE WaitlistEntry w SET w.status = :to, w.positionKey = NULL"
                        + " WHERE w.id = :id AND w.status = :from")
                .setParameter("to", to).setParameter("from", from).setParameter("id", entry.getId()).executeUpdate();
        if (changed == 1 && from == WaitlistStatus.OFFERED) {
            Capacity.unhold(em, entry.getTourDateId());
            offerFreedPlaces(entry.getTourDateId());
        }
        em.refresh(entry);
        return changed == 1;
    }

    /**
     * A customer who may no longer order (blocked, rejected) leaves every list: their live entries are withdrawn, and
     * a place held for one of them goes to the next in line at once, not when the offer would have run out.
     */
    public int withdrawAllOf(long customerId) {
        int closed = 0;
        for (WaitlistEntry entry : liveEntries("w.customerId = :id", customerId)) {
            if (close(entry, WaitlistStatus.WITHDRAWN)) {
                closed++;
            }
        }
        return closed;
    }

    /**
     * The farm cancelled a date: its live entries end as {@link WaitlistStatus#CANCELLED} and each of those customers
     * is told by mail (their wished order will not be delivered). Call after the date's status is CANCELLED, in the
     * same transaction; a place held for an offer goes with the date.
     */
    public int closeForCancelledDate(long tourDateId) {
        TourDate date = em.find(TourDate.class, tourDateId);
        TenantInfo shop = tenants.byId(TenantContext.require()).orElseThrow();
        int closed = 0;
        for (WaitlistEntry entry : liveEntries("w.tourDateId = :id", tourDateId)) {
            // a held place is given back; offering it finds the date cancelled
            if (!close(entry, WaitlistStatus.CANCELLED)) {
                continue; // withdrawn, accepted or expired meanwhile
            }
            tell(em.find(Customer.class, entry.getCustomerId()), shop, date, "waitlist.dateCancelled");
            closed++;
        }
        return closed;
    }

    /**
     * Ordering for a date has closed (its cut-off passed) with customers still on its list: from now on no place can
     * come free for them. Each one still waiting ends as {@link WaitlistStatus#NO_PLACE} and is told by mail, in their
     * language, that no place became free (up to the delivery day: see {@link CutoffClosing#tellsWaiting}); an entry
     * of a customer who may no longer order is withdrawn without a mail, as when a place is offered. An offer still
     * running ends as {@link WaitlistStatus#EXPIRED} and gives its place back: an offer is made to end by the cut-off,
     * so one runs on only when the cut-off was moved earlier since, and accepting it is refused from the cut-off on
     * anyway; its holder is told by mail that the offer ended because ordering for the date has closed (by the same
     * rule as those waiting). Each entry ends by a conditional UPDATE whose row count decides, so sweeps on several
     * nodes close and mail it once. A cancelled date's list is ended by the cancellation ({@link #closeForCancelledDate}).
     *
     * @return the entries that ended as {@link WaitlistStatus#NO_PLACE}
     */
    public int closeAtCutoff(long tourDateId) {
        TourDate date = em.find(TourDate.class, tourDateId);
        Instant now = clock.instant();
        if (date == null || date.getStatus() != TourDateStatus.OPEN || !CutoffClosing.closed(date.getCutoffAt(), now)) {
            return 0;
        }
        TenantInfo shop = tenants.byId(TenantContext.require()).orElseThrow();
        boolean tell = CutoffClosing.tellsWaiting(date.getDeliveryDate(), now);
        int closed = 0;
        for (WaitlistEntry entry : liveEntries("w.tourDateId = :id", tourDateId)) {
            Customer customer = em.find(Customer.class, entry.getCustomerId());
            boolean mayOrder = customer != null && customer.getStatus() == CustomerStatus.ACTIVE;
            WaitlistStatus to = entry.getStatus() == WaitlistStatus.OFFERED ? WaitlistStatus.EXPIRED
                    : mayOrder ? WaitlistStatus.NO_PLACE : WaitlistStatus.WITHDRAWN;
            if (!close(entry, to) || to == WaitlistStatus.WITHDRAWN) {
                continue; // accepted, withdrawn or closed by another sweep meanwhile; or not one to tell
            }
            if (to == WaitlistStatus.NO_PLACE) {
                closed++;
            }
            if (tell && mayOrder) {
                tell(customer, shop, date, to == WaitlistStatus.NO_PLACE ? "waitlist.noPlace" : "waitlist.offerClosed");
            }
        }
        return closed;
    }

    /**
     * The mail {@code key} about a date's list to one customer, in their language: the waiting-list mails that say
     * what became of their place (removed, date cancelled, no place, offer closed) take the same arguments.
     */
    private void tell(Customer customer, TenantInfo shop, TourDate date, String key) {
        MailText text = MailText.forRecipient(customer.getLocale(), shop);
        em.persist(text.mail(customer.getEmail(), key, customer.getFirstName(), shop.name(), date.getTour().getName(),
                text.date(date.getDeliveryDate())));
    }

    private List<WaitlistEntry> liveEntries(String condition, long id) {
        return em.createQuery("SELECT w FROM WaitlistEntry w WHERE " + condition + " AND w.positionKey IS NOT NULL"
                        + " ORDER BY w.createdAt, w.id", WaitlistEntry.class)
                .setParameter("id", id).getResultList();
    }

    /** Ends an offer that ran out, and passes the place on. */
    public boolean expire(long entryId) {
        WaitlistEntry entry = em.find(WaitlistEntry.class, entryId);
        if (entry == null) {
            return false;
        }
        int changed = em.createQuery("UPDATE WaitlistEntry w SET w.status = org.farmstand.waitlist.entity.WaitlistStatus.EXPIRED,"
                        + " w.positionKey = NULL WHERE w.id = :id"
                        + " AND w.status = org.farmstand.waitlist.entity.WaitlistStatus.OFFERED AND w.offeredUntil <= :now")
                .setParameter("id", entryId).setParameter("now", clock.instant()).executeUpdate();
        if (changed == 1) {
            Capacity.unhold(em, entry.getTourDateId());
            offerFreedPlaces(entry.getTourDateId());
        }
        return changed == 1;
    }

    /**
     * Offers every free place of a date to the next in line: the entry goes WAITING -> OFFERED (row count decides
     * against a concurrent offer), then one place is held; if none is left, the entry goes back to waiting.
     */
    public int offerFreedPlaces(long tourDateId) {
        TourDate date = em.find(TourDate.class, tourDateId);
        // a deactivated tour takes no orders: an offer could not be accepted and would only hold the place
        if (date == null || date.getStatus() != TourDateStatus.OPEN || !clock.instant().isBefore(date.getCutoffAt())
                || !date.getTour().isActive()) {
            return 0;
        }
        TenantInfo shop = tenants.byId(TenantContext.require()).orElseThrow();
        int offers = 0;
        for (WaitlistEntry entry : em.createNamedQuery(WaitlistEntry.FIND_WAITING_FOR_DATE, WaitlistEntry.class)
                .setParameter("dateId", tourDateId).setMaxResults(50).getResultList()) {
            Offer result = tryOffer(entry, date, shop);
            if (result == Offer.NO_PLACE) {
                break;
            }
            if (result == Offer.SENT) {
                offers++;
            }
        }
        return offers;
    }

    /**
     * A date with its waiting list, for the producer's overview: {@code closed} once ordering for it has closed (cut-off
     * passed, or cancelled), {@code noPlace} those whose wait ended there without a place.
     */
    public record DateSummary(long tourDateId, String tourName, LocalDate date, int capacity, int booked, int held,
                              long waiting, long offered, boolean closed, long noPlace) implements java.io.Serializable {

        /** Whether the date still has live entries (someone waiting or holding an offer). */
        public boolean live() {
            return waiting + offered > 0;
        }
    }

    /**
     * Upcoming dates that have live waiting-list entries, or whose list ended at the cut-off without a place for some
     * (until their delivery day), soonest first.
     */
    public List<DateSummary> datesWithLists() {
        List<Object[]> rows = em.createQuery("SELECT w.tourDateId, w.status, COUNT(w) FROM WaitlistEntry w"
                        + " WHERE w.tourDateId IS NOT NULL AND (w.positionKey IS NOT NULL"
                        + " OR w.status = org.farmstand.waitlist.entity.WaitlistStatus.NO_PLACE)"
                        + " GROUP BY w.tourDateId, w.status",
                Object[].class).getResultList();
        java.util.Map<Long, long[]> counts = new java.util.TreeMap<>();
        for (Object[] row : rows) {
            long[] c = counts.computeIfAbsent((Long) row[0], k -> new long[3]);
            c[row[1] == WaitlistStatus.WAITING ? 0 : row[1] == WaitlistStatus.OFFERED ? 1 : 2] += (Long) row[2];
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, Cutoffs.ZONE);
        return counts.entrySet().stream()
                .map(e -> java.util.Map.entry(em.find(TourDate.class, e.getKey()), e.getValue()))
                .filter(e -> e.getKey() != null && !e.getKey().getDeliveryDate().isBefore(today))
                .sorted(java.util.Comparator.comparing(e -> e.getKey().getDeliveryDate()))
                .map(e -> new DateSummary(e.getKey().getId(), e.getKey().getTour().getName(),
                        e.getKey().getDeliveryDate(), e.getKey().getCapacity(), e.getKey().getBooked(),
                        e.getKey().getHeld(), e.getValue()[0], e.getValue()[1],
                        e.getKey().getStatus() != TourDateStatus.OPEN
                                || CutoffClosing.closed(e.getKey().getCutoffAt(), now),
                        e.getValue()[2]))
                .toList();
    }

    /**
     * A producer offers a free place to one waiting customer, out of turn. False when the date has no free place or
     * the entry is not waiting (any more).
     */
    public boolean offerTo(long entryId) {
        WaitlistEntry entry = em.find(WaitlistEntry.class, entryId);
        if (entry == null || entry.getTourDateId() == null || entry.getStatus() != WaitlistStatus.WAITING) {
            return false;
        }
        TourDate date = em.find(TourDate.class, entry.getTourDateId());
        if (date.getStatus() != TourDateStatus.OPEN || !clock.instant().isBefore(date.getCutoffAt())
                || !date.getTour().isActive()) {
            return false;
        }
        boolean sent = tryOffer(entry, date, tenants.byId(TenantContext.require()).orElseThrow()) == Offer.SENT;
        if (sent) {
            audit.record(org.farmstand.audit.boundary.AuditLog.WAITLIST, entryId, "offered", describe(entry));
        }
        return sent;
    }

    private enum Offer { SENT, NO_PLACE, TAKEN, NOT_ACTIVE }

    /**
     * Holds one place of the date and offers it to the entry: WAITING -> OFFERED is a conditional UPDATE (a concurrent
     * offer or withdrawal finds no row, and the place is given back), then the offer mail goes to the outbox. An entry
     * of a customer who may not order (blocked since they joined) is withdrawn instead: a place held for them could
     * never be taken.
     */
    private Offer tryOffer(WaitlistEntry entry, TourDate date, TenantInfo shop) {
        Customer customer = em.find(Customer.class, entry.getCustomerId());
        if (customer == null || customer.getStatus() != CustomerStatus.ACTIVE) {
            close(entry, WaitlistStatus.WITHDRAWN);
            return Offer.NOT_ACTIVE;
        }
        if (!Capacity.hold(em, date.getId())) {
            return Offer.NO_PLACE;
        }
        Instant until = earliest(clock.instant().plus(Duration.ofHours(shop.offerHours())), date.getCutoffAt());
        String token = Tokens.random(24);
        int changed = em.createQuery("UPDATE WaitlistEntry w SET w.status = org.farmstand.waitlist.entity.WaitlistStatus.OFFERED,"
                        + " w.offeredUntil = :until, w.offerToken = :token WHERE w.id = :id"
                        + " AND w.status = org.farmstand.waitlist.entity.WaitlistStatus.WAITING")
                .setParameter("until", until).setParameter("token", token).setParameter("id", entry.getId())
                .executeUpdate();
        if (changed != 1) {
            Capacity.unhold(em, date.getId());
            return Offer.TAKEN;
        }
        em.persist(offerMail(shop, customer, date, token, until));
        return Offer.SENT;
    }

    /**
     * Accepts an offer: an order from the wished lines on the held place, at today's prices.
     *
     * @param expectedTotalCents the total the offer page showed the customer, or null to skip the price check
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public PlaceResult accept(long customerId, String token, String idempotencyKey, Long expectedTotalCents) {
        // no EntityManager here (no transaction, see TenantInterceptor): the attempt looks the offer up in its own
        if (!Offers.plausibleToken(token)) {
            return new PlaceResult.Invalid("waitlist.offer.gone");
        }
        return gate.call(() -> {
            try {
                PlaceResult result = placement.tryPlaceFromOffer(customerId, token, idempotencyKey, expectedTotalCents);
                if (result instanceof PlaceResult.Invalid && OrderPlacement.validKey(idempotencyKey)) {
                    // a twin of this request (a double click, the same key) may have taken the offer a moment ago:
                    // this attempt waited for its row and found the offer used; the order it made is the answer
                    return placement.numberForKey(customerId, idempotencyKey)
                            .<PlaceResult>map(PlaceResult.AlreadyPlaced::new).orElse(result);
                }
                return result;
            } catch (RuntimeException e) {
                return placement.numberForKey(customerId, idempotencyKey)
                        .<PlaceResult>map(PlaceResult.AlreadyPlaced::new)
                        .orElseThrow(() -> e);
            }
        });
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    OutboxMail offerMail(TenantInfo shop, Customer customer, TourDate date, String token, Instant until) {
        String link = MailText.shopPage(publicUrl, shop, "/offers/" + token);
        MailText text = MailText.forRecipient(customer.getLocale(), shop);
        return text.mail(customer.getEmail(), "waitlist.offer", customer.getFirstName(), shop.name(),
                date.getTour().getName(), text.date(date.getDeliveryDate()), text.dateTime(until), text.link(link));
    }
}
