package org.farmstand.tours.control;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Postcode rules of a tour: exact codes ("79098") or prefixes ("791*": codes that go on after "791"). */
public final class Postcodes {

    private Postcodes() {
    }

    public static Set<String> parse(String rules) {
        if (rules == null) {
            return Set.of();
        }
        return Arrays.stream(rules.split("[,;\\s]+"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public static boolean valid(String rules) {
        Set<String> parsed = parse(rules);
        return !parsed.isEmpty() && parsed.stream().allMatch(r -> r.matches("[0-9A-Za-z]{1,10}\\*?"));
    }

    public static String normalize(String postcode) {
        return postcode == null ? "" : postcode.replaceAll("\\s+", "").toUpperCase(java.util.Locale.ROOT);
    }

    public static boolean matches(Set<String> rules, String postcode) {
        String code = normalize(postcode);
        if (code.isEmpty()) {
            return false;
        }
        for (String rule : rules) {
            String r = rule.toUpperCase(java.util.Locale.ROOT);
            // a prefix stands for longer codes: "790*" does not take the incomplete "790"
            if (r.endsWith("*") ? code.length() >= r.length() && code.startsWith(r.substring(0, r.length() - 1))
                    : code.equals(r)) {
                return true;
            }
        }
        return false;
    }
}
