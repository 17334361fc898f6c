package org.farmstand.storefront.web;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.farmstand.catalog.boundary.CatalogService;
import org.farmstand.catalog.boundary.CategoryView;
import org.farmstand.catalog.boundary.ProductCard;
import org.farmstand.platform.persistence.SchemaMigrator;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tenancy.boundary.TenantService;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's warm-up: before a freshly started node takes visitors, it sends anonymous GETs of catalog pages to its
 * own storefront on 127.0.0.1 ({@link WarmUpPlan}), so that the JIT compiles the hot paths on requests nobody waits
 * for. A fresh node's compiler made ~48,000 compilations and used minutes of CPU under load (BENCHMARKS.md, session
 * 12): a node added in a surge served at perhaps half its warm rate at first.
 * <p>
 * While it runs, the readiness check {@code warm-up} ({@link WarmUpReadiness}) is DOWN, so the load balancer sends
 * no visitors yet. It ends — and the check is UP — when its time ({@code farmstand.warmup.seconds}) or its request
 * budget ({@code farmstand.warmup.max-requests}) is used up, or when anything fails: a failed warm-up leaves a cold
 * node, never one out of service.
 * <p>
 * <b>Port.</b> Nothing in the Servlet API names the node's HTTP port before a request arrives, and Payara Micro
 * picks it from its command line ({@code --port}, or a free one in tests). So the warm-up starts with the first
 * plain-HTTP request to the storefront's {@code /health} ({@link HealthServlet}), i.e. the first readiness probe of
 * whoever decides when the node gets traffic (HAProxy, the launcher), on that request's local port — unless
 * {@code farmstand.warmup.port} names it, then it starts when the application does. Until then the check is DOWN as
 * well, for at most the warm-up's time.
 * <p>
 * <b>What it must not do.</b> GETs only, no cookies kept (an {@link HttpClient} without a cookie handler), on pages
 * that create no session; every {@code Set-Cookie: JSESSIONID} it sees is counted and shown in the check. Two
 * requests at a time, each with a timeout, on the server's managed executor; it never blocks the deployment. Its
 * requests pass the admission gate untouched ({@link WarmUpPass}, checked by {@link AdmissionFilter}): they are not
 * visitors, and their service times — a cold node's, several times a warm one's — must not teach the adaptive limit
 * what the node can do, nor their admissions the wait estimate of the queue page.
 */
@ApplicationScoped
public class WarmUp {

    enum Phase { OFF, WAITING, RUNNING, DONE }

    /** What the readiness check shows. */
    record Status(Phase phase, long requests, long errors, long sessions, String result, long elapsedMillis) {
    }

    /** Two at a time: enough to keep a small node's CPUs and its compiler busy, far from a visitor's surge. */
    static final int CONCURRENCY = 2;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final long RETRY_MILLIS = 250;
    private static final Logger LOG = Logger.getLogger(WarmUp.class.getName());

    @Inject
    TenantService tenants;

    @Inject
    CatalogService catalog;

    @Inject
    SchemaMigrator schema;

    private volatile WarmUpSettings settings = WarmUpSettings.off();
    private volatile String contextPath = "";
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.OFF);
    private volatile WarmUpPass pass = WarmUpPass.none();
    private volatile long waitingSince;
    private volatile long startedAt;
    private volatile long deadline;
    private volatile long endedAt;
    private volatile String result = "";
    private volatile boolean stopped;
    private volatile Future<?> task;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong sessions = new AtomicLong();

    /** When the storefront is deployed: reads the settings, and starts at once if the port is configured. */
    void deployed(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        settings = WarmUpSettings.from(ConfigProvider.getConfig());
        contextPath = context.getContextPath();
        waitingSince = System.nanoTime();
        phase.set(settings.enabled() ? Phase.WAITING : Phase.OFF);
        settings.port().ifPresent(this::start);
    }

    /**
     * A request to {@code /health}: the first plain-HTTP one starts the warm-up on its local port — if it comes within
     * the warm-up's time after the deployment. A later one finds the node ready already (the check stopped waiting),
     * and a ready node must not turn DOWN: the warm-up is then skipped.
     */
    void probed(HttpServletRequest request) {
        if (phase.get() != Phase.WAITING || request.isSecure()) {
            return;
        }
        if (stillWaiting(System.nanoTime())) {
            start(request.getLocalPort());
        } else {
            skip();
        }
    }

    private synchronized void skip() {
        if (phase.get() == Phase.WAITING) {
            startedAt = waitingSince;
            finish("skipped: no readiness probe within " + settings.time().toSeconds() + " s of the deployment");
        }
    }

    private boolean stillWaiting(long now) {
        return now - waitingSince < settings.time().toNanos();
    }

    /** Whether this request is the warm-up's own (it passes the admission gate untouched). */
    boolean isOwn(HttpServletRequest request) {
        return pass.admits(request.getRemoteAddr(), request.getHeader(WarmUpPass.HEADER));
    }

    /** Whether the node should not take visitors yet: waiting for its port, or warming up, within the time. */
    boolean holdsBack() {
        long now = System.nanoTime();
        return switch (phase.get()) {
            case WAITING -> stillWaiting(now);
            case RUNNING -> now - deadline < 0;
            case OFF, DONE -> false;
        };
    }

    Status status() {
        Phase current = phase.get();
        long end = current == Phase.DONE ? endedAt : System.nanoTime();
        long elapsed = current == Phase.RUNNING || current == Phase.DONE ? (end - startedAt) / 1_000_000 : 0;
        return new Status(current, requests.get(), errors.get(), sessions.get(), result, elapsed);
    }

    /** Starts once; the deadline and the pass are set before the phase says RUNNING (the check reads them then). */
    private synchronized void start(int port) {
        if (phase.get() != Phase.WAITING) {
            return;
        }
        startedAt = System.nanoTime();
        deadline = startedAt + settings.time().toNanos();
        pass = WarmUpPass.random();
        phase.set(Phase.RUNNING);
        try {
            ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
            task = executor.submit(() -> run(executor, port));
        } catch (NamingException | RuntimeException e) {
            finish("failed: no managed executor (" + e.getMessage() + ")");
        }
    }

    private void run(ManagedExecutorService executor, int port) {
        String outcome;
        try {
            outcome = warmUp(executor, URI.create("http://127.0.0.1:" + port));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "stopped";
        } catch (RuntimeException | ExecutionException e) {
            LOG.log(Level.FINE, "Warm-up failed", e);
            outcome = "failed: " + e;
        }
        finish(outcome);
    }

    private String warmUp(ManagedExecutorService executor, URI base) throws InterruptedException, ExecutionException {
        if (!awaitSchema()) {
            return "time limit (schema not migrated yet)";
        }
        WarmUpPlan plan = WarmUpPlan.of(contextPath, shops());
        if (plan.isEmpty()) {
            return "no active shop";
        }
        HttpClient client = HttpClient.newBuilder() // no cookie handler: no cookie is kept
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        if (!awaitAnswer(client, base.resolve(plan.path(0)))) {
            return "time limit (the storefront did not answer on " + base + ")";
        }
        LOG.info(() -> "Warm-up: up to " + settings.maxRequests() + " requests in " + settings.time().toSeconds()
                + " s to " + base + " (" + plan.paths().size() + " pages in rotation)");
        List<Future<?>> others = new ArrayList<>();
        for (int i = 1; i < CONCURRENCY; i++) {
            others.add(executor.submit(() -> loop(client, base, plan)));
        }
        loop(client, base, plan);
        for (Future<?> other : others) {
            awaitEnd(other);
        }
        return stopped ? "stopped" : next.get() >= settings.maxRequests() ? "max requests" : "time limit";
    }

    /** The first shops that are open, with a category, a product (one with an image if any) and its image. */
    private List<WarmUpPlan.Shop> shops() {
        return tenants.all().stream()
                .filter(TenantInfo::active)
                .sorted(Comparator.comparingLong(TenantInfo::id))
                .limit(WarmUpPlan.MAX_SHOPS)
                .map(tenant -> TenantContext.callAs(tenant.id(), () -> shop(tenant)))
                .toList();
    }

    private WarmUpPlan.Shop shop(TenantInfo tenant) {
        String category = catalog.categories(tenant.contentVersion()).stream()
                .map(CategoryView::slug).findFirst().orElse(null);
        List<ProductCard> products = catalog.products(tenant.contentVersion(), null, null);
        ProductCard product = products.stream().filter(p -> p.imageHash() != null).findFirst()
                .orElse(products.isEmpty() ? null : products.get(0));
        return new WarmUpPlan.Shop(tenant.slug(), category, product == null ? null : product.slug(),
                product == null ? null : product.imageHash());
    }

    private boolean awaitSchema() throws InterruptedException {
        while (!schema.isMigrated()) {
            if (!within()) {
                return false;
            }
            Thread.sleep(RETRY_MILLIS);
        }
        return true;
    }

    /** Until the storefront answers at all (a configured port may be asked before the listener is up). */
    private boolean awaitAnswer(HttpClient client, URI first) throws InterruptedException {
        while (within()) {
            try {
                client.send(request(first), HttpResponse.BodyHandlers.discarding());
                return true;
            } catch (IOException e) {
                Thread.sleep(RETRY_MILLIS);
            }
        }
        return false;
    }

    /** One worker: the plan's next request until the time or the request budget is used up. */
    private void loop(HttpClient client, URI base, WarmUpPlan plan) {
        long n;
        while (within() && (n = next.getAndIncrement()) < settings.maxRequests()) {
            try {
                HttpResponse<Void> response = client.send(request(base.resolve(plan.path(n))),
                        HttpResponse.BodyHandlers.discarding());
                requests.incrementAndGet();
                if (response.statusCode() != 200) {
                    errors.incrementAndGet();
                }
                if (response.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("JSESSIONID="))) {
                    sessions.incrementAndGet();
                }
            } catch (IOException e) {
                requests.incrementAndGet();
                errors.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri).GET().timeout(REQUEST_TIMEOUT)
                .header(WarmUpPass.HEADER, pass.secret())
                .build();
    }

    private boolean within() {
        return !stopped && System.nanoTime() - deadline < 0;
    }

    /** Waits for a worker: it ends by the deadline plus one request's timeout, or is cancelled. */
    private void awaitEnd(Future<?> worker) throws InterruptedException, ExecutionException {
        long left = Math.max(0, deadline - System.nanoTime()) + REQUEST_TIMEOUT.toNanos();
        try {
            worker.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            worker.cancel(true);
        }
    }

    private void finish(String outcome) {
        pass.revoke();
        result = outcome;
        endedAt = System.nanoTime();
        phase.set(Phase.DONE);
        Status status = status();
        LOG.info(() -> "Warm-up ended (" + outcome + ") after " + status.elapsedMillis() + " ms: " + status.requests()
                + " requests, " + status.errors() + " not answered 200, " + status.sessions() + " sessions");
    }

    @PreDestroy
    void stop() {
        stopped = true;
        pass.revoke();
        Future<?> running = task;
        if (running != null) {
            running.cancel(true);
        }
    }
}
