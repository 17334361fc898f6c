package org.farmstand.admin.tours;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.farmstand.tours.boundary.TourAdminService;
import org.farmstand.tours.entity.Tour;

import java.util.List;

/** The shop's tours (/tours/list). */
@Named
@RequestScoped
public class TourListBacking {

    @Inject
    TourAdminService service;

    private List<Tour> tours;

    public List<Tour> getTours() {
        if (tours == null) {
            tours = service.tours();
        }
        return tours;
    }
}
