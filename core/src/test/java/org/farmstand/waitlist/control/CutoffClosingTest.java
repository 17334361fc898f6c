package org.farmstand.waitlist.control;

import org.farmstand.tours.control.Cutoffs;
import org.farmstand.waitlist.entity.WaitlistStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

class CutoffClosingTest {

    private static Instant berlin(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(Cutoffs.ZONE).toInstant();
    }

    @Test
    void aListClosesAtTheCutoffItself() {
        LocalDate delivery = LocalDate.of(2026, 12, 1);
        Instant cutoff = Cutoffs.cutoff(delivery, 2, LocalTime.of(18, 0));
        assertThat(CutoffClosing.closed(cutoff, cutoff.minusMillis(1))).as("a moment before").isFalse();
        assertThat(CutoffClosing.closed(cutoff, cutoff)).as("at the cut-off, as the checkout refuses").isTrue();
        assertThat(CutoffClosing.closed(cutoff, cutoff.plusSeconds(30))).isTrue();
    }

    @Test
    void fromTheCutoffOnALiveEntryIsShownAsTheSweepWillEndIt() {
        Instant cutoff = Cutoffs.cutoff(LocalDate.of(2026, 12, 1), 2, LocalTime.of(18, 0));
        Instant before = cutoff.minusSeconds(1);
        for (WaitlistStatus status : WaitlistStatus.values()) {
            assertThat(CutoffClosing.shown(status, true, cutoff, before)).as("before: as stored").isEqualTo(status);
            assertThat(CutoffClosing.shown(status, false, cutoff, cutoff)).as("a cancelled date: as stored")
                    .isEqualTo(status);
        }
        assertThat(CutoffClosing.shown(WaitlistStatus.WAITING, true, cutoff, cutoff)).isEqualTo(WaitlistStatus.NO_PLACE);
        assertThat(CutoffClosing.shown(WaitlistStatus.OFFERED, true, cutoff, cutoff)).isEqualTo(WaitlistStatus.EXPIRED);
        assertThat(CutoffClosing.shown(WaitlistStatus.ACCEPTED, true, cutoff, cutoff)).isEqualTo(WaitlistStatus.ACCEPTED);
        assertThat(CutoffClosing.shown(WaitlistStatus.WITHDRAWN, true, cutoff, cutoff)).isEqualTo(WaitlistStatus.WITHDRAWN);
        assertThat(CutoffClosing.shown(WaitlistStatus.REMOVED, true, cutoff, cutoff)).as("removed by the farm: stays so")
                .isEqualTo(WaitlistStatus.REMOVED);
    }

    @Test
    void thoseWaitingAreToldUpToTheDeliveryDayInTheShopsZone() {
        LocalDate delivery = LocalDate.of(2026, 12, 1);
        assertThat(CutoffClosing.tellsWaiting(delivery, berlin(delivery.minusDays(2), 18, 0))).isTrue();
        assertThat(CutoffClosing.tellsWaiting(delivery, berlin(delivery, 23, 59))).as("still the delivery day").isTrue();
        // 23:30 UTC on the delivery day is already the next day in Berlin
        assertThat(CutoffClosing.tellsWaiting(delivery, delivery.atTime(23, 30).toInstant(java.time.ZoneOffset.UTC)))
                .isFalse();
        assertThat(CutoffClosing.tellsWaiting(delivery, berlin(delivery.plusDays(1), 0, 0))).isFalse();
        assertThat(CutoffClosing.tellsWaiting(delivery, berlin(delivery.plusDays(200), 9, 0)))
                .as("an old list found open is closed without a mail").isFalse();
    }
}
