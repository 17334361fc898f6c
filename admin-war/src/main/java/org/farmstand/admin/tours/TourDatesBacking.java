package org.farmstand.admin.tours;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.farmstand.admin.web.Pages;
import org.farmstand.tours.boundary.TourAdminService;
import org.farmstand.tours.entity.Tour;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tour's dates (/tours/dates?id=N): change one date's capacity (never below booked + held), cancel a date
 * (its orders are cancelled and the customers mailed), add an extra date.
 */
@Named
@ViewScoped
public class TourDatesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    private Long id;
    private String tourName;
    private List<TourAdminService.DateRow> dates;
    private final Map<Long, Integer> capacities = new HashMap<>();
    private LocalDate extraDate;

    public void load() {
        if (id == null) {
            Pages.notFound();
            return;
        }
        var tour = service().tour(id);
        if (tour.isEmpty()) {
            Pages.notFound();
            return;
        }
        tourName = tour.map(Tour::getName).orElseThrow();
        refresh();
    }

    private void refresh() {
        dates = service().dates(id);
        capacities.clear();
        dates.forEach(d -> capacities.put(d.id(), d.capacity()));
    }

    public void resize(long dateId) {
        Integer capacity = capacities.get(dateId);
        var row = dates.stream().filter(d -> d.id() == dateId).findFirst();
        if (row.isEmpty() || capacity == null) {
            Pages.error(null, "dates.invalidCapacity");
            return;
        }
        // the capacity this page showed: if someone else changed it since, their change is not overwritten
        switch (service().resize(dateId, row.get().capacity(), capacity)) {
            case DONE -> Pages.info("dates.resized");
            case CONFLICT -> Pages.error(null, "dates.conflict");
            case BELOW_BOOKED -> Pages.error(null, "dates.belowBooked", row.get().booked() + row.get().held());
            default -> Pages.error(null, "dates.invalidCapacity");
        }
        refresh();
    }

    public void cancel(long dateId) {
        if (dates.stream().noneMatch(d -> d.id() == dateId)) {
            return;
        }
        int orders = service().cancelDate(dateId);
        if (orders >= 0) {
            Pages.info("dates.cancelled", orders);
        }
        refresh();
    }

    public void add() {
        switch (service().addDate(id, extraDate)) {
            case DONE -> {
                Pages.info("dates.added");
                extraDate = null;
            }
            case ALREADY_EXISTS -> Pages.error("extra:date", "dates.exists");
            default -> Pages.error("extra:date", "dates.invalidDate");
        }
        refresh();
    }

    private static TourAdminService service() {
        return CDI.current().select(TourAdminService.class).get();
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getTourName() { return tourName; }
    public List<TourAdminService.DateRow> getDates() { return dates; }
    public Map<Long, Integer> getCapacities() { return capacities; }
    public LocalDate getExtraDate() { return extraDate; }
    public void setExtraDate(LocalDate extraDate) { this.extraDate = extraDate; }
}
