package org.farmstand.ordering.control;

import org.farmstand.catalog.control.Pricing;
import org.farmstand.ordering.entity.OrderLine;
import org.farmstand.ordering.entity.OrderStatus;

/**
 * The one rule for the weights of lines sold by weight, for the admin's order page and the API alike
 * (ordering.boundary.OrderAdminService applies it): in which status an order's lines may be weighed or their weight
 * cleared, and which weight a line may get.
 */
public final class Weighing {

    /** Why a line cannot get a weight (or have it cleared). */
    public enum Refusal {
        /** The line is priced per unit: it has no weight to enter or clear. */
        NOT_BY_WEIGHT,
        /** Not more than 0 g, or more than {@link Pricing#maxWeighedGrams} (five times the estimate, at most 1 t). */
        OUT_OF_BOUNDS
    }

    private Weighing() {
    }

    /**
     * Whether an order's lines may be weighed, or a weight cleared, in this status: while it is placed, confirmed or
     * packed, and once it is delivered too (a weight entered late or corrected after delivery, before the bill;
     * audited, and the management system gets the order again through the change feed); never once cancelled (its
     * amount is not billed, and a cancellation is final).
     */
    public static boolean allowedIn(OrderStatus status) {
        return status != OrderStatus.CANCELLED;
    }

    /**
     * What refuses giving {@code line} the weight {@code grams} (all its units together; null: clearing it back to
     * the estimate), or null when nothing does.
     */
    public static Refusal refusal(OrderLine line, Integer grams) {
        if (!line.isByWeight()) {
            return Refusal.NOT_BY_WEIGHT;
        }
        if (grams != null && (grams <= 0 || grams > maxGrams(line))) {
            return Refusal.OUT_OF_BOUNDS;
        }
        return null;
    }

    /** The most a line sold by weight may weigh (see {@link Pricing#maxWeighedGrams}). */
    public static int maxGrams(OrderLine line) {
        return Pricing.maxWeighedGrams(line.getQuantity(), line.getApproxWeightGrams());
    }
}
