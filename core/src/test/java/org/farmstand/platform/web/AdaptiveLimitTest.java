package org.farmstand.platform.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdaptiveLimitTest {

    static final Duration WINDOW = Duration.ofSeconds(10);
    /** target 250 ms, at least 4, 10-s windows of at least 10 requests, a quarter less while too slow */
    static final AdaptiveLimit.Settings SETTINGS = new AdaptiveLimit.Settings(Duration.ofMillis(250), 4, WINDOW, 10, 0.75);

    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final AdaptiveLimit limit = new AdaptiveLimit(SETTINGS, 32, clock::get);

    static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /**
     * One window: requests with the given service times complete while {@code inFlight} requests are in flight; all
     * of them started after the window began, the last one completes when the window is due.
     */
    void window(int inFlight, long... latenciesMs) {
        long start = clock.get();
        long longest = Arrays.stream(latenciesMs).max().orElse(0);
        clock.set(start + ms(longest));
        for (int i = 0; i < latenciesMs.length - 1; i++) {
            limit.completed(clock.get() - ms(latenciesMs[i]), inFlight);
        }
        clock.set(start + Math.max(WINDOW.toNanos(), ms(longest)));
        limit.completed(clock.get() - ms(latenciesMs[latenciesMs.length - 1]), inFlight);
    }

    static long[] times(int n, long latencyMs) {
        long[] latencies = new long[n];
        Arrays.fill(latencies, latencyMs);
        return latencies;
    }

    @Test
    void aBusyNodeTooSlowForTheTargetLowersTheLimitByAQuarterDownToTheMinimum() {
        assertThat(limit.limit()).as("starts at the maximum").isEqualTo(32);
        int[] expected = {24, 18, 13, 9, 6, 4, 4};
        for (int next : expected) {
            window(limit.limit(), times(10, 600));
            assertThat(limit.limit()).isEqualTo(next);
        }
        assertThat(limit.decreases()).isEqualTo(6);
        assertThat(limit.latencyMillis()).isBetween(500.0, 600.0);
    }

    @Test
    void aSlowButLightlyUsedNodeKeepsItsLimitUntilVisitorsQueue() {
        window(3, times(10, 2000)); // slow, but 3 of 32 in flight: the limit is not what makes it slow
        assertThat(limit.limit()).isEqualTo(32);
        assertThat(limit.latencyMillis()).as("measured all the same").isGreaterThan(1500);

        limit.refused(); // now visitors are queued
        window(3, times(10, 2000));
        assertThat(limit.limit()).isEqualTo(24);
    }

    @Test
    void theLimitGrowsByOneOnlyWhileFastAndReached() {
        window(32, times(10, 600));
        window(24, times(10, 600));
        assertThat(limit.limit()).isEqualTo(18);

        window(5, times(10, 40)); // fast, but far below the limit: an idle node must not grow it
        assertThat(limit.limit()).isEqualTo(18);
        window(18, times(10, 40)); // the whole limit in flight and fast
        assertThat(limit.limit()).isEqualTo(19);
        limit.refused(); // somebody was queued and it is fast
        window(2, times(10, 40));
        assertThat(limit.limit()).isEqualTo(20);
        window(2, times(10, 40)); // the refusal counted for its own window only
        assertThat(limit.limit()).isEqualTo(20);

        for (int i = 0; i < 20; i++) {
            window(limit.limit(), times(10, 40));
        }
        assertThat(limit.limit()).as("never above the maximum").isEqualTo(32);
        assertThat(limit.increases()).isEqualTo(14);
    }

    @Test
    void theNinetiethPercentileDecides() {
        // one slow request in ten (10 %) is allowed: the limit was reached and the p90 is fast
        window(32, 40, 40, 40, 40, 40, 40, 40, 40, 40, 3000);
        assertThat(limit.limit()).isEqualTo(32);
        assertThat(limit.latencyMillis()).isLessThanOrEqualTo(250);

        window(32, 40, 40, 40, 40, 40, 40, 40, 40, 3000, 3000);
        assertThat(limit.limit()).isEqualTo(24);
        assertThat(limit.latencyMillis()).isGreaterThan(250);

        // exactly at the target is within it
        window(24, times(10, 250));
        assertThat(limit.limit()).isEqualTo(25);
    }

    @Test
    void aWindowIsJudgedOnlyWithEnoughRequests() {
        clock.addAndGet(ms(60_000)); // a quiet minute
        for (int i = 0; i < 9; i++) {
            limit.completed(clock.get() - ms(900), 32);
        }
        assertThat(limit.limit()).as("9 requests are too few").isEqualTo(32);
        assertThat(limit.latencyMillis()).as("nothing judged yet").isEqualTo(-1);
        limit.completed(clock.get() - ms(900), 32);
        assertThat(limit.limit()).isEqualTo(24);
    }

    @Test
    void requestsAdmittedBeforeAChangeDoNotCountForTheNextWindow() {
        long before = clock.get();
        window(32, times(10, 600));
        assertThat(limit.limit()).isEqualTo(24);

        // the requests admitted under the old limit finish late and slow: they say nothing about the new limit
        clock.addAndGet(WINDOW.toNanos() + ms(1000));
        for (int i = 0; i < 20; i++) {
            limit.completed(before, 32);
        }
        assertThat(limit.limit()).isEqualTo(24);

        // requests admitted since then do
        for (int i = 0; i < 10; i++) {
            limit.completed(clock.get() - ms(600), 24);
        }
        assertThat(limit.limit()).isEqualTo(18);
    }

    @Test
    void aResetStartsAgainAtTheNewMaximumAndTheMinimumNeverExceedsIt() {
        window(32, times(10, 600));
        limit.reset(64);
        assertThat(limit.limit()).isEqualTo(64);
        limit.reset(2);
        assertThat(limit.limit()).isEqualTo(2);
        assertThat(limit.minLimit()).isEqualTo(2);
        window(2, times(10, 600));
        assertThat(limit.limit()).isEqualTo(2);
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new AdaptiveLimit.Settings(Duration.ZERO, 4, WINDOW, 10, 0.75))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdaptiveLimit.Settings(Duration.ofMillis(250), 0, WINDOW, 10, 0.75))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdaptiveLimit.Settings(Duration.ofMillis(250), 4, WINDOW, 10, 1.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdaptiveLimit(SETTINGS, 0, clock::get)).isInstanceOf(IllegalArgumentException.class);
        assertThat(AdaptiveLimit.Settings.of(Duration.ofMillis(250), 4).window()).isEqualTo(Duration.ofSeconds(1));
    }
}
