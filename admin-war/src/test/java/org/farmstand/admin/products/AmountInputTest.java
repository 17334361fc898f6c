package org.farmstand.admin.products;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmountInputTest {

    @Test
    void readsAmountsAsProducersTypeThem() throws AmountInput.Invalid {
        assertThat(AmountInput.cents("2,50")).isEqualTo(250);
        assertThat(AmountInput.cents("2.50")).isEqualTo(250);
        assertThat(AmountInput.cents(" 2 ")).isEqualTo(200);
        assertThat(AmountInput.cents("2,5 €")).isEqualTo(250);
        assertThat(AmountInput.cents("2,50 EUR")).isEqualTo(250);
        assertThat(AmountInput.cents(",99")).isEqualTo(99);
        assertThat(AmountInput.cents("1.234,50")).isEqualTo(123450);
        assertThat(AmountInput.cents("1,234.50")).isEqualTo(123450);
        assertThat(AmountInput.cents("1.000.000,00")).isEqualTo(100000000);
        assertThat(AmountInput.cents("0,00")).isZero();
        assertThat(AmountInput.cents("2,500")).isEqualTo(250); // a zero beyond the cents changes nothing
        assertThat(AmountInput.cents("")).isNull();
        assertThat(AmountInput.cents(null)).isNull();
    }

    @Test
    void saysWhatIsWrong() {
        assertInvalid("zwei Euro", "products.edit.amount.invalid");
        assertInvalid("2,50,1", "products.edit.amount.invalid");
        assertInvalid("1.23,50", "products.edit.amount.invalid");
        assertInvalid("-", "products.edit.amount.invalid");
        assertInvalid("-2,50", "products.edit.amount.negative");
        assertInvalid("−2,50", "products.edit.amount.negative");
        assertInvalid("999999999,99", "products.edit.amount.too-large");
        assertInvalid("1000000,01", "products.edit.amount.too-large");
        assertInvalid("1,239", "products.edit.amount.decimals");
        assertInvalid("1.239", "products.edit.amount.decimals");
        assertInvalid("2,505", "products.edit.amount.decimals");
    }

    private static void assertInvalid(String input, String key) {
        assertThatThrownBy(() -> AmountInput.cents(input)).as(input).isInstanceOf(AmountInput.Invalid.class)
                .hasMessage(key);
    }
}
