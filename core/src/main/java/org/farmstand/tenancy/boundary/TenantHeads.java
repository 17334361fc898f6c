package org.farmstand.tenancy.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shops' heads (id and content version) as this WAR last read them, each kept for at most
 * {@code farmstand.tenant.head-max-age-ms} (1000; 0 = read on every request).
 * <p>
 * Every storefront request needs its shop's content version (the catalog caches are keyed by it). Reading it from the
 * database on every request made the shop's head the largest single item of a cached catalog page: MariaDB's CPU was
 * 0.06–0.13 ms per request against Payara's 0.13–0.29 ms (bench, session 12), plus the pool and driver on Payara's
 * side. Kept for a second, it is read at most once a second per shop and WAR. A change made in this WAR drops the
 * shop's heads when its transaction ends ({@link ContentVersions}), so it shows on the very next request here; a
 * change made in the other WAR or on another node shows within that second — still with no invalidation message to
 * lose, since the database remains where the version lives.
 * <p>
 * Keys are what a request names a shop by: its slug (a String) or its id (a Long, from a host name). Only shops that
 * exist are kept, and the map is emptied when it exceeds {@link #MAX_ENTRIES}, so made-up slugs cannot grow it.
 */
@ApplicationScoped
public class TenantHeads {

    static final int MAX_ENTRIES = 10_000;

    /** A shop's head as read from the database at {@code readAt} ({@link System#nanoTime}). */
    record Head(long id, long version, long readAt) {
    }

    private final Map<Object, Head> heads = new ConcurrentHashMap<>();
    long maxAgeNanos = Duration.ofSeconds(1).toNanos();

    @PostConstruct
    void init() {
        long millis = ConfigProvider.getConfig()
                .getOptionalValue("farmstand.tenant.head-max-age-ms", Long.class).orElse(1000L);
        maxAgeNanos = Duration.ofMillis(Math.max(0, millis)).toNanos();
    }

    /** The head kept under {@code key} if it is younger than the maximum age, else null (read it again). */
    Head fresh(Object key) {
        Head head = heads.get(key);
        return head != null && System.nanoTime() - head.readAt() < maxAgeNanos ? head : null;
    }

    /** Keeps a head just read from the database (committed: never one a running transaction changed). */
    void remember(Object key, long id, long version) {
        if (maxAgeNanos > 0) {
            if (heads.size() >= MAX_ENTRIES) {
                heads.clear();
            }
            heads.put(key, new Head(id, version, System.nanoTime()));
        }
    }

    /** Drops every head of the shop {@code tenantId} (after a change of its content in this WAR). */
    void forget(long tenantId) {
        heads.values().removeIf(head -> head.id() == tenantId);
    }
}
