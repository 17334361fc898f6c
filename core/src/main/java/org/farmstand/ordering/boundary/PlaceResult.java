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

    /** Ordering for this date has closed: its cut-off has passed (a date the farm cancelled is Invalid, saying so). */
    record PastCutoff() implements PlaceResult {
    }

    /** The request breaks a rule; {@code reasonKey} is a message key of the storefront bundle. */
    record Invalid(String reasonKey) implements PlaceResult {
    }

    /**
     * A product cannot be ordered in this quantity: {@code remaining} is what can still be ordered of it (0 when none
     * or not available). {@code onDate}: the limit is the product's stock on the chosen date (stock per tour date,
     * pushed by the management system, or not available on it), so another date may have it; otherwise the
     * product's overall stock (the quantity on hand) is short, whatever the date.
     */
    record OutOfStock(long productId, String productName, int remaining, boolean onDate) implements PlaceResult {
    }

    /** A product in the cart is no longer available (the farm deactivated it): the customer removes it. */
    record Unavailable(long productId, String productName) implements PlaceResult {
    }

    /** The total at current prices differs from the one the customer saw. */
    record PricesChanged(long expectedTotalCents, long currentTotalCents) implements PlaceResult {
    }
}
