package org.farmstand.catalog.control;

/** Price rules shared by catalog, cart and checkout. Amounts are cents. */
public final class Pricing {

    private Pricing() {
    }

    /** Estimated price of one piece sold by weight: price per kg times approximate weight, rounded half up. */
    public static long estimatedPieceCents(long pricePerKgCents, int approxWeightGrams) {
        if (pricePerKgCents < 0 || approxWeightGrams <= 0) {
            throw new IllegalArgumentException("price per kg must be >= 0 and weight > 0");
        }
        return Math.floorDiv(Math.multiplyExact(pricePerKgCents, approxWeightGrams) + 500, 1000);
    }

    public static long lineTotal(long unitPriceCents, int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        return Math.multiplyExact(unitPriceCents, quantity);
    }
}
