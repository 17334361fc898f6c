package org.farmstand.ordering.boundary;

import org.farmstand.catalog.entity.Unit;
import org.farmstand.ordering.entity.OrderStatus;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An order as its customer sees it (lines are empty in lists); {@code estimated}: its total holds a line sold by weight
 * that is not weighed yet.
 */
public record OrderView(String number, OrderStatus status, long tourDateId, String tourName, LocalDate deliveryDate,
                        Instant cutoffAt, long totalCents, Instant createdAt, boolean cancellable,
                        List<Line> lines, boolean estimated) implements Serializable {

    /**
     * {@code pricePerKgCents}, {@code approxWeightGrams}: as ordered, for a product sold by weight (else null);
     * {@code weighedGrams} once weighed, and {@code lineTotalCents} is then the weighed amount.
     */
    public record Line(long productId, String productName, Unit unit, int quantity, long unitPriceCents,
                       long lineTotalCents, Long pricePerKgCents, Integer approxWeightGrams, Integer weighedGrams)
            implements Serializable {

        public boolean byWeight() {
            return pricePerKgCents != null && approxWeightGrams != null;
        }

        /** Sold by weight and not weighed yet: the amount is an estimate. */
        public boolean estimated() {
            return byWeight() && weighedGrams == null;
        }

        /** What the line weighs: weighed, else its estimate; null unless sold by weight. */
        public Integer grams() {
            return !byWeight() ? null : weighedGrams != null ? weighedGrams
                    : (Integer) (int) org.farmstand.catalog.control.Pricing.estimatedGrams(quantity, approxWeightGrams);
        }
    }
}
