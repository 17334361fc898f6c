package org.farmstand.admin.tours;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.farmstand.admin.web.Pages;
import org.farmstand.platform.web.Causes;
import org.farmstand.tenancy.boundary.StaffAccess;
import org.farmstand.tenancy.boundary.StaffRight;
import org.farmstand.tours.boundary.TourAdminService;
import org.farmstand.tours.control.Postcodes;
import org.farmstand.tours.entity.Tour;

import java.io.Serializable;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Creates and edits a tour (/tours/edit, /tours/edit?id=N); saving adds the tour's missing dates. Moving an existing
 * tour to another weekday is the owner's ({@link StaffRight#CHANGE_TOUR_WEEKDAY}).
 */
@Named
@ViewScoped
public class EditTourBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    private Long id;
    private Tour tour;

    public void load() {
        if (tour != null) {
            return;
        }
        if (id == null) {
            tour = new Tour();
            return;
        }
        service().tour(id).ifPresentOrElse(t -> tour = t, Pages::notFound);
    }

    public void save() {
        if (!Postcodes.valid(tour.getPostcodes())) {
            Pages.error("tour:postcodes", "tours.edit.postcodes.invalid");
            return;
        }
        if (!tour.isNew() && !StaffAccess.allows(StaffRight.CHANGE_TOUR_WEEKDAY)
                && service().tour(tour.getId()).map(t -> t.getWeekday() != tour.getWeekday()).orElse(false)) {
            // the select is disabled for staff; a forged form gets this message, and the service refuses it too
            Pages.error("tour:weekday", "tours.edit.weekday.ownerOnly");
            return;
        }
        try {
            TourAdminService.Saved saved = service().save(tour);
            Pages.info("tours.edit.saved", saved.tour().getName());
            if (saved.changed() > 0) {
                Pages.info("tours.edit.datesChanged", saved.changed());
            }
            if (saved.keptCapacity() > 0) {
                Pages.info("tours.edit.datesKeptCapacity", saved.keptCapacity());
            }
            if (saved.keptOldWeekday() > 0) {
                Pages.info("tours.edit.datesOldWeekday", saved.keptOldWeekday());
            }
            Pages.redirect("/tours/dates?id=" + saved.tour().getId());
        } catch (RuntimeException e) {
            if (!Causes.optimisticLock(e)) {
                throw e;
            }
            Pages.error(null, "tours.edit.conflict");
        }
    }

    public List<Integer> getWeekdays() {
        return IntStream.rangeClosed(1, 7).boxed().toList();
    }

    private static TourAdminService service() {
        return CDI.current().select(TourAdminService.class).get();
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Tour getTour() { return tour; }
}
