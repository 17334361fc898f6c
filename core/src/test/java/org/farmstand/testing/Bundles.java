package org.farmstand.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the bundle tests (the shop's and the admin's texts, the mails) read of a resource bundle. */
public final class Bundles {

    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

    private Bundles() {
    }

    /** A properties file on the class path, read as UTF-8; {@code path} without a leading slash. */
    public static Properties load(String path) {
        try (InputStream in = Bundles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no " + path + " on the class path");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The argument numbers a MessageFormat pattern uses ({@code ''} is a quote, not an argument's start). */
    public static Set<Integer> arguments(String pattern) {
        Set<Integer> found = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(pattern.replace("''", ""));
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }
}
