package org.farmstand.ordering.boundary;

import java.io.Serializable;
import java.time.LocalDate;

/** Outcome of {@link OrderService#place}; only {@link Placed} changed anything. */
public sealed interface PlaceResult extends Serializable {

    /** A new order was written and a place on the tour date booked. */
    record Placed(String orderNumber) implements PlaceResult {
    }

    /** The idempotency key was used before (double click, retry): this is the order it created. */
    record AlreadyPlaced(String orderNumber) implements PlaceResult {
    }

    /** The tour date has no place left; the next orderable date of the tour, if any (both null otherwise). */
    record Full(Long nextTourDateId, LocalDate nextDate) implements PlaceResult {
    }

    /** Ordering for this date has closed (cut-off passed or date cancelled). */
    record PastCutoff() implements PlaceResult {
    }

    /** The request breaks a rule; {@code reasonKey} is a message key of the storefront bundle. */
    record Invalid(String reasonKey) implements PlaceResult {
    }

    /**
     * A product is not available on the chosen date in this quantity (stock per tour date, pushed by the management
     * system): {@code remaining} is what can still be ordered of it on that date (0 when none or not available).
     */
    record OutOfStock(long productId, String productName, int remaining) implements PlaceResult {
    }

    /** The total at current prices differs from the one the customer saw. */
    record PricesChanged(long expectedTotalCents, long currentTotalCents) implements PlaceResult {
    }
}
