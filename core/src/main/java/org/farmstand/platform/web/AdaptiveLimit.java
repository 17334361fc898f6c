package org.farmstand.platform.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * The in-flight limit of an {@link AdmissionGate}, adapted to the service time of the admitted requests (AIMD), so
 * that admitted requests stay fast under overload instead of merely being bounded in number.
 * <p>
 * Every admitted request's service time goes into a small histogram of the current window. A window closes after
 * {@link Settings#window()} once it holds at least {@link Settings#minSamples()} samples; then:
 * <ul>
 *   <li>if more than 10 % of them took longer than the target (the 90th percentile is above it) and the node was busy
 *   (a request was queued, or at least half the limit was in flight), the limit is multiplied by
 *   {@link Settings#backoff()} (at least one less), but not below the minimum;</li>
 *   <li>if the 90th percentile is within the target and the limit was actually reached (a request was queued, or the
 *   whole limit was in flight), it grows by one, up to the maximum. An idle or lightly used node keeps its limit:
 *   it would otherwise grow without evidence that more requests in flight stay fast.</li>
 * </ul>
 * Requests that started before the last change of the limit are not counted: they were admitted under the old limit
 * and say nothing about the new one (this keeps a slow phase from pushing the limit down several times in a row
 * before its first effect could be measured).
 * <p>
 * Lock-free: a completion costs one atomic increment of a histogram bucket and a few volatile reads; the window is
 * closed by whichever completion finds it due and wins a compare-and-set.
 */
public final class AdaptiveLimit {

    /** The rule steers this percentile of the service time. */
    static final int PERCENTILE = 90;

    /** Bucket upper bounds as multiples of the target; the target itself is a bound, so "above target" is exact. */
    private static final double[] BOUNDS_IN_TARGETS = {1.0 / 16, 1.0 / 8, 1.0 / 4, 1.0 / 2, 3.0 / 4, 1, 1.5, 2, 3, 4, 6, 8,
            16, 32, 64};

    /**
     * @param target     service time the admitted requests' 90th percentile should stay below
     * @param minLimit   the limit never goes below this (nor above the gate's maximum)
     * @param window     shortest measuring window
     * @param minSamples a window is only judged with at least this many completed requests (it stays open until then)
     * @param backoff    factor applied to the limit while too slow (0 &lt; backoff &lt; 1)
     */
    public record Settings(Duration target, int minLimit, Duration window, int minSamples, double backoff) {

        public Settings {
            if (target == null || target.isNegative() || target.isZero() || minLimit < 1 || window == null
                    || window.isNegative() || window.isZero() || minSamples < 1 || !(backoff > 0 && backoff < 1)) {
                throw new IllegalArgumentException("invalid adaptive limit settings: target " + target + ", min "
                        + minLimit + ", window " + window + ", samples " + minSamples + ", backoff " + backoff);
            }
        }

        /** One-second windows of at least 10 requests, a quarter less while too slow. */
        public static Settings of(Duration target, int minLimit) {
            return new Settings(target, minLimit, Duration.ofSeconds(1), 10, 0.75);
        }
    }

    private final Settings settings;
    private final LongSupplier nanoClock;
    private final long targetNanos;
    private final long windowNanos;
    /** Upper bounds (inclusive) of all buckets but the last, which is open. */
    private final long[] upper;
    /** Samples in buckets above this index took longer than the target. */
    private final int targetBucket;
    private final AtomicLongArray counts;
    private final AtomicLong windowMax = new AtomicLong();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private volatile boolean refused;
    private final AtomicBoolean closing = new AtomicBoolean();

    private volatile int max;
    private volatile int limit;
    private volatile long windowStart;
    private volatile long changedAt;
    private volatile long lastEstimateNanos = -1;
    private volatile long decreases;
    private volatile long increases;

    public AdaptiveLimit(Settings settings, int max, LongSupplier nanoClock) {
        this.settings = settings;
        this.nanoClock = nanoClock;
        this.targetNanos = settings.target().toNanos();
        this.windowNanos = settings.window().toNanos();
        this.upper = new long[BOUNDS_IN_TARGETS.length];
        int target = -1;
        for (int i = 0; i < upper.length; i++) {
            upper[i] = Math.round(BOUNDS_IN_TARGETS[i] * targetNanos);
            if (BOUNDS_IN_TARGETS[i] == 1) {
                target = i;
            }
        }
        this.targetBucket = target;
        this.counts = new AtomicLongArray(upper.length + 1);
        reset(max);
    }

    /** A new maximum (configuration change): the limit starts again at it, the current window is dropped. */
    public void reset(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        long now = nanoClock.getAsLong();
        this.max = max;
        this.limit = max;
        this.changedAt = now;
        this.windowStart = now;
        for (int i = 0; i < counts.length(); i++) {
            counts.set(i, 0);
        }
        windowMax.set(0);
        peakInFlight.set(0);
        refused = false;
    }

    /** The current limit, between {@link #minLimit()} and {@link #max()}. */
    public int limit() {
        return limit;
    }

    public int max() {
        return max;
    }

    /** The configured minimum, or the maximum if that is lower. */
    public int minLimit() {
        return Math.min(settings.minLimit(), max);
    }

    public Settings settings() {
        return settings;
    }

    /** The clock the start times passed to {@link #completed} come from. */
    public long now() {
        return nanoClock.getAsLong();
    }

    /** A request was let in; {@code inFlight} requests are in flight now. */
    public void admitted(int inFlight) {
        observe(inFlight);
    }

    /** A request was queued (no room, or others waiting before it): demand exceeds the limit. */
    public void refused() {
        if (!refused) {
            refused = true;
        }
    }

    /**
     * An admitted request has finished.
     *
     * @param startedAt        {@link #now()} when it was admitted
     * @param inFlightBefore   requests in flight including this one, just before it ended
     */
    public void completed(long startedAt, int inFlightBefore) {
        observe(inFlightBefore);
        long now = nanoClock.getAsLong();
        if (startedAt - changedAt >= 0) {
            record(Math.max(0, now - startedAt));
        }
        if (now - windowStart >= windowNanos) {
            closeWindow(now);
        }
    }

    private void observe(int inFlight) {
        if (inFlight > peakInFlight.get()) {
            peakInFlight.accumulateAndGet(inFlight, Math::max);
        }
    }

    private void record(long nanos) {
        int i = 0;
        while (i < upper.length && nanos > upper[i]) {
            i++;
        }
        counts.incrementAndGet(i);
        if (nanos > windowMax.get()) {
            windowMax.accumulateAndGet(nanos, Math::max);
        }
    }

    private void closeWindow(long now) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            if (now - windowStart < windowNanos) {
                return; // closed by another thread meanwhile
            }
            long total = 0;
            for (int i = 0; i < counts.length(); i++) {
                total += counts.get(i);
            }
            if (total < settings.minSamples()) {
                return; // too few to judge: the window stays open
            }
            long[] window = new long[counts.length()];
            total = 0;
            for (int i = 0; i < window.length; i++) {
                window[i] = counts.getAndSet(i, 0);
                total += window[i];
            }
            long maxNanos = windowMax.getAndSet(0);
            int peak = peakInFlight.getAndSet(0);
            boolean wasRefused = refused;
            refused = false;
            windowStart = now;

            long slow = 0;
            for (int i = targetBucket + 1; i < window.length; i++) {
                slow += window[i];
            }
            lastEstimateNanos = percentile(window, total, maxNanos);
            boolean tooSlow = slow * 100 > total * (100 - PERCENTILE);
            int current = limit;
            int next = current;
            if (tooSlow && (wasRefused || 2 * peak >= current)) {
                next = Math.max(minLimit(), Math.min(current - 1, (int) (current * settings.backoff())));
            } else if (!tooSlow && (wasRefused || peak >= current)) {
                next = Math.min(max, current + 1);
            }
            if (next != current) {
                if (next < current) {
                    decreases++;
                } else {
                    increases++;
                }
                limit = next;
                changedAt = now;
            }
        } finally {
            closing.set(false);
        }
    }

    /** The {@link #PERCENTILE} of a window, interpolated within its bucket. */
    private long percentile(long[] window, long total, long maxNanos) {
        long rank = (total * PERCENTILE + 99) / 100;
        long below = 0;
        for (int i = 0; i < window.length; i++) {
            if (below + window[i] >= rank) {
                long lower = i == 0 ? 0 : upper[i - 1];
                long top = i < upper.length ? Math.min(upper[i], Math.max(maxNanos, lower)) : Math.max(maxNanos, lower);
                return lower + Math.round((top - lower) * (double) (rank - below) / window[i]);
            }
            below += window[i];
        }
        return maxNanos;
    }

    /** The 90th percentile of the service time in the last judged window, in ms; -1 before the first one. */
    public double latencyMillis() {
        long nanos = lastEstimateNanos;
        return nanos < 0 ? -1 : nanos / 1e6;
    }

    public long targetMillis() {
        return settings.target().toMillis();
    }

    /** How often the limit was lowered / raised since the start. */
    public long decreases() {
        return decreases;
    }

    public long increases() {
        return increases;
    }
}
