package org.farmstand.admin.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstPassesThenRequestsWaitForTheRefill() {
        ApiRateLimiter.Bucket bucket = new ApiRateLimiter.Bucket(3);
        long now = System.nanoTime();
        assertThat(bucket.take(1, 3, now)).isZero();
        assertThat(bucket.take(1, 3, now)).isZero();
        assertThat(bucket.take(1, 3, now)).isZero();
        assertThat(bucket.take(1, 3, now)).isEqualTo(1);
        assertThat(bucket.take(1, 3, now + SECOND)).isZero();
        assertThat(bucket.take(1, 3, now + SECOND)).isPositive();
    }

    @Test
    void theBucketNeverHoldsMoreThanTheBurst() {
        ApiRateLimiter.Bucket bucket = new ApiRateLimiter.Bucket(2);
        long later = System.nanoTime() + 3600 * SECOND;
        assertThat(bucket.take(10, 2, later)).isZero();
        assertThat(bucket.take(10, 2, later)).isZero();
        assertThat(bucket.take(10, 2, later)).isEqualTo(1);
    }
}
