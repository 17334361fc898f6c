package org.farmstand.storefront.checkout;

import org.farmstand.storefront.checkout.CheckoutBacking.DateOption;
import org.farmstand.tours.boundary.TourService.DateView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;

/** The checkout's date choice as the page shows it: texts, state and preselection per date, in both languages. */
class CheckoutDateOptionsTest {

    private static final String BUNDLE = "org.farmstand.storefront.i18n.Messages";
    private static final Instant CUTOFF = Instant.parse("2026-12-01T17:00:00Z"); // 18:00 in the shop's zone

    private static DateView date(long id, int placesLeft, boolean cancelled, boolean pastCutoff) {
        return new DateView(id, 7, "Nord", LocalDate.of(2026, 12, 2), CUTOFF, 10, 10 - placesLeft, 0, placesLeft,
                cancelled, pastCutoff);
    }

    private static List<DateOption> options(Locale page, Locale format, Long selected, DateView... dates) {
        return CheckoutBacking.dateOptions(List.of(dates), selected, ResourceBundle.getBundle(BUNDLE, page), format);
    }

    @Test
    void orderableDatesSayPlacesAndCutoffInGerman() {
        List<DateOption> o = options(Locale.GERMAN, Locale.GERMANY, 2L, date(1, 5, false, false),
                date(2, 1, false, false));
        assertThat(o).extracting(DateOption::label).containsExactly(
                "Mittwoch, 2. Dezember 2026 (Nord) – noch 5 Plätze frei, bestellen bis Dienstag, 1. Dezember, 18:00",
                "Mittwoch, 2. Dezember 2026 (Nord) – noch 1 Platz frei, bestellen bis Dienstag, 1. Dezember, 18:00");
        assertThat(o).extracting(DateOption::cssClass).containsOnly("date-option");
        assertThat(o).extracting(DateOption::disabled).containsOnlyNulls();
        assertThat(o).extracting(DateOption::checked).containsExactly(null, "checked");
    }

    @Test
    void datesThatCannotBeOrderedAreDisabledWithTheirReasonInEnglish() {
        List<DateOption> o = options(Locale.ENGLISH, Locale.UK, null, date(1, 0, false, false),
                date(2, 3, false, true), date(3, 3, true, false), date(4, 1, false, false));
        assertThat(o).extracting(DateOption::label).containsExactly(
                "Wednesday, 2 December 2026 (Nord) – fully booked",
                "Wednesday, 2 December 2026 (Nord) – ordering closed",
                "Wednesday, 2 December 2026 (Nord) – no delivery",
                "Wednesday, 2 December 2026 (Nord) – 1 place left, order by Tuesday, 1 December, 18:00");
        assertThat(o).extracting(DateOption::cssClass).containsExactly("date-option disabled",
                "date-option disabled", "date-option disabled", "date-option");
        assertThat(o).extracting(DateOption::disabled).containsExactly("disabled", "disabled", "disabled", null);
        assertThat(o).extracting(DateOption::checked).containsOnlyNulls(); // the page preselects via the backing
    }

    @Test
    void noDatesNoOptions() {
        assertThat(options(Locale.GERMAN, Locale.GERMANY, null)).isEmpty();
    }
}
