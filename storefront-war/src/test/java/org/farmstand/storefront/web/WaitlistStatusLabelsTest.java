package org.farmstand.storefront.web;

import org.farmstand.waitlist.entity.WaitlistStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The customer's waiting lists name every state of an entry in both languages (no raw enum name on the page). */
class WaitlistStatusLabelsTest {

    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = WaitlistStatusLabelsTest.class.getResourceAsStream("/org/farmstand/storefront/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyStateHasALabelInGermanAndEnglish() throws IOException {
        Properties en = load("Messages.properties");
        Properties de = load("Messages_de.properties");
        for (WaitlistStatus status : WaitlistStatus.values()) {
            assertThat(en.getProperty("WaitlistStatus." + status)).as("en " + status).isNotBlank();
            assertThat(de.getProperty("WaitlistStatus." + status)).as("de " + status).isNotBlank();
        }
        // an entry closed at the cut-off reads as closed, not as waiting
        assertThat(en.getProperty("WaitlistStatus.NO_PLACE")).startsWith("Closed").doesNotContain("Waiting");
        assertThat(de.getProperty("WaitlistStatus.NO_PLACE")).startsWith("Beendet").doesNotContain("Wartet");
    }
}
