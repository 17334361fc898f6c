package org.farmstand.catalog.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PricingTest {

    @Test
    void estimatesPiecePriceFromPricePerKgAndWeight() {
        assertThat(Pricing.estimatedPieceCents(350, 1200)).isEqualTo(420);
        assertThat(Pricing.estimatedPieceCents(2890, 250)).isEqualTo(723); // 722.5 rounds half up
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> Pricing.estimatedPieceCents(100, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pricing.lineTotal(100, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pricing.lineTotal(Long.MAX_VALUE, 2)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void lineTotalIsUnitPriceTimesQuantity() {
        assertThat(Pricing.lineTotal(249, 3)).isEqualTo(747);
    }
}
