package org.farmstand.catalog.control;

import org.farmstand.catalog.entity.Product;
import org.farmstand.catalog.entity.Unit;

import java.util.ArrayList;
import java.util.List;

/**
 * Price rules shared by catalog, cart and checkout. Amounts are cents.
 * <p>
 * A product is priced in exactly one of two ways, so that the unit an order line names is always the unit its price is
 * for (what the shop charges, what the order says, what the farmer packs):
 * <ul>
 *     <li><b>per unit</b>: a price of one unit. With unit {@link Unit#KG} that price is the price per kg, and there is
 *     no piece weight (a kg has no pieces).</li>
 *     <li><b>sold by weight</b>: a countable unit (piece, bunch, box), a price per kg and the approximate weight of one
 *     unit; the price of one unit is estimated from them ({@link #estimatedPieceCents}) and not entered.</li>
 * </ul>
 */
public final class Pricing {

    /** A field of the price entry. */
    public enum Field { PRICE, PRICE_PER_KG, WEIGHT }

    /** What is wrong with a field, as a message key of the admin's bundle ({@code products.edit.*}). */
    public record Problem(Field field, String key) {
    }

    private Pricing() {
    }

    /** Estimated price of one piece sold by weight: price per kg times approximate weight, rounded half up. */
    public static long estimatedPieceCents(long pricePerKgCents, int approxWeightGrams) {
        return perKg(pricePerKgCents, approxWeightGrams);
    }

    /**
     * The amount of a line sold by weight once it is weighed: price per kg times the weighed weight, rounded half up to
     * the cent like the estimate ({@link #estimatedPieceCents}), so a line weighing exactly its estimate costs what was
     * estimated.
     */
    public static long weighedCents(long pricePerKgCents, int weighedGrams) {
        return perKg(pricePerKgCents, weighedGrams);
    }

    private static long perKg(long pricePerKgCents, int grams) {
        if (pricePerKgCents < 0 || grams <= 0) {
            throw new IllegalArgumentException("price per kg must be >= 0 and weight > 0");
        }
        return Math.floorDiv(Math.multiplyExact(pricePerKgCents, grams) + 500, 1000);
    }

    /** The heaviest weighed line: 1,000 kg. */
    public static final int MAX_WEIGHED_GRAMS = 1_000_000;

    /** A weighed line may weigh at most this many times its estimate (catches grams typed as kilograms). */
    public static final int MAX_WEIGHED_FACTOR = 5;

    /** What a line of {@code quantity} units of about {@code approxWeightGrams} each is estimated to weigh. */
    public static long estimatedGrams(int quantity, int approxWeightGrams) {
        return Math.multiplyExact((long) quantity, approxWeightGrams);
    }

    /** The most a line of that estimate may weigh: {@link #MAX_WEIGHED_FACTOR} times it, never over 1,000 kg. */
    public static int maxWeighedGrams(int quantity, int approxWeightGrams) {
        return (int) Math.min(MAX_WEIGHED_GRAMS, MAX_WEIGHED_FACTOR * estimatedGrams(quantity, approxWeightGrams));
    }

    /**
     * A weight as staff type it on the packing page: kilograms with at most three decimals (grams) and the decimal
     * separator of the page's language ("1,25" in German, "1.25" in English), no thousands separators, an optional
     * "kg". {@code problem} is a message key of the admin's bundle ({@code orders.detail.weight.*}) or null; a blank
     * entry is neither a weight nor a problem (the line stays as it is).
     */
    public record Weight(Integer grams, String problem) {
    }

    public static Weight parseWeight(String text, java.util.Locale locale, int quantity, int approxWeightGrams) {
        String t = text == null ? "" : text.strip();
        if (t.regionMatches(true, Math.max(0, t.length() - 2), "kg", 0, 2)) {
            t = t.substring(0, t.length() - 2).strip();
        }
        if (t.isEmpty()) {
            return text == null || text.isBlank() ? new Weight(null, null)
                    : new Weight(null, "orders.detail.weight.format");
        }
        char separator = java.text.DecimalFormatSymbols.getInstance(locale).getDecimalSeparator();
        if (t.startsWith("-")) {
            return new Weight(null, "orders.detail.weight.positive");
        }
        int at = t.indexOf(separator);
        String whole = at < 0 ? t : t.substring(0, at);
        String fraction = at < 0 ? "" : t.substring(at + 1);
        if (whole.isEmpty() && fraction.isEmpty() || !whole.chars().allMatch(c -> c >= '0' && c <= '9')
                || !fraction.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return new Weight(null, "orders.detail.weight.format");
        }
        if (fraction.length() > 3) {
            return new Weight(null, "orders.detail.weight.grams");
        }
        String digits = whole.replaceFirst("^0+", "");
        if (digits.length() > 7) {
            return new Weight(null, "orders.detail.weight.tooHeavy");
        }
        long grams = (digits.isEmpty() ? 0 : Long.parseLong(digits)) * 1000
                + (fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00").substring(0, 3)));
        if (grams <= 0) {
            return new Weight(null, "orders.detail.weight.positive");
        }
        if (grams > maxWeighedGrams(quantity, approxWeightGrams)) {
            return new Weight(null, "orders.detail.weight.tooHeavy");
        }
        return new Weight((int) grams, null);
    }

    public static long lineTotal(long unitPriceCents, int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        return Math.multiplyExact(unitPriceCents, quantity);
    }

    /** Whether a product of this unit can be sold by weight (a price per kg and a weight of one unit). */
    public static boolean countable(Unit unit) {
        return unit != Unit.KG;
    }

    /**
     * What contradicts in an entry of unit, price per unit, price per kg and approximate weight (null: left empty);
     * empty when it is one of the two ways a product is priced. Each entered value is either used or named here, never
     * dropped. Amounts are taken as already within their own bounds (not negative, at most {@link
     * Product#MAX_PRICE_CENTS}); a zero price is refused, so a forgotten price never makes a product free.
     */
    public static List<Problem> check(Unit unit, Long priceCents, Long pricePerKgCents, Integer approxWeightGrams) {
        List<Problem> problems = new ArrayList<>();
        if (unit == null) {
            return problems;
        }
        if (!countable(unit)) {
            if (pricePerKgCents != null) {
                problems.add(new Problem(Field.PRICE_PER_KG, "products.edit.pricePerKg.notWithKg"));
            }
            if (approxWeightGrams != null) {
                problems.add(new Problem(Field.WEIGHT, "products.edit.weight.notWithKg"));
            }
            perUnit(priceCents, pricePerKgCents == null ? "products.edit.price.required"
                    : "products.edit.price.requiredKg", problems);
        } else if (pricePerKgCents != null || approxWeightGrams != null) {
            if (priceCents != null) {
                problems.add(new Problem(Field.PRICE, "products.edit.price.notByWeight"));
            }
            if (pricePerKgCents == null) {
                problems.add(new Problem(Field.PRICE_PER_KG, "products.edit.pricePerKg.required"));
            } else if (pricePerKgCents == 0) {
                problems.add(new Problem(Field.PRICE_PER_KG, "products.edit.pricePerKg.zero"));
            }
            if (approxWeightGrams == null) {
                problems.add(new Problem(Field.WEIGHT, "products.edit.weight.required"));
            }
            if (pricePerKgCents != null && pricePerKgCents > 0 && approxWeightGrams != null && approxWeightGrams > 0) {
                long piece = estimatedPieceCents(pricePerKgCents, approxWeightGrams);
                if (piece > Product.MAX_PRICE_CENTS) {
                    // each is within its own bound, the piece price they make is not
                    problems.add(new Problem(Field.PRICE_PER_KG, "products.edit.piece.too-expensive"));
                } else if (piece == 0) {
                    problems.add(new Problem(Field.PRICE_PER_KG, "products.edit.piece.free"));
                }
            }
        } else {
            perUnit(priceCents, "products.edit.price.required", problems);
        }
        return problems;
    }

    private static void perUnit(Long priceCents, String missing, List<Problem> problems) {
        if (priceCents == null) {
            problems.add(new Problem(Field.PRICE, missing));
        } else if (priceCents == 0) {
            problems.add(new Problem(Field.PRICE, "products.edit.price.zero"));
        }
    }

    /**
     * Brings a product's prices in line with the rules before it is written: a product sold by weight gets its
     * estimated unit price. Throws {@link IllegalArgumentException} naming the first problem when the entry contradicts
     * itself (the admin form shows them per field before it gets here; this guards every other way in).
     */
    public static void apply(Product product) {
        boolean byWeight = product.getPricePerKgCents() != null || product.getApproxWeightGrams() != null;
        List<Problem> problems = check(product.getUnit(), byWeight ? null : product.getPriceCents(),
                product.getPricePerKgCents(), product.getApproxWeightGrams());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("contradictory price: " + problems.get(0).key());
        }
        if (byWeight) {
            product.setPriceCents(estimatedPieceCents(product.getPricePerKgCents(), product.getApproxWeightGrams()));
        }
    }
}
