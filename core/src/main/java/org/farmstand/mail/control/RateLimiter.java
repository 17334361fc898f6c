package org.farmstand.mail.control;

/**
 * A token bucket: at most {@code perMinute} mails a minute, with bursts up to one minute's worth. Not thread-safe on
 * purpose: one relay round runs at a time.
 */
final class RateLimiter {

    private final double perMilli;
    private final double capacity;
    private double tokens;
    private long last;

    RateLimiter(int perMinute, long nowMillis) {
        this.capacity = Math.max(1, perMinute);
        this.perMilli = capacity / 60_000d;
        this.tokens = capacity;
        this.last = nowMillis;
    }

    /** How many mails may be sent now (without taking them). */
    int available(long nowMillis) {
        refill(nowMillis);
        return (int) Math.floor(tokens);
    }

    void take(int n, long nowMillis) {
        refill(nowMillis);
        tokens = Math.max(0, tokens - n);
    }

    private void refill(long nowMillis) {
        if (nowMillis > last) {
            tokens = Math.min(capacity, tokens + (nowMillis - last) * perMilli);
            last = nowMillis;
        }
    }
}
