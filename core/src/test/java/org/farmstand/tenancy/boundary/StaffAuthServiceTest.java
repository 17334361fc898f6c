package org.farmstand.tenancy.boundary;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StaffAuthServiceTest {

    @Test
    void firstFailuresAreFreeThenTheLockDoublesUpToFifteenMinutes() {
        assertThat(StaffAuthService.lockFor(0)).isEqualTo(Duration.ZERO);
        assertThat(StaffAuthService.lockFor(4)).isEqualTo(Duration.ZERO);
        assertThat(StaffAuthService.lockFor(5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(StaffAuthService.lockFor(6)).isEqualTo(Duration.ofSeconds(4));
        assertThat(StaffAuthService.lockFor(50)).isEqualTo(Duration.ofMinutes(15));
    }
}
