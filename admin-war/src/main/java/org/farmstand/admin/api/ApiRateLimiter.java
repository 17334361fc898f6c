package org.farmstand.admin.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.farmstand.platform.web.ClientAddress;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token buckets on this node, per API token and per client address; the limits protect the nodes from a runaway or
 * hostile client, they are no quota (with N nodes behind a balancer a client gets up to N times the rate).
 * <ul>
 * <li>Requests per API token: {@code farmstand.api.rate-per-second} sustained, bursts up to
 * {@code farmstand.api.rate-burst}.</li>
 * <li>Requests without a valid token per client address ({@link org.farmstand.platform.web.ClientAddress}; IPv6 per
 * /64 network, which one subscriber usually holds whole): {@code farmstand.api.unauthenticated-per-second}, bursts up
 * to {@code farmstand.api.unauthenticated-burst}. A client over this budget is refused before its token is looked up,
 * so a flood of made-up tokens does not reach the database. Requests with a valid token do not count.</li>
 * </ul>
 * Memory is bounded: at most {@link #MAX_KEYS} buckets per kind; buckets that have filled up again say nothing and
 * are dropped first, and while the table is still full, new keys share one overflow bucket.
 */
@ApplicationScoped
public class ApiRateLimiter {

    static final int MAX_KEYS = 20_000;

    @Inject
    @ConfigProperty(name = "farmstand.api.rate-per-second", defaultValue = "50")
    double perSecond;

    @Inject
    @ConfigProperty(name = "farmstand.api.rate-burst", defaultValue = "100")
    double burst;

    @Inject
    @ConfigProperty(name = "farmstand.api.unauthenticated-per-second", defaultValue = "2")
    double unauthenticatedPerSecond;

    @Inject
    @ConfigProperty(name = "farmstand.api.unauthenticated-burst", defaultValue = "30")
    double unauthenticatedBurst;

    private final Buckets<Long> tokens = new Buckets<>(MAX_KEYS);
    private final Buckets<String> clients = new Buckets<>(MAX_KEYS);

    /** 0 when the request may proceed, else the seconds to wait before the next one is allowed (at least 1). */
    public long acquire(long tokenId) {
        return tokens.take(tokenId, perSecond, burst, System.nanoTime());
    }

    /**
     * Before a token is looked up: 0 when the client may still fail authentication, else the seconds until it may
     * again. Takes nothing from the budget.
     */
    public long unauthenticatedWait(String clientAddress) {
        return clients.peek(ClientAddress.network(clientAddress), unauthenticatedPerSecond, unauthenticatedBurst, System.nanoTime());
    }

    /** A request of this client came without a valid token. */
    public void failedAuthentication(String clientAddress) {
        clients.take(ClientAddress.network(clientAddress), unauthenticatedPerSecond, unauthenticatedBurst, System.nanoTime());
    }

    /** Buckets per key, at most {@code maxKeys} of them. */
    static final class Buckets<K> {
        private final int maxKeys;
        private final ConcurrentMap<K, Bucket> buckets = new ConcurrentHashMap<>();
        private final Bucket overflow = new Bucket(0, System.nanoTime());
        private volatile long lastPrune;

        Buckets(int maxKeys) {
            this.maxKeys = maxKeys;
        }

        long take(K key, double perSecond, double burst, long now) {
            return bucket(key, perSecond, burst, now, true).take(perSecond, burst, now);
        }

        long peek(K key, double perSecond, double burst, long now) {
            Bucket bucket = bucket(key, perSecond, burst, now, false);
            return bucket == null ? 0 : bucket.peek(perSecond, burst, now);
        }

        int size() {
            return buckets.size();
        }

        private Bucket bucket(K key, double perSecond, double burst, long now, boolean create) {
            Bucket bucket = buckets.get(key);
            if (bucket != null) {
                return bucket;
            }
            if (buckets.size() >= maxKeys) {
                prune(perSecond, burst, now);
                if (buckets.size() >= maxKeys) {
                    return overflow;
                }
            }
            return create ? buckets.computeIfAbsent(key, k -> new Bucket(burst, now)) : null;
        }

        /** Drops the buckets that are full again (at most once a second: it walks the whole table). */
        private void prune(double perSecond, double burst, long now) {
            long last = lastPrune;
            if (now - last < 1_000_000_000L && last != 0) {
                return;
            }
            lastPrune = now;
            buckets.values().removeIf(b -> b.full(perSecond, burst, now));
        }
    }

    static final class Bucket {
        private double available;
        private long last;

        Bucket(double burst, long now) {
            this.available = burst;
            this.last = now;
        }

        synchronized long take(double perSecond, double burst, long now) {
            refill(perSecond, burst, now);
            if (available >= 1) {
                available -= 1;
                return 0;
            }
            return waitFor(perSecond);
        }

        synchronized long peek(double perSecond, double burst, long now) {
            refill(perSecond, burst, now);
            return available >= 1 ? 0 : waitFor(perSecond);
        }

        synchronized boolean full(double perSecond, double burst, long now) {
            refill(perSecond, burst, now);
            return available >= burst;
        }

        private void refill(double perSecond, double burst, long now) {
            available = Math.min(burst, available + Math.max(0, now - last) / 1e9 * perSecond);
            last = now;
        }

        private long waitFor(double perSecond) {
            return Math.max(1, (long) Math.ceil((1 - available) / perSecond));
        }
    }
}
