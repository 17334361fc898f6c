package org.farmstand.admin.web;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admin writes money, dates and numbers as the storefront does: British English, German in Germany. */
class FormatsTest {

    static final Locale DE = Locale.GERMAN;
    static final Locale EN = Locale.ENGLISH;
    static final String NBSP = "\u00A0";

    @Test
    void moneyFollowsThePageLanguage() {
        assertThat(Formats.money(390, "EUR", DE)).isEqualTo("3,90" + NBSP + "€");
        assertThat(Formats.money(390, "EUR", EN)).isEqualTo("€3.90");
        assertThat(Formats.money(123456, "EUR", DE)).isEqualTo("1.234,56" + NBSP + "€");
        assertThat(Formats.money(123456, "EUR", EN)).isEqualTo("€1,234.56");
        assertThat(Formats.money(1800, null, EN)).isEqualTo("€18.00");
    }

    @Test
    void datesFollowThePageLanguage() {
        LocalDate day = LocalDate.of(2026, 11, 30);
        assertThat(Formats.date(day, DE)).isEqualTo("Mo 30.11.2026");
        assertThat(Formats.date(day, EN)).isEqualTo("Mon 30 Nov 2026");
        var instant = ZonedDateTime.of(2026, 11, 28, 22, 49, 0, 0, org.farmstand.tours.control.Cutoffs.ZONE)
                .toInstant();
        assertThat(Formats.dateTime(instant, DE)).isEqualTo("Sa 28.11.2026 22:49");
        assertThat(Formats.dateTime(instant, EN)).isEqualTo("Sat 28 Nov 2026 22:49");
        assertThat(Formats.date(null, EN)).isEmpty();
    }

    @Test
    void weightsAreKilogramsWithTheLanguagesDecimalSeparatorAndNoTrailingZeros() {
        assertThat(Formats.kg(1234, DE)).isEqualTo("1,234 kg");
        assertThat(Formats.kg(1234, EN)).isEqualTo("1.234 kg");
        assertThat(Formats.kg(1500, DE)).isEqualTo("1,5 kg");
        assertThat(Formats.kg(2000, EN)).isEqualTo("2 kg");
        assertThat(Formats.kg(1_000_000, EN)).isEqualTo("1000 kg");
        assertThat(Formats.kg(5, DE)).isEqualTo("0,005 kg");
        // the weight field: what the field takes back (Pricing.parseWeight)
        assertThat(Formats.weight(1250, DE)).isEqualTo("1,25");
        assertThat(Formats.weight(1250, EN)).isEqualTo("1.25");
        assertThat(Formats.weight((Integer) null, EN)).isNull();
    }

    @Test
    void priceFieldsShowTheLanguagesDecimalSeparator() {
        assertThat(Formats.amount(390L, DE)).isEqualTo("3,90");
        assertThat(Formats.amount(390L, EN)).isEqualTo("3.90");
        assertThat(Formats.amount(123456L, DE)).isEqualTo("1234,56");
        assertThat(Formats.amount(5L, EN)).isEqualTo("0.05");
        assertThat(Formats.amount(null, DE)).isNull();
    }

    @Test
    void aTypedPriceIsReadInEitherNotationNeverAHundredTimesTooHigh() {
        assertThat(Formats.cents("3,90", DE)).isEqualTo(390);
        assertThat(Formats.cents("3.90", DE)).isEqualTo(390);
        assertThat(Formats.cents("3.90", EN)).isEqualTo(390);
        assertThat(Formats.cents("3,90", EN)).isEqualTo(390);
        assertThat(Formats.cents(" 3,9 € ", DE)).isEqualTo(390);
        assertThat(Formats.cents("€3.90", EN)).isEqualTo(390);
        assertThat(Formats.cents("2", DE)).isEqualTo(200);
        assertThat(Formats.cents("1.234,50", DE)).isEqualTo(123450);
        assertThat(Formats.cents("1,234.50", EN)).isEqualTo(123450);
        assertThat(Formats.cents("1.234,50", EN)).isEqualTo(123450);
        // the language's thousands separator before three digits groups
        assertThat(Formats.cents("1.000", DE)).isEqualTo(100000);
        assertThat(Formats.cents("1,000", EN)).isEqualTo(100000);
        assertThat(Formats.cents("", DE)).isNull();
        assertThat(Formats.cents(null, DE)).isNull();
    }

    @Test
    void whatIsNoPriceIsRefused() {
        for (String input : new String[]{"zwei Euro", "1.000", "3.999", "-1", "1,2,3", "1.234.5", "2000000", "1e3",
                ","}) {
            assertThatThrownBy(() -> Formats.cents(input, EN)).as(input).isInstanceOf(NumberFormatException.class);
        }
        for (String input : new String[]{"1,000", "3,999", "1.2.3", "3,90,1"}) {
            assertThatThrownBy(() -> Formats.cents(input, DE)).as(input).isInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void taxRatesAsPercentages() {
        assertThat(Formats.percent(70, DE)).isEqualTo("7" + NBSP + "%");
        assertThat(Formats.percent(190, EN)).isEqualTo("19%");
        assertThat(Formats.percent(107, DE)).isEqualTo("10,7" + NBSP + "%");
        assertThat(Formats.percent(0, EN)).isEqualTo("0%");
    }

    @Test
    void quantitiesHaveTheirPlural() {
        assertThat(Formats.quantity(1, "PIECE", EN)).isEqualTo("1 piece");
        assertThat(Formats.quantity(2, "PIECE", EN)).isEqualTo("2 pieces");
        assertThat(Formats.quantity(3, "BUNCH", EN)).isEqualTo("3 bunches");
        assertThat(Formats.quantity(1, "BOX", EN)).isEqualTo("1 box");
        assertThat(Formats.quantity(2, "KG", EN)).isEqualTo("2 kg");
        assertThat(Formats.quantity(2, "PIECE", DE)).isEqualTo("2 Stück");
        assertThat(Formats.quantity(1, "BOX", DE)).isEqualTo("1 Kiste");
        assertThat(Formats.quantity(2, "BOX", DE)).isEqualTo("2 Kisten");
        assertThat(Formats.quantity(1200, "PIECE", DE)).isEqualTo("1.200 Stück");
    }
}
