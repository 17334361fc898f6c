package org.farmstand.platform.security;

import java.time.Duration;
import java.time.Instant;

/**
 * The rule for throttling sign-ins, shared by staff and customer sign-in: the first {@code freeAttempts} failures
 * cost nothing, then every further failure locks the subject (an account, an e-mail address, a client address) for a
 * time that doubles with each failure: 2, 4, 8 ... seconds, capped at {@code maxLock}.
 */
public record LoginThrottle(int freeAttempts, Duration maxLock) {

    /** Staff accounts and customer e-mail addresses: 5 free failures, then up to 15 minutes. */
    public static final LoginThrottle ACCOUNT = new LoginThrottle(5, Duration.ofMinutes(15));

    /** A client address (many people may share one behind a router): 20 free failures, then up to 15 minutes. */
    public static final LoginThrottle CLIENT = new LoginThrottle(20, Duration.ofMinutes(15));

    /** The longer of two waits (an account's and a client's lock). */
    public static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** How long {@code failures} failures lock the subject, counted from the last failure. */
    public Duration lockFor(int failures) {
        if (failures < freeAttempts) {
            return Duration.ZERO;
        }
        int exponent = Math.min(failures - freeAttempts + 1, 20);
        long seconds = 1L << exponent;
        return seconds >= maxLock.toSeconds() ? maxLock : Duration.ofSeconds(seconds);
    }

    /** The time still to wait at {@code now}, or zero when a new attempt may be made. */
    public Duration remaining(int failures, Instant lastFailedAt, Instant now) {
        if (lastFailedAt == null) {
            return Duration.ZERO;
        }
        Instant until = lastFailedAt.plus(lockFor(failures));
        return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
    }
}
