package org.farmstand.tours.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.audit.boundary.AuditDetail;
import org.farmstand.audit.boundary.AuditLog;
import org.farmstand.ordering.boundary.OrderAdminService;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.tenancy.boundary.ContentVersions;
import org.farmstand.tenancy.boundary.StaffAccess;
import org.farmstand.tenancy.boundary.StaffRight;
import org.farmstand.tours.control.Capacity;
import org.farmstand.tours.control.Cutoffs;
import org.farmstand.tours.control.DateOrdering;
import org.farmstand.tours.control.Postcodes;
import org.farmstand.tours.entity.Tour;
import org.farmstand.tours.entity.TourDate;
import org.farmstand.tours.entity.TourDateStatus;
import org.farmstand.waitlist.boundary.WaitlistService;

import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Tours and their dates for the producer's admin. Every change bumps the content version. Cancelling a date and
 * moving a tour to another weekday are the owner's ({@link StaffRight}); the rest is the staff's daily work.
 */
@ApplicationScoped
@Transactional
@Tenanted
public class TourAdminService {

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    TourService tours;

    @Inject
    OrderAdminService orders;

    @Inject
    ContentVersions versions;

    @Inject
    WaitlistService waitlist;

    @Inject
    AuditLog audit;

    /** A raised capacity frees places: the waiting list offers them once this transaction commits. */
    @Inject
    Event<CapacityFreed> capacityFreed;

    Clock clock = Clock.systemUTC();

    /** {@code orderingClosed}: open, but its order cut-off has passed (the page said "open"). */
    public record DateRow(long id, LocalDate date, Instant cutoffAt, int capacity, int booked, int held,
                          TourDateStatus status, boolean extra, boolean orderingClosed) implements Serializable {
        public boolean cancelled() {
            return status == TourDateStatus.CANCELLED;
        }
    }

    /** {@code PAST_CUTOFF}: an extra date whose order cut-off (by the tour's rule) has already passed. */
    public enum Result { DONE, REOPENED, NOT_FOUND, BELOW_BOOKED, ALREADY_EXISTS, INVALID, CONFLICT, PAST_CUTOFF }

    public List<Tour> tours() {
        return tours.tours();
    }

    public Optional<Tour> tour(long id) {
        return tours.tour(id);
    }

    /**
     * What saving a tour did to its dates that are still open for orders: {@code changed} follow the new capacity or
     * cut-off, {@code keptCapacity} keep a higher capacity because more is booked there, {@code keptOldWeekday} lie
     * on the old weekday and stay until the producer cancels them (a date may have orders; and a cancelled date would
     * not come back if the weekday were changed back).
     */
    public record Saved(Tour tour, int changed, int keptCapacity, int keptOldWeekday) {
    }

    /**
     * Creates or updates a tour (detached, optimistic version check) and adds its missing dates. A changed rule also
     * applies to the dates still open for orders: a new cut-off to all of them, a new capacity to those that still
     * have the tour's old one (a date resized on its own keeps its size); a new weekday adds its dates, and the old
     * weekday's stay (counted in the result; {@link #cancelOldWeekdayDates} cancels those without orders). Dates past
     * their cut-off stay as they are. A new weekday of an existing tour needs the owner
     * ({@link StaffRight#CHANGE_TOUR_WEEKDAY}).
     */
    public Saved save(Tour tour) {
        if (!Postcodes.valid(tour.getPostcodes())) {
            throw new IllegalArgumentException("invalid postcodes");
        }
        if (tour.isNew()) {
            Tour created = tours.create(tour);
            audit.record(AuditLog.TOUR, created.getId(), "created", describe(created, 0));
            return new Saved(created, 0, 0, 0);
        }
        Tour before = em.find(Tour.class, tour.getId());
        int oldCapacity = before == null ? tour.getCapacity() : before.getCapacity();
        int oldDays = before == null ? tour.getCutoffDaysBefore() : before.getCutoffDaysBefore();
        java.time.LocalTime oldTime = before == null ? tour.getCutoffTime() : before.getCutoffTime();
        int oldWeekday = before == null ? tour.getWeekday() : before.getWeekday();
        if (oldWeekday != tour.getWeekday()) {
            StaffAccess.require(StaffRight.CHANGE_TOUR_WEEKDAY);
        }
        Tour saved = em.merge(tour);
        em.flush();
        Saved result = applyToOpenDates(saved, oldCapacity,
                oldDays != saved.getCutoffDaysBefore() || !oldTime.equals(saved.getCutoffTime()),
                oldWeekday != saved.getWeekday());
        tours.generateDates(saved);
        versions.bump();
        audit.record(AuditLog.TOUR, saved.getId(), "updated", describe(saved, result.changed()));
        return result;
    }

    private Saved applyToOpenDates(Tour tour, int oldCapacity, boolean cutoffChanged, boolean weekdayChanged) {
        int changed = 0;
        int keptCapacity = 0;
        int keptOldWeekday = 0;
        for (TourDate date : em.createQuery("SELECT d FROM TourDate d WHERE d.tour.id = :t AND d.cutoffAt > :now"
                        + " AND d.status = org.farmstand.tours.entity.TourDateStatus.OPEN", TourDate.class)
                .setParameter("t", tour.getId()).setParameter("now", clock.instant()).getResultList()) {
            if (weekdayChanged && !date.isExtra() && date.getDeliveryDate().getDayOfWeek() != tour.dayOfWeek()) {
                keptOldWeekday++;
            }
            boolean dateChanged = false;
            if (cutoffChanged) {
                // a bulk UPDATE like the capacity's: an entity write would check the date's version, which every
                // booking raises, and fail the save while orders come in
                em.createQuery("UPDATE TourDate d SET d.cutoffAt = :c WHERE d.id = :id")
                        .setParameter("c", Cutoffs.cutoff(date.getDeliveryDate(), tour.getCutoffDaysBefore(),
                                tour.getCutoffTime()))
                        .setParameter("id", date.getId()).executeUpdate();
                dateChanged = true;
            }
            if (tour.getCapacity() != oldCapacity && date.getCapacity() == oldCapacity) {
                if (Capacity.resize(em, date.getId(), oldCapacity, tour.getCapacity())) {
                    dateChanged = true;
                    if (tour.getCapacity() > oldCapacity) {
                        capacityFreed.fire(new CapacityFreed(TenantContext.require(), date.getId()));
                    }
                } else {
                    keptCapacity++;
                }
            }
            if (dateChanged) {
                changed++;
            }
        }
        return new Saved(tour, changed, keptCapacity, keptOldWeekday);
    }

    /** "Dienstag Nord, Tuesday, capacity 40, postcodes 79098, 791*, 3 open dates changed" in the reader's language. */
    private static AuditDetail describe(Tour t, int datesChanged) {
        return AuditDetail.of("audit.detail.tour", t.getName(), new AuditDetail.Key("tours.weekday." + t.getWeekday()),
                t.getCapacity(), t.getPostcodes(), t.isActive() ? 1 : 0, datesChanged);
    }

    /** The tour's dates from today on, cancelled ones included. */
    public List<DateRow> dates(long tourId) {
        return em.createNamedQuery(TourDate.FIND_BY_TOUR, TourDate.class)
                .setParameter("tourId", tourId)
                .setParameter("from", LocalDate.now(clock.withZone(Cutoffs.ZONE)))
                .getResultStream()
                .map(d -> new DateRow(d.getId(), d.getDeliveryDate(), d.getCutoffAt(), d.getCapacity(), d.getBooked(),
                        d.getHeld(), d.getStatus(), d.isExtra(),
                        DateOrdering.closed(d, clock.instant()) == DateOrdering.Closed.PAST_CUTOFF))
                .toList();
    }

    /** New capacity of one date; refused below what is booked and held. */
    public Result resize(long tourDateId, int capacity) {
        return resize(tourDateId, null, capacity);
    }

    /**
     * New capacity of one date, refused below what is booked and held. With {@code expectedCapacity} (the capacity
     * the editor was shown) it is also refused with {@link Result#CONFLICT} when someone else changed the capacity
     * in between, so their change is not overwritten silently.
     */
    public Result resize(long tourDateId, Integer expectedCapacity, int capacity) {
        TourDate date = em.find(TourDate.class, tourDateId);
        if (date == null) {
            return Result.NOT_FOUND;
        }
        if (capacity < 0 || capacity > 100_000) {
            return Result.INVALID;
        }
        int before = date.getCapacity();
        if (expectedCapacity != null && expectedCapacity != before) {
            return Result.CONFLICT;
        }
        if (!(expectedCapacity == null ? Capacity.resize(em, tourDateId, capacity)
                : Capacity.resize(em, tourDateId, expectedCapacity, capacity))) {
            em.refresh(date);
            return date.getCapacity() != before ? Result.CONFLICT : Result.BELOW_BOOKED;
        }
        em.refresh(date);
        audit.record(AuditLog.TOUR_DATE, tourDateId, "resized", AuditDetail.of("audit.detail.tour_date.resized",
                date.getTour().getName(), date.getDeliveryDate(), before, capacity));
        if (capacity > before && date.getStatus() == TourDateStatus.OPEN) {
            capacityFreed.fire(new CapacityFreed(TenantContext.require(), tourDateId));
        }
        versions.bump();
        return Result.DONE;
    }

    /**
     * Cancels a date (e.g. a holiday): its active orders are cancelled, places released, customers mailed; its waiting
     * list ends, and those waiting are mailed too. Owner only ({@link StaffRight#CANCEL_TOUR_DATE}).
     */
    public int cancelDate(long tourDateId) {
        StaffAccess.require(StaffRight.CANCEL_TOUR_DATE);
        TourDate date = em.find(TourDate.class, tourDateId);
        if (date == null || date.getStatus() == TourDateStatus.CANCELLED) {
            return -1;
        }
        orders.lockOrdersOn(tourDateId); // before the date's row, in the customers' lock order (see there)
        date.setStatus(TourDateStatus.CANCELLED);
        em.flush();
        int cancelled = orders.cancelAllOn(tourDateId);
        int waiting = waitlist.closeForCancelledDate(tourDateId);
        versions.bump();
        audit.record(AuditLog.TOUR_DATE, tourDateId, "cancelled", AuditDetail.of("audit.detail.tour_date.cancelled",
                date.getTour().getName(), date.getDeliveryDate(), cancelled, waiting));
        return cancelled;
    }

    /** A date left on a tour's former weekday, with its active (not cancelled) orders. */
    public record OldWeekdayDate(long id, LocalDate date, long orders) implements Serializable {
    }

    /**
     * The tour's dates still open for orders that lie on another weekday than the tour's (the tour's weekday was
     * changed): the ones {@link Saved#keptOldWeekday} counted. Extra dates are not among them.
     */
    public List<OldWeekdayDate> oldWeekdayDates(long tourId) {
        Tour tour = em.find(Tour.class, tourId);
        if (tour == null) {
            return List.of();
        }
        List<OldWeekdayDate> result = new java.util.ArrayList<>();
        for (Object[] row : em.createQuery("SELECT d.id, d.deliveryDate, (SELECT COUNT(o) FROM CustomerOrder o"
                        + " WHERE o.tourDate = d AND o.status <> org.farmstand.ordering.entity.OrderStatus.CANCELLED)"
                        + " FROM TourDate d WHERE d.tour.id = :t AND d.cutoffAt > :now AND d.extra = FALSE"
                        + " AND d.status = org.farmstand.tours.entity.TourDateStatus.OPEN ORDER BY d.deliveryDate",
                        Object[].class)
                .setParameter("t", tourId).setParameter("now", clock.instant()).getResultList()) {
            LocalDate day = (LocalDate) row[1];
            if (day.getDayOfWeek() != tour.dayOfWeek()) {
                result.add(new OldWeekdayDate((Long) row[0], day, ((Number) row[2]).longValue()));
            }
        }
        return result;
    }

    /** What {@link #cancelOldWeekdayDates} did: how many dates it cancelled, and the dates that stay (with orders). */
    public record OldWeekdayCancel(int cancelled, List<OldWeekdayDate> kept) implements Serializable {
    }

    /**
     * Cancels the tour's {@link #oldWeekdayDates} that have no orders, in one go (the owner moved the tour to another
     * weekday); dates with orders stay for the owner to decide one by one. A date is cancelled only while nothing is
     * booked on it (one conditional UPDATE: an order placed meanwhile keeps its date). Those waiting for such a date
     * are told by mail, as when a date is cancelled by hand. Owner only ({@link StaffRight#CANCEL_TOUR_DATE}).
     */
    public OldWeekdayCancel cancelOldWeekdayDates(long tourId) {
        StaffAccess.require(StaffRight.CANCEL_TOUR_DATE);
        Tour tour = em.find(Tour.class, tourId);
        if (tour == null) {
            return new OldWeekdayCancel(0, List.of());
        }
        int cancelled = 0;
        List<OldWeekdayDate> kept = new java.util.ArrayList<>();
        for (OldWeekdayDate date : oldWeekdayDates(tourId)) {
            boolean done = date.orders() == 0 && em.createQuery("UPDATE TourDate d"
                            + " SET d.status = org.farmstand.tours.entity.TourDateStatus.CANCELLED"
                            + " WHERE d.id = :id AND d.booked = 0"
                            + " AND d.status = org.farmstand.tours.entity.TourDateStatus.OPEN")
                    .setParameter("id", date.id()).executeUpdate() == 1;
            if (!done) {
                kept.add(date);
                continue;
            }
            cancelled++;
            int waiting = waitlist.closeForCancelledDate(date.id());
            audit.record(AuditLog.TOUR_DATE, date.id(), "cancelled", AuditDetail.of(
                    "audit.detail.tour_date.cancelled_old_weekday", tour.getName(), date.date(), waiting));
        }
        if (cancelled > 0) {
            versions.bump();
        }
        return new OldWeekdayCancel(cancelled, kept);
    }

    /** How far ahead an extra date may lie (a tour's plan; and the cut-off's TIMESTAMP column ends in 2038). */
    public static final int MAX_YEARS_AHEAD = 2;

    /**
     * Adds an extra date to a tour with the tour's capacity and cut-off rule: after today and at most
     * {@link #MAX_YEARS_AHEAD} years ahead ({@link Result#INVALID} otherwise), and with its cut-off still ahead
     * ({@link Result#PAST_CUTOFF} otherwise: customers could never order for it, and it would look open all the same).
     * A day the tour has as a cancelled date is opened again ({@link Result#REOPENED}): its row stays (one date per
     * tour and day), so a holiday cancelled by mistake, or a delivery made after all, could not be added back. Its
     * orders stay cancelled and its waiting list ended (the customers were told); it gets the tour's capacity (at
     * least what is still booked) and cut-off as a new date would.
     */
    public Result addDate(long tourId, LocalDate day) {
        Tour tour = em.find(Tour.class, tourId);
        if (tour == null) {
            return Result.NOT_FOUND;
        }
        LocalDate today = LocalDate.now(clock.withZone(Cutoffs.ZONE));
        if (day == null || !day.isAfter(today) || day.isAfter(today.plusYears(MAX_YEARS_AHEAD))) {
            return Result.INVALID;
        }
        TourDate existing = em.createQuery("SELECT d FROM TourDate d WHERE d.tour.id = :t AND d.deliveryDate = :d",
                        TourDate.class).setParameter("t", tourId).setParameter("d", day).getResultStream()
                .findFirst().orElse(null);
        if (existing != null && existing.getStatus() != TourDateStatus.CANCELLED) {
            return Result.ALREADY_EXISTS;
        }
        Instant cutoff = Cutoffs.cutoff(day, tour.getCutoffDaysBefore(), tour.getCutoffTime());
        if (!cutoff.isAfter(clock.instant())) {
            return Result.PAST_CUTOFF;
        }
        if (existing != null) {
            return reopen(tour, existing, cutoff);
        }
        TourDate added = new TourDate(tour, day, tour.getCapacity(), cutoff, true);
        em.persist(added);
        em.flush();
        versions.bump();
        audit.record(AuditLog.TOUR_DATE, added.getId(), "added", AuditDetail.of("audit.detail.tour_date.added",
                tour.getName(), day, tour.getCapacity()));
        return Result.DONE;
    }

    /**
     * Opens a cancelled date again, by one conditional UPDATE (a second click, or another tab, finds it open and
     * changes nothing): the tour's capacity, never below what the date still has booked and held (a delivered order
     * is not cancelled with its date), and the cut-off by the tour's rule.
     */
    private Result reopen(Tour tour, TourDate date, Instant cutoff) {
        int opened = em.createQuery("UPDATE TourDate d SET d.status = org.farmstand.tours.entity.TourDateStatus.OPEN,"
                        + " d.cutoffAt = :cutoff, d.capacity = CASE WHEN d.booked + d.held > :capacity"
                        + " THEN d.booked + d.held ELSE :capacity END"
                        + " WHERE d.id = :id AND d.status = org.farmstand.tours.entity.TourDateStatus.CANCELLED")
                .setParameter("cutoff", cutoff).setParameter("capacity", tour.getCapacity())
                .setParameter("id", date.getId()).executeUpdate();
        if (opened == 0) {
            return Result.ALREADY_EXISTS;
        }
        em.refresh(date);
        versions.bump();
        audit.record(AuditLog.TOUR_DATE, date.getId(), "reopened", AuditDetail.of("audit.detail.tour_date.reopened",
                tour.getName(), date.getDeliveryDate(), date.getCapacity()));
        return Result.REOPENED;
    }

    /** When ordering for {@code day} on the tour would close by the tour's cut-off rule (null: no such tour). */
    public Instant cutoffFor(long tourId, LocalDate day) {
        Tour tour = em.find(Tour.class, tourId);
        return tour == null || day == null ? null
                : Cutoffs.cutoff(day, tour.getCutoffDaysBefore(), tour.getCutoffTime());
    }
}
