package org.farmstand.admin.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import org.farmstand.tours.control.Cutoffs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Date formatting for admin pages, in the shop's zone and the page's language: #{fmt.date(d)}, #{fmt.dateTime(i)}. */
@Named("fmt")
@ApplicationScoped
public class Formats {

    private static Locale locale() {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces == null || faces.getViewRoot() == null ? Locale.GERMAN : faces.getViewRoot().getLocale();
    }

    public String date(LocalDate date) {
        return date == null ? "" : date.format(DateTimeFormatter.ofPattern("EE dd.MM.yyyy", locale()));
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : instant.atZone(Cutoffs.ZONE)
                .format(DateTimeFormatter.ofPattern("EE dd.MM.yyyy HH:mm", locale()));
    }
}
