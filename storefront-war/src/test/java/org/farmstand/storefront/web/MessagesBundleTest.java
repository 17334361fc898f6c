package org.farmstand.storefront.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop's bundle speaks both languages alike: every text in German and in English, with the same arguments, and no
 * German left in the English texts (the admin's products list had "ca." in English).
 */
class MessagesBundleTest {

    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesBundleTest.class.getResourceAsStream("/org/farmstand/storefront/i18n/" + name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    static Set<Integer> arguments(String pattern) {
        Set<Integer> found = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(pattern.replace("''", ""));
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }

    @Test
    void germanAndEnglishHaveTheSameKeysWithTheSameArguments() throws IOException {
        Properties en = load("Messages.properties");
        Properties de = load("Messages_de.properties");
        assertThat(de.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        assertThat(load("Messages_en.properties").stringPropertyNames()).as("English is the base bundle").isEmpty();
        for (String key : en.stringPropertyNames()) {
            assertThat(arguments(de.getProperty(key))).as(key).isEqualTo(arguments(en.getProperty(key)));
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
