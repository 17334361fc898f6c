package org.farmstand.admin.api;

import org.farmstand.testing.Http;
import org.farmstand.testing.ItEnvironment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST API for management systems over HTTP: tokens, problems, tenant isolation, idempotency, ETags, feed. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiIT {

    private static final String DEMO_TOKEN = "fs_demo_sonnenhof_readwrite_token";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("farmstand.it.build-dir", "target"), "admin.war"));
    }

    @ArquillianResource
    URL base;

    Http http;
    long sonnenhof;
    long lindenhof;

    @BeforeEach
    void setUp() throws SQLException {
        http = new Http(URI.create(base.toString()));
        sonnenhof = tenantId("sonnenhof");
        lindenhof = tenantId("lindenhof");
    }

    // ---- tokens ---------------------------------------------------------------------------------------------

    @Test
    void missingUnknownAndRevokedTokensGet401Problems() throws SQLException {
        var missing = http.get("api/v1/tours");
        assertProblem(missing, 401);
        assertThat(missing.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

        assertProblem(get("api/v1/tours", "fs_" + UUID.randomUUID()), 401);

        String revoked = token(sonnenhof, "read,write", true);
        assertProblem(get("api/v1/tours", revoked), 401);
        assertProblem(put("api/v1/products/1/stock", revoked, UUID.randomUUID().toString(), "{\"stock\":1}"), 401);
    }

    @Test
    void theSeededDemoTokenReadsSonnenhofsTours() {
        var tours = get("api/v1/tours", DEMO_TOKEN);
        assertThat(tours.status()).isEqualTo(200);
        assertThat(tours.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(tours.body()).contains("\"tours\"", "\"dates\"", "\"capacity\"", "\"booked\"", "\"held\"",
                "\"cutoff\"", "\"status\"");

        var openApi = http.send(HttpRequest.newBuilder(URI.create(base.toString()).resolve("/openapi")).GET());
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/v1/orders", "/api/v1/tours", "bearer");
    }

    @Test
    void aReadOnlyTokenReadsButCannotWrite() throws SQLException {
        String readOnly = token(sonnenhof, "read", false);
        long product = newProduct(sonnenhof);
        assertThat(get("api/v1/tours", readOnly).status()).isEqualTo(200);
        var write = put("api/v1/products/" + product + "/stock", readOnly, UUID.randomUUID().toString(),
                "{\"stock\":5}");
        assertProblem(write, 403);
        assertThat(productStock(product)).isNull();
    }

    @Test
    void aTokenSendingTooManyRequestsGets429WithRetryAfter() throws Exception {
        String token = token(sonnenhof, "read", false);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<Http.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                answers.add(pool.submit(() -> get("api/v1/tours", token)));
            }
            List<Http.Response> limited = new ArrayList<>();
            for (var answer : answers) {
                Http.Response r = answer.get();
                assertThat(r.status()).isIn(200, 429);
                if (r.status() == 429) {
                    limited.add(r);
                }
            }
            assertThat(limited).isNotEmpty();
            assertProblem(limited.get(0), 429);
            assertThat(limited.get(0).header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        } finally {
            pool.shutdownNow();
        }
        // another token is not affected
        assertThat(get("api/v1/tours", DEMO_TOKEN).status()).isEqualTo(200);
    }

    // ---- tenant isolation -----------------------------------------------------------------------------------

    @Test
    void anotherShopsTokenCannotSeeOrChangeSonnenhofsData() throws SQLException {
        String lindenhofToken = token(lindenhof, "read,write", false);
        long product = newProduct(sonnenhof);
        Fixture f = newOrders(2);

        assertProblem(get("api/v1/orders?tourDate=" + f.tourDateId, lindenhofToken), 404);
        assertProblem(put("api/v1/products/" + product + "/stock", lindenhofToken, UUID.randomUUID().toString(),
                "{\"stock\":3}"), 404);
        assertProblem(put("api/v1/orders/" + f.numbers.get(0) + "/status", lindenhofToken,
                UUID.randomUUID().toString(), "{\"status\":\"PACKED\"}"), 404);
        String lindenhofFeed = get("api/v1/orders?since=0&limit=200", lindenhofToken).body();
        assertThat(lindenhofFeed).doesNotContain(f.numbers.get(0), f.numbers.get(1));
        assertThat(get("api/v1/tours", lindenhofToken).body()).doesNotContain(f.tourName);

        assertThat(productStock(product)).isNull();
        assertThat(orderStatus(f.numbers.get(0))).isEqualTo("PLACED");
    }

    // ---- problems ---------------------------------------------------------------------------------------------

    @Test
    void malformedJsonAndInvalidFieldsAreProblemsWithoutStackTraces() throws SQLException {
        long product = newProduct(sonnenhof);
        var malformed = put("api/v1/products/" + product + "/stock", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"stock\": ");
        assertProblem(malformed, 400);
        assertThat(malformed.body()).contains("\"title\"", "\"type\"", "\"detail\"");

        var invalid = put("api/v1/products/" + product + "/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"priceCents\": -5}");
        assertProblem(invalid, 422);
        assertThat(invalid.body()).contains("\"errors\"", "\"field\":\"priceCents\"", "\"message\"");

        var wrongType = put("api/v1/products/" + product + "/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"priceCents\": \"cheap\"}");
        assertProblem(wrongType, 400);

        assertProblem(put("api/v1/products/" + product + "/price", DEMO_TOKEN, null, "{\"priceCents\": 5}"), 400);
        assertProblem(put("api/v1/products/999999999/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"priceCents\": 5}"), 404);
        assertProblem(get("api/v1/nothing-here", DEMO_TOKEN), 404);
        assertProblem(get("api/v1/orders?since=abc", DEMO_TOKEN), 422);
    }

    // ---- idempotency ------------------------------------------------------------------------------------------

    @Test
    void aReplayedIdempotencyKeyReturnsTheSameAnswerAndChangesOnce() throws SQLException {
        long product = newProduct(sonnenhof);
        long contentBefore = contentVersion(sonnenhof);
        String key = UUID.randomUUID().toString();

        var first = put("api/v1/products/" + product + "/price", DEMO_TOKEN, key, "{\"priceCents\": 345}");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("\"priceCents\":345");
        long versionAfterFirst = productVersion(product);

        var replay = put("api/v1/products/" + product + "/price", DEMO_TOKEN, key, "{\"priceCents\": 345}");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(productVersion(product)).isEqualTo(versionAfterFirst);
        assertThat(contentVersion(sonnenhof)).isEqualTo(contentBefore + 1);

        var otherBody = put("api/v1/products/" + product + "/price", DEMO_TOKEN, key, "{\"priceCents\": 999}");
        assertProblem(otherBody, 422);
        assertThat(productPrice(product)).isEqualTo(345);

        var stock = put("api/v1/products/" + product + "/stock", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"stock\": 12}");
        assertThat(stock.status()).isEqualTo(200);
        assertThat(productStock(product)).isEqualTo(12);
        var active = put("api/v1/products/" + product + "/active", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"active\": false}");
        assertThat(active.status()).isEqualTo(200);
        assertThat(active.body()).contains("\"active\":false");
    }

    // ---- conditional GETs -------------------------------------------------------------------------------------

    @Test
    void listsCarryAnETagAndAnswerAMatchingIfNoneMatchWith304() throws SQLException {
        Fixture f = newOrders(2);
        var first = get("api/v1/orders?tourDate=" + f.tourDateId, DEMO_TOKEN);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains(f.numbers.get(0), f.numbers.get(1));
        String etag = first.header("ETag").orElseThrow();

        var again = http.send(http.request("api/v1/orders?tourDate=" + f.tourDateId)
                .header("Authorization", "Bearer " + DEMO_TOKEN).header("If-None-Match", etag).GET());
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        put("api/v1/orders/" + f.numbers.get(0) + "/status", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"status\":\"PACKED\"}");
        var changed = http.send(http.request("api/v1/orders?tourDate=" + f.tourDateId)
                .header("Authorization", "Bearer " + DEMO_TOKEN).header("If-None-Match", etag).GET());
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isPresent().get().isNotEqualTo(etag);

        var tours = get("api/v1/tours", DEMO_TOKEN);
        var toursAgain = http.send(http.request("api/v1/tours").header("Authorization", "Bearer " + DEMO_TOKEN)
                .header("If-None-Match", tours.header("ETag").orElseThrow()).GET());
        assertThat(toursAgain.status()).isEqualTo(304);
    }

    // ---- change feed ------------------------------------------------------------------------------------------

    @Test
    void theOrderFeedReturnsChangesAfterACursorAndAChangeMadeWhilePagingAppearsLater() throws SQLException {
        Fixture f = newOrders(2);
        String a = f.numbers.get(0);
        String b = f.numbers.get(1);
        String cursor = drain("0");

        assertThat(put("api/v1/orders/" + a + "/status", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"status\":\"PACKED\"}").status()).isEqualTo(200);
        assertThat(put("api/v1/orders/" + b + "/status", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"status\":\"PACKED\"}").status()).isEqualTo(200);

        var page1 = get("api/v1/orders?since=" + cursor + "&limit=1", DEMO_TOKEN);
        assertThat(page1.status()).isEqualTo(200);
        assertThat(numbers(page1.body())).containsExactly(a);
        assertThat(page1.body()).contains("\"hasMore\":true");
        String next = field(page1.body(), "cursor");

        // a change made between two pages
        assertThat(put("api/v1/orders/" + a + "/status", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"status\":\"DELIVERED\"}").status()).isEqualTo(200);

        List<String> later = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            var page = get("api/v1/orders?since=" + next + "&limit=1", DEMO_TOKEN);
            assertThat(page.status()).isEqualTo(200);
            later.addAll(numbers(page.body()));
            bodies.add(page.body());
            next = field(page.body(), "cursor");
            if (page.body().contains("\"hasMore\":false")) {
                break;
            }
        }
        assertThat(later).containsExactly(b, a);
        assertThat(bodies.get(1)).contains("\"status\":\"DELIVERED\"");

        // nothing new: an empty page that keeps the cursor
        var empty = get("api/v1/orders?since=" + next, DEMO_TOKEN);
        assertThat(numbers(empty.body())).isEmpty();
        assertThat(field(empty.body(), "cursor")).isEqualTo(next);

        // a status the API may not set on a delivered order is a stored 409 problem
        assertProblem(put("api/v1/orders/" + a + "/status", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"status\":\"PACKED\"}"), 409);
        assertProblem(put("api/v1/orders/" + a + "/status", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"status\":\"CANCELLED\"}"), 422);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private String drain(String cursor) {
        for (int i = 0; i < 100; i++) {
            var page = get("api/v1/orders?since=" + cursor + "&limit=200", DEMO_TOKEN);
            assertThat(page.status()).isEqualTo(200);
            cursor = field(page.body(), "cursor");
            if (page.body().contains("\"hasMore\":false")) {
                return cursor;
            }
        }
        throw new AssertionError("feed does not end");
    }

    private static List<String> numbers(String json) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("\"number\":\"([^\"]+)\"").matcher(json);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    private Http.Response get(String path, String token) {
        return http.send(http.request(path).header("Authorization", "Bearer " + token).GET());
    }

    private Http.Response put(String path, String token, String key, String json) {
        HttpRequest.Builder b = http.request(path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return http.send(b);
    }

    private static void assertProblem(Http.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.body()).contains("\"status\":" + status).doesNotContain("Exception", "\tat ", "at org.");
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(long tenantId, String scopes, boolean revoked) throws SQLException {
        String token = "fs_it_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = ItEnvironment.jdbc(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_token (tenant_id, name, token_hash, scopes, revoked_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, tenantId);
            ps.setString(2, "ApiIT " + scopes);
            ps.setString(3, sha256(token));
            ps.setString(4, scopes);
            ps.setTimestamp(5, revoked ? Timestamp.from(Instant.now()) : null);
            ps.executeUpdate();
        }
        return token;
    }

    private static long tenantId(String slug) throws SQLException {
        return queryLong("SELECT id FROM tenant WHERE slug = ?", slug);
    }

    private static long newProduct(long tenantId) throws SQLException {
        String slug = "api-it-" + UUID.randomUUID();
        try (Connection c = ItEnvironment.jdbc(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO product (tenant_id, slug, name, unit, price_cents, active) VALUES (?, ?, ?, 'PIECE', 100, FALSE)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, tenantId);
            ps.setString(2, slug);
            ps.setString(3, "API test " + slug);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    record Fixture(String tourName, long tourDateId, List<String> numbers) {
    }

    /** An inactive tour of Sonnenhof with one date and {@code n} orders of anna on it (not yet in the feed). */
    private Fixture newOrders(int n) throws SQLException {
        String tourName = "ApiIT " + UUID.randomUUID().toString().substring(0, 8);
        long customer = queryLong("SELECT id FROM customer WHERE email = ? AND tenant_id = " + sonnenhof,
                "anna@example.org");
        try (Connection c = ItEnvironment.jdbc()) {
            long tour = insert(c, "INSERT INTO tour (tenant_id, name, weekday, postcodes, capacity, active)"
                    + " VALUES (" + sonnenhof + ", ?, 3, '99999', 10, FALSE)", tourName);
            LocalDate day = LocalDate.now().plusDays(30);
            long date = insert(c, "INSERT INTO tour_date (tenant_id, tour_id, delivery_date, capacity, booked, cutoff_at)"
                    + " VALUES (" + sonnenhof + ", " + tour + ", '" + day + "', 10, " + n + ", '" + day.minusDays(2)
                    + " 18:00:00')", null);
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String number = "IT" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
                insert(c, "INSERT INTO customer_order (tenant_id, order_number, customer_id, tour_date_id, status,"
                        + " total_cents, idempotency_key) VALUES (" + sonnenhof + ", ?, " + customer + ", " + date
                        + ", 'PLACED', 500, '" + UUID.randomUUID() + "')", number);
                numbers.add(number);
            }
            return new Fixture(tourName, date, numbers);
        }
    }

    private static long insert(Connection c, String sql, String param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            if (param != null) {
                ps.setString(1, param);
            }
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long queryLong(String sql, String param) throws SQLException {
        try (Connection c = ItEnvironment.jdbc(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(sql + " " + param).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private static Long nullableLong(String sql, long id) throws SQLException {
        try (Connection c = ItEnvironment.jdbc(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                long v = rs.getLong(1);
                return rs.wasNull() ? null : v;
            }
        }
    }

    private static Long productStock(long id) throws SQLException {
        return nullableLong("SELECT stock FROM product WHERE id = ?", id);
    }

    private static long productPrice(long id) throws SQLException {
        return nullableLong("SELECT price_cents FROM product WHERE id = ?", id);
    }

    private static long productVersion(long id) throws SQLException {
        return nullableLong("SELECT version FROM product WHERE id = ?", id);
    }

    private static long contentVersion(long tenantId) throws SQLException {
        return nullableLong("SELECT content_version FROM tenant WHERE id = ?", tenantId);
    }

    private static String orderStatus(String number) throws SQLException {
        try (Connection c = ItEnvironment.jdbc(); PreparedStatement ps = c.prepareStatement(
                "SELECT status FROM customer_order WHERE order_number = ?")) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
