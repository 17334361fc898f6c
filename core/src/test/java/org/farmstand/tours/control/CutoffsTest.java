package org.farmstand.tours.control;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class CutoffsTest {

    @Test
    void cutoffIsDaysBeforeAtLocalTime() {
        var cutoff = Cutoffs.cutoff(LocalDate.of(2026, 12, 1), 2, LocalTime.of(18, 0));
        assertThat(cutoff.atZone(Cutoffs.ZONE)).isEqualTo(ZonedDateTime.of(2026, 11, 29, 18, 0, 0, 0, Cutoffs.ZONE));
    }

    @Test
    void cutoffFollowsDaylightSavingTime() {
        // summer: 18:00 in Berlin is 16:00 UTC, winter 17:00 UTC
        assertThat(Cutoffs.cutoff(LocalDate.of(2026, 7, 3), 1, LocalTime.of(18, 0)).toString()).isEqualTo("2026-07-02T16:00:00Z");
        assertThat(Cutoffs.cutoff(LocalDate.of(2026, 1, 9), 1, LocalTime.of(18, 0)).toString()).isEqualTo("2026-01-08T17:00:00Z");
    }

    @Test
    void generatesTheTourWeekdayForTheWeeksAhead() {
        var dates = Cutoffs.datesAhead(DayOfWeek.TUESDAY, LocalDate.of(2026, 11, 27), 3);
        assertThat(dates).containsExactly(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 8), LocalDate.of(2026, 12, 15));
        assertThat(Cutoffs.datesAhead(DayOfWeek.FRIDAY, LocalDate.of(2026, 11, 27), 1)).containsExactly(LocalDate.of(2026, 11, 27));
    }
}
