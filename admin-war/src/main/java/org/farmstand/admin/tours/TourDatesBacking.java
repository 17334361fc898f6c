package org.farmstand.admin.tours;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.component.UIInput;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.farmstand.admin.web.Formats;
import org.farmstand.admin.web.Messages;
import org.farmstand.admin.web.Pages;
import org.farmstand.tenancy.boundary.StaffRight;
import org.farmstand.tours.boundary.TourAdminService;
import org.farmstand.tours.entity.Tour;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A tour's dates (/tours/dates?id=N): change one date's capacity (never below booked + held), cancel a date
 * (its orders are cancelled and the customers mailed; the owner's), cancel the dates without orders left on the
 * tour's old weekday in one go (the owner's), add an extra date (a cancelled date's day opens that date again).
 */
@Named
@ViewScoped
public class TourDatesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    private Long id;
    private String tourName;
    private List<TourAdminService.DateRow> dates;
    private List<TourAdminService.OldWeekdayDate> oldWeekdayDates = List.of();
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
        oldWeekdayDates = service().oldWeekdayDates(id);
        dates = service().dates(id);
        capacities.clear();
        dates.forEach(d -> capacities.put(d.id(), d.capacity()));
    }

    public void resize(long dateId) {
        Integer capacity = capacities.get(dateId);
        var row = dates.stream().filter(d -> d.id() == dateId).findFirst();
        if (row.isEmpty()) { // not a date of this tour as the page showed it (a tampered or very old post)
            Pages.error(null, "dates.unknown");
            refresh();
            return;
        }
        if (capacity == null) {
            capacityError(dateId, capacity, "dates.invalidCapacity", day(row.get().date()));
            return;
        }
        // the capacity this page showed: if someone else changed it since, their change is not overwritten
        switch (service().resize(dateId, row.get().capacity(), capacity)) {
            case DONE -> {
                Pages.info("dates.resized");
                refresh();
            }
            case CONFLICT -> {
                Pages.error(null, "dates.conflict");
                refresh();
            }
            case BELOW_BOOKED -> capacityError(dateId, capacity, "dates.belowBooked",
                    row.get().booked() + row.get().held(), day(row.get().date()));
            default -> capacityError(dateId, capacity, "dates.invalidCapacity", day(row.get().date()));
        }
    }

    /**
     * A refused capacity: the message (which names the date) goes next to that date's field, which is marked invalid
     * (aria-invalid, as a field that failed validation) and keeps what was typed; the rest shows the database.
     */
    private void capacityError(long dateId, Integer typed, String key, Object... args) {
        refresh();
        int row = 0;
        while (row < dates.size() && dates.get(row).id() != dateId) {
            row++;
        }
        if (row == dates.size()) { // gone meanwhile (cancelled dates stay listed, so hardly ever)
            Pages.error(null, key, args);
            return;
        }
        String field = "dates:table:" + row + ":capacity";
        FacesContext faces = FacesContext.getCurrentInstance();
        // in the table's row: the table keeps the field's state per row until the page is rendered (an invalid
        // field shows what was submitted)
        faces.getViewRoot().invokeOnComponent(faces, field, (context, component) -> {
            UIInput input = (UIInput) component;
            input.setSubmittedValue(typed == null ? "" : typed.toString());
            input.setValid(false);
        });
        Pages.error(field, key, args);
    }

    /** Owner only ({@link StaffRight#CANCEL_TOUR_DATE}): staff see no cancel button; 403 when posted. */
    public void cancel(long dateId) {
        if (!Pages.allowed(StaffRight.CANCEL_TOUR_DATE)) {
            return;
        }
        if (dates.stream().noneMatch(d -> d.id() == dateId)) {
            return;
        }
        int orders = service().cancelDate(dateId);
        if (orders >= 0) {
            Pages.info("dates.cancelled", orders);
        }
        refresh();
    }

    /** "Cancel the delivery on Tue, 1 Dec 2026? Its 3 orders are cancelled and the customers told by mail." */
    public String cancelQuestion(TourAdminService.DateRow date) {
        return Messages.format("dates.cancel.confirm", day(date.date()), date.booked());
    }

    /** How many of {@link #getOldWeekdayDates()} have no orders (what {@link #cancelOldWeekday()} would cancel). */
    public long getOldWeekdayWithoutOrders() {
        return oldWeekdayDates.stream().filter(d -> d.orders() == 0).count();
    }

    public String getOldWeekdayQuestion() {
        return Messages.format("dates.oldWeekday.confirm", getOldWeekdayWithoutOrders());
    }

    /**
     * Cancels the old weekday's dates without orders in one go (after the tour moved to another weekday); the dates
     * with orders stay and are listed. Owner only ({@link StaffRight#CANCEL_TOUR_DATE}).
     */
    public void cancelOldWeekday() {
        if (!Pages.allowed(StaffRight.CANCEL_TOUR_DATE)) {
            return;
        }
        TourAdminService.OldWeekdayCancel result = service().cancelOldWeekdayDates(id);
        Pages.info("dates.oldWeekday.cancelled", result.cancelled());
        if (!result.kept().isEmpty()) {
            Pages.info("dates.oldWeekday.kept", result.kept().size(), result.kept().stream()
                    .map(d -> day(d.date())).collect(Collectors.joining(", ")));
        }
        refresh();
    }

    public void add() {
        switch (service().addDate(id, extraDate)) {
            case DONE -> {
                Pages.info("dates.added");
                extraDate = null;
            }
            case REOPENED -> {
                Pages.info("dates.reopened");
                extraDate = null;
            }
            case ALREADY_EXISTS -> Pages.error("extra:date", "dates.exists");
            // its cut-off has passed: name it, so the producer sees why and which date would still work
            case PAST_CUTOFF -> Pages.error("extra:date", "dates.pastCutoff",
                    CDI.current().select(Formats.class).get().dateTime(service().cutoffFor(id, extraDate)));
            default -> Pages.error("extra:date", "dates.invalidDate");
        }
        refresh();
    }

    /** A date as the page shows it (fmt.date). */
    private static String day(LocalDate date) {
        return CDI.current().select(Formats.class).get().date(date);
    }

    private static TourAdminService service() {
        return CDI.current().select(TourAdminService.class).get();
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getTourName() { return tourName; }
    public List<TourAdminService.DateRow> getDates() { return dates; }
    public List<TourAdminService.OldWeekdayDate> getOldWeekdayDates() { return oldWeekdayDates; }
    public Map<Long, Integer> getCapacities() { return capacities; }
    public LocalDate getExtraDate() { return extraDate; }
    public void setExtraDate(LocalDate extraDate) { this.extraDate = extraDate; }
}
