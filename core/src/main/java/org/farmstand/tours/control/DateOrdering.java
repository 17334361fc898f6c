package org.farmstand.tours.control;

import org.farmstand.tours.entity.TourDate;
import org.farmstand.tours.entity.TourDateStatus;

import java.time.Instant;

/**
 * Whether a tour date takes orders now, and if not, why: the farm cancelled it (a holiday), or ordering for it has
 * closed (its cut-off has passed). Placing an order, moving an order to another date and joining a date's waiting
 * list ask this one rule, so a date the farm cancelled is never refused as "past the cut-off". Capacity is not part
 * of it (the conditional UPDATE of {@link Capacity} decides that).
 */
public final class DateOrdering {

    /** Why a date takes no orders; {@link #reasonKey} is the storefront's message for it. */
    public enum Closed {
        /** The farm cancelled the date. */
        CANCELLED("order.invalid.dateCancelled"),
        /** The date's cut-off has passed. */
        PAST_CUTOFF("order.invalid.pastCutoff");

        private final String reasonKey;

        Closed(String reasonKey) {
            this.reasonKey = reasonKey;
        }

        /** The key of the storefront's message ("This delivery date was cancelled by the farm."). */
        public String reasonKey() {
            return reasonKey;
        }
    }

    private DateOrdering() {
    }

    /** Why the date takes no orders at {@code now}, or null when it takes them; a cancelled date is CANCELLED first. */
    public static Closed closed(TourDateStatus status, Instant cutoffAt, Instant now) {
        if (status != TourDateStatus.OPEN) {
            return Closed.CANCELLED;
        }
        return now.isBefore(cutoffAt) ? null : Closed.PAST_CUTOFF;
    }

    /** {@link #closed(TourDateStatus, Instant, Instant)} of {@code date}. */
    public static Closed closed(TourDate date, Instant now) {
        return closed(date.getStatus(), date.getCutoffAt(), now);
    }
}
