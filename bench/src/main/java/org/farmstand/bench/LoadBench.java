package org.farmstand.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load benchmark client for Farmstand (run by ./bench.sh, never as a test). Closed model: N users, each a platform
 * thread that sends its next request as soon as the previous one answered (no think time), for a bounded time and
 * request count per step; except the paced checkout steps, which start orders at a fixed rate (open model) to measure
 * the CPU per order at rates below what one closed-model user makes. Scenarios:
 * <ul>
 *     <li>catalog: anonymous browsing (shop home, category page, product page, product image) without cookies; any
 *     JSESSIONID set is an error;</li>
 *     <li>baseline: a bare servlet on the same Payara Micro (/bench/baseline);</li>
 *     <li>checkout: signed-in customers (distinct ones, created in the bench database) add to cart, open the
 *     checkout and place the order;</li>
 *     <li>login: sign-ins on their own (login page + POST);</li>
 *     <li>admin: signed-in staff (the shop's owner, one session per user) open the dashboard and the product table;</li>
 *     <li>api: the management system's reads with the shop's API token (a page of the order feed, the tours).</li>
 * </ul>
 * Targets 127.0.0.1 only. Prints a table, Payara's CPU per request/order, heap after the run, sessions created and an
 * oversold check through JDBC; ends with one {@code RESULT ...} line.
 */
public final class LoadBench {

    private static final Pattern HREF = Pattern.compile("(?:href|src)=\"([^\"]+)\"");
    private static final Pattern HIDDEN_KEY = Pattern.compile("name=\"key\" value=\"([^\"]*)\"");
    private static final Pattern HIDDEN_TOTAL = Pattern.compile("name=\"expectedTotal\" value=\"([^\"]*)\"");
    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]*)\"");
    private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");
    private static final Pattern PRODUCT_ID = Pattern.compile("name=\"productId\" value=\"(\\d+)\"");
    private static final Pattern DATE_RADIO = Pattern.compile("<input type=\"radio\" name=\"tourDateId\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"(\\d+)\"");
    private static final Pattern ERROR_MSG = Pattern.compile("class=\"message error[^\"]*\"[^>]*>([^<]{0,160})");

    private final Config cfg;
    private final PlainHttp http;
    /** The path of {@code --base} (usually empty), before every request's path. */
    private final String basePath;
    private final long clockTicks;
    private final List<StepResult> results = new ArrayList<>();
    private final AtomicLong sessionsSeen = new AtomicLong();
    /** Responses with a 5xx status, whole run. */
    private final AtomicLong status5xx = new AtomicLong();
    /** Queue pages (admission control: X-Farmstand-Queue) seen, whole run. */
    private final AtomicLong queuePagesSeen = new AtomicLong();
    /** POST /checkout sent and answered (any answer); confirmation URLs seen (for the lost/duplicated check). */
    private final AtomicLong checkoutsSent = new AtomicLong();
    private final AtomicLong checkoutsAnswered = new AtomicLong();
    private final ConcurrentLinkedQueue<String> confirmations = new ConcurrentLinkedQueue<>();
    private Long payaraPid;
    /** The launcher's embedded MariaDB (its CPU per request is printed beside Payara's), null if not found. */
    private Long mariaDbPid;
    /** Of the product in each cart: at least the shop's minimum order. */
    private volatile int quantity;

    private LoadBench(Config cfg) {
        this.cfg = cfg;
        URI base = URI.create(cfg.base);
        this.http = new PlainHttp(base.getHost(), base.getPort(), cfg.requestTimeoutSeconds * 1000);
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.clockTicks = clockTicks();
    }

    public static void main(String[] args) throws Exception {
        Config cfg = Config.parse(args);
        if (!URI.create(cfg.base).getHost().equals("127.0.0.1")) {
            System.err.println("bench: --base must be on 127.0.0.1");
            System.exit(2);
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(cfg.deadlineSeconds * 1000L);
                System.err.println("bench: deadline of " + cfg.deadlineSeconds + " s reached, stopping");
                System.out.println("RESULT catalog_ratio=NaN orders_per_s=NaN checkout_p99_ms=NaN oversold=NaN errors=NaN");
                System.out.flush();
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                // finished in time
            }
        }, "deadline");
        watchdog.setDaemon(true);
        watchdog.start();
        int code = new LoadBench(cfg).run();
        System.exit(code);
    }

    // ------------------------------------------------------------------------------------------------ the run

    private int run() throws Exception {
        payaraPid = findPayara();
        mariaDbPid = findChild("mariadbd");
        System.out.printf("bench: %s, shop %s, Payara pid %s, %s mode%n", cfg.base, cfg.slug,
                payaraPid == null ? "?" : payaraPid, cfg.quick ? "quick" : "full");

        Catalog catalog = discover();
        System.out.println("bench: catalog URLs " + catalog.urls + ", " + catalog.meanBytes + " bytes per answer on average");
        if (cfg.mode.equals("overload")) {
            return new Surge(this, catalog).overload();
        }
        if (cfg.mode.equals("soak")) {
            return new Surge(this, catalog).soak();
        }
        int customers = Math.max(max(cfg.checkoutUsers), max(cfg.loginUsers));
        DbFacts before = prepareDatabase(customers, catalog.productId);
        System.out.printf("bench: %d of product %d in each cart%n", quantity, catalog.productId);
        System.out.printf("bench: %d bench customers ready; tour dates before: %d oversold/inconsistent%n",
                customers, before.oversold);

        awaitBaseline();
        // warm-up (not reported)
        int warmEach = Math.max(1, cfg.warmupSeconds / 3);
        System.out.printf("bench: warming up %d s ...%n", warmEach * 3);
        runStep("warmup-baseline", 4, warmEach, baselineUser(), false);
        runStep("warmup-catalog", 4, warmEach, catalogUser(catalog), false);
        runStep("warmup-checkout", Math.min(4, customers), warmEach, checkoutUser(catalog), false);
        runStep("warmup-admin", 2, Math.max(1, warmEach / 2), adminUser(), false);
        runStep("warmup-api", 2, Math.max(1, warmEach / 2), apiUser(), false);

        idleCpuPerSecond = idleCpu(cfg.quick ? 5 : 10);

        for (int users : cfg.catalogUsers) {
            runStep("baseline", users, cfg.stepSeconds, baselineUser(), true);
            runStep("catalog", users, cfg.stepSeconds, catalogUser(catalog), true);
        }
        // how much of the gap is the bytes: the bare servlet sending the catalog's mean answer size (not the target's
        // baseline, which issue 6 defines as the bare servlet; reported beside it)
        runStep("baseline-sized", max(cfg.catalogUsers), cfg.stepSeconds,
                baselineUser("/bench/baseline?bytes=" + Math.max(catalog.meanBytes(), 128)), true);
        for (int users : cfg.checkoutUsers) {
            runStep("checkout", users, cfg.stepSeconds, checkoutUser(catalog), true);
        }
        if (cfg.checkoutUsers.length > 1) {
            // the lowest rate once more, after the higher ones: its first step came right after the short warm-up and
            // still paid for compiling (the JIT threads' CPU, which "steady" subtracts, is only part of that cost)
            runStep("checkout", cfg.checkoutUsers[0], cfg.stepSeconds, checkoutUser(catalog), true);
            checkoutAgain = results.get(results.size() - 1);
        }
        for (int rate : cfg.checkoutRates) {
            // issue 6 asks for the CPU per order from 10 orders/s on; one closed-model user already makes ~40-70
            runPacedStep("checkout", pacedUsers(rate, customers), cfg.stepSeconds, rate, checkoutUser(catalog));
        }
        for (int users : cfg.loginUsers) {
            runStep("login", users, cfg.stepSeconds, loginUser(), true);
        }
        for (int users : cfg.adminUsers) {
            runStep("admin", users, cfg.stepSeconds, adminUser(), true);
        }
        for (int users : cfg.apiUsers) {
            runStep("api", users, cfg.stepSeconds, apiUser(), true);
        }
        if (cfg.jfrDir != null) {
            // profiled separately: JFR's own overhead must not count in the figures above
            System.out.println("bench: profiling steps with JFR (not in the figures)");
            runStep("jfr-catalog", max(cfg.catalogUsers), cfg.stepSeconds, catalogUser(catalog), false, "catalog");
            runStep("jfr-checkout", max(cfg.checkoutUsers), cfg.stepSeconds, checkoutUser(catalog), false,
                    "checkout");
        }

        printTable();
        printScaling();
        printHeap();
        DbFacts after = dbFacts();
        System.out.printf("Sessions created (Set-Cookie JSESSIONID seen, whole run incl. warm-up): %d%n",
                sessionsSeen.get());
        System.out.printf("Orders in the bench shop: %d before, %d after; tour dates oversold or booked != orders: "
                + "%d before, %d after%n", before.orders, after.orders, before.oversold, after.oversold);

        double bestCatalog = best("catalog", r -> r.throughput());
        double bestBaseline = best("baseline", r -> r.throughput());
        StepResult bestCheckout = results.stream().filter(r -> r.scenario.equals("checkout"))
                .max(Comparator.comparingDouble(StepResult::ordersPerSecond)).orElse(null);
        long errors = results.stream().mapToLong(r -> r.errors).sum();
        double ratio = bestBaseline > 0 ? bestCatalog / bestBaseline : Double.NaN;
        System.out.printf("catalog_ratio = best catalog req/s (%.1f) / best baseline req/s (%.1f); orders_per_s and "
                + "checkout_p99_ms from the checkout step with most orders/s (p99 of POST /checkout)%n",
                bestCatalog, bestBaseline);
        StepResult sized = results.stream().filter(r -> r.scenario.equals("baseline-sized")).findFirst().orElse(null);
        StepResult sameUsers = sized == null ? null : results.stream()
                .filter(r -> r.scenario.equals("catalog") && r.users == sized.users).findFirst().orElse(null);
        if (sameUsers != null && sized.throughput() > 0) {
            System.out.printf("catalog against a bare servlet sending the catalog's mean answer size (%d bytes) at %d "
                    + "users: %.1f / %.1f req/s = %.2f (how much of catalog_ratio's gap is the bytes; not the RESULT)%n",
                    catalog.meanBytes(), sized.users, sameUsers.throughput(), sized.throughput(),
                    sameUsers.throughput() / sized.throughput());
        }
        long refused = results.stream().mapToLong(r -> r.refused).sum();
        System.out.printf("refused on purpose (queue pages of the admission limit, throttled sign-ins; not errors): %d%n",
                refused);
        Histogram placing = bestCheckout == null ? null : bestCheckout.histograms.get("POST checkout");
        System.out.printf("RESULT catalog_ratio=%.2f orders_per_s=%.1f checkout_p99_ms=%d oversold=%d errors=%d%n",
                ratio, bestCheckout == null ? 0.0 : bestCheckout.ordersPerSecond(),
                placing == null ? -1 : ms(placing.getValueAtPercentile(99)), after.oversold, errors);
        return 0;
    }

    /**
     * Payara's CPU seconds per second with no requests (data grid, schedulers, GC), without its JIT compiler threads,
     * or -1 when unknown. The compiler is left out: after a short warm-up it is still working through its queue,
     * using whatever CPU the requests leave, so it is no background rate; "steady" subtracts the step's own.
     */
    private double idleCpuPerSecond = -1;

    /**
     * Measures Payara's CPU while the bench sends nothing for {@code seconds}: the part of every step's CPU that no
     * request causes (Hazelcast's heartbeats, the mail relay's and waiting lists' schedules, GC, JIT).
     */
    private double idleCpu(int seconds) throws InterruptedException {
        long[] before = cpuTicks(payaraPid);
        long jitBefore = jitTicks(payaraPid);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long[] after = cpuTicks(payaraPid);
        long jitAfter = jitTicks(payaraPid);
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (before == null || after == null || jitBefore < 0 || jitAfter < 0) {
            return -1;
        }
        double jit = (double) Math.max(0, jitAfter - jitBefore) / clockTicks / elapsed;
        double perSecond = Math.max(0, (double) (after[0] - before[0]) / clockTicks / elapsed - jit);
        System.out.printf("bench: Payara idle for %.1f s: %.1f ms CPU per second without the JIT compiler "
                + "(which used %.1f ms per second more)%n", elapsed, perSecond * 1000, jit * 1000);
        return perSecond;
    }

    /** The lowest checkout rate's step measured again after the others (null if not run). */
    private StepResult checkoutAgain;

    /**
     * CPU per order at each measured rate, gross, net of the idle background CPU and without the JIT: issue 6 asks
     * for CPU per order within +-10 % from 10 to 300 orders/s. At low rates the background and the compiler are a
     * large part of the gross figure; the steady one shows what each order costs.
     */
    private void printScaling() {
        List<StepResult> all = results.stream().filter(r -> r.scenario.equals("checkout") && r.orders > 0
                && r.payaraCpu >= 0).toList();
        if (all.isEmpty()) {
            return;
        }
        List<StepResult> steps = all.stream().filter(r -> r != checkoutAgain).toList();
        System.out.println("CPU per order by rate (Payara process; net = minus the idle background CPU of the same "
                + "duration (without the JIT); steady = net minus the step's JIT compiler threads' CPU, i.e. without "
                + "warm-up):");
        List<Double> nets = new ArrayList<>();
        List<Double> steadies = new ArrayList<>();
        for (StepResult r : steps) {
            double gross = r.payaraCpu * 1000 / r.orders;
            double net = net(r);
            double steady = steady(r);
            System.out.printf("  %3d users: %6.1f orders/s  %6.1f ms/order gross  %6.1f net  %6.1f steady (JIT %.1f s)%s%s%n",
                    r.users, r.ordersPerSecond(), gross, net, steady, r.jitCpu,
                    r.refused > 0 ? "  (" + r.refused + " refused)" : "", r.pacedNote());
            if (!Double.isNaN(net)) {
                nets.add(net);
            }
            if (!Double.isNaN(steady)) {
                steadies.add(steady);
            }
        }
        if (steps.size() > 1) {
            double lowRate = steps.stream().mapToDouble(StepResult::ordersPerSecond).min().orElse(0);
            double highRate = steps.stream().mapToDouble(StepResult::ordersPerSecond).max().orElse(0);
            printSpread("net", nets, lowRate, highRate);
            printSpread("steady", steadies, lowRate, highRate);
        }
        if (checkoutAgain != null && all.contains(checkoutAgain) && steps.size() > 1) {
            // the same spread with the lowest rate's step measured again after the others (warm)
            List<StepResult> warm = new ArrayList<>(steps.subList(1, steps.size()));
            warm.add(0, checkoutAgain);
            System.out.printf("  %3d users again, after the higher rates: %.1f orders/s, %.1f ms/order net, "
                    + "%.1f steady (JIT %.1f s)%n", checkoutAgain.users, checkoutAgain.ordersPerSecond(),
                    net(checkoutAgain), steady(checkoutAgain), checkoutAgain.jitCpu);
            double lowRate = warm.stream().mapToDouble(StepResult::ordersPerSecond).min().orElse(0);
            double highRate = warm.stream().mapToDouble(StepResult::ordersPerSecond).max().orElse(0);
            printSpread("with it: net", warm.stream().map(this::net).filter(d -> !d.isNaN()).toList(), lowRate, highRate);
            printSpread("with it: steady", warm.stream().map(this::steady).filter(d -> !d.isNaN()).toList(), lowRate,
                    highRate);
        }
        System.out.println();
    }

    /** Payara's CPU per order of a step net of the idle CPU, in ms (NaN without an idle measurement). */
    private double net(StepResult r) {
        return idleCpuPerSecond < 0 ? Double.NaN
                : Math.max(0, r.payaraCpu - idleCpuPerSecond * r.seconds) * 1000 / r.orders;
    }

    /** {@link #net} minus the JIT compiler threads' CPU, in ms (NaN when either is unknown). */
    private double steady(StepResult r) {
        return idleCpuPerSecond < 0 || r.jitCpu < 0 ? Double.NaN
                : Math.max(0, r.payaraCpu - idleCpuPerSecond * r.seconds - r.jitCpu) * 1000 / r.orders;
    }

    /** "<what> CPU per order between <rates>: <min> to <max> ms (+-x % around the middle)", if there are figures. */
    private static void printSpread(String what, List<Double> perOrder, double lowRate, double highRate) {
        double min = perOrder.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = perOrder.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if (max > 0) {
            double mid = (max + min) / 2;
            System.out.printf("  %s CPU per order between %.1f and %.1f orders/s: %.1f to %.1f ms (+-%.0f %% around %.1f)%n",
                    what, lowRate, highRate, min, max, 100 * (max - mid) / mid, mid);
        }
    }

    private double best(String scenario, java.util.function.ToDoubleFunction<StepResult> f) {
        return results.stream().filter(r -> r.scenario.equals(scenario)).mapToDouble(f).max().orElse(0);
    }

    private static int max(int[] values) {
        int m = 0;
        for (int v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------------ steps

    /** One user's next iteration (one or more requests), recording into the step's metrics. */
    interface UserLoop {
        void iterate(Metrics m, int user, long iteration) throws Exception;

        /** Per-user preparation, not measured (e.g. sign-in). */
        default void prepare(Metrics m, int user) throws Exception {
        }
    }

    /** Signs a user in before the clock starts; null when that failed (the error is counted). */
    interface SignIn {
        Customer signIn(Metrics m, int user) throws Exception;
    }

    /** One iteration of a signed-in user. */
    interface SignedInIteration {
        void iterate(Metrics m, Customer user) throws Exception;
    }

    /** A user loop whose users sign in before the clock starts (not measured) and then iterate with their cookies. */
    private static UserLoop signedIn(String who, SignIn signIn, SignedInIteration iteration) {
        Map<Integer, Customer> users = new ConcurrentHashMap<>();
        return new UserLoop() {
            @Override
            public void prepare(Metrics m, int user) throws Exception {
                Customer c = signIn.signIn(m, user);
                if (c != null) {
                    users.put(user, c);
                }
            }

            @Override
            public void iterate(Metrics m, int user, long i) throws Exception {
                Customer c = users.get(user);
                if (c == null) {
                    m.error(who + " " + user + " not signed in");
                    Thread.sleep(1000);
                    return;
                }
                iteration.iterate(m, c);
            }
        };
    }

    private void runStep(String scenario, int users, int seconds, UserLoop loop, boolean report) throws Exception {
        runStep(scenario, users, seconds, loop, report, null, 0);
    }

    private void runStep(String scenario, int users, int seconds, UserLoop loop, boolean report, String jfrName)
            throws Exception {
        runStep(scenario, users, seconds, loop, report, jfrName, 0);
    }

    /** A reported step whose users start their iterations at {@code perSecond} in all, evenly spread. */
    private void runPacedStep(String scenario, int users, int seconds, double perSecond, UserLoop loop)
            throws Exception {
        runStep(scenario, users, seconds, loop, true, null, perSecond);
    }

    /** Users for a paced step: each has time for about three iterations per interval, at least two users. */
    static int pacedUsers(int perSecond, int available) {
        return Math.max(1, Math.min(available, Math.max(2, (perSecond + 14) / 15)));
    }

    /**
     * The start of a paced step's iteration {@code i} of {@code user}, in nanoseconds after the step's start: the
     * users take turns, so that together they start {@code perSecond} iterations per second.
     */
    static long pacedStart(long i, int user, int users, double perSecond) {
        return (long) ((i * users + user) * 1e9 / perSecond);
    }

    /** @param paced iterations started per second by all users together (open model), or 0: each user loops */
    private void runStep(String scenario, int users, int seconds, UserLoop loop, boolean report, String jfrName,
            double paced) throws Exception {
        Metrics m = new Metrics();
        // preparation (sign-ins of the checkout users) before the clock starts
        Metrics prep = new Metrics();
        for (int u = 0; u < users; u++) {
            loop.prepare(prep, u);
        }
        if (prep.errors.get() > 0) {
            System.out.println("bench: " + scenario + " preparation errors: " + prep.errors.get() + " "
                    + prep.errorSamples);
        }
        long[] cpuBefore = cpuTicks(payaraPid);
        long jitBefore = jitTicks(payaraPid);
        long[] selfBefore = cpuTicks(ProcessHandle.current().pid());
        long[] dbBefore = cpuTicks(mariaDbPid);
        long[] countersBefore = databaseCounters();
        Path jfrFile = null;
        if (jfrName != null) {
            jfrFile = startJfr(jfrName, seconds);
        }
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        stepEndNanos = end;
        AtomicLong iterations = new AtomicLong();
        AtomicLong late = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int user = u;
            Thread t = new Thread(() -> {
                long i = 0;
                while (System.nanoTime() < end && m.requests.get() < cfg.maxRequestsPerStep) {
                    if (paced > 0) {
                        long due = start + pacedStart(i, user, users, paced);
                        if (due >= end) {
                            break;
                        }
                        if (System.nanoTime() - due > TimeUnit.MILLISECONDS.toNanos(100)) {
                            late.incrementAndGet(); // behind the schedule: the rate is not reached
                        }
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                    try {
                        loop.iterate(m, user, i++);
                    } catch (Exception e) {
                        m.error(e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                    iterations.incrementAndGet();
                }
            }, scenario + "-" + u);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(seconds + 30L));
            if (t.isAlive()) {
                m.error("user thread still busy 30 s after the step ended");
                t.interrupt();
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] cpuAfter = cpuTicks(payaraPid);
        long jitAfter = jitTicks(payaraPid);
        long[] selfAfter = cpuTicks(ProcessHandle.current().pid());
        long[] dbAfter = cpuTicks(mariaDbPid);
        http.closeAll(); // the step's users are gone; their keep-alive connections with them
        StepResult r = new StepResult(scenario, users, paced, elapsed, m,
                jitBefore < 0 || jitAfter < 0 ? -1 : (double) Math.max(0, jitAfter - jitBefore) / clockTicks,
                cpuBefore == null || cpuAfter == null ? -1 : (double) (cpuAfter[0] - cpuBefore[0]) / clockTicks,
                selfBefore == null || selfAfter == null ? -1 : (double) (selfAfter[0] - selfBefore[0]) / clockTicks);
        System.out.println("  " + r.line());
        if (late.get() > 0) {
            System.out.printf("    %d iterations started more than 100 ms after their time: %.0f/s not kept%n",
                    late.get(), paced);
        }
        long[] countersAfter = databaseCounters();
        if (countersBefore != null && countersAfter != null && m.requests.get() > 0) {
            // Questions counts the statements of all clients (this read included); writing transactions end in a
            // COMMIT (local transactions, since session 8) or start with XA START (an XA pool, before)
            System.out.printf("    database: %.1f statements and %.2f writing transactions per request%s%n",
                    (double) (countersAfter[2] - countersBefore[2]) / m.requests.get(),
                    (double) (countersAfter[3] + countersAfter[4] - countersBefore[3] - countersBefore[4]) / m.requests.get(),
                    dbBefore == null || dbAfter == null ? "" : String.format(", MariaDB CPU %.3f ms per request (%.1f s)",
                            (double) (dbAfter[0] - dbBefore[0]) / clockTicks * 1000 / m.requests.get(),
                            (double) (dbAfter[0] - dbBefore[0]) / clockTicks));
        }
        if (countersBefore != null && countersAfter != null && countersAfter[0] > countersBefore[0]) {
            long waits = countersAfter[0] - countersBefore[0];
            long waitedMs = countersAfter[1] - countersBefore[1];
            System.out.printf("    database row-lock waits: %d, %.1f s waited in total (%.1f ms each)%n", waits,
                    waitedMs / 1000.0, (double) waitedMs / waits);
        }
        if (!m.refusedSamples.isEmpty()) {
            System.out.println("    refused e.g.: " + new ArrayList<>(m.refusedSamples));
        }
        if (!m.errorSamples.isEmpty()) {
            System.out.println("    errors e.g.: " + new ArrayList<>(m.errorSamples).subList(0,
                    Math.min(3, m.errorSamples.size())));
        }
        if (report) {
            results.add(r);
        }
        if (jfrFile != null) {
            summarizeJfr(jfrName, jfrFile);
        }
    }

    // ------------------------------------------------------------------------------------------------ scenarios

    /** @param meanBytes the mean body size of one request of the rotation (home, category, product, image) */
    private record Catalog(List<String> urls, long productId, int meanBytes) {
    }

    /**
     * Payara loads the baseline WAR after the shop's, sometimes after the launcher reported the platform running: its
     * first requests would count as 404 errors of the warm-up.
     */
    private void awaitBaseline() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int status;
        while ((status = get("/bench/baseline", null, null).status) != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("GET /bench/baseline still answers " + status + " after 60 s");
            }
            Thread.sleep(500);
        }
    }

    /** Finds a category page, a product page and a product image from the shop's home page. */
    private Catalog discover() throws Exception {
        String prefix = "/s/" + cfg.slug;
        String home = prefix + "/";
        Resp r = get(home, null, null);
        if (r.status != 200) {
            throw new IllegalStateException("GET " + home + " answered " + r.status);
        }
        String html = r.text();
        String category = null;
        String product = null;
        String image = null;
        Matcher matcher = HREF.matcher(html);
        while (matcher.find()) {
            String url = matcher.group(1).replace("&amp;", "&");
            if (url.startsWith("http://") && url.contains("/s/")) {
                url = url.substring(url.indexOf("/s/"));
            }
            if (!url.startsWith(prefix + "/")) {
                continue;
            }
            if (category == null && url.startsWith(prefix + "/products?") && url.contains("category")) {
                category = url;
            } else if (product == null && url.matches(Pattern.quote(prefix) + "/products/[A-Za-z0-9_.-]+")) {
                product = url;
            } else if (image == null && !url.contains("/products") && url.matches(".*\\.(jpg|jpeg|png|webp)(\\?.*)?$")) {
                image = url;
            } else if (image == null && (url.contains("/media/") || url.contains("/images/"))
                    && !url.endsWith(".css") && !url.endsWith(".js")) {
                image = url;
            }
        }
        if (category == null) {
            // the products page lists the categories when the home page does not
            Resp p = get(prefix + "/products", null, null);
            Matcher m2 = HREF.matcher(p.text());
            while (m2.find() && category == null) {
                String url = m2.group(1).replace("&amp;", "&");
                if (url.startsWith(prefix + "/products?") && url.contains("category")) {
                    category = url;
                }
            }
        }
        if (category == null || product == null || image == null) {
            throw new IllegalStateException("could not discover URLs from " + home + ": category=" + category
                    + " product=" + product + " image=" + image);
        }
        Resp p = get(product, null, null);
        Matcher id = PRODUCT_ID.matcher(p.text());
        if (!id.find()) {
            throw new IllegalStateException("no add-to-cart form on " + product);
        }
        // the rotation's mean answer size, for the bare servlet that sends as much (home and product already read)
        long bytes = length(r) + length(get(category, null, null)) + length(p) + length(get(image, null, null));
        return new Catalog(List.of(home, category, product, image), Long.parseLong(id.group(1)),
                (int) Math.max(1, bytes / 4));
    }

    private static int length(Resp r) {
        return r.body == null ? 0 : r.body.length;
    }

    private UserLoop catalogUser(Catalog catalog) {
        String[] names = {"GET home", "GET category", "GET product", "GET image"};
        return (m, user, i) -> {
            int k = (int) ((user + i) % catalog.urls.size());
            String url = catalog.urls.get(k);
            Resp r = timed(m, names[k], get(url, null, null));
            if (r.status != 200) {
                m.error(names[k] + " -> " + r.status);
            } else if (r.queued) {
                m.refused(names[k] + " -> queue page (admission limit)");
            } else if (r.sessionCookie != null) {
                m.error(names[k] + " created a session (Set-Cookie JSESSIONID)");
            }
        };
    }

    private UserLoop baselineUser() {
        return baselineUser("/bench/baseline");
    }

    private UserLoop baselineUser(String path) {
        return (m, user, i) -> {
            Resp r = timed(m, "GET baseline", get(path, null, null));
            if (r.status != 200) {
                m.error("baseline -> " + r.status);
            }
        };
    }

    /** A signed-in customer's state: their cookies. */
    private static final class Customer {
        final String email;
        String session;
        /**
         * Payara's JSESSIONIDVERSION cookie of a distributable application. A browser sends it back with the session
         * cookie; a request without it finds the session only while it is still the node's fresh copy (about a
         * second after its last change), later Payara starts a new session: the customer would seem signed out.
         */
        String sessionVersion;
        String csrf;

        Customer(String email) {
            this.email = email;
        }

        String cookies() {
            StringBuilder b = new StringBuilder();
            if (session != null) {
                b.append("JSESSIONID=").append(session);
                if (sessionVersion != null) {
                    b.append("; JSESSIONIDVERSION=").append(sessionVersion);
                }
            }
            if (csrf != null) {
                b.append(b.length() > 0 ? "; " : "").append("fs_csrf=").append(csrf);
            }
            return b.length() == 0 ? null : b.toString();
        }

        /** Keeps the cookies a browser would keep from a response: session version and CSRF token. */
        Resp absorb(Resp r) {
            if (r.sessionVersionCookie != null) {
                sessionVersion = r.sessionVersionCookie;
            }
            if (r.csrfCookie != null) {
                csrf = r.csrfCookie;
            }
            return r;
        }
    }

    /**
     * A refused request's user waits as the page tells a browser to (the queue page's refresh, a 429's Retry-After)
     * before going on, instead of hammering the node with immediate retries (the closed model would otherwise turn
     * every refusal into another request at once).
     */
    private void waitAsTold(Resp r) throws InterruptedException {
        long wait = TimeUnit.SECONDS.toNanos(Math.max(1, Math.min(15, r.queued ? r.retryAfter : 1)));
        // not past the end of the step: its duration is the measured one
        long left = stepEndNanos - System.nanoTime();
        if (left > 0) {
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(Math.min(wait, left)));
        }
    }

    /** System.nanoTime() at which the running step ends. */
    private volatile long stepEndNanos;

    private static String email(int user) {
        return "bench-" + user + "@bench.example";
    }

    /** Login page + POST: true when signed in. */
    private boolean login(Metrics m, Customer c) throws Exception {
        String prefix = "/s/" + cfg.slug;
        Resp page = timed(m, "GET login", get(prefix + "/account/login", c.cookies(), null));
        if (m.refusedBy("GET login", page)) {
            waitAsTold(page);
            return false;
        }
        if (page.status != 200) {
            m.error("GET login -> " + page.status);
            return false;
        }
        c.csrf = page.csrfCookie != null ? page.csrfCookie : first(HIDDEN_CSRF, page.text()).orElse(c.csrf);
        if (page.sessionCookie != null) {
            m.error("login page created a session");
        }
        String form = form("_csrf", c.csrf, "next", "", "email", c.email, "password", cfg.password);
        Resp post = timed(m, "POST login", post(prefix + "/account/login", c.cookies(), form));
        if (m.refusedBy("POST login", post)) {
            waitAsTold(post);
            return false;
        }
        if (post.status != 302 && post.status != 303) {
            m.error("POST login -> " + post.status + errorText(post));
            return false;
        }
        if (post.sessionCookie == null) {
            m.error("POST login set no session cookie");
            return false;
        }
        c.session = post.sessionCookie;
        c.absorb(post);
        return true;
    }

    /**
     * Staff in the admin: the shop's owner signed in once per user before the clock starts (Faces login form with its
     * view state); each iteration opens the dashboard and the product table. A page without the admin's navigation
     * (e.g. the sign-in page after a lost session) is an error.
     */
    private UserLoop adminUser() {
        return signedIn("staff user", (m, user) -> {
            Customer s = new Customer(cfg.adminEmail);
            return adminLogin(m, s) ? s : null;
        }, (m, s) -> {
            for (String[] page : new String[][] {{"GET admin dashboard", "/admin/index"},
                    {"GET admin products", "/admin/products/list"}}) {
                Resp r = s.absorb(timed(m, page[0], get(page[1], s.cookies(), null)));
                if (m.refusedBy(page[0], r)) {
                    waitAsTold(r);
                    return;
                }
                if (r.status != 200 || r.text().contains("login-page")) {
                    m.error(page[0] + " -> " + r.status + (r.location == null ? "" : " " + r.location));
                    return;
                }
            }
        });
    }

    private boolean adminLogin(Metrics m, Customer s) throws Exception {
        Resp page = s.absorb(timed(m, "GET admin login", get("/admin/login", null, null)));
        Optional<String> state = first(VIEW_STATE, page.text());
        if (page.status != 200 || state.isEmpty()) {
            m.error("GET admin login -> " + page.status + (state.isEmpty() ? " without view state" : ""));
            return false;
        }
        s.session = page.sessionCookie;
        Resp post = s.absorb(timed(m, "POST admin login", post("/admin/login", s.cookies(), form("login", "login",
                "login:email", s.email, "login:password", cfg.adminPassword, "login:submit", "",
                "jakarta.faces.ViewState", state.get()))));
        if (post.status != 302 && post.status != 303) {
            m.error("POST admin login -> " + post.status + errorText(post));
            return false;
        }
        if (post.sessionCookie != null) {
            s.session = post.sessionCookie; // a new session id at sign-in
        }
        return true;
    }

    /**
     * The management system's reads with the shop's API token: a page of 50 from the start of the order feed and the
     * tours with their dates. bench.sh raises the API's per-token rate limit (50/s by default) so that the step
     * measures the API, not the limiter; a 429 would count as refused.
     */
    private UserLoop apiUser() {
        String authorization = "Bearer " + cfg.apiToken;
        return (m, user, i) -> {
            for (String[] call : new String[][] {{"GET api orders", "/admin/api/v1/orders?since=0&limit=50"},
                    {"GET api tours", "/admin/api/v1/tours"}}) {
                Resp r = timed(m, call[0], send(call[1], null, null, authorization));
                if (m.refusedBy(call[0], r)) {
                    waitAsTold(r);
                    return;
                }
                if (r.status != 200 || !r.text().startsWith("{")) {
                    m.error(call[0] + " -> " + r.status + errorText(r));
                    return;
                }
            }
        };
    }

    private UserLoop loginUser() {
        return (m, user, i) -> {
            Customer c = new Customer(email(user));
            if (login(m, c)) {
                m.logins.incrementAndGet();
            }
        };
    }

    private UserLoop checkoutUser(Catalog catalog) {
        String prefix = "/s/" + cfg.slug;
        return signedIn("customer", (m, user) -> {
            Customer c = new Customer(email(user));
            return login(m, c) ? c : null;
        }, (m, c) -> {
            long t0 = System.nanoTime();
            Resp add = c.absorb(timed(m, "POST cart", post(prefix + "/cart", c.cookies(), form("_csrf", c.csrf,
                    "action", "add", "productId", String.valueOf(catalog.productId),
                    "quantity", String.valueOf(quantity)))));
            if (m.refusedBy("POST cart", add)) {
                waitAsTold(add);
                return;
            }
            if (add.status != 302 && add.status != 303) {
                m.error("POST cart -> " + add.status + errorText(add));
                return;
            }
            Resp page = c.absorb(timed(m, "GET checkout", get(prefix + "/checkout", c.cookies(), null)));
            if (m.refusedBy("GET checkout", page)) {
                waitAsTold(page);
                return;
            }
            if (page.status != 200) {
                m.error("GET checkout -> " + page.status + " " + page.location);
                return;
            }
            String html = page.text();
            Optional<String> key = first(HIDDEN_KEY, html);
            Optional<String> total = first(HIDDEN_TOTAL, html);
            String dateId = selectedDate(html);
            if (key.isEmpty() || total.isEmpty() || dateId == null) {
                m.error("checkout page without key/total/orderable date" + errorText(page)
                        + (html.contains("min-order") ? " (below minimum order)" : ""));
                return;
            }
            checkoutsSent.incrementAndGet();
            Resp placed = c.absorb(timed(m, "POST checkout", post(prefix + "/checkout", c.cookies(), form("_csrf",
                    c.csrf, "key", key.get(), "expectedTotal", total.get(), "tourDateId", dateId))));
            checkoutsAnswered.incrementAndGet();
            if (m.refusedBy("POST checkout", placed)) {
                waitAsTold(placed);
                return;
            }
            if ((placed.status == 302 || placed.status == 303) && placed.location != null
                    && placed.location.contains("/confirmation")) {
                confirmations.add(placed.location);
                m.orders.incrementAndGet();
                m.record("journey", System.nanoTime() - t0);
            } else {
                m.error("POST checkout -> " + placed.status + " " + placed.location + errorText(placed));
            }
        });
    }

    /** The preselected (checked) date, else the first enabled one. */
    private static String selectedDate(String html) {
        Matcher radios = DATE_RADIO.matcher(html);
        String firstEnabled = null;
        while (radios.find()) {
            String tag = radios.group();
            if (tag.contains("disabled")) {
                continue;
            }
            Matcher v = VALUE.matcher(tag);
            if (!v.find()) {
                continue;
            }
            if (tag.contains("checked")) {
                return v.group(1);
            }
            if (firstEnabled == null) {
                firstEnabled = v.group(1);
            }
        }
        return firstEnabled;
    }

    private static String errorText(Resp r) {
        if (r.body == null) {
            return "";
        }
        return first(ERROR_MSG, r.text()).map(s -> " [" + s.strip() + "]").orElse("");
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    private static final class Resp {
        int status;
        byte[] body;
        String location;
        String sessionCookie;
        String sessionVersionCookie;
        String csrfCookie;
        /** Admission control's queue page (X-Farmstand-Queue header): the request was not processed. */
        boolean queued;
        int retryAfter;
        String queueCookie;
        long nanos;

        String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Counts and times a request; a queue page under its own name, so that it never counts as an admitted one. */
    private Resp timed(Metrics m, String name, Resp r) {
        m.requests.incrementAndGet();
        m.record(r.queued ? name + QUEUED_SUFFIX : name, r.nanos);
        return r;
    }

    static final String QUEUED_SUFFIX = " (queue page)";

    private Resp get(String path, String cookies, String ignored) throws IOException {
        return send(path, cookies, null);
    }

    private Resp post(String path, String cookies, String form) throws IOException {
        return send(path, cookies, form);
    }

    private Resp send(String path, String cookies, String form) throws IOException {
        return send(path, cookies, form, null);
    }

    private Resp send(String path, String cookies, String form, String authorization) throws IOException {
        long t0 = System.nanoTime();
        PlainHttp.Answer response = http.exchange(basePath + path, cookies, form, authorization);
        Resp r = new Resp();
        r.nanos = System.nanoTime() - t0;
        r.status = response.status();
        r.body = response.body();
        r.location = response.header("location");
        if (r.status >= 500) {
            status5xx.incrementAndGet();
        }
        if (response.header("x-farmstand-queue") != null) {
            r.queued = true;
            queuePagesSeen.incrementAndGet();
            r.retryAfter = seconds(response.header("retry-after"));
        }
        for (String c : response.headers("set-cookie")) {
            String pair = c.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (name.equals("JSESSIONID")) {
                r.sessionCookie = value;
                sessionsSeen.incrementAndGet();
            } else if (name.equals("JSESSIONIDVERSION")) {
                r.sessionVersionCookie = value;
            } else if (name.equals("fs_csrf")) {
                r.csrfCookie = value;
            } else if (name.equals("fs_queue")) {
                r.queueCookie = value;
            }
        }
        return r;
    }

    private static int seconds(String retryAfter) {
        try {
            return retryAfter == null ? 1 : Integer.parseInt(retryAfter.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String form(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1] == null ? "" : pairs[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    private static Optional<String> first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    // ------------------------------------------------------------------------------------------------ metrics

    static final class Metrics {
        final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
        final AtomicLong requests = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        /** Answers the platform gives on purpose under load: queue pages (admission limit), throttled sign-ins. */
        final AtomicLong refused = new AtomicLong();
        final ConcurrentLinkedQueue<String> refusedSamples = new ConcurrentLinkedQueue<>();
        final AtomicLong orders = new AtomicLong();
        final AtomicLong logins = new AtomicLong();
        final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();

        void record(String name, long nanos) {
            histograms.computeIfAbsent(name, k -> new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(120), 3))
                    .recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), TimeUnit.SECONDS.toMicros(120)));
        }

        void error(String what) {
            errors.incrementAndGet();
            if (errorSamples.size() < 5) {
                errorSamples.add(what);
            }
        }

        void refused(String what) {
            refused.incrementAndGet();
            if (refusedSamples.size() < 3) {
                refusedSamples.add(what);
            }
        }

        /** True (and counted as refused) when the answer is a queue page or a throttled sign-in (429). */
        boolean refusedBy(String name, Resp r) {
            if (r.queued) {
                refused(name + " -> queue page (admission limit)");
                return true;
            }
            if (r.status == 429) {
                refused(name + " -> 429 (throttled)");
                return true;
            }
            return false;
        }

        Histogram all() {
            return all(true);
        }

        /** All requests' latencies (not the journeys), with or without the queue pages. */
        Histogram all(boolean withQueuePages) {
            Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
            histograms.forEach((name, v) -> {
                if (!name.equals("journey") && (withQueuePages || !name.endsWith(QUEUED_SUFFIX))) {
                    h.add(v);
                }
            });
            return h;
        }
    }

    final class StepResult {
        final String scenario;
        final int users;
        /** The rate the step's iterations were started at (open model), 0 for a closed-model step. */
        final double paced;
        final double seconds;
        final long requests;
        final long errors;
        final long refused;
        final java.util.List<String> refusedSamples;
        final long orders;
        final long logins;
        final Map<String, Histogram> histograms;
        final Histogram all;
        final double payaraCpu;
        final double clientCpu;
        /** CPU seconds of Payara's JIT compiler threads in the step (part of payaraCpu), -1 if unknown. */
        final double jitCpu;

        StepResult(String scenario, int users, double paced, double seconds, Metrics m, double jitCpu,
                double payaraCpu, double clientCpu) {
            this.paced = paced;
            this.jitCpu = jitCpu;
            this.scenario = scenario;
            this.users = users;
            this.seconds = seconds;
            this.requests = m.requests.get();
            this.errors = m.errors.get();
            this.refused = m.refused.get();
            this.refusedSamples = java.util.List.copyOf(m.refusedSamples);
            this.orders = m.orders.get();
            this.logins = m.logins.get();
            this.histograms = new LinkedHashMap<>(m.histograms);
            this.all = m.all();
            this.payaraCpu = payaraCpu;
            this.clientCpu = clientCpu;
        }

        double throughput() {
            return requests / seconds;
        }

        String pacedNote() {
            return paced > 0 ? String.format(", paced: orders started at %.0f/s", paced) : "";
        }

        double ordersPerSecond() {
            return orders / seconds;
        }

        String line() {
            String extra = "";
            if (orders > 0 || scenario.equals("checkout")) {
                extra = String.format(" orders=%d (%.1f/s, cpu %.1f ms/order)%s", orders, ordersPerSecond(),
                        orders > 0 && payaraCpu >= 0 ? payaraCpu * 1000 / orders : Double.NaN, pacedNote());
            } else if (scenario.equals("login")) {
                extra = String.format(" logins=%d (%.1f/s)", logins, logins / seconds);
            }
            return String.format("%-16s users=%3d %5.1fs reqs=%7d %8.1f req/s p50=%6.1f p95=%6.1f p99=%6.1f "
                            + "max=%7.1f ms errors=%d refused=%d payara-cpu=%.2f ms/req (%.1f s, JIT %.1f s) client-cpu=%.1f s%s",
                    scenario, users, seconds, requests, throughput(), msF(all.getValueAtPercentile(50)),
                    msF(all.getValueAtPercentile(95)), msF(all.getValueAtPercentile(99)), msF(all.getMaxValue()),
                    errors, refused, requests > 0 && payaraCpu >= 0 ? payaraCpu * 1000 / requests : Double.NaN, payaraCpu,
                    jitCpu, clientCpu, extra);
        }
    }

    private static double msF(long micros) {
        return micros / 1000.0;
    }

    private static long ms(long micros) {
        return Math.round(micros / 1000.0);
    }

    private void printTable() {
        System.out.println();
        System.out.println("Results (closed model, no think time, except the paced steps; latencies in ms; "
                + "cpu = Payara process CPU time)");
        String head = String.format("%-9s %-20s %5s %8s %9s %8s %8s %8s %8s %6s %10s %9s", "scenario", "request",
                "users", "reqs", "req/s", "p50", "p95", "p99", "max", "errors", "cpu ms/req", "extra");
        System.out.println(head);
        System.out.println("-".repeat(head.length() + 10));
        for (StepResult r : results) {
            String extra = r.scenario.equals("checkout")
                    ? String.format("%.1f orders/s, %.1f cpu-ms/order", r.ordersPerSecond(),
                    r.orders > 0 ? r.payaraCpu * 1000 / r.orders : Double.NaN)
                    : r.scenario.equals("login") ? String.format("%.1f logins/s", r.logins / r.seconds) : "";
            if (r == checkoutAgain) {
                extra += ", again after the higher rates";
            }
            extra += r.pacedNote();
            if (r.refused > 0) {
                extra += (extra.isEmpty() ? "" : ", ") + r.refused + " refused (queue page / throttled)";
            }
            System.out.println(row(r.scenario, "(all)", r.users, r.requests, r.throughput(), r.all, r.errors,
                    r.requests > 0 ? r.payaraCpu * 1000 / r.requests : Double.NaN, extra));
            if (r.histograms.size() > 1) {
                for (Map.Entry<String, Histogram> e : r.histograms.entrySet()) {
                    Histogram h = e.getValue();
                    System.out.println(row("", e.getKey(), r.users, h.getTotalCount(), h.getTotalCount() / r.seconds,
                            h, -1, Double.NaN, ""));
                }
            }
        }
        System.out.println();
    }

    private static String row(String scenario, String request, int users, long reqs, double rate, Histogram h,
            long errors, double cpu, String extra) {
        return String.format("%-9s %-20s %5d %8d %9.1f %8.1f %8.1f %8.1f %8.1f %6s %10s %s", scenario, request,
                users, reqs, rate, msF(h.getValueAtPercentile(50)), msF(h.getValueAtPercentile(95)),
                msF(h.getValueAtPercentile(99)), msF(h.getMaxValue()), errors < 0 ? "" : String.valueOf(errors),
                Double.isNaN(cpu) ? "" : String.format("%.2f", cpu), extra);
    }

    // ------------------------------------------------------------------------------------------------ process

    /** Payara Micro: the launcher's child running payara-micro.jar (or the pid given). */
    private Long findPayara() {
        return cfg.payaraPid != null ? cfg.payaraPid : findChild("payara-micro.jar");
    }

    /** The first process under the launcher whose command line contains {@code part}, or null. */
    private Long findChild(String part) {
        if (cfg.launcherPid == null) {
            return null;
        }
        return ProcessHandle.of(cfg.launcherPid).stream()
                .flatMap(ProcessHandle::descendants)
                .filter(p -> p.info().commandLine().map(c -> c.contains(part)).orElse(false))
                .map(ProcessHandle::pid)
                .findFirst().orElse(null);
    }

    private static final Pattern HEAP_SPACE = Pattern.compile("(?m)^\\s*\\S.*\\btotal \\d+K, used (\\d+)K");

    /**
     * The heap in use according to {@code jcmd GC.heap_info}, in KiB, whatever the collector: the sum of the lines
     * with a total and a used size (G1's one "garbage-first heap" line; the parallel collector's PSYoungGen and
     * ParOldGen; the serial one's generations), not Metaspace or the eden/survivor details; -1 if there is none.
     */
    static long usedHeapKiB(String heapInfo) {
        Matcher m = HEAP_SPACE.matcher(heapInfo);
        long sum = 0;
        boolean found = false;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
            found = true;
        }
        return found ? sum : -1;
    }

    /**
     * CPU ticks of the JIT compiler threads of a process (utime+stime of its tasks named "C1/C2 CompilerThre..."), or
     * -1. Compiler threads that ended since an earlier reading take their ticks with them: a difference is a lower
     * bound.
     */
    private static long jitTicks(Long pid) {
        if (pid == null) {
            return -1;
        }
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.contains("CompilerThre")) {
                        sum += cpuTicksOf(stat);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime+stime of a process in clock ticks (one element), null when unknown. */
    private static long[] cpuTicks(Long pid) {
        if (pid == null) {
            return null;
        }
        try {
            return new long[] {cpuTicksOf(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")))};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime+stime from the text of a {@code /proc/.../stat} file (fields 14 and 15; the name may contain blanks). */
    private static long cpuTicksOf(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (Exception e) {
            return 100;
        }
    }

    private static String jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private static String exec(long timeoutSeconds, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "(" + String.join(" ", cmd) + " failed: " + e.getMessage() + ")";
        }
    }

    private void printHeap() {
        if (payaraPid == null) {
            System.out.println("Heap after the run: Payara pid unknown");
            return;
        }
        System.out.println("Heap after the run (jcmd " + payaraPid + " GC.heap_info):");
        exec(30, jdkTool("jcmd"), String.valueOf(payaraPid), "GC.heap_info").lines()
                .filter(l -> !l.isBlank() && !l.matches("\\d+:"))
                .forEach(l -> System.out.println("  " + l.strip()));
    }

    private Path startJfr(String name, int seconds) throws IOException {
        if (payaraPid == null) {
            return null;
        }
        Path dir = Path.of(cfg.jfrDir).toAbsolutePath();
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".jfr");
        Files.deleteIfExists(file);
        String out = exec(30, jdkTool("jcmd"), String.valueOf(payaraPid), "JFR.start", "name=bench-" + name,
                "settings=profile", "duration=" + seconds + "s", "filename=" + file);
        if (!out.contains("Started recording")) {
            System.out.println("bench: JFR did not start: " + out.strip());
            return null;
        }
        return file;
    }

    /** Top sampled frames (where Payara's CPU went) of a recording. */
    private void summarizeJfr(String name, Path file) {
        try {
            for (int i = 0; i < 30 && !(Files.exists(file) && Files.size(file) > 0); i++) {
                Thread.sleep(1000);
            }
            Thread.sleep(2000);
            Map<String, Integer> top = new HashMap<>();
            Map<String, Integer> app = new HashMap<>();
            Map<String, Integer> packages = new HashMap<>();
            int samples = 0;
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = e.getStackTrace().getFrames();
                if (frames.isEmpty()) {
                    continue;
                }
                top.merge(frameName(frames.get(0)), 1, Integer::sum);
                String[] parts = frames.get(0).getMethod().getType().getName().split("\\.");
                packages.merge(String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length - 1))), 1,
                        Integer::sum);
                LinkedHashSet<String> seen = new LinkedHashSet<>();
                for (RecordedFrame f : frames) {
                    String type = f.getMethod().getType().getName();
                    if (type.startsWith("org.farmstand.")) {
                        seen.add(frameName(f));
                        break;
                    }
                }
                seen.forEach(s -> app.merge(s, 1, Integer::sum));
            }
            System.out.printf("JFR %s (%s): %d execution samples; top frames:%n", name, file, samples);
            printTop(top, samples, 12);
            System.out.println("  top frame by package:");
            printTop(packages, samples, 10);
            System.out.println("  innermost Farmstand frame on the sampled stacks:");
            printTop(app, samples, 8);
        } catch (Exception e) {
            System.out.println("bench: reading " + file + " failed: " + e);
        }
    }

    private static String frameName(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void printTop(Map<String, Integer> counts, int total, int n) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .forEach(e -> System.out.printf("    %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total),
                        e.getKey()));
    }

    // ------------------------------------------------------------------------------------------------ database

    private record DbFacts(long orders, long oversold) {
    }

    /**
     * MariaDB's counters {row-lock waits, milliseconds waited, statements received, XA transactions started,
     * commits}, or null when unreadable: how much of a step's latency is transactions queueing for the same rows (e.g.
     * every order booking one tour date), and how many round trips and writing transactions a request costs the
     * database (reads run without a transaction of their own on the database).
     */
    private long[] databaseCounters() {
        List<String> names = List.of("innodb_row_lock_waits", "innodb_row_lock_time", "questions", "com_xa_start",
                "com_commit");
        try (Connection c = db(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN"
                     + " ('Innodb_row_lock_waits', 'Innodb_row_lock_time', 'Questions', 'Com_xa_start', 'Com_commit')")) {
            long[] v = new long[names.size()];
            while (rs.next()) {
                int i = names.indexOf(rs.getString(1).toLowerCase(java.util.Locale.ROOT));
                if (i >= 0) {
                    v[i] = rs.getLong(2);
                }
            }
            return v;
        } catch (SQLException e) {
            return null;
        }
    }

    private Connection db() throws SQLException {
        return DriverManager.getConnection(cfg.jdbcUrl, cfg.dbUser, cfg.dbPassword);
    }

    /**
     * Bench customers (copies of the demo customer: same password hash, home tour, postcode; ACTIVE) and enough
     * capacity on the shop's open tour dates that the checkout measures ordering rather than full dates.
     */
    private DbFacts prepareDatabase(int customers, long productId) throws SQLException {
        try (Connection c = db()) {
            long tenant;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM tenant WHERE slug = ?")) {
                ps.setString(1, cfg.slug);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no shop " + cfg.slug + " in the bench database");
                    }
                    tenant = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO customer (tenant_id, email, "
                    + "password_hash, first_name, last_name, street, postcode, city, phone, status, email_verified, "
                    + "home_tour_id, locale, registered_at, activated_at, updated_at) SELECT tenant_id, ?, password_hash, "
                    + "'Bench', ?, street, postcode, city, phone, 'ACTIVE', TRUE, home_tour_id, locale, registered_at, "
                    + "activated_at, updated_at FROM customer WHERE tenant_id = ? AND email = ?")) {
                for (int i = 0; i < customers; i++) {
                    ps.setString(1, email(i));
                    ps.setString(2, "Customer " + i);
                    ps.setLong(3, tenant);
                    ps.setString(4, cfg.templateCustomer);
                    ps.executeUpdate(); // one by one: MariaDB refuses INSERT ... SELECT in a bulk batch
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM customer WHERE tenant_id = ? "
                    + "AND email LIKE 'bench-%@bench.example' AND home_tour_id IS NOT NULL")) {
                ps.setLong(1, tenant);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) < customers) {
                        throw new IllegalStateException("only " + rs.getLong(1) + " bench customers with a home "
                                + "tour (template " + cfg.templateCustomer + ")");
                    }
                }
            }
            // enough of the product for the shop's minimum order (else every checkout is refused)
            try (PreparedStatement ps = c.prepareStatement("SELECT p.price_cents, t.min_order_cents FROM product p "
                    + "JOIN tenant t ON t.id = p.tenant_id WHERE p.id = ?")) {
                ps.setLong(1, productId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        long needed = (rs.getLong(2) + rs.getLong(1) - 1) / rs.getLong(1);
                        quantity = (int) Math.max(cfg.quantity, needed);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE tour_date SET capacity = capacity + ? "
                    + "WHERE tenant_id = ? AND status = 'OPEN' AND capacity < ?")) {
                ps.setInt(1, cfg.extraCapacity);
                ps.setLong(2, tenant);
                ps.setInt(3, cfg.extraCapacity);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE tenant SET content_version = content_version + 1 WHERE id = ?")) {
                ps.setLong(1, tenant);
                ps.executeUpdate();
            }
        }
        return dbFacts();
    }

    /** Orders of the shop, and tour dates (all shops) with booked + held over capacity or booked != its orders. */
    private DbFacts dbFacts() throws SQLException {
        try (Connection c = db()) {
            long orders;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM customer_order o JOIN tenant t "
                    + "ON t.id = o.tenant_id WHERE t.slug = ?")) {
                ps.setString(1, cfg.slug);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    orders = rs.getLong(1);
                }
            }
            long oversold;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM tour_date d "
                    + "WHERE d.booked + d.held > d.capacity OR d.booked <> (SELECT COUNT(*) FROM customer_order o "
                    + "WHERE o.tour_date_id = d.id AND o.status <> 'CANCELLED')");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                oversold = rs.getLong(1);
            }
            return new DbFacts(orders, oversold);
        }
    }

    // ------------------------------------------------------------------------------------------------ config

    static final class Config {
        String base;
        String slug = "sonnenhof";
        String jdbcUrl;
        String dbUser = "root";
        String dbPassword = "";
        String templateCustomer = "anna@example.org";
        String password = "anna-demo";
        Long launcherPid;
        Long payaraPid;
        String jfrDir;
        boolean quick;
        int warmupSeconds = 30;
        int stepSeconds = 20;
        int[] catalogUsers = {1, 4, 16, 64};
        int[] checkoutUsers = {1, 4, 16, 64};
        int[] loginUsers = {4, 16};
        int[] adminUsers = {1, 4, 16};
        int[] apiUsers = {1, 4, 16};
        /** Paced checkout steps (orders started per second), after the closed-model ones; empty: none. */
        int[] checkoutRates = {10, 30};
        String adminEmail = "owner@sonnenhof.example";
        String adminPassword = "sonnenhof-demo";
        String apiToken = "fs_demo_sonnenhof_readwrite_token";
        int quantity = 2;
        int extraCapacity = 1_000_000;
        long maxRequestsPerStep = 2_000_000;
        int requestTimeoutSeconds = 30;
        int deadlineSeconds = 20 * 60;
        /** standard (the scenarios above), overload (surge test) or soak (cookieless flood). */
        String mode = "standard";
        int overloadSeconds = 60;
        double overloadFactor = 20;
        int surgeCustomers = 32;
        int soakSeconds = 120;
        int soakUsers = 32;

        static Config parse(String[] args) {
            Config c = new Config();
            for (String a : args) {
                if (a.equals("--quick")) {
                    c.quick = true;
                    c.warmupSeconds = 24;
                    c.stepSeconds = 10;
                    c.catalogUsers = new int[] {4, 16};
                    c.checkoutUsers = new int[] {1, 4, 16};
                    c.checkoutRates = new int[] {10};
                    c.loginUsers = new int[] {4};
                    c.adminUsers = new int[] {4};
                    c.apiUsers = new int[] {4};
                    c.deadlineSeconds = 4 * 60;
                }
            }
            for (String a : args) {
                if (a.equals("--quick")) {
                    continue;
                }
                int eq = a.indexOf('=');
                if (!a.startsWith("--") || eq < 0) {
                    throw new IllegalArgumentException("options are --name=value: " + a);
                }
                String k = a.substring(2, eq);
                String v = a.substring(eq + 1);
                switch (k) {
                    case "base" -> c.base = v;
                    case "slug" -> c.slug = v;
                    case "jdbc" -> c.jdbcUrl = v;
                    case "db-user" -> c.dbUser = v;
                    case "db-password" -> c.dbPassword = v;
                    case "launcher-pid" -> c.launcherPid = Long.parseLong(v);
                    case "payara-pid" -> c.payaraPid = Long.parseLong(v);
                    case "jfr-dir" -> c.jfrDir = v;
                    case "warmup" -> c.warmupSeconds = Integer.parseInt(v);
                    case "step" -> c.stepSeconds = Integer.parseInt(v);
                    case "catalog-users" -> c.catalogUsers = ints(v);
                    case "checkout-users" -> c.checkoutUsers = ints(v);
                    case "checkout-rates" -> c.checkoutRates = v.isBlank() ? new int[0] : ints(v);
                    case "login-users" -> c.loginUsers = ints(v);
                    case "admin-users" -> c.adminUsers = ints(v);
                    case "api-users" -> c.apiUsers = ints(v);
                    case "admin-email" -> c.adminEmail = v;
                    case "admin-password" -> c.adminPassword = v;
                    case "api-token" -> c.apiToken = v;
                    case "quantity" -> c.quantity = Integer.parseInt(v);
                    case "max-requests" -> c.maxRequestsPerStep = Long.parseLong(v);
                    case "deadline" -> c.deadlineSeconds = Integer.parseInt(v);
                    case "mode" -> c.mode = v;
                    case "overload-seconds" -> c.overloadSeconds = Integer.parseInt(v);
                    case "overload-factor" -> c.overloadFactor = Double.parseDouble(v);
                    case "surge-customers" -> c.surgeCustomers = Integer.parseInt(v);
                    case "soak-seconds" -> c.soakSeconds = Integer.parseInt(v);
                    case "soak-users" -> c.soakUsers = Integer.parseInt(v);
                    default -> throw new IllegalArgumentException("unknown option --" + k);
                }
            }
            if (!List.of("standard", "overload", "soak").contains(c.mode)) {
                throw new IllegalArgumentException("--mode is standard, overload or soak");
            }
            if (!c.mode.equals("standard") && !c.deadlineExplicit(args)) {
                c.deadlineSeconds = c.mode.equals("overload") ? 8 * 60 : c.soakSeconds + 3 * 60;
            }
            if (c.base == null || c.jdbcUrl == null) {
                throw new IllegalArgumentException("--base=http://127.0.0.1:PORT and --jdbc=URL are required");
            }
            return c;
        }

        private boolean deadlineExplicit(String[] args) {
            return java.util.Arrays.stream(args).anyMatch(a -> a.startsWith("--deadline="));
        }

        private static int[] ints(String v) {
            return java.util.Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
        }
    }

    // ------------------------------------------------------------------------------------------------ surge

    /**
     * Surge protection measured: the overload test (anonymous arrivals at a multiple of the sustainable checkout
     * request rate, open model, plus signed-in customers checking out all the time) and the cookieless soak.
     */
    static final class Surge {

        private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

        private final LoadBench b;
        private final Config cfg;
        private final Catalog catalog;

        Surge(LoadBench b, Catalog catalog) {
            this.b = b;
            this.cfg = b.cfg;
            this.catalog = catalog;
        }

        /** A cookieless visitor's request: cached catalog pages, uncached searches and the login page. */
        private String anonymousUrl(long i) {
            String prefix = "/s/" + cfg.slug;
            int k = (int) Math.floorMod(i, 8L);
            if (k < 4) {
                return catalog.urls.get(k);
            }
            if (k < 6) {
                StringBuilder q = new StringBuilder();
                java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
                for (int j = 0; j < 5; j++) {
                    q.append(LETTERS.charAt(r.nextInt(LETTERS.length())));
                }
                return prefix + "/products?q=" + q;
            }
            if (k == 6) {
                return prefix + "/account/login";
            }
            return catalog.urls.get(2) + "?lang=en";
        }

        private final AtomicLong arrivals = new AtomicLong();
        private final AtomicLong dropped = new AtomicLong();
        private final AtomicLong answered = new AtomicLong();
        private final AtomicLong admitted = new AtomicLong();
        private final AtomicLong queuePages = new AtomicLong();
        private final AtomicLong admittedAfterQueue = new AtomicLong();
        private final AtomicLong gaveUp = new AtomicLong();
        private final AtomicLong clientErrors = new AtomicLong();
        private final AtomicLong otherStatus = new AtomicLong();
        private final Histogram admittedLatency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(120), 3);
        private final Histogram queueLatency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(120), 3);
        private final Histogram waited = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(600), 3);
        private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();

        /** One visit; a queue page is followed like a browser does: again after Retry-After, with the ticket. */
        private void visit(java.util.concurrent.ThreadPoolExecutor pool,
                           java.util.concurrent.ScheduledExecutorService later, String url, String ticket,
                           int attempt, long firstNanos, long endNanos) {
            try {
                Resp r = b.get(url, ticket == null ? null : "fs_queue=" + ticket, null);
                answered.incrementAndGet();
                if (r.queued) {
                    queuePages.incrementAndGet();
                    queueLatency.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(r.nanos), TimeUnit.SECONDS.toMicros(120)));
                    String next = r.queueCookie != null ? r.queueCookie : ticket;
                    long due = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(1, r.retryAfter));
                    if (attempt < 20 && due < endNanos) {
                        later.schedule(() -> {
                            try {
                                pool.execute(() -> visit(pool, later, url, next, attempt + 1, firstNanos, endNanos));
                            } catch (java.util.concurrent.RejectedExecutionException e) {
                                dropped.incrementAndGet();
                            }
                        }, Math.max(1, r.retryAfter), TimeUnit.SECONDS);
                    } else {
                        gaveUp.incrementAndGet();
                    }
                } else if (r.status == 200 || r.status == 304) {
                    admitted.incrementAndGet();
                    admittedLatency.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(r.nanos), TimeUnit.SECONDS.toMicros(120)));
                    if (attempt > 0) {
                        admittedAfterQueue.incrementAndGet();
                        waited.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - firstNanos),
                                TimeUnit.SECONDS.toMicros(600)));
                    }
                } else {
                    otherStatus.incrementAndGet();
                    if (errorSamples.size() < 5) {
                        errorSamples.add(url + " -> " + r.status);
                    }
                }
            } catch (Exception e) {
                clientErrors.incrementAndGet();
                if (errorSamples.size() < 5) {
                    errorSamples.add(url + ": " + e);
                }
            }
        }

        int overload() throws Exception {
            DbFacts before = b.prepareDatabase(Math.max(cfg.surgeCustomers, 8), catalog.productId);
            System.out.printf("bench: overload test; %d of product %d in each cart; dates oversold before: %d%n",
                    b.quantity, catalog.productId, before.oversold);
            b.runStep("warmup-catalog", 4, 6, b.catalogUser(catalog), false);
            b.runStep("warmup-checkout", 4, 6, b.checkoutUser(catalog), false);
            // the sustainable rate: the checkout journey of 8 signed-in customers, closed model
            b.runStep("sustainable", 8, cfg.quick ? 10 : 20, b.checkoutUser(catalog), true);
            StepResult sustainable = b.results.get(b.results.size() - 1);
            double offered = cfg.overloadFactor * sustainable.throughput();
            System.out.printf("bench: sustainable checkout: %.1f req/s, %.1f orders/s; offering %.0f anonymous req/s "
                            + "(%.0f x) for %d s plus %d signed-in customers checking out%n", sustainable.throughput(),
                    sustainable.ordersPerSecond(), offered, cfg.overloadFactor, cfg.overloadSeconds, cfg.surgeCustomers);

            // customers sign in before the clock starts (PBKDF2 is deliberately slow: 4 at a time)
            UserLoop checkout = b.checkoutUser(catalog);
            Metrics prep = new Metrics();
            ExecutorService signIn = Executors.newFixedThreadPool(4);
            List<java.util.concurrent.Future<?>> signIns = new ArrayList<>();
            for (int u = 0; u < cfg.surgeCustomers; u++) {
                int user = u;
                signIns.add(signIn.submit(() -> {
                    checkout.prepare(prep, user);
                    return null;
                }));
            }
            for (var f : signIns) {
                f.get();
            }
            signIn.shutdown();
            if (prep.errors.get() > 0) {
                System.out.println("bench: sign-in errors: " + prep.errors.get() + " " + prep.errorSamples);
            }

            long fiveBefore = b.status5xx.get();
            long sentBefore = b.checkoutsSent.get();
            long answeredBefore = b.checkoutsAnswered.get();
            b.confirmations.clear();
            DbFacts start = b.dbFacts();
            long[] cpuBefore = cpuTicks(b.payaraPid);
            long t0 = System.nanoTime();
            long end = t0 + TimeUnit.SECONDS.toNanos(cfg.overloadSeconds);
            b.stepEndNanos = end; // customers told to wait do not wait past the surge

            Metrics customers = new Metrics();
            List<Thread> customerThreads = new ArrayList<>();
            for (int u = 0; u < cfg.surgeCustomers; u++) {
                int user = u;
                Thread t = new Thread(() -> {
                    long i = 0;
                    while (System.nanoTime() < end) {
                        try {
                            checkout.iterate(customers, user, i++);
                        } catch (Exception e) {
                            customers.error(e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                    }
                }, "customer-" + u);
                customerThreads.add(t);
                t.start();
            }

            java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(256, 256,
                    60, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(),
                    (task, executor) -> dropped.incrementAndGet());
            java.util.concurrent.ScheduledExecutorService later = Executors.newScheduledThreadPool(2);
            long interval = (long) (1e9 / Math.max(1.0, offered));
            long next = t0;
            long i = 0;
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                while (next <= now) {
                    String url = anonymousUrl(i++);
                    long arrival = next;
                    arrivals.incrementAndGet();
                    pool.execute(() -> visit(pool, later, url, null, 0, arrival, end));
                    next += interval;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Math.min(next - now, 1_000_000L));
            }
            later.shutdown();
            later.awaitTermination(20, TimeUnit.SECONDS);
            pool.shutdown();
            pool.awaitTermination(cfg.requestTimeoutSeconds + 10L, TimeUnit.SECONDS);
            for (Thread t : customerThreads) {
                t.join(TimeUnit.SECONDS.toMillis(cfg.requestTimeoutSeconds + 10L));
            }
            b.http.closeAll();
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long[] cpuAfter = cpuTicks(b.payaraPid);
            double cpu = cpuBefore == null || cpuAfter == null ? -1 : (double) (cpuAfter[0] - cpuBefore[0]) / b.clockTicks;

            long fiveXX = b.status5xx.get() - fiveBefore;
            long sent = b.checkoutsSent.get() - sentBefore;
            long unknown = sent - (b.checkoutsAnswered.get() - answeredBefore);
            List<String> numbers = new ArrayList<>();
            for (String location : b.confirmations) {
                Matcher m = Pattern.compile("/orders/([^/]+)/confirmation").matcher(location);
                if (m.find()) {
                    numbers.add(m.group(1));
                }
            }
            DbFacts after = b.dbFacts();
            long found = countOrders(numbers);
            long lost = numbers.size() - found;
            long duplicated = Math.max(0, (after.orders - start.orders) - numbers.size() - unknown);

            Histogram customerAll = customers.all();
            Histogram allAdmitted = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
            allAdmitted.add(admittedLatency);
            allAdmitted.add(customers.all(false)); // the customers' queue pages were not admitted
            double queueShare = answered.get() == 0 ? 0 : (double) queuePages.get() / answered.get();

            System.out.println();
            System.out.printf("Overload (%.0f s): anonymous arrivals %d at %.0f/s offered (%.0f x the sustainable %.1f "
                            + "req/s), %d not sent (client saturated), %d answers%n", elapsed, arrivals.get(),
                    offered, cfg.overloadFactor, sustainable.throughput(), dropped.get(), answered.get());
            System.out.printf("  served %d, queue pages %d (%.1f %% of answers), let in after queueing %d, still queued at the "
                            + "end or gave up %d, other status %d, client errors %d%n", admitted.get(),
                    queuePages.get(), 100 * queueShare, admittedAfterQueue.get(), gaveUp.get(), otherStatus.get(),
                    clientErrors.get());
            if (!errorSamples.isEmpty()) {
                System.out.println("  e.g. " + new ArrayList<>(errorSamples));
            }
            printLatency("  anonymous served", admittedLatency);
            printLatency("  queue pages", queueLatency);
            printLatency("  wait until let in", waited);
            printLatency("  customers (all)", customerAll);
            for (Map.Entry<String, Histogram> e : customers.histograms.entrySet()) {
                printLatency("    " + e.getKey(), e.getValue());
            }
            System.out.printf("  customers: %d requests (%d of them refused: queue page or 429), %d orders (%.1f/s),"
                            + " %d errors %s%n", customers.requests.get(), customers.refused.get(),
                    customers.orders.get(), customers.orders.get() / elapsed, customers.errors.get(),
                    customers.errorSamples.isEmpty() ? "" : new ArrayList<>(customers.errorSamples));
            printLatency("  all admitted requests", allAdmitted);
            System.out.printf("  Payara CPU %.1f s (%.0f %% of one core)%n", cpu, 100 * cpu / elapsed);
            System.out.printf("  5xx responses: %d; queue pages seen in the whole run: %d%n", fiveXX, b.queuePagesSeen.get());
            System.out.printf("  orders: %d new in the database, %d confirmed to the client (%d of them found by number), "
                            + "%d POST /checkout without an answer; lost %d, duplicated %d; dates oversold or booked != "
                            + "orders: %d%n", after.orders - start.orders, numbers.size(), found, unknown, lost,
                    duplicated, after.oversold);
            b.printHeap();
            System.out.printf("Sessions created (JSESSIONID seen, whole run): %d (customers: %d sign-ins)%n",
                    b.sessionsSeen.get(), cfg.surgeCustomers + 8 + 4);
            System.out.printf("RESULT overload_5xx=%d admitted_p99_ms=%d queue_share=%.2f orders_lost=%d "
                            + "orders_duplicated=%d oversold=%d%n", fiveXX,
                    ms(allAdmitted.getValueAtPercentile(99)), queueShare, lost, duplicated, after.oversold);
            return 0;
        }

        private long countOrders(List<String> numbers) throws SQLException {
            long found = 0;
            try (Connection c = b.db()) {
                for (int from = 0; from < numbers.size(); from += 500) {
                    List<String> batch = numbers.subList(from, Math.min(numbers.size(), from + 500));
                    String marks = String.join(",", java.util.Collections.nCopies(batch.size(), "?"));
                    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM customer_order o JOIN tenant t "
                            + "ON t.id = o.tenant_id WHERE t.slug = ? AND o.order_number IN (" + marks + ")")) {
                        ps.setString(1, cfg.slug);
                        for (int k = 0; k < batch.size(); k++) {
                            ps.setString(k + 2, batch.get(k));
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            found += rs.getLong(1);
                        }
                    }
                }
            }
            return found;
        }

        private static void printLatency(String what, Histogram h) {
            if (h.getTotalCount() == 0) {
                System.out.printf("%-26s      0%n", what);
                return;
            }
            System.out.printf("%-26s %6d  p50 %7.1f  p95 %7.1f  p99 %7.1f  max %7.1f ms%n", what, h.getTotalCount(),
                    msF(h.getValueAtPercentile(50)), msF(h.getValueAtPercentile(95)), msF(h.getValueAtPercentile(99)),
                    msF(h.getMaxValue()));
        }

        /** Live heap after a full GC, in MiB (-1 if unknown). */
        private long liveHeapMiB() {
            if (b.payaraPid == null) {
                return -1;
            }
            exec(60, jdkTool("jcmd"), String.valueOf(b.payaraPid), "GC.run");
            long kib = usedHeapKiB(exec(30, jdkTool("jcmd"), String.valueOf(b.payaraPid), "GC.heap_info"));
            return kib < 0 ? -1 : kib / 1024;
        }

        int soak() throws Exception {
            System.out.printf("bench: cookieless soak, %d users without think time for %d s%n", cfg.soakUsers,
                    cfg.soakSeconds);
            b.runStep("warmup-catalog", 4, 6, b.catalogUser(catalog), false);
            long sessionsBefore = b.sessionsSeen.get();
            long fiveBefore = b.status5xx.get();
            List<String> heap = new ArrayList<>();
            long heapStart = liveHeapMiB();
            heap.add("0 s: " + heapStart + " MiB");
            Metrics m = new Metrics();
            long t0 = System.nanoTime();
            long end = t0 + TimeUnit.SECONDS.toNanos(cfg.soakSeconds);
            AtomicLong queued = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int u = 0; u < cfg.soakUsers; u++) {
                int user = u;
                Thread t = new Thread(() -> {
                    long i = user;
                    while (System.nanoTime() < end) {
                        String url = anonymousUrl(i++);
                        try {
                            Resp r = b.timed(m, url.contains("?q=") ? "GET search" : url.contains("/account/login")
                                    ? "GET login" : "GET catalog", b.get(url, null, null));
                            if (r.queued) {
                                queued.incrementAndGet();
                            } else if (r.status != 200) {
                                m.error(url + " -> " + r.status);
                            }
                        } catch (Exception e) {
                            m.error(url + ": " + e);
                        }
                    }
                }, "soak-" + u);
                threads.add(t);
                t.start();
            }
            long[] cpuBefore = cpuTicks(b.payaraPid);
            int samples = 4;
            for (int s = 1; s <= samples; s++) {
                long due = t0 + TimeUnit.SECONDS.toNanos((long) cfg.soakSeconds * s / samples);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(wait));
                }
                if (s < samples) {
                    heap.add(Math.round((System.nanoTime() - t0) / 1e9) + " s: " + liveHeapMiB() + " MiB");
                }
            }
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(cfg.requestTimeoutSeconds + 10L));
            }
            b.http.closeAll();
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long[] cpuAfter = cpuTicks(b.payaraPid);
            long heapEnd = liveHeapMiB();
            heap.add(Math.round(elapsed) + " s (after): " + heapEnd + " MiB");
            long sessions = b.sessionsSeen.get() - sessionsBefore;
            double cpu = cpuBefore == null || cpuAfter == null ? -1 : (double) (cpuAfter[0] - cpuBefore[0]) / b.clockTicks;
            System.out.println();
            System.out.printf("Soak (%.0f s, %d cookieless users): %d requests (%.1f req/s), %d queue pages, %d errors %s%n",
                    elapsed, cfg.soakUsers, m.requests.get(), m.requests.get() / elapsed, queued.get(), m.errors.get(),
                    m.errorSamples.isEmpty() ? "" : new ArrayList<>(m.errorSamples));
            for (Map.Entry<String, Histogram> e : m.histograms.entrySet()) {
                printLatency("  " + e.getKey(), e.getValue());
            }
            System.out.printf("  Payara CPU %.1f s (%.2f ms/request)%n", cpu, cpu * 1000 / Math.max(1, m.requests.get()));
            System.out.println("  live heap after a full GC: " + String.join(", ", heap));
            System.out.printf("  sessions created (Set-Cookie JSESSIONID) during the soak: %d; 5xx: %d%n", sessions,
                    b.status5xx.get() - fiveBefore);
            b.printHeap();
            System.out.printf("RESULT soak_requests=%d sessions=%d heap_start_mib=%d heap_end_mib=%d errors=%d%n",
                    m.requests.get(), sessions, heapStart, heapEnd, m.errors.get() + (b.status5xx.get() - fiveBefore));
            return 0;
        }
    }
}
