package org.farmstand.platform.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Admission control of one node: at most {@link #limit()} requests are processed at once; ordinary requests may
 * use all but the reserved share of them, privileged ones (a signed-in customer's checkout, staff) all of them.
 * <p>
 * The limit is either fixed ({@code maxInFlight}) or adaptive ({@link AdaptiveLimit}: between a minimum and
 * {@code maxInFlight}, lowered while the admitted ordinary requests are slower than a target, raised while they are
 * fast and the limit is reached). Only ordinary requests teach the adaptive limit: it is there to turn away a flood
 * of visitors. A privileged request's time is mostly waiting that fewer places would not shorten for the buyers as a
 * whole — every order of a tour date waits for that date's row in turn — and learning from it made the gate throttle
 * signed-in customers who only queued for each other (in one closed-model bench step, 16 customers checking out
 * got the queue page for 807 of 2,100 requests). The reserved share is {@code reserved} at the full limit; below it, it is
 * {@code min(reserved, limit / 2)}: a shrinking limit takes places from the ordinary visitors first, and signed-in
 * customers keep at most half of a small limit.
 * <p>
 * A request that finds no free place gets a queue number (carried by the visitor in a signed ticket cookie, see
 * {@link AdmissionTickets}) and a light "you are in the queue" page. Numbers are called in order: each finished
 * request, and each arrival that finds a free place, calls the next number (a newcomer two, so the queue also
 * drains when the waiting visitors have left). A newcomer without a number does not overtake a waiting queue: while
 * numbers are waiting, it queues too. A called number enters at its next refresh if there is room; one that finds
 * the node full again keeps its number (it is called already) and retries. The order is thus arrival order among
 * those who keep refreshing, not a strict FIFO of every request.
 * <p>
 * Once the node has not been full for {@link #QUIET} (the surge is over), the first request that finds numbers still
 * waiting calls all of them: whoever still waits enters at the next refresh if there is room, and numbers of visitors
 * who left no longer hold newcomers back. (Calling one or two per request would leave a quiet node showing the queue
 * page for minutes after a surge in which thousands of visitors took a number and left.)
 * <p>
 * Plain atomics, no locks: the gate costs a few CAS operations per request.
 */
public final class AdmissionGate {

    /** No ticket presented. */
    public static final long NO_TICKET = 0;

    /**
     * How long the node must not have been full before the numbers still waiting are all called. In a surge some
     * request finds the node full every few milliseconds; 5 s without one means the surge is over. (Not as long as
     * the queue page's longest wait between two refreshes, 15 s: the node would stand idle while visitors wait.)
     */
    public static final Duration QUIET = Duration.ofSeconds(5);

    private volatile int maxInFlight;
    private volatile int reserved;
    /** null: the limit is fixed at maxInFlight. */
    private final AdaptiveLimit adaptive;
    private final LongSupplier nanoClock;
    /** The clock when a request last found no place (the node full at its limit). */
    private volatile long lastFullAt;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The next number to hand out. */
    private final AtomicLong nextNumber = new AtomicLong(1);
    /** Numbers below this one are called (may enter when there is room). */
    private final AtomicLong calledBelow = new AtomicLong(1);
    private final AtomicLong admitted = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    // admissions per second, measured over the last full second (for the wait estimate)
    private volatile long rateWindowStart = System.nanoTime();
    private volatile long rateWindowAdmitted;
    private volatile double admissionsPerSecond;

    /** A gate with the fixed limit {@code maxInFlight}. */
    public AdmissionGate(int maxInFlight, int reserved) {
        this(maxInFlight, reserved, null, System::nanoTime);
    }

    /**
     * A gate whose limit adapts to the service time of the admitted requests ({@code adaptive} settings; null: fixed
     * at {@code maxInFlight}), measured with {@code nanoClock} (which also tells how long the node has been quiet).
     */
    public AdmissionGate(int maxInFlight, int reserved, AdaptiveLimit.Settings adaptive, LongSupplier nanoClock) {
        validate(maxInFlight, reserved);
        this.adaptive = adaptive == null ? null : new AdaptiveLimit(adaptive, maxInFlight, nanoClock);
        this.nanoClock = nanoClock;
        this.lastFullAt = nanoClock.getAsLong();
        configure(maxInFlight, reserved);
    }

    /**
     * Changes the limits (also at run time: existing permits stay valid). An adaptive limit starts again at the new
     * maximum.
     */
    public void configure(int maxInFlight, int reserved) {
        validate(maxInFlight, reserved);
        this.maxInFlight = maxInFlight;
        this.reserved = reserved;
        if (adaptive != null) {
            adaptive.reset(maxInFlight);
        }
    }

    private static void validate(int maxInFlight, int reserved) {
        if (maxInFlight < 1 || reserved < 0 || reserved > maxInFlight) {
            throw new IllegalArgumentException("need 1 <= maxInFlight and 0 <= reserved <= maxInFlight, got "
                    + maxInFlight + "/" + reserved);
        }
    }

    /**
     * The outcome of {@link #tryEnter}: admitted (pass it to {@link #release(Decision)} when done) or queued with a
     * number. {@code admittedAt}: the gate's clock when admitted (for the service time), 0 when queued;
     * {@code privileged}: admitted as a privileged request (its service time does not teach the adaptive limit).
     */
    public record Decision(boolean admitted, long number, long position, long admittedAt, boolean privileged) {
    }

    /**
     * Tries to let a request in.
     *
     * @param privileged may use the reserved share (and does not queue behind ordinary visitors)
     * @param ticket     the verified queue number the visitor holds, or {@link #NO_TICKET}
     * @return admitted (then {@link #release()} exactly once), or queued with the visitor's (new or kept) number
     */
    public Decision tryEnter(boolean privileged, long ticket) {
        if (ticket >= nextNumber.get()) {
            ticket = NO_TICKET; // not issued by this gate (e.g. before a restart with the same key)
        }
        int limit = limit();
        int ordinary = limit - reservedShare(limit);
        if (privileged) {
            int now = acquire(limit);
            if (now > 0) {
                return admit(now, true);
            }
            return queue(ticket);
        }
        boolean waiting = calledBelow.get() < nextNumber.get();
        if (waiting && nanoClock.getAsLong() - lastFullAt > QUIET.toNanos()) {
            calledBelow.accumulateAndGet(nextNumber.get(), Math::max);
            waiting = false;
        }
        if (ticket == NO_TICKET && waiting) {
            // with room, a newcomer calls two numbers: one for the place it would have taken and one so that the
            // queue shrinks even if nobody comes back (visitors who left, cookieless clients)
            long number = nextNumber.getAndIncrement();
            if (callNextIfRoom(ordinary)) {
                callNext();
            }
            return queue(number);
        }
        if (ticket != NO_TICKET && ticket >= calledBelow.get()) {
            callNextIfRoom(ordinary);
            if (ticket >= calledBelow.get()) {
                return queue(ticket);
            }
        }
        int now = acquire(ordinary);
        if (now > 0) {
            return admit(now, false);
        }
        return queue(ticket);
    }

    /**
     * Ends an admitted request: its place goes to the next number in the queue; the service time of an ordinary
     * request counts for an adaptive limit.
     */
    public void release(Decision decision) {
        int before = inFlight.getAndDecrement();
        if (adaptive != null && decision.admitted() && !decision.privileged()) {
            adaptive.completed(decision.admittedAt(), before);
        }
        callNext();
    }

    /** Ends an admitted request without a service time (the limit does not learn from it). */
    public void release() {
        inFlight.decrementAndGet();
        callNext();
    }

    /** Takes a place below {@code limit}: the number in flight with it, or 0 if there was none (the node is full). */
    private int acquire(int limit) {
        while (true) {
            int current = inFlight.get();
            if (current >= limit) {
                lastFullAt = nanoClock.getAsLong();
                return 0;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return current + 1;
            }
        }
    }

    private Decision admit(int inFlightNow, boolean privileged) {
        admitted.incrementAndGet();
        countForRate();
        if (adaptive == null) {
            return new Decision(true, NO_TICKET, 0, 0, privileged);
        }
        adaptive.admitted(inFlightNow);
        return new Decision(true, NO_TICKET, 0, adaptive.now(), privileged);
    }

    private Decision queue(long ticket) {
        queued.incrementAndGet();
        if (adaptive != null) {
            adaptive.refused();
        }
        long number = ticket != NO_TICKET ? ticket : nextNumber.getAndIncrement();
        return new Decision(false, number, Math.max(0, number - calledBelow.get() + 1), 0, false);
    }

    private boolean callNextIfRoom(int ordinary) {
        if (inFlight.get() < ordinary) {
            callNext();
            return true;
        }
        return false;
    }

    private void callNext() {
        while (true) {
            long called = calledBelow.get();
            if (called >= nextNumber.get()) {
                return;
            }
            if (calledBelow.compareAndSet(called, called + 1)) {
                return;
            }
        }
    }

    private void countForRate() {
        long now = System.nanoTime();
        long start = rateWindowStart;
        if (now - start >= 1_000_000_000L) {
            long total = admitted.get();
            admissionsPerSecond = (total - rateWindowAdmitted) * 1e9 / (now - start);
            rateWindowAdmitted = total;
            rateWindowStart = now;
        }
    }

    /** Seconds a visitor at this queue position should wait before asking again (1 to 15). */
    public int retryAfterSeconds(long position) {
        if (position <= 1) {
            return 1;
        }
        double rate = Math.max(1.0, admissionsPerSecond);
        return (int) Math.max(2, Math.min(15, Math.ceil(position / rate)));
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** The configured maximum in flight (the fixed limit, or the upper bound of an adaptive one). */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** The configured reserved share (at the full limit). */
    public int reserved() {
        return reserved;
    }

    /** The current limit of requests in flight. */
    public int limit() {
        return adaptive == null ? maxInFlight : Math.min(adaptive.limit(), maxInFlight);
    }

    /** The places of the current limit that only privileged requests may use. */
    public int reservedShare() {
        return reservedShare(limit());
    }

    private int reservedShare(int limit) {
        int configured = reserved;
        return limit >= maxInFlight ? configured : Math.min(configured, limit / 2);
    }

    /** Whether the limit adapts to the service time. */
    public boolean adaptive() {
        return adaptive != null;
    }

    /**
     * The 90th percentile of the admitted requests' service time in the last judged window of an adaptive limit, in
     * ms; -1 before the first window and for a fixed limit.
     */
    public double latencyMillis() {
        return adaptive == null ? -1 : adaptive.latencyMillis();
    }

    /** The adaptive limit's target in ms; -1 for a fixed limit. */
    public long targetMillis() {
        return adaptive == null ? -1 : adaptive.targetMillis();
    }

    /** The adaptive limit's lower bound; the maximum for a fixed limit. */
    public int minLimit() {
        return adaptive == null ? maxInFlight : adaptive.minLimit();
    }

    /** Numbers handed out and not yet called. */
    public long waiting() {
        return Math.max(0, nextNumber.get() - calledBelow.get());
    }

    public long admittedCount() {
        return admitted.get();
    }

    public long queuedCount() {
        return queued.get();
    }
}
