package org.farmstand.ordering.control;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class PastDatesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    @Test
    void withoutADayTheEarlierDatesEndYesterday() {
        assertThat(PastDates.limit(TODAY, null)).isEqualTo(TODAY);
    }

    @Test
    void aChosenDayIsIncluded() {
        assertThat(PastDates.limit(TODAY, LocalDate.of(2026, 11, 24))).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(PastDates.limit(TODAY, TODAY.minusDays(1))).isEqualTo(TODAY);
    }

    @Test
    void todayAndLaterDaysAreUpcomingNotEarlier() {
        assertThat(PastDates.limit(TODAY, TODAY)).isEqualTo(TODAY);
        assertThat(PastDates.limit(TODAY, TODAY.plusDays(30))).isEqualTo(TODAY);
    }
}
