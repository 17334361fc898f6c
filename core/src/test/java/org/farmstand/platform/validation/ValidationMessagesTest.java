package org.farmstand.platform.validation;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code message = "{farmstand.…}"} of a constraint, in any module's sources, has a text in the
 * ValidationMessages bundle in English and German: a missing one shows the raw key ({farmstand.slug.invalid}) to the
 * user.
 */
class ValidationMessagesTest {

    private static final Pattern MESSAGE_KEY = Pattern.compile("message\\s*=\\s*\"\\{(farmstand\\.[^}\"]+)}\"");

    @Test
    void everyOwnConstraintMessageHasAnEnglishAndAGermanText() {
        Set<String> keys = usedKeys();
        assertThat(keys).as("the scan finds the keys it is meant to check").contains("farmstand.slug.invalid");
        Properties english = load("/ValidationMessages.properties");
        Properties german = load("/ValidationMessages_de.properties");
        assertThat(english.stringPropertyNames()).as("English texts").containsAll(keys);
        assertThat(german.stringPropertyNames()).as("German texts").containsAll(keys);
        assertThat(german.stringPropertyNames()).as("both bundles have the same keys")
                .isEqualTo(english.stringPropertyNames());
    }

    @Test
    void theBundleIsFoundForBothLanguages() {
        ResourceBundle de = ResourceBundle.getBundle("ValidationMessages", Locale.GERMAN);
        ResourceBundle en = ResourceBundle.getBundle("ValidationMessages", Locale.ENGLISH);
        assertThat(de.getString("farmstand.slug.invalid")).startsWith("Adresse:");
        assertThat(en.getString("farmstand.slug.invalid")).startsWith("Address:");
        // Bean Validation's own size message, for fields without one of their own ("size must be between 0 and 1000")
        assertThat(de.getString("jakarta.validation.constraints.Size.message"))
                .isEqualTo("Bitte höchstens {max} Zeichen eingeben.");
        assertThat(en.getString("jakarta.validation.constraints.Size.message"))
                .isEqualTo("Please enter at most {max} characters.");
    }

    /** The keys used in the main sources of every module (core is the working directory; its siblings are next). */
    private static Set<String> usedKeys() {
        Set<String> keys = new TreeSet<>();
        Path root = Path.of("").toAbsolutePath().getParent();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.toList()) {
                Path sources = module.resolve("src/main/java");
                if (!Files.isDirectory(sources)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(sources)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        Matcher m = MESSAGE_KEY.matcher(Files.readString(file));
                        while (m.find()) {
                            keys.add(m.group(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = ValidationMessagesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
