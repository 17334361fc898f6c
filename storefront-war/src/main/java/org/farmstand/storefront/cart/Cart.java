package org.farmstand.storefront.cart;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cart of one shop, kept in the HTTP session (one attribute per shop, so carts of two shops never mix): only
 * product ids and quantities, small and Serializable so it replicates in a cluster. Prices are always read fresh.
 */
public class Cart implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final int MAX_LINES = 50;
    public static final int MAX_QUANTITY = 99;

    private final LinkedHashMap<Long, Integer> lines = new LinkedHashMap<>();

    public static String attributeName(long tenantId) {
        return "farmstand.cart." + tenantId;
    }

    /** Adds to a line; false if the cart is full or the quantity out of range. */
    public synchronized boolean add(long productId, int quantity) {
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            return false;
        }
        if (!lines.containsKey(productId) && lines.size() >= MAX_LINES) {
            return false;
        }
        lines.merge(productId, quantity, (a, b) -> Math.min(MAX_QUANTITY, a + b));
        return true;
    }

    /** Sets a line's quantity; 0 removes it. */
    public synchronized boolean set(long productId, int quantity) {
        if (quantity < 0 || quantity > MAX_QUANTITY) {
            return false;
        }
        if (quantity == 0) {
            lines.remove(productId);
        } else if (lines.containsKey(productId) || lines.size() < MAX_LINES) {
            lines.put(productId, quantity);
        } else {
            return false;
        }
        return true;
    }

    public synchronized void remove(long productId) {
        lines.remove(productId);
    }

    public synchronized void clear() {
        lines.clear();
    }

    public synchronized Map<Long, Integer> lines() {
        return Map.copyOf(lines);
    }

    /** Lines in the order they were added. */
    public synchronized LinkedHashMap<Long, Integer> orderedLines() {
        return new LinkedHashMap<>(lines);
    }

    public synchronized boolean isEmpty() {
        return lines.isEmpty();
    }

    public synchronized int itemCount() {
        return lines.values().stream().mapToInt(Integer::intValue).sum();
    }
}
