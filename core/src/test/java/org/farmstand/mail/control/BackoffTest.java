package org.farmstand.mail.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void startsAtThirtySecondsAndDoubles() {
        assertThat(Backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(Backoff.delayAfter(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(Backoff.delayAfter(7)).isEqualTo(Duration.ofMinutes(32));
    }

    @Test
    void isCappedAtOneHourAndNeverOverflows() {
        assertThat(Backoff.delayAfter(8)).isEqualTo(Duration.ofHours(1));
        assertThat(Backoff.delayAfter(47)).isEqualTo(Duration.ofHours(1));
        assertThat(Backoff.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void givesUpOnlyAfterAboutTwoDaysOfFailures() {
        Duration waited = Duration.ZERO;
        int attempts = 1;
        while (!Backoff.giveUp(attempts)) {
            waited = waited.plus(Backoff.delayAfter(attempts));
            attempts++;
        }
        assertThat(attempts).isEqualTo(48);
        // an SMTP outage of a day loses nothing
        assertThat(waited).isGreaterThan(Duration.ofHours(24));
    }

    @Test
    void rateLimiterAllowsAMinutesWorthThenRefills() {
        RateLimiter limiter = new RateLimiter(60, 0);
        assertThat(limiter.available(0)).isEqualTo(60);
        limiter.take(60, 0);
        assertThat(limiter.available(0)).isZero();
        assertThat(limiter.available(1_000)).isEqualTo(1);
        assertThat(limiter.available(120_000)).isEqualTo(60);
    }
}
