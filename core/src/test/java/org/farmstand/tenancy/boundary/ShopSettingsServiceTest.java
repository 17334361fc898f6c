package org.farmstand.tenancy.boundary;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShopSettingsServiceTest {

    static ShopSettingsService.Settings settings(String primary, String accent, long minOrder, List<String> locales) {
        return new ShopSettingsService.Settings(0, "Hof", null, null, "info@hof.example", primary, accent, minOrder,
                locales, List.of(), null);
    }

    static List<String> fields(ShopSettingsService.Settings s) {
        return ShopSettingsService.validate(s).stream().map(ShopSettingsService.Problem::field).toList();
    }

    @Test
    void validSettingsHaveNoProblems() {
        assertThat(fields(settings("#2E7D32", "#f9a825", 0, List.of("de")))).isEmpty();
    }

    @Test
    void coloursMustBeHexTriplesSoTheyCannotBreakOutOfTheStorefrontsStyle() {
        assertThat(fields(settings("green", "#f9a825}body{", 0, List.of("de", "en"))))
                .containsExactly("primaryColor", "accentColor");
        assertThat(fields(settings("#fff", null, 0, List.of("de")))).containsExactly("primaryColor", "accentColor");
    }

    @Test
    void languagesAndMinimumOrderAreChecked() {
        assertThat(fields(settings("#000000", "#ffffff", -1, List.of("fr")))).containsExactly("minOrder", "languages");
        assertThat(fields(settings("#000000", "#ffffff", ShopSettingsService.MAX_MIN_ORDER_CENTS + 1, List.of("en"))))
                .containsExactly("minOrder");
    }
}
