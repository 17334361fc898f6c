package org.farmstand.tours.control;

import org.farmstand.tours.entity.TourDateStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DateOrderingTest {

    static final Instant CUTOFF = Instant.parse("2026-12-01T17:00:00Z");

    @Test
    void anOpenDateTakesOrdersUntilItsCutoff() {
        assertThat(DateOrdering.closed(TourDateStatus.OPEN, CUTOFF, CUTOFF.minusSeconds(1))).isNull();
        assertThat(DateOrdering.closed(TourDateStatus.OPEN, CUTOFF, CUTOFF)).isEqualTo(DateOrdering.Closed.PAST_CUTOFF);
        assertThat(DateOrdering.closed(TourDateStatus.OPEN, CUTOFF, CUTOFF.plusSeconds(3600)))
                .isEqualTo(DateOrdering.Closed.PAST_CUTOFF);
    }

    @Test
    void aDateTheFarmCancelledIsCancelledNotPastTheCutoffBeforeAndAfterIt() {
        assertThat(DateOrdering.closed(TourDateStatus.CANCELLED, CUTOFF, CUTOFF.minusSeconds(86_400)))
                .isEqualTo(DateOrdering.Closed.CANCELLED);
        assertThat(DateOrdering.closed(TourDateStatus.CANCELLED, CUTOFF, CUTOFF.plusSeconds(60)))
                .isEqualTo(DateOrdering.Closed.CANCELLED);
    }

    @Test
    void eachReasonHasItsOwnMessage() {
        assertThat(DateOrdering.Closed.CANCELLED.reasonKey()).isEqualTo("order.invalid.dateCancelled");
        assertThat(DateOrdering.Closed.PAST_CUTOFF.reasonKey()).isEqualTo("order.invalid.pastCutoff");
    }
}
