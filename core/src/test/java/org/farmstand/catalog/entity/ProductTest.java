package org.farmstand.catalog.entity;

import org.farmstand.catalog.boundary.ProductCard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** One rule for "can be ordered", on the entity and on the catalog's cached copy. */
class ProductTest {

    @ParameterizedTest(name = "active={0}, stock={1}: orderable={2}")
    @CsvSource({
            "true,  ,   true",
            "true,  5,  true",
            "true,  1,  true",
            "true,  0,  false",
            "false, ,   false",
            "false, 5,  false",
    })
    void orderableWhenActiveAndNotSoldOut(boolean active, Integer stock, boolean orderable) {
        Product product = new Product();
        product.setActive(active);
        product.setStock(stock);
        assertThat(product.isOrderable()).isEqualTo(orderable);

        ProductCard card = new ProductCard(1, "p", "P", null, "c", "C", Unit.PIECE, 100, null, null, null, stock, active);
        assertThat(card.available()).isEqualTo(orderable);
    }

    @org.junit.jupiter.api.Test
    void namesAndDescriptionsAreKeptWithoutSurroundingBlanks() {
        Product product = new Product();
        product.setName("  Äpfel Topaz \t");
        product.setDescription("\n  Knackig, süß.  \n");
        assertThat(product.getName()).isEqualTo("Äpfel Topaz");
        assertThat(product.getDescription()).isEqualTo("Knackig, süß.");
        product.setDescription(null);
        assertThat(product.getDescription()).isNull();

        org.farmstand.tours.entity.Tour tour = new org.farmstand.tours.entity.Tour();
        tour.setName(" Dienstag Nord  ");
        assertThat(tour.getName()).isEqualTo("Dienstag Nord");
    }
}
