package org.farmstand.bench;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The schedule of the bench's paced (open-model) checkout steps. */
class PacedStepTest {

    @Test
    void usersTakeTurnsSoThatTogetherTheyStartTheRate() {
        // two users at 10/s: user 0 at 0, 200, 400 ms; user 1 at 100, 300 ms
        assertThat(LoadBench.pacedStart(0, 0, 2, 10)).isZero();
        assertThat(LoadBench.pacedStart(0, 1, 2, 10)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(LoadBench.pacedStart(1, 0, 2, 10)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
        assertThat(LoadBench.pacedStart(2, 1, 2, 10)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
        // 10 s at 30/s with 2 users: the 300th start (user 1, iteration 149) comes before the end, the 301st not
        assertThat(LoadBench.pacedStart(149, 1, 2, 30)).isLessThan(TimeUnit.SECONDS.toNanos(10));
        assertThat(LoadBench.pacedStart(150, 0, 2, 30)).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void enoughUsersForTheRateButNoMoreThanThereAreCustomers() {
        assertThat(LoadBench.pacedUsers(10, 64)).isEqualTo(2);
        assertThat(LoadBench.pacedUsers(30, 64)).isEqualTo(2);
        assertThat(LoadBench.pacedUsers(100, 64)).isEqualTo(7);
        assertThat(LoadBench.pacedUsers(300, 16)).isEqualTo(16);
        assertThat(LoadBench.pacedUsers(10, 1)).isEqualTo(1);
    }
}
