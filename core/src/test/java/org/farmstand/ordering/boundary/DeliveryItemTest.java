package org.farmstand.ordering.boundary;

import org.farmstand.catalog.entity.Unit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryItemTest {

    @Test
    void aProductSoldByTheKilogramIsCountedInKilograms() {
        assertThat(OrderAdminService.deliveryItem(Unit.KG, 4, "Kartoffeln, festkochend"))
                .isEqualTo("4 kg Kartoffeln, festkochend");
        assertThat(OrderAdminService.deliveryItem(Unit.PIECE, 3, "Käse")).isEqualTo("3 × Käse");
        assertThat(OrderAdminService.deliveryItem(Unit.BUNCH, 2, "Radieschen")).isEqualTo("2 × Radieschen");
        assertThat(OrderAdminService.deliveryItem(null, 1, "Alt")).isEqualTo("1 × Alt");
    }
}
