package org.farmstand.catalog.boundary;

import org.farmstand.catalog.entity.Product;
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

    /** The entity's rule ({@link Product#orderable}) on the cached copy. */
    public boolean available() {
        return Product.orderable(active, stock);
    }
}
