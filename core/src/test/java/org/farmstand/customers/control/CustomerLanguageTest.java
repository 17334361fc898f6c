package org.farmstand.customers.control;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerLanguageTest {

    private static final List<String> SHOP = List.of("de", "en");

    @Test
    void noLanguageMeansTheShopsDefaultAndIsAlwaysAllowed() {
        assertThat(CustomerLanguage.normalized(null)).isNull();
        assertThat(CustomerLanguage.normalized("  ")).isNull();
        assertThat(CustomerLanguage.allowed(null, SHOP)).isTrue();
        assertThat(CustomerLanguage.allowed(null, List.of("de"))).isTrue();
    }

    @Test
    void aLanguageOfTheShopIsAllowedWrittenAsTheShopWritesIt() {
        assertThat(CustomerLanguage.normalized(" EN ")).isEqualTo("en");
        assertThat(CustomerLanguage.allowed(CustomerLanguage.normalized(" EN "), SHOP)).isTrue();
    }

    @Test
    void aLanguageTheShopDoesNotOfferIsRefused() {
        assertThat(CustomerLanguage.allowed("fr", SHOP)).isFalse();
        assertThat(CustomerLanguage.allowed("en", List.of("de"))).as("a language with mail texts, not offered").isFalse();
        assertThat(CustomerLanguage.allowed("en-GB", SHOP)).isFalse();
    }
}
