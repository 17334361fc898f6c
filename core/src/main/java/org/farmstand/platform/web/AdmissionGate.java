package org.farmstand.platform.web;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Admission control of one node: at most {@code maxInFlight} requests are processed at once; ordinary requests may
 * use all but {@code reserved} of them, privileged ones (a signed-in customer's checkout, staff) all of them.
 * <p>
 * A request that finds no free place gets a queue number (carried by the visitor in a signed ticket cookie, see
 * {@link AdmissionTickets}) and a light "you are in the queue" page. Numbers are called in order: each finished
 * request, and each arrival that finds a free place, calls the next number (a newcomer two, so the queue also
 * drains when the waiting visitors have left). A newcomer without a number does not overtake a waiting queue: while
 * numbers are waiting, it queues too. A called number enters at its next refresh if there is room; one that finds
 * the node full again keeps its number (it is called already) and retries. The order is thus arrival order among
 * those who keep refreshing, not a strict FIFO of every request.
 * <p>
 * Plain atomics, no locks: the gate costs a few CAS operations per request.
 */
public final class AdmissionGate {

    /** No ticket presented. */
    public static final long NO_TICKET = 0;

    private volatile int maxInFlight;
    private volatile int reserved;
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

    public AdmissionGate(int maxInFlight, int reserved) {
        configure(maxInFlight, reserved);
    }

    /** Changes the limits (also at run time: existing permits stay valid). */
    public void configure(int maxInFlight, int reserved) {
        if (maxInFlight < 1 || reserved < 0 || reserved > maxInFlight) {
            throw new IllegalArgumentException("need 1 <= maxInFlight and 0 <= reserved <= maxInFlight, got "
                    + maxInFlight + "/" + reserved);
        }
        this.maxInFlight = maxInFlight;
        this.reserved = reserved;
    }

    /** The outcome of {@link #tryEnter}: admitted (release the permit when done) or queued with a number. */
    public record Decision(boolean admitted, long number, long position) {
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
        if (privileged) {
            if (acquire(maxInFlight)) {
                return admit();
            }
            return queue(ticket);
        }
        boolean waiting = calledBelow.get() < nextNumber.get();
        if (ticket == NO_TICKET && waiting) {
            // with room, a newcomer calls two numbers: one for the place it would have taken and one so that the
            // queue shrinks even if nobody comes back (visitors who left, cookieless clients)
            long number = nextNumber.getAndIncrement();
            if (callNextIfRoom()) {
                callNext();
            }
            return queue(number);
        }
        if (ticket != NO_TICKET && ticket >= calledBelow.get()) {
            callNextIfRoom();
            if (ticket >= calledBelow.get()) {
                return queue(ticket);
            }
        }
        if (acquire(maxInFlight - reserved)) {
            return admit();
        }
        return queue(ticket);
    }

    /** Ends an admitted request: its place goes to the next number in the queue. */
    public void release() {
        inFlight.decrementAndGet();
        callNext();
    }

    private boolean acquire(int limit) {
        while (true) {
            int current = inFlight.get();
            if (current >= limit) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    private Decision admit() {
        admitted.incrementAndGet();
        countForRate();
        return new Decision(true, NO_TICKET, 0);
    }

    private Decision queue(long ticket) {
        queued.incrementAndGet();
        long number = ticket != NO_TICKET ? ticket : nextNumber.getAndIncrement();
        return new Decision(false, number, Math.max(0, number - calledBelow.get() + 1));
    }

    private boolean callNextIfRoom() {
        if (inFlight.get() < maxInFlight - reserved) {
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

    public int maxInFlight() {
        return maxInFlight;
    }

    public int reserved() {
        return reserved;
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
