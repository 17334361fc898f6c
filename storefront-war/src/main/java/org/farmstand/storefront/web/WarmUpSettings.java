package org.farmstand.storefront.web;

import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.logging.Logger;

/**
 * The warm-up's configuration ({@code farmstand.warmup.*}, MicroProfile Config): whether it runs, for how long at most
 * and how many requests at most, and optionally the node's own HTTP port (otherwise learned from the first readiness
 * probe, see {@link WarmUp}). Values out of range are brought into it; a value that is not a number turns the
 * warm-up off with one log line naming the key — a warm-up must never stop a node from starting.
 *
 * @param time        the longest the warm-up runs once started, at most {@link #MAX_TIME}
 * @param maxRequests the most requests it sends
 * @param port        the HTTP port on 127.0.0.1 to send them to; empty: the port the first readiness probe came in on
 */
record WarmUpSettings(boolean enabled, Duration time, int maxRequests, OptionalInt port) {

    /** A node out of service for longer than this because of its warm-up would cost more than a cold start. */
    static final Duration MAX_TIME = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(WarmUpSettings.class.getName());

    static WarmUpSettings off() {
        return new WarmUpSettings(false, Duration.ZERO, 0, OptionalInt.empty());
    }

    /** Settings from raw values: on only with a positive time and request count; a port outside 1..65535 is none. */
    static WarmUpSettings of(boolean enabled, long seconds, int maxRequests, Integer port) {
        Duration time = Duration.ofSeconds(Math.max(0, Math.min(seconds, MAX_TIME.toSeconds())));
        int max = Math.max(0, maxRequests);
        OptionalInt validPort = port != null && port > 0 && port <= 0xFFFF ? OptionalInt.of(port) : OptionalInt.empty();
        return new WarmUpSettings(enabled && !time.isZero() && max > 0, time, max, validPort);
    }

    static WarmUpSettings from(Config config) {
        try {
            return of(config.getOptionalValue("farmstand.warmup.enabled", Boolean.class).orElse(true),
                    config.getOptionalValue("farmstand.warmup.seconds", Long.class).orElse(20L),
                    config.getOptionalValue("farmstand.warmup.max-requests", Integer.class).orElse(3000),
                    config.getOptionalValue("farmstand.warmup.port", Integer.class).orElse(null));
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "Warm-up off: a farmstand.warmup.* setting is not valid (" + e.getMessage() + ")");
            return off();
        }
    }
}
