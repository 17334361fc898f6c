package org.farmstand.catalog.boundary;

import org.farmstand.catalog.entity.Unit;

import java.io.Serializable;

/** What the storefront shows of a product; immutable, cached. */
public record ProductCard(long id, String slug, String name, String description, String categorySlug,
                          String categoryName, Unit unit, long priceCents, Long pricePerKgCents,
                          Integer approxWeightGrams, String imageHash, Integer stock, boolean active)
        implements Serializable {

    public boolean soldByWeight() {
        return pricePerKgCents != null && approxWeightGrams != null;
    }

    public boolean available() {
        return orderable(active, stock);
    }

    /** The rule: active and not sold out ({@code stock} null: not counted). */
    static boolean orderable(boolean active, Integer stock) {
        return active && (stock == null || stock > 0);
    }
}
