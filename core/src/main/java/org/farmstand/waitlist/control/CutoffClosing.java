package org.farmstand.waitlist.control;

import org.farmstand.tours.control.Cutoffs;
import org.farmstand.waitlist.entity.WaitlistStatus;

import java.time.Instant;
import java.time.LocalDate;

/**
 * When a date's waiting list ends because ordering for the date has closed, and whether those still waiting are told.
 * Placing an order (an offer's too) is refused from the cut-off on, so from then on no place can come free for anyone
 * on the list.
 */
public final class CutoffClosing {

    private CutoffClosing() {
    }

    /** Ordering for a date has closed from its cut-off on (the instant the checkout refuses from). */
    public static boolean closed(Instant cutoffAt, Instant now) {
        return !now.isBefore(cutoffAt);
    }

    /**
     * The status an entry is shown with: from the cut-off on, a live entry of an open date is shown as the sweep will
     * end it (a waiting one without a place, an offer run out), also in the seconds until a sweep has run.
     */
    public static WaitlistStatus shown(WaitlistStatus status, boolean dateOpen, Instant cutoffAt, Instant now) {
        if (!dateOpen || !closed(cutoffAt, now)) {
            return status;
        }
        return status == WaitlistStatus.WAITING ? WaitlistStatus.NO_PLACE
                : status == WaitlistStatus.OFFERED ? WaitlistStatus.EXPIRED : status;
    }

    /**
     * Whether those still waiting are told by mail that no place became free: up to and including the delivery day
     * (in the shops' zone). A list found open only after its delivery day (no sweep ran meanwhile, or entries left
     * open before lists were closed at the cut-off) ends without a mail: news about a day gone by helps no one.
     */
    public static boolean tellsWaiting(LocalDate deliveryDate, Instant now) {
        return !deliveryDate.isBefore(LocalDate.ofInstant(now, Cutoffs.ZONE));
    }
}
