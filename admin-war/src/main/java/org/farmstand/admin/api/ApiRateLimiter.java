package org.farmstand.admin.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Requests per API token, as a token bucket per token on this node: {@code farmstand.api.rate-per-second} sustained,
 * bursts up to {@code farmstand.api.rate-burst}. With N nodes behind a balancer a token gets up to N times the rate;
 * the limit protects the nodes from a runaway client, it is no quota.
 */
@ApplicationScoped
public class ApiRateLimiter {

    @Inject
    @ConfigProperty(name = "farmstand.api.rate-per-second", defaultValue = "50")
    double perSecond;

    @Inject
    @ConfigProperty(name = "farmstand.api.rate-burst", defaultValue = "100")
    double burst;

    private final ConcurrentMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

    /** 0 when the request may proceed, else the seconds to wait before the next one is allowed (at least 1). */
    public long acquire(long tokenId) {
        if (buckets.size() > 10_000) {
            buckets.clear(); // tokens are few per shop; this only bounds memory against odd growth
        }
        return buckets.computeIfAbsent(tokenId, id -> new Bucket(burst)).take(perSecond, burst, System.nanoTime());
    }

    static final class Bucket {
        private double available;
        private long last;

        Bucket(double burst) {
            this.available = burst;
            this.last = System.nanoTime();
        }

        synchronized long take(double perSecond, double burst, long now) {
            available = Math.min(burst, available + (now - last) / 1e9 * perSecond);
            last = now;
            if (available >= 1) {
                available -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - available) / perSecond));
        }
    }
}
