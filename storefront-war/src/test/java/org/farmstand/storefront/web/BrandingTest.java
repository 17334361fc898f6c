package org.farmstand.storefront.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BrandingTest {

    @Test
    void contrastIsComputedAsWcagDoes() {
        assertThat(Branding.contrast("#000000", "#ffffff")).isCloseTo(21.0, within(0.01));
        assertThat(Branding.contrast("#ffffff", "#ffffff")).isCloseTo(1.0, within(0.001));
        // the audit's figures: white on PrimeFaces' blue, white on the default brand green
        assertThat(Branding.contrast("#ffffff", "#2196f3")).isCloseTo(3.12, within(0.01));
        assertThat(Branding.contrast("#ffffff", "#2e7d32")).isCloseTo(5.13, within(0.01));
    }

    @Test
    void theDefaultShopKeepsWhiteOnItsGreenAndBlackOnItsYellow() {
        Branding branding = Branding.of(null, null);
        assertThat(branding.brand()).isEqualTo("#2e7d32");
        assertThat(branding.onBrand()).isEqualTo("#fff");
        assertThat(branding.onAccent()).isEqualTo("#000");
        assertThat(branding.link()).isEqualTo("#2e7d32");
    }

    @Test
    void lindenhofsColoursAreItsOwn() {
        Branding branding = Branding.of("#6D4C41", "#8bc34a");
        assertThat(branding.getCss()).isEqualTo("--brand: #6d4c41; --accent: #8bc34a; --on-brand: #fff;"
                + " --on-accent: #000; --link: #6d4c41;");
    }

    /** Whatever colour a producer picks, the text on it reads (4.5:1), and so do links on the page background. */
    @Test
    void textOnAnyColourReachesFourAndAHalfToOne() {
        for (int r = 0; r < 256; r += 15) {
            for (int g = 0; g < 256; g += 15) {
                for (int b = 0; b < 256; b += 15) {
                    String color = String.format("#%02x%02x%02x", r, g, b);
                    Branding branding = Branding.of(color, color);
                    String on = branding.onBrand().length() == 4 ? branding.onBrand().replaceAll("([0-9a-f])", "$1$1")
                            : branding.onBrand();
                    assertThat(Branding.contrast(color, on)).as(color).isGreaterThanOrEqualTo(4.5);
                    assertThat(Branding.contrast(branding.link(), Branding.PAGE)).as(color)
                            .isGreaterThanOrEqualTo(4.5);
                }
            }
        }
        // a light brand colour: links take the text colour
        assertThat(Branding.of("#ffeb3b", null).link()).isEqualTo(Branding.TEXT);
        assertThat(Branding.of("#ffeb3b", null).onBrand()).isEqualTo("#000");
    }

    @Test
    void onlyColoursReachTheStyleBlock() {
        for (String bad : new String[] {"red", "#fff", "#2e7d32; } body { display:none", "#2e7d32</style>",
                "#2e7d32\n", "", "expression(alert(1))"}) {
            Branding branding = Branding.of(bad, bad);
            assertThat(branding.brand()).as(bad).isEqualTo(Branding.DEFAULT_BRAND);
            assertThat(branding.accent()).as(bad).isEqualTo(Branding.DEFAULT_ACCENT);
        }
    }
}
