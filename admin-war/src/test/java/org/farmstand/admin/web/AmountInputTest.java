package org.farmstand.admin.web;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmountInputTest {

    @Test
    void readsAmountsAsProducersTypeThem() throws AmountInput.Invalid {
        for (Locale language : new Locale[] {Locale.GERMAN, Locale.ENGLISH}) {
            assertThat(AmountInput.cents("2,50", language)).isEqualTo(250);
            assertThat(AmountInput.cents("2.50", language)).isEqualTo(250);
            assertThat(AmountInput.cents(" 2 ", language)).isEqualTo(200);
            assertThat(AmountInput.cents("2,5 €", language)).isEqualTo(250);
            assertThat(AmountInput.cents("2,50 EUR", language)).isEqualTo(250);
            assertThat(AmountInput.cents("€2.50", language)).isEqualTo(250);
            assertThat(AmountInput.cents("EUR 2,50", language)).isEqualTo(250);
            assertThat(AmountInput.cents("1 234,50", language)).isEqualTo(123450);
            assertThat(AmountInput.cents("1\u00a0234,50", language)).isEqualTo(123450);
            assertThat(AmountInput.cents(",99", language)).isEqualTo(99);
            assertThat(AmountInput.cents("1.234,50", language)).isEqualTo(123450);
            assertThat(AmountInput.cents("1,234.50", language)).isEqualTo(123450);
            assertThat(AmountInput.cents("1.000.000,00", language)).isEqualTo(100000000);
            assertThat(AmountInput.cents("0,00", language)).isZero();
            assertThat(AmountInput.cents("", language)).isNull();
            assertThat(AmountInput.cents(null, language)).isNull();
        }
    }

    @Test
    void theLanguagesThousandsSeparatorAloneGroups() throws AmountInput.Invalid {
        // "1.500" was read as 1,50 in German while the shop settings read it as 1.500,00: 1000 times off, unsaid
        assertThat(AmountInput.cents("1.500", Locale.GERMAN)).isEqualTo(150000);
        assertThat(AmountInput.cents("1.000.000", Locale.GERMAN)).isEqualTo(100000000);
        assertThat(AmountInput.cents("1,500", Locale.ENGLISH)).isEqualTo(150000);
        // the other separator alone is the decimal one
        assertThat(AmountInput.cents("1,50", Locale.GERMAN)).isEqualTo(150);
        assertThat(AmountInput.cents("1.50", Locale.GERMAN)).isEqualTo(150);
        assertThat(AmountInput.cents("1.50", Locale.ENGLISH)).isEqualTo(150);
    }

    @Test
    void saysWhatIsWrong() {
        assertInvalid("zwei Euro", Locale.GERMAN, "products.edit.amount.invalid");
        assertInvalid("2,50,1", Locale.GERMAN, "products.edit.amount.invalid");
        assertInvalid("1.23,50", Locale.GERMAN, "products.edit.amount.invalid");
        assertInvalid("-", Locale.GERMAN, "products.edit.amount.invalid");
        assertInvalid("-2,50", Locale.GERMAN, "products.edit.amount.negative");
        assertInvalid("−2,50", Locale.ENGLISH, "products.edit.amount.negative");
        assertInvalid("999999999,99", Locale.GERMAN, "products.edit.amount.too-large");
        assertInvalid("1000000,01", Locale.GERMAN, "products.edit.amount.too-large");
        assertInvalid("1.500.000", Locale.GERMAN, "products.edit.amount.too-large");
        assertInvalid("1,239", Locale.GERMAN, "products.edit.amount.decimals");
        assertInvalid("1.239", Locale.ENGLISH, "products.edit.amount.decimals");
        assertInvalid("2,505", Locale.GERMAN, "products.edit.amount.decimals");
        // a zero beyond the cents may be a mistyped thousand ("2,500" for 2.500 in German): refused, not read as 2,50
        assertInvalid("2,500", Locale.GERMAN, "products.edit.amount.decimals");
        assertInvalid("2.500", Locale.ENGLISH, "products.edit.amount.decimals");
    }

    private static void assertInvalid(String input, Locale language, String key) {
        assertThatThrownBy(() -> AmountInput.cents(input, language)).as(input).isInstanceOf(AmountInput.Invalid.class)
                .hasMessage(key);
    }
}
