package org.farmstand.mail.control;

import java.time.Duration;

/**
 * When a mail that could not be sent is tried again: 30 s after the first failure, doubling up to one hour, and given
 * up (FAILED) only after {@link #MAX_ATTEMPTS} attempts, i.e. after about two days of an unreachable SMTP server.
 */
public final class Backoff {

    public static final Duration FIRST = Duration.ofSeconds(30);
    public static final Duration CAP = Duration.ofHours(1);
    public static final int MAX_ATTEMPTS = 48;

    private Backoff() {
    }

    /** The pause before the next attempt, after {@code failedAttempts} (>= 1) failed attempts. */
    public static Duration delayAfter(int failedAttempts) {
        int exponent = Math.max(0, failedAttempts - 1);
        if (exponent >= 20) {
            return CAP;
        }
        Duration delay = FIRST.multipliedBy(1L << exponent);
        return delay.compareTo(CAP) > 0 ? CAP : delay;
    }

    /** Whether a mail is given up after {@code failedAttempts} failed attempts. */
    public static boolean giveUp(int failedAttempts) {
        return failedAttempts >= MAX_ATTEMPTS;
    }
}
