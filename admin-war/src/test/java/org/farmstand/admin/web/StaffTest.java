package org.farmstand.admin.web;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin's language is the first of the visitor's languages it is written in. */
class StaffTest {

    static Locale language(String... tags) {
        return Staff.language(List.of(tags).stream().map(Locale::forLanguageTag).iterator());
    }

    @Test
    void theFirstSupportedLanguageInTheVisitorsOrderWins() {
        assertThat(language("fr-FR", "fr", "en")).isEqualTo(Locale.ENGLISH);
        assertThat(language("fr-FR", "de-AT", "en")).isEqualTo(Locale.GERMAN);
        assertThat(language("en-US", "de")).isEqualTo(Locale.ENGLISH);
        assertThat(language("de-CH", "en")).isEqualTo(Locale.GERMAN);
    }

    @Test
    void germanWhenNoneIsSupported() {
        assertThat(language("fr-FR", "it")).isEqualTo(Locale.GERMAN);
        assertThat(language()).isEqualTo(Locale.GERMAN);
        assertThat(Staff.language(null)).isEqualTo(Locale.GERMAN);
    }
}
