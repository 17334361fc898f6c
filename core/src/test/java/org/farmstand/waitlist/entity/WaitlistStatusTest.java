package org.farmstand.waitlist.entity;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

class WaitlistStatusTest {

    /** Only an entry in line or holding an offer is live; every way an entry ends (the farm's removal too) is not. */
    @Test
    void onlyWaitingAndOfferedAreLive() {
        EnumSet<WaitlistStatus> live = EnumSet.noneOf(WaitlistStatus.class);
        for (WaitlistStatus status : WaitlistStatus.values()) {
            if (status.live()) {
                live.add(status);
            }
        }
        assertThat(live).containsExactly(WaitlistStatus.WAITING, WaitlistStatus.OFFERED);
        assertThat(WaitlistStatus.REMOVED.live()).isFalse();
    }

    /** The column is VARCHAR(20) without a CHECK: every status name fits. */
    @Test
    void everyStatusFitsItsColumn() {
        for (WaitlistStatus status : WaitlistStatus.values()) {
            assertThat(status.name().length()).as(status.name()).isLessThanOrEqualTo(20);
        }
    }
}
