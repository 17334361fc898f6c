package org.farmstand.catalog.control;

import org.farmstand.catalog.entity.Product;
import org.farmstand.catalog.entity.Unit;
import org.junit.jupiter.api.Test;

import java.util.List;

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

    private static List<String> problems(Unit unit, Long price, Long perKg, Integer grams) {
        return Pricing.check(unit, price, perKg, grams).stream().map(p -> p.field() + " " + p.key()).toList();
    }

    @Test
    void aProductIsPricedPerUnitOrByWeightAndNothingElse() {
        assertThat(problems(Unit.KG, 320L, null, null)).isEmpty();
        assertThat(problems(Unit.BUNCH, 320L, null, null)).isEmpty();
        assertThat(problems(Unit.PIECE, null, 2990L, 800)).isEmpty();
        assertThat(problems(Unit.BOX, null, 200L, 5000)).isEmpty();
    }

    @Test
    void unitKgTakesItsPriceAsThePricePerKgAndHasNoPieceWeight() {
        // the farmer's case: kg, 3,20 per unit and per kg, 200 g: charged 0,64 per "kg" before
        assertThat(problems(Unit.KG, 320L, 320L, 200)).containsExactly(
                "PRICE_PER_KG products.edit.pricePerKg.notWithKg", "WEIGHT products.edit.weight.notWithKg");
        assertThat(problems(Unit.KG, null, 320L, 200)).containsExactly(
                "PRICE_PER_KG products.edit.pricePerKg.notWithKg", "WEIGHT products.edit.weight.notWithKg",
                "PRICE products.edit.price.requiredKg");
        assertThat(problems(Unit.KG, 320L, null, 200)).containsExactly("WEIGHT products.edit.weight.notWithKg");
        assertThat(problems(Unit.KG, null, null, null)).containsExactly("PRICE products.edit.price.required");
    }

    @Test
    void soldByWeightNeedsPricePerKgAndWeightAndNoUnitPrice() {
        // the farmer's second case: piece, 20,00 per unit and 29,90 per kg with 800 g: the 20,00 was dropped
        assertThat(problems(Unit.PIECE, 2000L, 2990L, 800)).containsExactly("PRICE products.edit.price.notByWeight");
        assertThat(problems(Unit.PIECE, null, 2990L, null)).containsExactly("WEIGHT products.edit.weight.required");
        assertThat(problems(Unit.PIECE, 250L, null, 800)).containsExactly(
                "PRICE products.edit.price.notByWeight", "PRICE_PER_KG products.edit.pricePerKg.required");
        assertThat(problems(Unit.PIECE, null, null, null)).containsExactly("PRICE products.edit.price.required");
    }

    @Test
    void noPriceIsZeroAndNoPieceCostsMoreThanTheLimit() {
        assertThat(problems(Unit.PIECE, 0L, null, null)).containsExactly("PRICE products.edit.price.zero");
        assertThat(problems(Unit.KG, 0L, null, null)).containsExactly("PRICE products.edit.price.zero");
        assertThat(problems(Unit.PIECE, null, 0L, 800)).containsExactly("PRICE_PER_KG products.edit.pricePerKg.zero");
        assertThat(problems(Unit.PIECE, null, 1L, 1)).containsExactly("PRICE_PER_KG products.edit.piece.free");
        assertThat(problems(Unit.PIECE, null, 2_000_000L, 100_000)).containsExactly(
                "PRICE_PER_KG products.edit.piece.too-expensive");
    }

    @Test
    void applySetsTheEstimatedUnitPriceAndRefusesContradictions() {
        Product pumpkin = new Product();
        pumpkin.setUnit(Unit.PIECE);
        pumpkin.setPricePerKgCents(2990L);
        pumpkin.setApproxWeightGrams(800);
        Pricing.apply(pumpkin);
        assertThat(pumpkin.getPriceCents()).isEqualTo(2392);

        Product potatoes = new Product();
        potatoes.setUnit(Unit.KG);
        potatoes.setPriceCents(320);
        Pricing.apply(potatoes);
        assertThat(potatoes.getPriceCents()).isEqualTo(320);

        potatoes.setPricePerKgCents(320L);
        potatoes.setApproxWeightGrams(200);
        assertThatThrownBy(() -> Pricing.apply(potatoes)).isInstanceOf(IllegalArgumentException.class);
        assertThat(potatoes.getPriceCents()).isEqualTo(320);
    }

    @Test
    void aWeighedLineCostsItsWeightTimesThePricePerKgRoundedHalfUpToTheCent() {
        assertThat(Pricing.weighedCents(2890, 1234)).isEqualTo(3566); // 3566.26
        assertThat(Pricing.weighedCents(2890, 250)).isEqualTo(723); // 722.5 rounds half up, as the estimate does
        assertThat(Pricing.weighedCents(1, 499)).isZero(); // 0.499 cents
        assertThat(Pricing.weighedCents(1, 500)).isEqualTo(1);
        // weighing exactly the estimate costs the estimate
        assertThat(Pricing.weighedCents(350, 3 * 1200)).isEqualTo(Pricing.lineTotal(Pricing.estimatedPieceCents(350, 1200), 3));
        // the most expensive kg at the heaviest line does not overflow
        assertThat(Pricing.weighedCents(Product.MAX_PRICE_CENTS, Pricing.MAX_WEIGHED_GRAMS)).isEqualTo(100_000_000_000L);
        assertThatThrownBy(() -> Pricing.weighedCents(100, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String weight(String text, java.util.Locale locale) {
        Pricing.Weight w = Pricing.parseWeight(text, locale, 3, 500); // estimate 1.5 kg, at most 7.5 kg
        return w.problem() != null ? w.problem() : String.valueOf(w.grams());
    }

    @Test
    void aWeightIsTypedInKilogramsWithTheDecimalSeparatorOfThePagesLanguage() {
        java.util.Locale de = java.util.Locale.GERMAN;
        java.util.Locale en = java.util.Locale.ENGLISH;
        assertThat(weight("1,234", de)).isEqualTo("1234");
        assertThat(weight("1.234", en)).isEqualTo("1234");
        assertThat(weight(" 1,5 kg ", de)).isEqualTo("1500");
        assertThat(weight("2", de)).isEqualTo("2000");
        assertThat(weight(",75", de)).isEqualTo("750");
        assertThat(weight("0,001", de)).isEqualTo("1");
        // the other language's separator would be a thousands separator: refused, not misread
        assertThat(weight("1.234", de)).isEqualTo("orders.detail.weight.format");
        assertThat(weight("1,234", en)).isEqualTo("orders.detail.weight.format");
        assertThat(weight("abc", en)).isEqualTo("orders.detail.weight.format");
        assertThat(weight("kg", en)).isEqualTo("orders.detail.weight.format");
        assertThat(weight("1,2345", de)).isEqualTo("orders.detail.weight.grams");
        assertThat(weight("0", de)).isEqualTo("orders.detail.weight.positive");
        assertThat(weight("0,000", de)).isEqualTo("orders.detail.weight.positive");
        assertThat(weight("-1", de)).isEqualTo("orders.detail.weight.positive");
        // more than five times the estimate (grams typed as kg), and absurd numbers
        assertThat(weight("7,5", de)).isEqualTo("7500");
        assertThat(weight("7,501", de)).isEqualTo("orders.detail.weight.tooHeavy");
        assertThat(weight("1500", de)).isEqualTo("orders.detail.weight.tooHeavy");
        assertThat(weight("99999999999999999999", de)).isEqualTo("orders.detail.weight.tooHeavy");
        // blank: nothing entered, the line stays as it is
        assertThat(Pricing.parseWeight("  ", de, 3, 500)).isEqualTo(new Pricing.Weight(null, null));
        assertThat(Pricing.parseWeight(null, de, 3, 500)).isEqualTo(new Pricing.Weight(null, null));
    }

    @Test
    void theUpperBoundIsFiveTimesTheEstimateAndNeverOver1000Kg() {
        assertThat(Pricing.maxWeighedGrams(2, 800)).isEqualTo(8000);
        assertThat(Pricing.maxWeighedGrams(99, 100_000)).isEqualTo(Pricing.MAX_WEIGHED_GRAMS);
    }
}
