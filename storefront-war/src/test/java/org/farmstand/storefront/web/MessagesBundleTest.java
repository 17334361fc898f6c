package org.farmstand.storefront.web;

import org.farmstand.testing.Bundles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop's bundle speaks both languages alike: every text in German and in English, with the same arguments, and no
 * German left in the English texts (the admin's products list had "ca." in English).
 */
class MessagesBundleTest {

    static Properties load(String name) {
        return Bundles.load("org/farmstand/storefront/i18n/" + name);
    }

    @Test
    void germanAndEnglishHaveTheSameKeysWithTheSameArguments() throws IOException {
        Properties en = load("Messages.properties");
        Properties de = load("Messages_de.properties");
        assertThat(de.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        assertThat(load("Messages_en.properties").stringPropertyNames()).as("English is the base bundle").isEmpty();
        for (String key : en.stringPropertyNames()) {
            assertThat(Bundles.arguments(de.getProperty(key))).as(key).isEqualTo(Bundles.arguments(en.getProperty(key)));
            for (Properties p : new Properties[]{en, de}) {
                new MessageFormat(p.getProperty(key)); // parses
            }
        }
    }

    @Test
    void englishTextsHaveNoGermanInThem() throws IOException {
        Properties en = load("Messages.properties");
        for (String key : en.stringPropertyNames()) {
            if (key.equals("general.language.de")) {
                continue; // "Deutsch": a language is named in its own language
            }
            assertThat(en.getProperty(key)).as(key).doesNotContain("ca. ", "z. B.", "bzw.")
                    .doesNotContainPattern("[äöüÄÖÜß]");
        }
    }
}
