package org.farmstand.catalog.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlugsTest {

    @Test
    void umlautsAndAccentsBecomeAscii() {
        assertThat(Slugs.from("Äpfel Topaz", 120)).isEqualTo("aepfel-topaz");
        assertThat(Slugs.from("  Crème brûlée & Süßes! ", 120)).isEqualTo("creme-brulee-suesses");
    }

    @Test
    void nothingUsableGivesAFallback() {
        assertThat(Slugs.from("!!!", 120)).isEqualTo("item");
        assertThat(Slugs.from(null, 120)).isEqualTo("item");
    }

    @Test
    void longNamesAreCutAndNumberedSlugsFit() {
        String slug = Slugs.from("a".repeat(200), 120);
        assertThat(slug).hasSize(120);
        assertThat(Slugs.numbered(slug, 12, 120)).hasSize(120).endsWith("-12");
        assertThat(Slugs.numbered("moehren", 1, 120)).isEqualTo("moehren");
        assertThat(Slugs.numbered("moehren", 2, 120)).isEqualTo("moehren-2");
    }
}
