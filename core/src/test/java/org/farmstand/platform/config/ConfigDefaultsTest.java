package org.farmstand.platform.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * META-INF/microprofile-config.properties is where a hoster finds every setting (the README says so): each key the
 * code of core and the two WARs reads ({@code @ConfigProperty} or {@code getOptionalValue}) has an entry there, and
 * where the annotation names a default, the file's value is the same.
 */
class ConfigDefaultsTest {

    static final Pattern ANNOTATED = Pattern.compile(
            "@ConfigProperty\\(name = \"(farmstand\\.[^\"]+)\"(?:, defaultValue = \"([^\"]*)\")?\\)");
    static final Pattern LOOKED_UP = Pattern.compile("getOptionalValue\\(\"(farmstand\\.[^\"]+)\"");

    /** Key → the annotation's default (null: none, or read with getOptionalValue). */
    static Map<String, String> keysInCode() throws IOException {
        Map<String, String> keys = new TreeMap<>();
        for (String module : new String[]{".", "../storefront-war", "../admin-war"}) {
            Path sources = Path.of(module, "src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(file);
                    Matcher annotated = ANNOTATED.matcher(text);
                    while (annotated.find()) {
                        keys.put(annotated.group(1), annotated.group(2));
                    }
                    Matcher lookedUp = LOOKED_UP.matcher(text);
                    while (lookedUp.find()) {
                        keys.putIfAbsent(lookedUp.group(1), null);
                    }
                }
            }
        }
        return keys;
    }

    static Properties defaults() {
        Properties properties = new Properties();
        try (InputStream in = ConfigDefaultsTest.class
                .getResourceAsStream("/META-INF/microprofile-config.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    @Test
    void everyKeyTheCodeReadsHasItsDefaultInTheFile() throws IOException {
        Map<String, String> keys = keysInCode();
        assertThat(keys).as("the scan finds keys of core and both WARs").containsKeys("farmstand.public-url",
                "farmstand.customers.admission-interval-ms", "farmstand.cache.cluster-connect-timeout-ms",
                "farmstand.warmup.port");
        Properties file = defaults();
        assertThat(file.stringPropertyNames()).containsAll(keys.keySet());
        keys.forEach((key, annotated) -> {
            if (annotated != null) {
                assertThat(file.getProperty(key)).as(key).isEqualTo(annotated);
            }
        });
    }
}
