package org.farmstand.admin.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstPassesThenRequestsWaitForTheRefill() {
        long now = System.nanoTime();
        ApiRateLimiter.Bucket bucket = new ApiRateLimiter.Bucket(3, now);
        assertThat(bucket.take(1, 3, now)).isZero();
        assertThat(bucket.take(1, 3, now)).isZero();
        assertThat(bucket.take(1, 3, now)).isZero();
        assertThat(bucket.take(1, 3, now)).isEqualTo(1);
        assertThat(bucket.take(1, 3, now + SECOND)).isZero();
        assertThat(bucket.take(1, 3, now + SECOND)).isPositive();
    }

    @Test
    void theBucketNeverHoldsMoreThanTheBurst() {
        ApiRateLimiter.Bucket bucket = new ApiRateLimiter.Bucket(2, System.nanoTime());
        long later = System.nanoTime() + 3600 * SECOND;
        assertThat(bucket.take(10, 2, later)).isZero();
        assertThat(bucket.take(10, 2, later)).isZero();
        assertThat(bucket.take(10, 2, later)).isEqualTo(1);
    }

    @Test
    void aFloodOfNewKeysNeitherGrowsTheTableNorResetsKnownClients() {
        ApiRateLimiter.Buckets<String> clients = new ApiRateLimiter.Buckets<>(100);
        long now = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            clients.take("198.51.100.1", 1, 3, now);
        }
        assertThat(clients.peek("198.51.100.1", 1, 3, now)).isPositive();
        for (int i = 0; i < 10_000; i++) {
            clients.take("10.0." + (i / 256) + "." + (i % 256), 1, 3, now);
        }
        assertThat(clients.size()).isLessThanOrEqualTo(100);
        // the flooding client is still over its budget, and the newcomers beyond the table share one used-up bucket
        assertThat(clients.peek("198.51.100.1", 1, 3, now)).isPositive();
        assertThat(clients.peek("203.0.113.9", 1, 3, now)).isPositive();
    }

    @Test
    void bucketsThatFilledUpAgainMakeRoomForNewKeys() {
        ApiRateLimiter.Buckets<String> clients = new ApiRateLimiter.Buckets<>(10);
        long now = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            clients.take("10.0.0." + i, 1, 3, now);
        }
        long later = now + 10 * SECOND;
        assertThat(clients.take("203.0.113.9", 1, 3, later)).isZero();
        assertThat(clients.size()).isEqualTo(1);
    }

    @Test
    void anUnknownClientIsNotLimitedAndPeekingTakesNothing() {
        ApiRateLimiter.Buckets<String> clients = new ApiRateLimiter.Buckets<>(10);
        long now = System.nanoTime();
        assertThat(clients.peek("10.0.0.1", 1, 1, now)).isZero();
        assertThat(clients.peek("10.0.0.1", 1, 1, now)).isZero();
        assertThat(clients.size()).isZero();
        assertThat(clients.take("10.0.0.1", 1, 1, now)).isZero();
        assertThat(clients.peek("10.0.0.1", 1, 1, now)).isPositive();
    }
}
