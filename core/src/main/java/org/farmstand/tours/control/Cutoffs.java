package org.farmstand.tours.control;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** Date rules of tours: which dates a tour has, and when ordering for a date closes. */
public final class Cutoffs {

    /** Shops are in Central Europe for now; a per-tenant zone is a later setting. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private Cutoffs() {
    }

    /** Ordering closes {@code daysBefore} days before delivery at {@code time}, local time of the shop. */
    public static Instant cutoff(LocalDate deliveryDate, int daysBefore, LocalTime time) {
        return deliveryDate.minusDays(daysBefore).atTime(time).atZone(ZONE).toInstant();
    }

    /** The tour's weekdays from {@code from} (inclusive) for {@code weeks} weeks. */
    public static List<LocalDate> datesAhead(DayOfWeek weekday, LocalDate from, int weeks) {
        List<LocalDate> dates = new ArrayList<>();
        LocalDate first = from.with(TemporalAdjusters.nextOrSame(weekday));
        for (int i = 0; i < weeks; i++) {
            dates.add(first.plusWeeks(i));
        }
        return dates;
    }
}
