package org.farmstand.tours.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.tenancy.boundary.ContentVersions;
import org.farmstand.tours.control.Cutoffs;
import org.farmstand.tours.entity.Tour;
import org.farmstand.tours.entity.TourDate;
import org.farmstand.tours.entity.TourDateStatus;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Tours and their dates, for the storefront (delivery options) and admin. */
@ApplicationScoped
@Transactional
@Tenanted
public class TourService {

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    ContentVersions versions;

    Clock clock = Clock.systemUTC();

    /** A date as the storefront shows it. */
    public record DateView(long id, long tourId, String tourName, LocalDate date, Instant cutoffAt, int capacity,
                           int booked, int held, int placesLeft, boolean cancelled, boolean pastCutoff)
        implements java.io.Serializable {

        public boolean orderable() {
            return !cancelled && !pastCutoff && placesLeft > 0;
        }

        public boolean full() {
            return !cancelled && !pastCutoff && placesLeft == 0;
        }
    }

    public record TourView(long id, String name, int weekday, String postcodes, List<DateView> dates)
        implements java.io.Serializable {
    }

    public List<Tour> tours() {
        return em.createNamedQuery(Tour.FIND_ALL, Tour.class).getResultList();
    }

    public Optional<Tour> tour(long id) {
        return Optional.ofNullable(em.find(Tour.class, id));
    }

    /** Active tours serving a postcode, each with its upcoming dates. */
    public List<TourView> toursServing(String postcode) {
        List<TourView> result = new ArrayList<>();
        for (Tour tour : em.createNamedQuery(Tour.FIND_ACTIVE, Tour.class).getResultList()) {
            if (tour.serves(postcode)) {
                result.add(new TourView(tour.getId(), tour.getName(), tour.getWeekday(), tour.getPostcodes(),
                        upcomingDates(tour.getId())));
            }
        }
        return result;
    }

    /** Whether the tour takes orders: it exists and is active (a deactivated tour's dates take no new orders). */
    public boolean takesOrders(long tourId) {
        Tour tour = em.find(Tour.class, tourId);
        return tour != null && tour.isActive();
    }

    /**
     * The upcoming dates of a tour that takes orders ({@link #takesOrders}), empty for one that does not: the checkout's
     * question in one transaction (the tour read first is the one the dates' views then find in the persistence
     * context, so this costs no statement more than {@link #upcomingDates} alone).
     */
    public Optional<List<DateView>> upcomingDatesIfTakingOrders(long tourId) {
        return takesOrders(tourId) ? Optional.of(upcomingDates(tourId)) : Optional.empty();
    }

    public Optional<Tour> tourFor(String postcode) {
        return em.createNamedQuery(Tour.FIND_ACTIVE, Tour.class).getResultStream()
                .filter(t -> t.serves(postcode)).findFirst();
    }

    public List<DateView> upcomingDates(long tourId) {
        return em.createNamedQuery(TourDate.FIND_BY_TOUR, TourDate.class)
                .setParameter("tourId", tourId)
                .setParameter("from", LocalDate.now(clock.withZone(Cutoffs.ZONE)))
                .getResultStream().map(this::view).toList();
    }

    public Optional<DateView> date(long tourDateId) {
        return Optional.ofNullable(em.find(TourDate.class, tourDateId)).map(this::view);
    }

    /** The next orderable date of the same tour after the given one, if any. */
    public Optional<DateView> nextOrderable(long tourDateId) {
        TourDate date = em.find(TourDate.class, tourDateId);
        if (date == null) {
            return Optional.empty();
        }
        return upcomingDates(date.getTour().getId()).stream()
                .filter(d -> d.date().isAfter(date.getDeliveryDate()) && d.orderable())
                .findFirst();
    }

    DateView view(TourDate d) {
        Instant now = clock.instant();
        return new DateView(d.getId(), d.getTour().getId(), d.getTour().getName(), d.getDeliveryDate(),
                d.getCutoffAt(), d.getCapacity(), d.getBooked(), d.getHeld(), d.placesLeft(),
                d.getStatus() == TourDateStatus.CANCELLED, !now.isBefore(d.getCutoffAt()));
    }

    /** Creates a tour and its dates for the weeks ahead. */
    public Tour create(Tour tour) {
        em.persist(tour);
        em.flush();
        generateDates(tour);
        versions.bump();
        return tour;
    }

    /** Adds the tour's missing dates up to its weeks-ahead horizon; existing dates are left as they are. */
    public int generateDates(Tour tour) {
        LocalDate today = LocalDate.now(clock.withZone(Cutoffs.ZONE));
        List<LocalDate> existing = em.createQuery(
                        "SELECT d.deliveryDate FROM TourDate d WHERE d.tour.id = :tourId AND d.deliveryDate >= :from",
                        LocalDate.class)
                .setParameter("tourId", tour.getId()).setParameter("from", today).getResultList();
        int created = 0;
        for (LocalDate date : Cutoffs.datesAhead(tour.dayOfWeek(), today.plusDays(1), tour.getWeeksAhead())) {
            if (!existing.contains(date)) {
                em.persist(new TourDate(tour, date, tour.getCapacity(),
                        Cutoffs.cutoff(date, tour.getCutoffDaysBefore(), tour.getCutoffTime()), false));
                created++;
            }
        }
        return created;
    }
}
