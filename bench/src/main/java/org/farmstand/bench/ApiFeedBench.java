package org.farmstand.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load on the API's incremental order feed ({@code GET /admin/api/v1/orders?since=&limit=}), the request a
 * management system sends most: a plain JVM client (closed model, N users, HdrHistogram) against a running Farmstand.
 * <p>
 * Seeds {@code --orders} orders with two lines each into the shop's feed over JDBC (numbers taken from the shop's
 * counter like the application does), then runs two scenarios per user count, after a warm-up:
 * <ul>
 *     <li>{@code page}: every user pages through the whole feed from cursor 0 with {@code --limit}, over and over
 *     (a system catching up / a full resync);</li>
 *     <li>{@code poll}: every user asks for changes after the current head (an empty page: the steady state of a
 *     system polling every few seconds).</li>
 * </ul>
 * The platform's per-token rate limit must be raised for this (FARMSTAND_API_RATE_PER_SECOND /
 * FARMSTAND_API_RATE_BURST); 429 answers are counted as errors. Usage:
 * {@code java -cp bench/target/farmstand-bench.jar org.farmstand.bench.ApiFeedBench --base=http://127.0.0.1:8080
 * --jdbc=jdbc:mariadb://127.0.0.1:3306/farmstand --db-user=.. --db-password=.. [--token=..] [--slug=sonnenhof]
 * [--orders=5000] [--limit=200] [--users=1,4,16] [--warmup=20] [--step=20]}
 */
public final class ApiFeedBench {

    private final Map<String, String> options;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final String token;

    private ApiFeedBench(Map<String, String> options) {
        this.options = options;
        this.base = options.getOrDefault("base", "http://127.0.0.1:8080").replaceAll("/+$", "");
        this.token = options.getOrDefault("token", "fs_demo_sonnenhof_readwrite_token");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value: " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        new ApiFeedBench(options).run();
    }

    private void run() throws Exception {
        int orders = Integer.parseInt(options.getOrDefault("orders", "5000"));
        int limit = Integer.parseInt(options.getOrDefault("limit", "200"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "20"));
        int step = Integer.parseInt(options.getOrDefault("step", "20"));
        List<Integer> users = new ArrayList<>();
        for (String u : options.getOrDefault("users", "1,4,16").split(",")) {
            users.add(Integer.parseInt(u.strip()));
        }
        if (options.containsKey("jdbc") && orders > 0) {
            long t0 = System.nanoTime();
            seed(orders);
            System.out.printf("api-bench: seeded %d orders (2 lines each) in %.1f s%n", orders, (System.nanoTime() - t0) / 1e9);
        }
        FeedSize size = feedSize(limit);
        System.out.printf("api-bench: feed of %d orders, %d pages of %d, head cursor %s%n", size.orders, size.pages,
                limit, size.head);
        System.out.printf("api-bench: warm-up %d s (page scenario, %d users)%n", warmup, users.get(users.size() - 1));
        step("page", users.get(users.size() - 1), warmup, limit, size.head, false);
        System.out.printf("%-6s %5s %9s %9s %8s %8s %8s %8s %7s%n", "scen.", "users", "requests", "req/s", "p50 ms",
                "p90 ms", "p99 ms", "max ms", "errors");
        for (int u : users) {
            step("page", u, step, limit, size.head, true);
        }
        for (int u : users) {
            step("poll", u, step, limit, size.head, true);
        }
    }

    record FeedSize(long orders, long pages, String head) {
    }

    private FeedSize feedSize(int limit) throws Exception {
        String cursor = "0";
        long orders = 0;
        long pages = 0;
        while (true) {
            String body = get("/admin/api/v1/orders?since=" + cursor + "&limit=" + limit).body();
            pages++;
            orders += count(body, "\"number\":");
            cursor = cursor(body);
            if (body.contains("\"hasMore\":false")) {
                return new FeedSize(orders, pages, cursor);
            }
        }
    }

    private void step(String scenario, int users, int seconds, int limit, String head, boolean report)
            throws Exception {
        Histogram histogram = new ConcurrentHistogram(60_000_000_000L, 3);
        AtomicLong errors = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            Thread t = new Thread(() -> {
                String cursor = scenario.equals("poll") ? head : "0";
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = get("/admin/api/v1/orders?since=" + cursor + "&limit=" + limit);
                        histogram.recordValue(System.nanoTime() - t0);
                        requests.incrementAndGet();
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                            continue;
                        }
                        if (scenario.equals("page")) {
                            cursor = r.body().contains("\"hasMore\":false") ? "0" : cursor(r.body());
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }, "api-bench-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (report) {
            System.out.printf("%-6s %5d %9d %9.1f %8.1f %8.1f %8.1f %8.1f %7d%n", scenario, users, requests.get(),
                    requests.get() / (double) seconds, ms(histogram, 50), ms(histogram, 90), ms(histogram, 99),
                    histogram.getMaxValue() / 1e6, errors.get());
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cursor(String body) {
        Matcher m = Pattern.compile("\"cursor\":\"([0-9]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no cursor in " + body.substring(0, Math.min(200, body.length())));
        }
        return m.group(1);
    }

    private static long count(String body, String needle) {
        long n = 0;
        for (int i = body.indexOf(needle); i >= 0; i = body.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * Inserts orders of the shop's first active customer with a home tour on the tour's next date, with change numbers
     * reserved from the shop's counter in one statement (as ChangeFeed does one at a time). Bypasses capacity on
     * purpose: the feed is what is measured.
     */
    private void seed(int n) throws Exception {
        String slug = options.getOrDefault("slug", "sonnenhof");
        try (Connection c = DriverManager.getConnection(options.get("jdbc"), options.getOrDefault("db-user", "root"),
                options.getOrDefault("db-password", ""))) {
            c.setAutoCommit(false);
            long tenant = single(c, "SELECT id FROM tenant WHERE slug = '" + slug.replace("'", "") + "'");
            long[] customer = row(c, "SELECT id, home_tour_id FROM customer WHERE tenant_id = " + tenant
                    + " AND status = 'ACTIVE' AND home_tour_id IS NOT NULL ORDER BY id LIMIT 1");
            long date = single(c, "SELECT id FROM tour_date WHERE tour_id = " + customer[1] + " AND delivery_date >= '"
                    + LocalDate.now() + "' ORDER BY delivery_date LIMIT 1");
            long[] products = twoProducts(c, tenant);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO order_change_counter (tenant_id, seq) VALUES (" + tenant + ", 0)"
                        + " ON DUPLICATE KEY UPDATE seq = seq");
                s.executeUpdate("UPDATE order_change_counter SET seq = LAST_INSERT_ID(seq + " + n + ") WHERE tenant_id = "
                        + tenant);
            }
            long last = single(c, "SELECT LAST_INSERT_ID()");
            long first = last - n + 1;
            try (PreparedStatement order = c.prepareStatement("INSERT INTO customer_order (tenant_id, order_number,"
                    + " customer_id, tour_date_id, status, total_cents, idempotency_key, change_seq) VALUES"
                    + " (?, ?, ?, ?, 'PLACED', 700, ?, ?)", Statement.RETURN_GENERATED_KEYS);
                 PreparedStatement line = c.prepareStatement("INSERT INTO order_line (tenant_id, order_id, product_id,"
                         + " product_name, unit, quantity, unit_price_cents, line_total_cents) VALUES"
                         + " (?, ?, ?, 'Bench product', 'PIECE', ?, 350, ?)")) {
                for (int i = 0; i < n; i++) {
                    order.setLong(1, tenant);
                    order.setString(2, "B" + UUID.randomUUID().toString().replace("-", "").substring(0, 15).toUpperCase());
                    order.setLong(3, customer[0]);
                    order.setLong(4, date);
                    order.setString(5, "bench-" + UUID.randomUUID());
                    order.setLong(6, first + i);
                    order.executeUpdate();
                    long id;
                    try (ResultSet keys = order.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                    for (int l = 0; l < products.length; l++) {
                        line.setLong(1, tenant);
                        line.setLong(2, id);
                        line.setLong(3, products[l]);
                        line.setInt(4, l + 1);
                        line.setLong(5, 350L * (l + 1));
                        line.addBatch();
                    }
                    if (i % 500 == 499) {
                        line.executeBatch();
                        c.commit();
                    }
                }
                line.executeBatch();
            }
            c.commit();
        }
    }

    private static long[] twoProducts(Connection c, long tenant) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM product WHERE tenant_id = " + tenant
                + " ORDER BY id LIMIT 2")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long single(Connection c, String sql) throws Exception {
        return row(c, sql)[0];
    }

    private static long[] row(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row: " + sql);
            }
            long[] values = new long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rs.getLong(i + 1);
            }
            return values;
        }
    }
}
