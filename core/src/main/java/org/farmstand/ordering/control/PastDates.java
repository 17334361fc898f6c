package org.farmstand.ordering.control;

import java.time.LocalDate;

/** Which delivery dates count as earlier ones: the admin's look-back for complaints (today's date is upcoming). */
public final class PastDates {

    private PastDates() {
    }

    /**
     * The first day the earlier dates leave out: today, or the day after {@code until} (the day the producer asked
     * for, included) when that is earlier. A day from today on asks for nothing new: the limit stays today.
     */
    public static LocalDate limit(LocalDate today, LocalDate until) {
        return until == null || !until.isBefore(today) ? today : until.plusDays(1);
    }
}
