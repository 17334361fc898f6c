package org.farmstand.storefront.checkout;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The cart's content as the checkout form carries it, to tell a changed cart from changed prices. */
class CheckoutCartContentTest {

    @Test
    void theSameLinesGiveTheSameContentWhateverTheirOrder() {
        Map<Long, Integer> one = new LinkedHashMap<>();
        one.put(12L, 6);
        one.put(3L, 1);
        Map<Long, Integer> other = new LinkedHashMap<>();
        other.put(3L, 1);
        other.put(12L, 6);
        assertThat(CheckoutActions.cartContent(one)).isEqualTo("3:1,12:6").isEqualTo(CheckoutActions.cartContent(other));
    }

    @Test
    void anotherQuantityOrAnotherProductIsAnotherContent() {
        assertThat(CheckoutActions.cartContent(Map.of(12L, 7))).isNotEqualTo(CheckoutActions.cartContent(Map.of(12L, 6)));
        assertThat(CheckoutActions.cartContent(Map.of(12L, 6, 3L, 1))).isNotEqualTo(CheckoutActions.cartContent(Map.of(12L, 6)));
        assertThat(CheckoutActions.cartContent(Map.of())).isEmpty();
    }
}
