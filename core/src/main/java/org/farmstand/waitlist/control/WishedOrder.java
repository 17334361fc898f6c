package org.farmstand.waitlist.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The order a waiting customer wishes, stored as "productId:quantity,..." on the entry. */
public final class WishedOrder {

    private WishedOrder() {
    }

    public static String format(Map<Long, Integer> quantities) {
        return quantities.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }

    /** Parses what {@link #format} wrote; anything malformed is skipped. */
    public static Map<Long, Integer> parse(String text) {
        Map<Long, Integer> result = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return result;
        }
        for (String part : text.split(",")) {
            String[] kv = part.split(":");
            if (kv.length == 2) {
                try {
                    long id = Long.parseLong(kv[0].strip());
                    int qty = Integer.parseInt(kv[1].strip());
                    if (id > 0 && qty > 0 && qty <= 99) {
                        result.merge(id, qty, Integer::sum);
                    }
                } catch (NumberFormatException ignored) {
                    // skipped
                }
            }
        }
        return result;
    }
}
