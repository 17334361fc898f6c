package org.farmstand.ordering.boundary;

import java.io.Serializable;
import java.time.LocalDate;

/** Outcome of {@link OrderService#change}; only {@link Changed} changed anything. */
public sealed interface ChangeResult extends Serializable {

    /** The order now has the requested lines (and date); a mail confirms it. */
    record Changed() implements ChangeResult {
    }

    /** The same change was already made (double submit, retry): nothing more to do. */
    record AlreadyChanged() implements ChangeResult {
    }

    /** The request asks for what the order already is. */
    record Unchanged() implements ChangeResult {
    }

    /** No such order of this customer (another customer's, another shop's, or none). */
    record NotFound() implements ChangeResult {
    }

    /** Cancelled, packed or delivered: no change possible. */
    record NotChangeable() implements ChangeResult {
    }

    /** The order's date (or the requested new date) is past its cut-off or closed. */
    record PastCutoff() implements ChangeResult {
    }

    /** The order was changed elsewhere since the form was shown (another tab, the shop): shown again. */
    record Stale() implements ChangeResult {
    }

    /** The requested new date has no place left: nothing changed. */
    record Full(LocalDate date) implements ChangeResult {
    }

    /** A price differs from the one on the form: the form shows the current prices. */
    record PricesChanged() implements ChangeResult {
    }

    /** A product of the order is no longer available (the farm deactivated it): its quantity must become 0. */
    record Unavailable(String productName) implements ChangeResult {
    }

    /** The request breaks a rule; {@code reasonKey} is a message key of the storefront bundle. */
    record Invalid(String reasonKey) implements ChangeResult {
    }
}
