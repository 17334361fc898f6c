package org.farmstand.ordering.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A bulkhead for the writes that wait in the database for a tour date's row (placing an order, changing one,
 * accepting a waiting-list offer): at most {@code farmstand.ordering.max-concurrent-placements} of them run at once
 * per node, fewer than the connection pool holds (30). A writer that holds a date's row and needs a second
 * connection — the first stock row of a product on a date counts the date's orders in a transaction of its own
 * (ApiService.setDateStock, DateStock.open) — then still gets one. Without the gate a burst of placements took every
 * pooled connection while they waited for the row that writer held, and everything waited for the timeouts (the
 * pool's 10 s, the statements' 30 s): seen in OrderConcurrencyIT on a loaded machine, orders failed and were retried.
 * Waiting for a permit holds no connection (the gated calls run outside a transaction), in arrival order.
 */
@ApplicationScoped
public class PlacementGate {

    @Inject
    @ConfigProperty(name = "farmstand.ordering.max-concurrent-placements", defaultValue = "20")
    int permits;

    @Inject
    @ConfigProperty(name = "farmstand.ordering.placement-wait-ms", defaultValue = "10000")
    long waitMs;

    private Semaphore semaphore;

    /** For CDI. */
    public PlacementGate() {
    }

    PlacementGate(int permits, long waitMs) {
        this.permits = permits;
        this.waitMs = waitMs;
        init();
    }

    @PostConstruct
    void init() {
        semaphore = new Semaphore(Math.max(1, permits), true);
    }

    /** Runs {@code work} with a permit; throws {@link Busy} when none came free within the configured wait. */
    public <T> T call(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = semaphore.tryAcquire(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
        if (!acquired) {
            throw new Busy();
        }
        try {
            return work.get();
        } finally {
            semaphore.release();
        }
    }

    /** No permit came free in time: nothing was written; the request may be sent again. */
    public static final class Busy extends RuntimeException {
        public Busy() {
            super("Too many orders are being placed at this moment; nothing was written");
        }
    }
}
