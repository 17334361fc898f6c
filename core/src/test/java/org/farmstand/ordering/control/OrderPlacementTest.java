package org.farmstand.ordering.control;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OrderPlacementTest {

    @Test
    void quantitiesMustBeOneToNinetyNine() {
        assertThat(OrderPlacement.checkQuantities(Map.of(1L, 1, 2L, 99))).isNull();
        assertThat(OrderPlacement.checkQuantities(Map.of(1L, 0))).isEqualTo("order.invalid.quantity");
        assertThat(OrderPlacement.checkQuantities(Map.of(1L, 100))).isEqualTo("order.invalid.quantity");
        assertThat(OrderPlacement.checkQuantities(Map.of(1L, -5))).isEqualTo("order.invalid.quantity");
        assertThat(OrderPlacement.checkQuantities(Map.of())).isEqualTo("order.invalid.empty");
        assertThat(OrderPlacement.checkQuantities(null)).isEqualTo("order.invalid.empty");
        Map<Long, Integer> many = new HashMap<>();
        for (long i = 0; i < 51; i++) {
            many.put(i, 1);
        }
        assertThat(OrderPlacement.checkQuantities(many)).isEqualTo("order.invalid.tooManyLines");
    }

    @Test
    void idempotencyKeysAreShortSafeTokens() {
        assertThat(OrderPlacement.validKey("7MjOMEMREPPmrSA32CF8jiPVZLyecXhg")).isTrue();
        assertThat(OrderPlacement.validKey("short")).isFalse();
        assertThat(OrderPlacement.validKey(null)).isFalse();
        assertThat(OrderPlacement.validKey("x".repeat(65))).isFalse();
        assertThat(OrderPlacement.validKey("abc def ghi jkl mno")).isFalse();
    }

    @Test
    void orderNumbersFitTheColumnAndTheUrl() {
        for (int i = 0; i < 100; i++) {
            String n = OrderPlacement.newNumber();
            assertThat(n).hasSize(13).matches("[0-9]{6}-[2-9A-HJ-NP-Z]{6}");
        }
    }
}
