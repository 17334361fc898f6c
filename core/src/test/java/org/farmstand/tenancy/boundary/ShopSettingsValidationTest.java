package org.farmstand.tenancy.boundary;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shop's colours go into a style block of every shop page: the settings take colours and nothing else. */
class ShopSettingsValidationTest {

    static ShopSettingsService.Settings colours(String primary, String accent) {
        return new ShopSettingsService.Settings(0, "Hof", null, null, null, primary, accent, 0, List.of("de"),
                List.of(), null);
    }

    static List<String> invalidFields(ShopSettingsService.Settings settings) {
        return ShopSettingsService.validate(settings).stream().map(ShopSettingsService.Problem::field).toList();
    }

    @Test
    void coloursAsHashAndSixHexDigitsAreTaken() {
        assertThat(invalidFields(colours("#6d4c41", "#8BC34A"))).isEmpty();
    }

    @Test
    void anythingElseInAColourIsRefused() {
        for (String bad : new String[] {"red", "#fff", "6d4c41", "#6d4c411", "#6d4c4g", "#6d4c41;", " #6d4c41",
                "#6d4c41\n", "#6d4c41}</style><script>alert(1)</script>", "#6d4c41; } body { display: none",
                "var(--x)", "", null}) {
            assertThat(invalidFields(colours(bad, bad))).as("%s", bad).contains("primaryColor", "accentColor");
        }
    }
}
