package org.farmstand.platform.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    @Test
    void accountsHaveFiveFreeFailuresThenTheLockDoublesUpToFifteenMinutes() {
        LoginThrottle rule = LoginThrottle.ACCOUNT;
        assertThat(rule.lockFor(0)).isZero();
        assertThat(rule.lockFor(4)).isZero();
        assertThat(rule.lockFor(5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(rule.lockFor(6)).isEqualTo(Duration.ofSeconds(4));
        assertThat(rule.lockFor(9)).isEqualTo(Duration.ofSeconds(32));
        assertThat(rule.lockFor(14)).isEqualTo(Duration.ofMinutes(15));
        assertThat(rule.lockFor(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void clientAddressesGetMoreFreeFailuresThanOneAccount() {
        assertThat(LoginThrottle.CLIENT.lockFor(19)).isZero();
        assertThat(LoginThrottle.CLIENT.lockFor(20)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theWaitCountsFromTheLastFailure() {
        Instant last = Instant.parse("2026-11-27T10:00:00Z");
        LoginThrottle rule = LoginThrottle.ACCOUNT;
        assertThat(rule.remaining(6, last, last.plusSeconds(1))).isEqualTo(Duration.ofSeconds(3));
        assertThat(rule.remaining(6, last, last.plusSeconds(4))).isZero();
        assertThat(rule.remaining(3, last, last)).isZero();
        assertThat(rule.remaining(10, null, last)).isZero();
    }
}
