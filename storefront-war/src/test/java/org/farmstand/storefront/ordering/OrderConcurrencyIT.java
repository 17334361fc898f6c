package org.farmstand.storefront.ordering;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import org.farmstand.api.boundary.ApiService;
import org.farmstand.ordering.boundary.ChangeResult;
import org.farmstand.ordering.boundary.OrderService;
import org.farmstand.ordering.boundary.PlaceResult;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.platform.security.Tokens;
import org.farmstand.tenancy.boundary.TenantService;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In the container, against MariaDB: many concurrent orders for one tour date never oversell it (places, and a
 * product's stock on the date), and concurrent submits with one idempotency key create exactly one order.
 */
@ExtendWith(ArquillianExtension.class)
class OrderConcurrencyIT {

    @Deployment
    static WebArchive deployment() {
        File war = new File(System.getProperty("farmstand.it.build-dir", "target"), "storefront.war");
        return ShrinkWrap.createFromZipFile(WebArchive.class, war).addClasses(OrderProbe.class, OrderConcurrencyIT.class);
    }

    @Inject
    OrderService orders;

    @Inject
    OrderProbe probe;

    @Inject
    ApiService api;

    @Inject
    TenantService tenants;

    @Inject
    org.farmstand.waitlist.boundary.WaitlistService waitlist;

    @Inject
    org.farmstand.platform.persistence.DataSources dataSources;

    record Setup(long tenant, long customer, long date, Map<Long, Integer> lines) {
    }

    Setup setup(int capacity, int daysAhead) {
        long tenant = tenants.bySlug("sonnenhof").orElseThrow().id();
        long minOrder = tenants.byId(tenant).orElseThrow().minOrderCents();
        return TenantContext.callAs(tenant, () -> {
            long[] customer = probe.activeCustomer();
            long[] product = probe.product();
            int qty = (int) Math.min(99, minOrder / product[1] + 1);
            long date = probe.newDate(customer[1], capacity, daysAhead);
            return new Setup(tenant, customer[0], date, Map.of(product[0], qty));
        });
    }

    List<PlaceResult> concurrently(Setup s, int n, java.util.function.IntFunction<String> key) throws Exception {
        ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PlaceResult>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String k = key.apply(i);
            Callable<PlaceResult> task = () -> {
                start.await();
                return TenantContext.callAs(s.tenant(), () -> orders.place(s.customer(), s.date(), s.lines(), k));
            };
            futures.add(executor.submit(task));
        }
        start.countDown();
        List<PlaceResult> results = new ArrayList<>();
        for (Future<PlaceResult> f : futures) {
            results.add(f.get());
        }
        return results;
    }

    /**
     * Every pooled connection bounds its statements in the server (a statement that would hold locks or a request
     * thread for longer is stopped there): the session variable comes with the connection, no statement carries it.
     */
    @Test
    void pooledConnectionsBoundTheirStatementsInTheServer() throws Exception {
        try (java.sql.Connection c = dataSources.get().getConnection();
             java.sql.Statement statement = c.createStatement();
             java.sql.ResultSet row = statement.executeQuery("SELECT @@SESSION.max_statement_time")) {
            assertEquals(0, statement.getQueryTimeout(), "no per-statement timeout (the driver would prefix the SQL)");
            assertTrue(row.next());
            assertEquals(30.0, row.getDouble(1));
        }
    }

    @Test
    void twoHundredOrdersForFiftyPlacesBookExactlyFifty() throws Exception {
        Setup s = setup(50, 400);
        List<PlaceResult> results = concurrently(s, 200, i -> Tokens.random(24));

        assertEquals(50, results.stream().filter(r -> r instanceof PlaceResult.Placed).count());
        assertEquals(150, results.stream().filter(r -> r instanceof PlaceResult.Full).count());
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(50, probe.booked(s.date()));
            assertEquals(50, probe.orders(s.date()));
        });
    }

    @Test
    void stockPerTourDateIsNeverOversoldAndACancellationGivesItBack() throws Exception {
        Setup s = setup(50, 402);
        long product = s.lines().keySet().iterator().next();
        int qty = s.lines().get(product);
        TenantContext.runAs(s.tenant(), () -> probe.dateStock(product, s.date(), 5 * qty + qty - 1, true));
        List<PlaceResult> results = concurrently(s, 20, i -> Tokens.random(24));

        List<PlaceResult> placed = results.stream().filter(r -> r instanceof PlaceResult.Placed).toList();
        assertEquals(5, placed.size());
        assertEquals(15, results.stream().filter(r -> r instanceof PlaceResult.OutOfStock).count());
        PlaceResult.OutOfStock short1 = (PlaceResult.OutOfStock) results.stream()
                .filter(r -> r instanceof PlaceResult.OutOfStock).findFirst().orElseThrow();
        assertEquals(product, short1.productId());
        assertEquals(qty - 1, short1.remaining());
        assertTrue(short1.onDate(), "the stock on the date is short, not the product's");
        assertTrue(short1.productName() != null && !short1.productName().isBlank());
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(5 * qty, probe.sold(product, s.date()));
            assertEquals(5, probe.booked(s.date())); // a refused order gave its booked place back
            assertEquals(5, probe.orders(s.date()));
        });

        // a cancellation gives the quantity back, so the next order fits again
        String number = ((PlaceResult.Placed) placed.get(0)).orderNumber();
        assertEquals(OrderService.CancelResult.CANCELLED,
                TenantContext.callAs(s.tenant(), () -> orders.cancel(s.customer(), number)));
        TenantContext.runAs(s.tenant(), () -> assertEquals(4 * qty, probe.sold(product, s.date())));
        assertTrue(TenantContext.callAs(s.tenant(), () -> orders.place(s.customer(), s.date(), s.lines(),
                Tokens.random(24))) instanceof PlaceResult.Placed);

        // not available on a date at all: refused with nothing left
        Setup closed = setup(10, 403);
        long p2 = closed.lines().keySet().iterator().next();
        TenantContext.runAs(closed.tenant(), () -> probe.dateStock(p2, closed.date(), null, false));
        PlaceResult refused = TenantContext.callAs(closed.tenant(),
                () -> orders.place(closed.customer(), closed.date(), closed.lines(), Tokens.random(24)));
        assertTrue(refused instanceof PlaceResult.OutOfStock, refused.toString());
        assertEquals(0, ((PlaceResult.OutOfStock) refused).remaining());
        assertTrue(((PlaceResult.OutOfStock) refused).onDate());
        TenantContext.runAs(closed.tenant(), () -> assertEquals(0, probe.booked(closed.date())));
    }

    /**
     * The placement's locked part runs in the database (V7's procedure) with the tenant as a parameter: called as
     * another shop with this shop's order and date, it books, takes and numbers nothing.
     */
    @Test
    void thePlacementsDatabaseCallNeverReachesAnotherShopsRows() {
        Setup s = setup(5, 406);
        long product = s.lines().keySet().iterator().next();
        TenantContext.runAs(s.tenant(), () -> probe.dateStock(product, s.date(), 1_000, true));
        String key = Tokens.random(24);
        PlaceResult placed = TenantContext.callAs(s.tenant(), () -> orders.place(s.customer(), s.date(), s.lines(), key));
        assertTrue(placed instanceof PlaceResult.Placed, placed.toString());
        long order = TenantContext.callAs(s.tenant(), () -> probe.orderId(key));
        long seq = TenantContext.callAs(s.tenant(), () -> probe.changeSeq(order));
        int sold = TenantContext.callAs(s.tenant(), () -> probe.sold(product, s.date()));
        assertTrue(seq > 0, "a placed order has its shop's next change number");

        long other = tenants.bySlug("lindenhof").orElseThrow().id();
        for (boolean held : new boolean[]{false, true}) {
            assertEquals("FULL", TenantContext.callAs(other, () -> probe.lockedPart(order, s.date(), held)));
        }
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(1, probe.booked(s.date()));
            assertEquals(sold, probe.sold(product, s.date()));
            assertEquals(seq, probe.changeSeq(order));
        });
    }

    /**
     * The producer's system sets a date's stock for the first time while orders come in: the write counts what the
     * committed orders hold, the others take from its row afterwards. Three dates, the write arriving early, midway
     * and late; it holds the date's row while it counts, so it must never wait for the lines of an order that waits
     * for that row (a deadlock: one of them would be rolled back).
     */
    @Test
    void theFirstStockSettingForADateCountsEveryOrderPlacedAroundIt() throws Exception {
        ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        int[][] rounds = {{404, 5}, {407, 15}, {408, 25}}; // days ahead, orders submitted before the stock write
        for (int[] round : rounds) {
            Setup s = setup(60, round[0]);
            long product = s.lines().keySet().iterator().next();
            int qty = s.lines().get(product);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<PlaceResult>> futures = new ArrayList<>();
            Future<Optional<ApiService.DateStockDto>> stockWrite = null;
            for (int i = 0; i < 30; i++) {
                if (i == round[1]) {
                    stockWrite = executor.submit(() -> {
                        start.await();
                        return TenantContext.callAs(s.tenant(),
                                () -> api.setDateStock(product, s.date(), true, 10_000));
                    });
                }
                futures.add(executor.submit(() -> {
                    start.await();
                    return TenantContext.callAs(s.tenant(),
                            () -> orders.place(s.customer(), s.date(), s.lines(), Tokens.random(24)));
                }));
            }
            start.countDown();
            for (Future<PlaceResult> f : futures) {
                PlaceResult r = f.get();
                assertTrue(r instanceof PlaceResult.Placed, "60 places and stock for all: " + r);
            }
            assertTrue(stockWrite.get().isPresent(), "the stock write succeeds at its first attempt");
            TenantContext.runAs(s.tenant(), () -> assertEquals(30L * qty, probe.sold(product, s.date()),
                    "sold = what the 30 orders on the date hold, whichever committed first"));
        }
    }

    /** The sonnenhof set-up of {@code setup}, ordering its quantity of a new product with this stock instead. */
    Setup withNewProduct(Setup base, Integer stock) {
        long demo = base.lines().keySet().iterator().next();
        long price = TenantContext.callAs(base.tenant(), () -> probe.price(demo));
        long product = TenantContext.callAs(base.tenant(), () -> probe.newProduct(price, stock));
        return new Setup(base.tenant(), base.customer(), base.date(), Map.of(product, base.lines().get(demo)));
    }

    /**
     * A product's own stock (the quantity on hand, on no particular date) is counted down by every order in the
     * database: concurrent orders never take more than there is and never below 0, the refused ones name the product
     * and what is left, a cancellation gives back. A product without a stock is neither counted nor written.
     */
    @Test
    void aProductsStockIsCountedDownByConcurrentOrdersAndNeverOversold() throws Exception {
        Setup base = setup(60, 420);
        int qty = base.lines().values().iterator().next();
        Setup s = withNewProduct(base, 5 * qty + qty - 1);
        long product = s.lines().keySet().iterator().next();
        List<PlaceResult> results = concurrently(s, 20, i -> Tokens.random(24));

        List<PlaceResult> placed = results.stream().filter(r -> r instanceof PlaceResult.Placed).toList();
        assertEquals(5, placed.size(), results.toString());
        List<PlaceResult.OutOfStock> refused = results.stream().filter(r -> r instanceof PlaceResult.OutOfStock)
                .map(r -> (PlaceResult.OutOfStock) r).toList();
        assertEquals(15, refused.size(), results.toString());
        for (PlaceResult.OutOfStock out : refused) {
            assertEquals(product, out.productId());
            assertEquals(qty - 1, out.remaining());
            assertTrue(out.productName().startsWith("Lagerware "), out.productName());
            assertTrue(!out.onDate(), "the product's own stock is short, on any date");
        }
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(qty - 1, probe.stock(product));
            assertEquals(5, probe.booked(s.date())); // a refused order gave its booked place back
            assertEquals(5, probe.orders(s.date()));
        });

        // a cancellation gives the quantity back, so the next order fits again, and takes it
        String number = ((PlaceResult.Placed) placed.get(0)).orderNumber();
        assertEquals(qty, TenantContext.callAs(s.tenant(), () -> probe.stockTaken(number, product)));
        assertEquals(OrderService.CancelResult.CANCELLED,
                TenantContext.callAs(s.tenant(), () -> orders.cancel(s.customer(), number)));
        TenantContext.runAs(s.tenant(), () -> assertEquals(2 * qty - 1, probe.stock(product)));
        assertTrue(TenantContext.callAs(s.tenant(), () -> orders.place(s.customer(), s.date(), s.lines(),
                Tokens.random(24))) instanceof PlaceResult.Placed);
        TenantContext.runAs(s.tenant(), () -> assertEquals(qty - 1, probe.stock(product)));

        // a product without a stock: placed, and its stock stays "not tracked", nothing taken
        String key = Tokens.random(24);
        PlaceResult untracked = TenantContext.callAs(base.tenant(),
                () -> orders.place(base.customer(), base.date(), base.lines(), key));
        assertTrue(untracked instanceof PlaceResult.Placed, untracked.toString());
        long demo = base.lines().keySet().iterator().next();
        TenantContext.runAs(base.tenant(), () -> {
            assertEquals(null, probe.stock(demo));
            assertEquals(0, probe.stockTaken(((PlaceResult.Placed) untracked).orderNumber(), demo));
        });
    }

    /** Both limits apply when both are set: the product's stock and its stock on the date, whichever is shorter. */
    @Test
    void theProductsStockAndItsStockOnTheDateBothLimitOrders() throws Exception {
        Setup s = setup(60, 421);
        int qty = s.lines().values().iterator().next();
        Setup onDate = withNewProduct(s, 10 * qty);
        long product = onDate.lines().keySet().iterator().next();
        TenantContext.runAs(s.tenant(), () -> probe.dateStock(product, onDate.date(), 3 * qty, true));
        List<PlaceResult> first = concurrently(onDate, 6, i -> Tokens.random(24));
        assertEquals(3, first.stream().filter(r -> r instanceof PlaceResult.Placed).count(), first.toString());
        assertEquals(3, first.stream().filter(r -> r instanceof PlaceResult.OutOfStock out && out.onDate()).count(),
                first.toString());
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(3 * qty, probe.sold(product, onDate.date()));
            assertEquals(7 * qty, probe.stock(product)); // the refused orders took nothing from it either
        });

        // another date with room for many more: now the product's stock is the shorter limit
        Setup other = setup(60, 422);
        Setup later = new Setup(other.tenant(), other.customer(), other.date(), onDate.lines());
        TenantContext.runAs(s.tenant(), () -> probe.dateStock(product, later.date(), 100 * qty, true));
        List<PlaceResult> second = concurrently(later, 10, i -> Tokens.random(24));
        assertEquals(7, second.stream().filter(r -> r instanceof PlaceResult.Placed).count(), second.toString());
        assertTrue(second.stream().filter(r -> !(r instanceof PlaceResult.Placed))
                .allMatch(r -> r instanceof PlaceResult.OutOfStock out && out.remaining() == 0 && !out.onDate()),
                second.toString());
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(0, probe.stock(product));
            assertEquals(7 * qty, probe.sold(product, later.date())); // the refused ones gave the date's stock back
            assertEquals(7, probe.booked(later.date()));
        });
    }

    /**
     * Changing an order: a raised quantity takes the difference from the product's stock (refused when less is
     * left, nothing changed), a lowered one gives back; an order placed before the stock was set took nothing and
     * gives nothing back, but its raised quantity counts.
     */
    @Test
    void aChangeTakesARaisedQuantityFromTheProductsStockAndGivesALoweredOneBack() {
        Setup base = setup(10, 423);
        int qty = base.lines().values().iterator().next();
        Setup s = withNewProduct(base, qty + 3);
        long product = s.lines().keySet().iterator().next();
        long price = TenantContext.callAs(s.tenant(), () -> probe.price(product));
        PlaceResult placed = TenantContext.callAs(s.tenant(),
                () -> orders.place(s.customer(), s.date(), s.lines(), Tokens.random(24)));
        assertTrue(placed instanceof PlaceResult.Placed, placed.toString());
        String number = ((PlaceResult.Placed) placed).orderNumber();
        TenantContext.runAs(s.tenant(), () -> assertEquals(3, probe.stock(product)));

        assertEquals(new ChangeResult.Changed(), change(s, number, product, qty + 2, price));
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(1, probe.stock(product));
            assertEquals(qty + 2, probe.stockTaken(number, product));
        });
        // 2 more wanted, 1 left: refused, nothing changed
        assertEquals(new ChangeResult.Invalid("orders.change.unavailable"), change(s, number, product, qty + 4, price));
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(1, probe.stock(product));
            assertEquals(qty + 2, probe.stockTaken(number, product));
        });
        assertEquals(new ChangeResult.Changed(), change(s, number, product, qty, price));
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(3, probe.stock(product));
            assertEquals(qty, probe.stockTaken(number, product));
        });
        assertEquals(OrderService.CancelResult.CANCELLED,
                TenantContext.callAs(s.tenant(), () -> orders.cancel(s.customer(), number)));
        TenantContext.runAs(s.tenant(), () -> assertEquals(qty + 3, probe.stock(product)));

        // ordered while the stock was not tracked: the count set afterwards does not include it
        TenantContext.runAs(s.tenant(), () -> probe.setStock(product, null));
        PlaceResult before = TenantContext.callAs(s.tenant(),
                () -> orders.place(s.customer(), s.date(), s.lines(), Tokens.random(24)));
        String early = ((PlaceResult.Placed) before).orderNumber();
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(null, probe.stock(product));
            probe.setStock(product, 5);
        });
        assertEquals(new ChangeResult.Changed(), change(s, early, product, qty + 1, price));
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(4, probe.stock(product));
            assertEquals(1, probe.stockTaken(early, product));
        });
        assertEquals(OrderService.CancelResult.CANCELLED,
                TenantContext.callAs(s.tenant(), () -> orders.cancel(s.customer(), early)));
        TenantContext.runAs(s.tenant(), () -> assertEquals(5, probe.stock(product)));
    }

    private ChangeResult change(Setup s, String number, long product, int quantity, long price) {
        return TenantContext.callAs(s.tenant(), () -> orders.change(s.customer(), number,
                probe.orderVersion(number), Map.of(product, quantity), Map.of(product, price), null));
    }

    /**
     * Placements waiting in the database for a tour date's row must not take every pooled connection: the first stock
     * write of that date holds the row and needs a second connection for its count (a transaction of its own). Here
     * the row is held from outside the pool; the stock write queues for it first, then 30 placements; then the row is
     * let go and the writer gets it. Without the placement gate 29 placements waited in the database on pooled
     * connections (the pool has 30, the writer holds one), so the writer found no second connection within the
     * pool's 10 s and failed; with it, 20 wait there and the rest in Java.
     */
    @Test
    void placementsQueuedOnADatesRowLeaveConnectionsForTheWriterThatHoldsIt() throws Exception {
        Setup s = setup(60, 409);
        long product = s.lines().keySet().iterator().next();
        int qty = s.lines().get(product);
        jakarta.enterprise.concurrent.ManagedThreadFactory threads =
                InitialContext.doLookup("java:comp/DefaultManagedThreadFactory");
        try (java.sql.Connection outside = outsideThePool()) {
            outside.setAutoCommit(false);
            try (java.sql.PreparedStatement lock = outside.prepareStatement("SELECT id FROM tour_date WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, s.date());
                lock.executeQuery().close();
            }
            // the writer queues for the row first (it is granted the row first when the row is let go) ...
            java.util.concurrent.CompletableFuture<Optional<ApiService.DateStockDto>> stockWrite = inThread(threads,
                    () -> TenantContext.callAs(s.tenant(), () -> api.setDateStock(product, s.date(), true, 10_000)));
            awaitWaitingForRows(outside, 1);
            // ... then 30 placements, as many of them in the database (on a pooled connection each) as may be
            List<java.util.concurrent.CompletableFuture<PlaceResult>> placed = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                placed.add(inThread(threads, () -> TenantContext.callAs(s.tenant(),
                        () -> orders.place(s.customer(), s.date(), s.lines(), Tokens.random(24)))));
            }
            awaitWaitingForRows(outside, 21);
            Thread.sleep(500);
            outside.rollback();
            // the writer is granted the row first and needs one more connection: it must not wait for the pool's 10 s
            // max-wait (without the gate it failed to get one twice, 20 s, and the placements retried meanwhile)
            assertTrue(stockWrite.get(8, java.util.concurrent.TimeUnit.SECONDS).isPresent(),
                    "the stock write succeeds without waiting for a connection");
            for (java.util.concurrent.CompletableFuture<PlaceResult> f : placed) {
                PlaceResult r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(r instanceof PlaceResult.Placed, "60 places and stock for all: " + r);
            }
        }
        TenantContext.runAs(s.tenant(), () -> assertEquals(30L * qty, probe.sold(product, s.date())));
    }

    /**
     * A date the farm cancels between the placement's check of the date and its booking call is refused as
     * cancelled, not as full: the customer would otherwise be told the date is booked up and offered another, or the
     * waiting list of a date that will not be delivered. Deterministic: a transaction outside the pool cancels the
     * date and holds its row until the placement waits for it (its check has read the date as open by then).
     */
    @Test
    void aDateCancelledWhileTheOrderWaitsForItsRowIsRefusedAsCancelled() throws Exception {
        Setup s = setup(10, 1250);
        jakarta.enterprise.concurrent.ManagedThreadFactory threads =
                InitialContext.doLookup("java:comp/DefaultManagedThreadFactory");
        java.util.concurrent.CompletableFuture<PlaceResult> placed;
        try (java.sql.Connection outside = outsideThePool()) {
            outside.setAutoCommit(false);
            try (java.sql.PreparedStatement cancel = outside.prepareStatement(
                    "UPDATE tour_date SET status = 'CANCELLED' WHERE id = ?")) {
                cancel.setLong(1, s.date());
                assertEquals(1, cancel.executeUpdate());
            }
            placed = inThread(threads, () -> TenantContext.callAs(s.tenant(),
                    () -> orders.place(s.customer(), s.date(), s.lines(), Tokens.random(24))));
            awaitWaitingForRows(outside, 1);
            outside.commit();
        }
        PlaceResult result = placed.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(new PlaceResult.Invalid("order.invalid.dateCancelled"), result);
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(0, probe.booked(s.date()));
            assertEquals(0, probe.orders(s.date()));
        });
    }

    /** A connection to the platform's database that is not one of the pool's (it holds a row while others wait). */
    private static java.sql.Connection outsideThePool() throws java.sql.SQLException {
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        org.mariadb.jdbc.MariaDbDataSource direct = new org.mariadb.jdbc.MariaDbDataSource(
                config.getValue("farmstand.db.url", String.class));
        direct.setUser(config.getValue("farmstand.db.user", String.class));
        direct.setPassword(config.getOptionalValue("farmstand.db.password", String.class).orElse(""));
        return direct.getConnection();
    }

    /** Runs {@code work} in a new container thread; its result, or what it threw. */
    private static <T> java.util.concurrent.CompletableFuture<T> inThread(
            jakarta.enterprise.concurrent.ManagedThreadFactory threads, Callable<T> work) {
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
        threads.newThread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }).start();
        return result;
    }

    /** Waits (up to 20 s) until at least {@code n} transactions wait for a row lock. */
    private static void awaitWaitingForRows(java.sql.Connection c, int n) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (waitingForRows(c) < n && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(waitingForRows(c) >= n, n + " transactions wait for the date's row");
    }

    /** How many transactions wait for a row lock now (seen from {@code c}, outside the pool). */
    private static int waitingForRows(java.sql.Connection c) throws java.sql.SQLException {
        try (java.sql.ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Payara's container EntityManager keeps the EntityManager it opens outside a transaction in a field of the one
     * wrapper that all threads share, and closes it when the next call comes: whatever reaches the EntityManager
     * outside a transaction fails under concurrency with "closed EntityManager". Order placement (outside a
     * transaction by design), the shop lookup of every storefront request and the waiting-list acceptance must never
     * do that: many threads at once, none fails.
     */
    @Test
    void callsOutsideATransactionNeverShareAnEntityManager() throws Exception {
        Setup s = setup(10, 405);
        ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            futures.add(executor.submit(() -> {
                start.await();
                int done = 0;
                for (int i = 0; i < 150; i++) {
                    // refused before any write (no lines), after the tenant interceptor ran without a transaction
                    PlaceResult r = TenantContext.callAs(s.tenant(),
                            () -> orders.place(s.customer(), s.date(), Map.of(), Tokens.random(24)));
                    assertTrue(r instanceof PlaceResult.Invalid, r.toString());
                    // an unknown host name is looked up in the database each time (a new name, so no cache hit)
                    assertTrue(tenants.byHost("t" + thread + "-" + i + "-" + Tokens.random(6) + ".example").isEmpty());
                    assertTrue(TenantContext.callAs(s.tenant(),
                            () -> waitlist.accept(s.customer(), Tokens.random(24), Tokens.random(24), null))
                            instanceof PlaceResult.Invalid);
                    assertEquals(s.tenant(), tenants.byId(s.tenant()).orElseThrow().id());
                    done++;
                }
                return done;
            }));
        }
        start.countDown();
        for (Future<Integer> f : futures) {
            assertEquals(150, f.get());
        }
    }

    @Test
    void concurrentSubmitsWithOneKeyCreateOneOrder() throws Exception {
        Setup s = setup(10, 401);
        String key = Tokens.random(24);
        List<PlaceResult> results = concurrently(s, 20, i -> key);

        assertEquals(1, results.stream().filter(r -> r instanceof PlaceResult.Placed).count());
        assertTrue(results.stream().allMatch(r -> r instanceof PlaceResult.Placed || r instanceof PlaceResult.AlreadyPlaced));
        String number = results.stream().filter(r -> r instanceof PlaceResult.Placed)
                .map(r -> ((PlaceResult.Placed) r).orderNumber()).findFirst().orElseThrow();
        assertTrue(results.stream().filter(r -> r instanceof PlaceResult.AlreadyPlaced)
                .allMatch(r -> ((PlaceResult.AlreadyPlaced) r).orderNumber().equals(number)));
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(1, probe.booked(s.date()));
            assertEquals(1, probe.orders(s.date()));
            assertEquals(1, probe.ordersWithKey(key));
            assertEquals(1, probe.outboxMails(number));
        });
    }
}
