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
import org.openqa.selenium.json.Json;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
    void setUp() {
        http = new Http(URI.create(base.toString()));
        sonnenhof = tenantId("sonnenhof");
        lindenhof = tenantId("lindenhof");
    }

    // ---- tokens ---------------------------------------------------------------------------------------------

    @Test
    void missingUnknownAndRevokedTokensGet401Problems() {
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
        assertThat(openApi.body()).contains("/api/v1/orders", "/api/v1/tours", "bearer", "/api/v1/customers",
                "/api/v1/waitlists", "/api/v1/stock", "/api/v1/orders.csv", "/api/v1/customers.csv",
                "/dates/{tourDateId}");
        // a sentence of the description as JSON has it (the YAML folds long lines wherever they reach its width)
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base.toString()).resolve("/openapi?format=json"))
                .GET()).body()).contains("for at least 24 hours");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiDocumentDescribesBodiesAnswersAndOnlyTheApisTypes() {
        var answer = http.send(HttpRequest.newBuilder(URI.create(base.toString()).resolve("/openapi?format=json"))
                .GET());
        assertThat(answer.status()).isEqualTo(200);
        Map<String, Object> doc = new Json().toType(answer.body(), Json.MAP_TYPE);

        assertThat(map(doc, "components", "schemas")).containsKeys("PriceChange", "StatusChange", "Problem")
                .doesNotContainKeys("LoginBacking", "CustomersBacking", "CategoriesBacking", "WaitlistsBacking",
                        "CoreRecords");
        assertThat(answer.body()).doesNotContain("Backing");
        var refs = Pattern.compile("\"#/components/(schemas|responses)/(\\w+)\"").matcher(answer.body()).results()
                .map(m -> m.group(1) + "/" + m.group(2)).distinct().toList();
        assertThat(refs).contains("schemas/PriceChange", "schemas/ProductDto", "responses/NotFound")
                .allSatisfy(ref -> assertThat(map(doc, "components", ref.split("/")[0])).as("$ref " + ref)
                        .containsKey(ref.split("/")[1]));
        assertThat(doc.get("servers")).isEqualTo(List.of(Map.of("url", "/admin")));

        Map<String, Object> price = map(doc, "paths", "/api/v1/products/{id}/price", "put");
        // sold by weight: the price PUT takes a price per kg; lines and products carry their weights
        assertThat(map(doc, "components", "schemas", "PriceChange", "properties"))
                .containsKeys("priceCents", "pricePerKgCents");
        assertThat((String) map(doc, "components", "schemas", "PriceChange").get("description"))
                .contains("pricePerKgCents", "sold by weight", "409");
        assertThat(map(doc, "components", "schemas", "LineDto", "properties")).containsKeys("lineTotalCents",
                "pricePerKgCents", "approxWeightGrams", "weighedGrams", "estimated", "finalLineTotalCents");
        assertThat(map(doc, "components", "schemas", "ProductDto", "properties")).containsKeys("priceCents",
                "pricePerKgCents", "approxWeightGrams");
        assertThat(map(price, "requestBody", "content")).containsOnlyKeys("application/json");
        assertThat(map(price, "requestBody", "content", "application/json", "schema"))
                .containsEntry("$ref", "#/components/schemas/PriceChange");
        assertThat(list(price, "parameters")).anySatisfy(p -> assertThat(p).containsEntry("name", "Idempotency-Key")
                .containsEntry("in", "header").containsEntry("required", true));
        assertThat(list(price, "parameters")).filteredOn(p -> "id".equals(p.get("name"))).singleElement()
                .satisfies(p -> assertThat(map(p, "schema")).containsEntry("type", "integer")
                        .containsEntry("format", "int64"));
        assertThat(list(price, "parameters")).anySatisfy(p -> assertThat(p).containsEntry("name", "If-Match")
                .containsEntry("in", "header"));
        Map<String, Object> responses = map(price, "responses");
        assertThat(responses).containsKeys("200", "400", "401", "403", "404", "409", "412", "413", "415", "422", "429")
                .doesNotContainKey("default");
        assertThat(map(responses, "200", "content", "application/json", "schema")).containsKey("$ref");
        for (String status : List.of("404", "422")) {
            assertThat(map(resolve(doc, map(responses, status)), "content", "application/problem+json", "schema"))
                    .containsEntry("$ref", "#/components/schemas/Problem");
        }

        // the types a client generator reads: ids and amounts whole numbers, instants and dates ISO strings
        Map<String, Object> order = map(doc, "components", "schemas", "OrderDto", "properties");
        assertThat(map(order, "totalCents")).containsEntry("type", "integer").containsEntry("format", "int64");
        assertThat(map(order, "changeSeq")).containsEntry("type", "integer");
        assertThat(map(order, "createdAt")).containsEntry("type", "string").containsEntry("format", "date-time");
        assertThat(map(order, "deliveryDate")).containsEntry("type", "string").containsEntry("format", "date");
        assertThat(map(doc, "components", "schemas", "TourDateDto", "properties", "cutoff"))
                .containsEntry("format", "date-time");
        assertThat(map(doc, "components", "schemas", "CustomerDto", "properties", "activatedAt"))
                .containsEntry("type", "string").containsEntry("nullable", true);
        assertThat(map(doc, "components", "schemas", "LineDto", "properties", "finalLineTotalCents"))
                .containsEntry("type", "integer").containsEntry("nullable", true);
        assertThat(answer.body()).doesNotContain("\"type\":\"number\"");
        assertThat((List<Object>) map(doc, "components", "schemas", "OrderDto").get("required")).contains("number", "lines");
        assertThat((List<Object>) map(doc, "components", "schemas", "StatusChange").get("required")).containsExactly("status");
        assertThat(map(doc, "components", "schemas", "StatusChange", "properties", "status"))
                .containsEntry("enum", List.of("PACKED", "DELIVERED"));
        assertThat((List<Object>) map(doc, "components", "schemas", "StockChange").get("required")).containsExactly("stock");
        assertThat(map(doc, "components", "schemas", "PriceChange")).doesNotContainKey("required");
        assertThat(list(map(doc, "paths", "/api/v1/orders", "get"), "parameters"))
                .filteredOn(p -> "limit".equals(p.get("name"))).singleElement()
                .satisfies(p -> assertThat(map(p, "schema")).containsEntry("type", "integer"));

        Map<String, Object> tours = map(doc, "paths", "/api/v1/tours", "get", "responses");
        assertThat(tours).containsKeys("200", "304", "401", "422", "429").doesNotContainKeys("default", "404");
        assertThat(map(resolve(doc, map(doc, "paths", "/api/v1/waitlists/{tourDateId}", "get", "responses", "404")),
                "content")).containsOnlyKeys("application/problem+json");
    }

    @Test
    void aReadOnlyTokenReadsButCannotWrite() {
        String readOnly = token(sonnenhof, "read", false);
        long product = newProduct(sonnenhof);
        assertThat(get("api/v1/tours", readOnly).status()).isEqualTo(200);
        var write = put("api/v1/products/" + product + "/stock", readOnly, UUID.randomUUID().toString(),
                "{\"stock\":5}");
        assertProblem(write, 403);
        assertThat(productStock(product)).isNull();
    }

    /**
     * A management system finds the shop's products (ids, its own external ids, unit, stock) to map its articles
     * before it pushes, and reads one order by its number; another shop's token finds neither.
     */
    @Test
    void productsAreListedAndReadAndAnOrderIsReadByItsNumber() {
        String api = token(sonnenhof, "read,write", false); // its own rate budget, not the demo token's
        long product = newProduct(sonnenhof);
        String external = "PCG-" + UUID.randomUUID().toString().substring(0, 8);
        ItEnvironment.update("UPDATE product SET external_id = ?, stock = 4 WHERE id = ?", external, product);
        String lindenhofToken = token(lindenhof, "read", false);

        var list = get("api/v1/products", api);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(objects(list.body(), "products")).filteredOn(p -> has(p, "id", product)).singleElement()
                .satisfies(p -> assertThat(p).contains("\"externalId\":\"" + external + "\"", "\"unit\":\"PIECE\"",
                        "\"stock\":4", "\"active\":false", "\"priceCents\":100"));
        assertThat(objects(get("api/v1/products?externalId=" + external, api).body(), "products"))
                .singleElement().satisfies(p -> assertThat(has(p, "id", product)).isTrue());
        assertProblem(get("api/v1/products?externalId=", api), 422);

        var one = get("api/v1/products/" + product, api);
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(one.body()).contains("\"id\":" + product, "\"externalId\":\"" + external + "\"");
        var notModified = http.send(http.request("api/v1/products/" + product)
                .header("Authorization", "Bearer " + api)
                .header("If-None-Match", one.header("ETag").orElseThrow()).GET());
        assertThat(notModified.status()).isEqualTo(304);
        assertProblem(get("api/v1/products/999999999", api), 404);

        assertThat(get("api/v1/products", lindenhofToken).body()).doesNotContain(external);
        assertThat(objects(get("api/v1/products?externalId=" + external, lindenhofToken).body(), "products")).isEmpty();
        assertProblem(get("api/v1/products/" + product, lindenhofToken), 404);

        Fixture f = newOrders(1);
        String number = f.numbers.get(0);
        var order = get("api/v1/orders/" + number, api);
        assertThat(order.status()).as(order.toString()).isEqualTo(200);
        assertThat(order.body()).contains("\"number\":\"" + number + "\"", "\"tourDateId\":" + f.tourDateId,
                "\"status\":\"PLACED\"");
        assertProblem(get("api/v1/orders/" + number, lindenhofToken), 404);
        assertProblem(get("api/v1/orders/NO-SUCH-ORDER", api), 404);
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
    void anotherShopsTokenCannotSeeOrChangeSonnenhofsData() {
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

    /**
     * A management system sets the language of a customer's mails: one of the shop's languages or null (the shop's
     * default); the answer and the customer feed carry it; a language the shop does not offer is a 422 problem naming
     * the field and changes nothing; another shop's customer is not found.
     */
    @Test
    void aCustomersLanguageIsSetReturnedInTheFeedAndRefusedWhenTheShopDoesNotOfferIt() {
        long customer = activeCustomer(sonnenhof, "locale-" + UUID.randomUUID() + "@example.org");
        String cursor = drainCustomers(DEMO_TOKEN, "0");
        String path = "api/v1/customers/" + customer + "/locale";

        var set = put(path, DEMO_TOKEN, UUID.randomUUID().toString(), "{\"locale\": \"en\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.body()).contains("\"id\":" + customer, "\"locale\":\"en\"");
        assertThat(customerLocale(customer)).isEqualTo("en");
        var feed = get("api/v1/customers?since=" + cursor + "&limit=200", DEMO_TOKEN);
        assertThat(objects(feed.body(), "customers")).filteredOn(c -> has(c, "id", customer))
                .singleElement().satisfies(c -> assertThat(c).contains("\"locale\":\"en\""));
        // the answer's updatedAt is the stored one that the feed returns (milliseconds, not the clock's nanoseconds)
        Matcher updated = Pattern.compile("\"updatedAt\":\"([^\"]+)\"").matcher(set.body());
        assertThat(updated.find()).as(set.body()).isTrue();
        assertThat(feed.body()).contains("\"updatedAt\":\"" + updated.group(1) + "\"");

        // one customer, as in the feed (an order names its customer by id)
        var one = get("api/v1/customers/" + customer, DEMO_TOKEN);
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(one.body()).contains("\"id\":" + customer, "\"locale\":\"en\"", "\"statusChanges\"");
        assertProblem(get("api/v1/customers/" + customer, token(lindenhof, "read", false)), 404);
        assertProblem(get("api/v1/customers/999999999", DEMO_TOKEN), 404);

        var notOffered = put(path, DEMO_TOKEN, UUID.randomUUID().toString(), "{\"locale\": \"fr\"}");
        assertProblem(notOffered, 422);
        assertThat(notOffered.body()).contains("\"field\":\"locale\"", "de, en");
        var tooLong = put(path, DEMO_TOKEN, UUID.randomUUID().toString(), "{\"locale\": \"" + "x".repeat(11) + "\"}");
        assertProblem(tooLong, 422);
        assertThat(tooLong.body()).contains("\"field\":\"locale\"");
        assertThat(customerLocale(customer)).isEqualTo("en");

        assertProblem(put(path, token(lindenhof, "read,write", false), UUID.randomUUID().toString(),
                "{\"locale\": \"de\"}"), 404);
        assertProblem(put("api/v1/customers/999999999/locale", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"locale\": \"de\"}"), 404);
        assertThat(customerLocale(customer)).isEqualTo("en");

        var shopDefault = put(path, DEMO_TOKEN, UUID.randomUUID().toString(), "{\"locale\": null}");
        assertThat(shopDefault.status()).as(shopDefault.body()).isEqualTo(200);
        assertThat(customerLocale(customer)).isNull();
    }

    private static String customerLocale(long id) {
        return ItEnvironment.queryString("SELECT locale FROM customer WHERE id = ?", id);
    }

    // ---- problems ---------------------------------------------------------------------------------------------

    @Test
    void malformedJsonAndInvalidFieldsAreProblemsWithoutStackTraces() {
        long product = newProduct(sonnenhof);
        var malformed = put("api/v1/products/" + product + "/stock", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"stock\": ");
        assertProblem(malformed, 400);
        assertThat(malformed.body()).contains("\"title\"", "\"type\"", "\"detail\"");

        var invalid = put("api/v1/products/" + product + "/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"priceCents\": -5}");
        assertProblem(invalid, 422);
        assertThat(invalid.body()).contains("\"errors\"", "\"field\":\"priceCents\"", "\"message\"");
        // 0 too: the shop has no free products (the admin's form refuses it as well)
        var free = put("api/v1/products/" + product + "/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"priceCents\": 0}");
        assertProblem(free, 422);
        assertThat(free.body()).contains("\"field\":\"priceCents\"");
        assertThat(ItEnvironment.queryLong("SELECT price_cents FROM product WHERE id = ?", product)).isPositive();

        var wrongType = put("api/v1/products/" + product + "/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"priceCents\": \"cheap\"}");
        assertProblem(wrongType, 400);

        assertProblem(put("api/v1/products/" + product + "/price", DEMO_TOKEN, null, "{\"priceCents\": 5}"), 400);
        assertProblem(put("api/v1/products/999999999/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"priceCents\": 5}"), 404);
        assertProblem(get("api/v1/nothing-here", DEMO_TOKEN), 404);
        assertProblem(get("api/v2/tours", DEMO_TOKEN), 404);
        assertProblem(get("api/", DEMO_TOKEN), 404);
        assertProblem(get("api/v1/orders?since=abc", DEMO_TOKEN), 422);
    }

    /**
     * A query parameter a request does not take is a problem naming it, not ignored: a typo of tourDate would
     * otherwise be answered with the whole change feed as if it were the date's orders. Without a token: 401 first.
     */
    @Test
    void unknownQueryParametersAreProblemsNotIgnored() {
        String api = token(sonnenhof, "read,write", false); // its own rate budget, not the demo token's
        Fixture f = newOrders(1);
        var typo = get("api/v1/orders?tourdate=" + f.tourDateId, api);
        assertProblem(typo, 422);
        assertThat(typo.body()).contains("\"field\":\"tourdate\"", "limit, since, tourDate");
        var filter = get("api/v1/orders?since=0&status=CANCELLED", api);
        assertProblem(filter, 422);
        assertThat(filter.body()).contains("\"field\":\"status\"").doesNotContain("\"field\":\"since\"");
        assertThat(get("api/v1/tours?all=true", api).body()).contains("\"field\":\"all\"", "it takes none");
        assertProblem(get("api/v1/customers.csv?sinse=3", api), 422);
        assertProblem(http.get("api/v1/orders?tourdate=1"), 401);
        assertThat(get("api/v1/orders?tourDate=" + f.tourDateId, api).status()).isEqualTo(200);
    }

    /** A body that starts with a UTF-8 byte order mark (as Windows software writes it) is read like one without. */
    @Test
    void aBodyWithAByteOrderMarkIsRead() {
        String api = token(sonnenhof, "read,write", false); // its own rate budget, not the demo token's
        long product = newProduct(sonnenhof);
        String key = UUID.randomUUID().toString();
        var marked = put("api/v1/products/" + product + "/stock", api, key, "\uFEFF{\"stock\": 6}");
        assertThat(marked.status()).as(marked.toString()).isEqualTo(200);
        assertThat(productStock(product)).isEqualTo(6);
        var unmarked = put("api/v1/products/" + product + "/stock", api, key, "{\"stock\": 6}");
        assertThat(unmarked.status()).as(unmarked.toString()).isEqualTo(200);
        assertThat(unmarked.header("Idempotent-Replayed")).contains("true");
    }

    /**
     * A compressed body is a 415 problem naming the encoding the API takes (it was read as text: "not valid JSON"), and
     * the header on an uncompressed body is refused too rather than ignored; nothing is written.
     */
    @Test
    void aCompressedBodyIsRefusedWith415() throws Exception {
        String api = token(sonnenhof, "read,write", false); // its own rate budget, not the demo token's
        long product = newProduct(sonnenhof);
        var bytes = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(bytes)) {
            gzip.write("{\"stock\": 4}".getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] body : List.of(bytes.toByteArray(), "{\"stock\": 4}".getBytes(StandardCharsets.UTF_8))) {
            var r = http.send(http.request("api/v1/products/" + product + "/stock")
                    .header("Authorization", "Bearer " + api).header("Idempotency-Key", UUID.randomUUID().toString())
                    .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
            assertProblem(r, 415);
            assertThat(r.header("Accept-Encoding")).contains("identity");
        }
        assertThat(productStock(product)).isNull();
    }

    /** A date's orders refuse a cursor or page size they would ignore (with tourDate they come in one answer). */
    @Test
    void aDatesOrdersRefusePaging() {
        Fixture f = newOrders(1);
        var paged = get("api/v1/orders?tourDate=" + f.tourDateId + "&limit=1", DEMO_TOKEN);
        assertProblem(paged, 422);
        assertThat(paged.body()).contains("\"field\":\"limit\"", "not with tourDate");
        assertThat(get("api/v1/orders?tourDate=" + f.tourDateId + "&since=0", DEMO_TOKEN).body())
                .contains("\"field\":\"since\"");
        assertThat(get("api/v1/orders?tourDate=" + f.tourDateId, DEMO_TOKEN).status()).isEqualTo(200);
    }

    /**
     * A management system pushing prices over several connections at once: each write of the same product is made
     * (concurrent writes of a row are tried again, not answered with 500).
     */
    @Test
    void parallelWritesOfOneProductAreAllMade() throws Exception {
        long product = newProduct(sonnenhof);
        String token = token(sonnenhof, "read,write", false);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Http.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String body = "{\"priceCents\": " + (500 + i) + "}";
                answers.add(pool.submit(() -> put("api/v1/products/" + product + "/price", token,
                        UUID.randomUUID().toString(), body)));
            }
            for (var answer : answers) {
                Http.Response r = answer.get();
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(productPrice(product)).isBetween(500L, 505L);
    }

    /**
     * The product's stock is the quantity on hand that orders count down in the database (as the placement's call
     * does here): the product's answers show what is left, a price or active write after that does not put the old
     * value back, a stock write sets it anew; the OpenAPI document says what the stock means.
     */
    @Test
    void aProductsAnswerShowsWhatTheOrdersLeftOfItsStock() {
        long product = newProduct(sonnenhof);
        var set = put("api/v1/products/" + product + "/stock", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"stock\": 5}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body()).contains("\"stock\":5");
        ItEnvironment.update("UPDATE product SET stock = stock - 2 WHERE id = ?", product); // two orders took 1 each

        var price = put("api/v1/products/" + product + "/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"priceCents\": 333}");
        assertThat(price.status()).isEqualTo(200);
        assertThat(price.body()).contains("\"stock\":3", "\"priceCents\":333");
        var active = put("api/v1/products/" + product + "/active", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"active\": true}");
        assertThat(active.body()).contains("\"stock\":3");
        assertThat(productStock(product)).isEqualTo(3L);

        var counted = put("api/v1/products/" + product + "/stock", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"stock\": 8}");
        assertThat(counted.body()).contains("\"stock\":8");
        assertThat(productStock(product)).isEqualTo(8L);

        var openApi = http.send(HttpRequest.newBuilder(URI.create(base.toString()).resolve("/openapi?format=json"))
                .GET());
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).contains("the quantity on hand now", "Every order takes from it",
                "what is left of the quantity on hand");
    }

    /** A body ends with its JSON object (JSON-B read the first, ignored the rest); a stock change names the stock. */
    @Test
    void aBodyIsOneJsonObjectAndAStockChangeSaysWhichStock() {
        long product = newProduct(sonnenhof);
        assertThat(put("api/v1/products/" + product + "/stock", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"stock\": 4}").status()).isEqualTo(200);
        for (String body : List.of("{\"stock\": 5}{\"stock\": null}", "{\"stock\": 6} not json", "{\"stock\": 8}]")) {
            assertProblem(put("api/v1/products/" + product + "/stock", DEMO_TOKEN, UUID.randomUUID().toString(), body),
                    400);
        }
        // a property given twice: which one is meant? (the last one was taken)
        var twice = put("api/v1/products/" + product + "/stock", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"stock\": 5, \"stock\": null}");
        assertProblem(twice, 422);
        assertThat(twice.body()).contains("\"field\":\"stock\"", "more than once");
        var empty = put("api/v1/products/" + product + "/stock", DEMO_TOKEN, UUID.randomUUID().toString(), "{}");
        assertProblem(empty, 422);
        assertThat(empty.body()).contains("\"field\":\"stock\"");
        long customer = activeCustomer(sonnenhof, "present-" + UUID.randomUUID() + "@example.org");
        var noLocale = put("api/v1/customers/" + customer + "/locale", DEMO_TOKEN, UUID.randomUUID().toString(), "{}");
        assertProblem(noLocale, 422);
        assertThat(noLocale.body()).contains("\"field\":\"locale\"");
        assertThat(productStock(product)).isEqualTo(4);
        assertThat(put("api/v1/products/" + product + "/stock", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"stock\": null}").status()).isEqualTo(200);
        assertThat(productStock(product)).isNull();
    }

    /**
     * Values JSON-B's binding had cut, wrapped or read as false are refused and change nothing: a huge number once
     * set a price to 0, "yes" deactivated a product, a misspelt property left the stock unlimited.
     */
    @Test
    void numbersThatDoNotFitAndNonBooleansAreRefusedNotBent() {
        long product = newProduct(sonnenhof);
        assertThat(put("api/v1/products/" + product + "/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"priceCents\": 777}").status()).isEqualTo(200);
        assertThat(put("api/v1/products/" + product + "/stock", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"stock\": 7}").status()).isEqualTo(200);
        assertThat(put("api/v1/products/" + product + "/active", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"active\": true}").status()).isEqualTo(200);
        for (String price : java.util.List.of("1e400", "18446744073709551616", "1.5", "-0.5", "2.000001")) {
            var r = put("api/v1/products/" + product + "/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                    "{\"priceCents\": " + price + "}");
            assertProblem(r, 422);
            assertThat(r.body()).as(price).contains("\"field\":\"priceCents\"");
        }
        assertThat(put("api/v1/products/" + product + "/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"priceCents\": 778}").status()).isEqualTo(200);
        assertThat(productPrice(product)).isEqualTo(778);
        assertProblem(put("api/v1/products/" + product + "/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"priceCents\": \"779\"}"), 400);
        for (String stock : java.util.List.of("4294967296", "4294967301", "2147483648")) {
            assertProblem(put("api/v1/products/" + product + "/stock", DEMO_TOKEN, UUID.randomUUID().toString(),
                    "{\"stock\": " + stock + "}"), 422);
        }
        var typo = put("api/v1/products/" + product + "/stock", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"Stock\": 5}");
        assertProblem(typo, 422);
        assertThat(typo.body()).contains("\"field\":\"Stock\"");
        for (String active : java.util.List.of("\"yes\"", "1", "\"null\"", "\"false\"")) {
            var r = put("api/v1/products/" + product + "/active", DEMO_TOKEN, UUID.randomUUID().toString(),
                    "{\"active\": " + active + "}");
            assertProblem(r, 400);
            assertThat(r.body()).as(active).contains("\"field\":\"active\"");
        }
        assertProblem(put("api/v1/products/" + product + "/active", DEMO_TOKEN, UUID.randomUUID().toString(),
                "[true]"), 400);
        assertThat(productPrice(product)).isEqualTo(778);
        assertThat(productStock(product)).isEqualTo(7);
        assertThat(ItEnvironment.queryString("SELECT IF(active, 'yes', 'no') FROM product WHERE id = ?", product))
                .isEqualTo("yes");
    }

    /** A failed If-Match and an unreadable If-None-Match are problems too, not the container's HTML pages. */
    @Test
    void failedPreconditionsAndBadHeadersAreProblems() {
        assertProblem(http.send(http.request("api/v1/tours").header("Authorization", "Bearer " + DEMO_TOKEN)
                .header("If-Match", "\"nope\"").GET()), 412);
        var unquoted = http.send(http.request("api/v1/tours").header("Authorization", "Bearer " + DEMO_TOKEN)
                .header("If-None-Match", "abc").GET());
        assertProblem(unquoted, 400);
        assertThat(unquoted.body()).doesNotContain("JSON");
        // a matching If-None-Match is still a 304 with the tag
        var tours = get("api/v1/tours", DEMO_TOKEN);
        var same = http.send(http.request("api/v1/tours").header("Authorization", "Bearer " + DEMO_TOKEN)
                .header("If-None-Match", tours.header("ETag").orElseThrow()).GET());
        assertThat(same.status()).isEqualTo(304);
        assertThat(same.header("ETag")).isEqualTo(tours.header("ETag"));
    }

    /**
     * A client sending made-up tokens is refused with 429 once over its budget, before any token is looked up (a
     * fresh valid token from it is not even looked up: its "last used" stays empty); other clients and requests
     * with valid tokens are not affected. The IT's budget: 10 at once, 1 per second; X-Forwarded-For names the client
     * (127.0.0.1 is a trusted balancer in the IT).
     */
    @Test
    void aClientSendingUnknownTokensGets429BeforeAnyLookup() {
        String flooder = "203.0.113." + (10 + (int) (Math.random() * 200));
        List<Integer> statuses = new ArrayList<>();
        Http.Response limited = null;
        for (int i = 0; i < 40 && limited == null; i++) {
            var r = http.send(http.request("api/v1/tours").header("X-Forwarded-For", flooder)
                    .header("Authorization", "Bearer fs_" + UUID.randomUUID()).GET());
            statuses.add(r.status());
            if (r.status() == 429) {
                limited = r;
            }
        }
        assertThat(limited).as("statuses " + statuses).isNotNull();
        assertProblem(limited, 429);
        assertThat(limited.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(statuses).containsOnly(401, 429).startsWith(401, 401, 401, 401, 401);
        // no header at all counts the same
        assertProblem(http.send(http.request("api/v1/tours").header("X-Forwarded-For", flooder).GET()), 429);

        String fresh = token(sonnenhof, "read", false);
        var refused = http.send(http.request("api/v1/tours").header("X-Forwarded-For", flooder)
                .header("Authorization", "Bearer " + fresh).GET());
        assertProblem(refused, 429);
        assertThat(ItEnvironment.queryString("SELECT last_used_at FROM api_token WHERE token_hash = ?", sha256(fresh)))
                .as("the token was not looked up").isNull();

        // another client with the same valid token is served at once
        var other = http.send(http.request("api/v1/tours").header("X-Forwarded-For", "198.51.100.77")
                .header("Authorization", "Bearer " + fresh).GET());
        assertThat(other.status()).isEqualTo(200);
        // requests with a valid token do not use up the budget of their client
        String busy = "198.51.100." + (10 + (int) (Math.random() * 60));
        String busyToken = token(sonnenhof, "read", false);
        for (int i = 0; i < 15; i++) {
            assertThat(http.send(http.request("api/v1/tours").header("X-Forwarded-For", busy)
                    .header("Authorization", "Bearer " + busyToken).GET()).status()).isEqualTo(200);
        }
        assertProblem(http.send(http.request("api/v1/tours").header("X-Forwarded-For", busy)
                .header("Authorization", "Bearer fs_" + UUID.randomUUID()).GET()), 401);
    }

    /** Bodies over the limit (1 MiB) get 413, by Content-Length and, when chunked, while being read. */
    @Test
    void bodiesOverTheLimitAre413Problems() {
        long product = newProduct(sonnenhof);
        byte[] big = ("{\"stock\":5" + " ".repeat(1024 * 1024) + "}").getBytes(StandardCharsets.UTF_8);
        var declared = http.send(http.request("api/v1/products/" + product + "/stock")
                .header("Authorization", "Bearer " + DEMO_TOKEN).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertProblem(declared, 413);

        var chunked = http.send(http.request("api/v1/products/" + product + "/stock")
                .header("Authorization", "Bearer " + DEMO_TOKEN).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))));
        assertProblem(chunked, 413);
        assertThat(productStock(product)).isNull();

        // a small chunked body is still read
        byte[] small = "{\"stock\":5}".getBytes(StandardCharsets.UTF_8);
        var ok = http.send(http.request("api/v1/products/" + product + "/stock")
                .header("Authorization", "Bearer " + DEMO_TOKEN).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(small))));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(productStock(product)).isEqualTo(5L);
    }

    /** Unreadable Accept and Content-Type headers are JSON problems, not the container's HTML page. */
    @Test
    void malformedMediaTypeHeadersAreProblems() {
        for (String bad : List.of("application/json;q=high", "application/json; charset", "a/b/c")) {
            var accept = http.send(http.request("api/v1/tours").header("Authorization", "Bearer " + DEMO_TOKEN)
                    .header("Accept", bad).GET());
            assertProblem(accept, 400);
            assertThat(accept.body()).as(bad).contains("Accept").doesNotContain("<html", "<!DOCTYPE");
        }

        long product = newProduct(sonnenhof);
        for (String bad : List.of("nonsense", "application/json; charset", "a/b/c", "application/json;q=high")) {
            var contentType = http.send(http.request("api/v1/products/" + product + "/stock")
                    .header("Authorization", "Bearer " + DEMO_TOKEN).header("Content-Type", bad)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"stock\":5}")));
            assertProblem(contentType, 400);
            assertThat(contentType.body()).as(bad).contains("Content-Type").doesNotContain("<html", "<!DOCTYPE");
        }
        assertThat(productStock(product)).isNull();

        // well-formed types the API does not produce (Jersey takes a lone word for a type)
        assertProblem(http.send(http.request("api/v1/tours").header("Authorization", "Bearer " + DEMO_TOKEN)
                .header("Accept", "image/png").GET()), 406);
        assertProblem(http.send(http.request("api/v1/tours").header("Authorization", "Bearer " + DEMO_TOKEN)
                .header("Accept", "nonsense").GET()), 406);
    }

    /** OPTIONS lists the allowed methods and describes nothing else (no WADL). */
    @Test
    void optionsAnswersWithAllowAndNoWadl() {
        var options = http.send(http.request("api/v1/tours").header("Authorization", "Bearer " + DEMO_TOKEN)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(options.status()).as(options.toString()).isIn(200, 204);
        assertThat(options.header("Allow")).hasValueSatisfying(v -> assertThat(v).contains("GET"));
        assertThat(options.header("Content-Type").orElse("")).doesNotContain("wadl");
        assertThat(options.body()).doesNotContain("wadl", "<application", "<resource");

        var wadl = http.send(http.request("api/v1/application.wadl").header("Authorization", "Bearer " + DEMO_TOKEN)
                .GET());
        assertProblem(wadl, 404);
        // unknown paths answer 404 before the token is checked (nothing is revealed but that the path does not exist)
        assertProblem(http.get("api/v1/no-such-thing"), 404);
    }

    /** Keys differing only in case are two keys (the column's collation had made them one). */
    @Test
    void idempotencyKeysAreComparedExactly() {
        long product = newProduct(sonnenhof);
        String key = "Case-Key-" + UUID.randomUUID();
        assertThat(put("api/v1/products/" + product + "/stock", DEMO_TOKEN, key, "{\"stock\": 8}").status())
                .isEqualTo(200);
        var other = put("api/v1/products/" + product + "/stock", DEMO_TOKEN, key.toLowerCase(java.util.Locale.ROOT),
                "{\"stock\": 9}");
        assertThat(other.status()).as(other.toString()).isEqualTo(200);
        assertThat(other.header("Idempotent-Replayed")).isEmpty();
        assertThat(productStock(product)).isEqualTo(9);
    }

    // ---- idempotency ------------------------------------------------------------------------------------------

    /**
     * Idempotency-Keys are an API token's own: a second management system of the shop that numbers its writes the
     * same way makes its write (it was answered with the first system's stored answer and nothing was written). A key
     * stored before keys were per token (token id 0) still holds for every token of its shop.
     */
    @Test
    void idempotencyKeysAreAnApiTokensOwn() {
        String api = token(sonnenhof, "read,write", false); // its own rate budget, not the demo token's
        long product = newProduct(sonnenhof);
        String path = "api/v1/products/" + product + "/stock";
        String key = "seq-" + UUID.randomUUID();
        String second = token(sonnenhof, "read,write", false);

        assertThat(put(path, api, key, "{\"stock\": 5}").status()).isEqualTo(200);
        ItEnvironment.update("UPDATE product SET stock = 3 WHERE id = ?", product); // orders took 2
        var other = put(path, second, key, "{\"stock\": 5}");
        assertThat(other.status()).as(other.toString()).isEqualTo(200);
        assertThat(other.header("Idempotent-Replayed")).isEmpty();
        assertThat(productStock(product)).isEqualTo(5);
        assertThat(put(path, second, key, "{\"stock\": 5}").header("Idempotent-Replayed")).contains("true");
        assertProblem(put(path, second, key, "{\"stock\": 6}"), 422);
        // Lindenhof's tokens never meet Sonnenhof's keys
        assertProblem(put(path, token(lindenhof, "read,write", false), key, "{\"stock\": 5}"), 404);

        String legacy = "legacy-" + UUID.randomUUID();
        ItEnvironment.update("INSERT INTO idempotency_record (tenant_id, token_id, idem_key, request_hash,"
                + " response_status, response_body) VALUES (?, 0, ?, ?, 200, '{}')", sonnenhof, legacy, "0".repeat(64));
        assertProblem(put(path, second, legacy, "{\"stock\": 1}"), 422);
        assertThat(productStock(product)).isEqualTo(5);
    }

    @Test
    void aReplayedIdempotencyKeyReturnsTheSameAnswerAndChangesOnce() {
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

    /**
     * A management system that counts a product's stock from what it read sets it with If-Match: an order that took
     * stock since (or any other change) makes the write a 412 problem and nothing is written; with the current ETag it
     * is made. Order writes take If-Match the same way. Writes that do not take it refuse it instead of ignoring it.
     */
    @Test
    void aWriteWithIfMatchIsMadeOnlyWhileTheResourceIsUnchanged() {
        String api = token(sonnenhof, "read,write", false); // its own rate budget, not the demo token's
        long product = newProduct(sonnenhof);
        ItEnvironment.update("UPDATE product SET stock = 10 WHERE id = ?", product);
        String stockPath = "api/v1/products/" + product + "/stock";
        String read = get("api/v1/products/" + product, api).header("ETag").orElseThrow();
        // an order takes 2 in the database, as the placement's call does
        ItEnvironment.update("UPDATE product SET stock = stock - 2 WHERE id = ?", product);

        var stale = putWith(api, stockPath, "If-Match", read, "{\"stock\": 10}");
        assertProblem(stale, 412);
        assertThat(productStock(product)).isEqualTo(8);

        String now = get("api/v1/products/" + product, api).header("ETag").orElseThrow();
        var fresh = putWith(api, stockPath, "If-Match", now, "{\"stock\": 9}");
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
        assertThat(productStock(product)).isEqualTo(9);
        // the answer's ETag is the next If-Match: the write's answer is the product as GET answers it
        assertThat(putWith(api, "api/v1/products/" + product + "/price", "If-Match",
                get("api/v1/products/" + product, api).header("ETag").orElseThrow(), "{\"priceCents\": 250}")
                .status()).isEqualTo(200);
        assertThat(putWith(api, stockPath, "If-Match", "*", "{\"stock\": 7}").status()).isEqualTo(200);
        assertProblem(putWith(api, "api/v1/products/999999999/stock", "If-Match", "*", "{\"stock\": 7}"), 404);
        assertProblem(putWith(api, stockPath, "If-None-Match", "*", "{\"stock\": 1}"), 400);
        assertThat(productStock(product)).isEqualTo(7);

        Fixture f = newOrders(1);
        String number = f.numbers.get(0);
        String statusPath = "api/v1/orders/" + number + "/status";
        assertProblem(putWith(api, statusPath, "If-Match", "\"stale\"", "{\"status\":\"PACKED\"}"), 412);
        assertThat(orderStatus(number)).isEqualTo("PLACED");
        String order = get("api/v1/orders/" + number, api).header("ETag").orElseThrow();
        assertThat(putWith(api, statusPath, "If-Match", order, "{\"status\":\"PACKED\"}").status()).isEqualTo(200);
        assertThat(orderStatus(number)).isEqualTo("PACKED");

        long customer = activeCustomer(sonnenhof, "ifmatch-" + UUID.randomUUID() + "@example.org");
        var refused = putWith(api, "api/v1/customers/" + customer + "/locale", "If-Match", "*", "{\"locale\": \"en\"}");
        assertProblem(refused, 400);
        assertThat(refused.body()).contains("If-Match");
        assertThat(customerLocale(customer)).isNull();
    }

    private Http.Response putWith(String token, String path, String header, String value, String json) {
        return http.send(http.request(path).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString()).header(header, value)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    // ---- conditional GETs -------------------------------------------------------------------------------------

    @Test
    void listsCarryAnETagAndAnswerAMatchingIfNoneMatchWith304() {
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
    void theOrderFeedReturnsChangesAfterACursorAndAChangeMadeWhilePagingAppearsLater() {
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

    // ---- customers feed ---------------------------------------------------------------------------------------

    @Test
    void theCustomerFeedReturnsStatusChangesAndMissesNoChangeMadeWhilePaging() throws Exception {
        String token = token(sonnenhof, "read", false);
        String cursor = drainCustomers(token, "0");
        int n = 3;
        int cycles = 3;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(activeCustomer(sonnenhof, "feed-" + UUID.randomUUID() + "@example.org"));
        }
        // owners block and unblock the customers in the admin while a management system pages through the feed
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        List<java.util.concurrent.Future<?>> writers = new ArrayList<>();
        for (long id : ids) {
            writers.add(pool.submit(() -> {
                Http owner = new Http(URI.create(base.toString()));
                assertThat(adminLogin(owner, "owner@sonnenhof.example", "sonnenhof-demo").status()).isEqualTo(302);
                for (int c = 0; c < cycles; c++) {
                    customerAction(owner, id, "block");
                    customerAction(owner, id, "unblock");
                }
                return null;
            }));
        }
        java.util.Map<Long, String> lastStatus = new java.util.HashMap<>();
        java.util.Map<Long, String> lastBody = new java.util.HashMap<>();
        List<Long> seqs = new ArrayList<>();
        boolean writersDone = false;
        for (int round = 0; round < 2000; round++) {
            var page = call(http.request("api/v1/customers?since=" + cursor + "&limit=2")
                    .header("Authorization", "Bearer " + token).GET());
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            for (String customer : objects(page.body(), "\"customers\":")) {
                long id = Long.parseLong(number(customer, "id"));
                seqs.add(Long.parseLong(number(customer, "changeSeq")));
                lastStatus.put(id, field(customer, "status"));
                lastBody.put(id, customer);
            }
            cursor = field(page.body(), "cursor");
            if (page.body().contains("\"hasMore\":false")) {
                if (writersDone) {
                    break;
                }
                writersDone = writers.stream().allMatch(java.util.concurrent.Future::isDone);
                Thread.sleep(50);
            }
        }
        pool.shutdown();
        for (var w : writers) {
            w.get(); // writers' own assertions
        }
        assertThat(seqs).as("change numbers in feed order").isSorted().doesNotHaveDuplicates();
        for (long id : ids) {
            assertThat(lastStatus.get(id)).as("last status of " + id).isEqualTo("ACTIVE");
            assertThat(Long.parseLong(number(lastBody.get(id), "changeSeq")))
                    .isEqualTo(ItEnvironment.queryLong("SELECT change_seq FROM customer WHERE id = ?", id));
            List<String> history = new ArrayList<>();
            Matcher m = Pattern.compile("\\{\"at\":\"[^\"]*\",\"status\":\"([A-Z]+)\"\\}").matcher(lastBody.get(id));
            while (m.find()) {
                history.add(m.group(1));
            }
            assertThat(history).hasSize(2 * cycles).containsOnly("BLOCKED", "ACTIVE").startsWith("BLOCKED", "ACTIVE");
        }
        // another shop's token never sees them
        String lindenhofToken = token(lindenhof, "read", false);
        String other = call(http.request("api/v1/customers?since=0&limit=200")
                .header("Authorization", "Bearer " + lindenhofToken).GET()).body();
        for (long id : ids) {
            assertThat(has(other, "id", id)).isFalse();
        }
        assertThat(other).doesNotContain("anna@example.org");
        // conditional GET on the feed
        var tail = get("api/v1/customers?since=" + cursor, token);
        var again = http.send(http.request("api/v1/customers?since=" + cursor).header("Authorization", "Bearer " + token)
                .header("If-None-Match", tail.header("ETag").orElseThrow()).GET());
        assertThat(again.status()).isEqualTo(304);
    }

    // ---- waiting lists ----------------------------------------------------------------------------------------

    @Test
    void aDatesWaitingListIsReadInOrderWithWishedItemsAndOfferState() {
        String token = token(sonnenhof, "read", false);
        Fixture f = newOrders(0);
        long product = newProduct(sonnenhof);
        long tour = ItEnvironment.queryLong("SELECT tour_id FROM tour_date WHERE id = ?", f.tourDateId);
        long first = activeCustomer(sonnenhof, "wl1-" + UUID.randomUUID() + "@example.org");
        long second = activeCustomer(sonnenhof, "wl2-" + UUID.randomUUID() + "@example.org");
        long offered = activeCustomer(sonnenhof, "wl3-" + UUID.randomUUID() + "@example.org");
        waitlistEntry(tour, f.tourDateId, offered, product + ":1", "OFFERED", "2020-01-01 10:00:00");
        waitlistEntry(tour, f.tourDateId, first, product + ":2", "WAITING", "2020-01-02 10:00:00");
        waitlistEntry(tour, f.tourDateId, second, product + ":3", "WAITING", "2020-01-03 10:00:00");

        var list = get("api/v1/waitlists/" + f.tourDateId, token);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<String> entries = objects(list.body(), "\"entries\":");
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0)).contains("\"status\":\"OFFERED\"", "\"offeredUntil\":\"", "\"position\":null");
        assertThat(has(entries.get(0), "customerId", offered)).isTrue();
        assertThat(entries.get(1)).contains("\"status\":\"WAITING\"", "\"offeredUntil\":null", "API test ");
        assertThat(has(entries.get(1), "position", 1) && has(entries.get(1), "customerId", first)
                && has(entries.get(1), "productId", product) && has(entries.get(1), "quantity", 2)).as(entries.get(1)).isTrue();
        assertThat(has(entries.get(2), "position", 2) && has(entries.get(2), "customerId", second)
                && has(entries.get(2), "quantity", 3)).as(entries.get(2)).isTrue();
        assertThat(list.body()).doesNotContain("offerToken", "tok-");

        var again = http.send(http.request("api/v1/waitlists/" + f.tourDateId).header("Authorization", "Bearer " + token)
                .header("If-None-Match", list.header("ETag").orElseThrow()).GET());
        assertThat(again.status()).isEqualTo(304);

        var dates = get("api/v1/waitlists", token);
        assertThat(dates.status()).isEqualTo(200);
        String date = objects(dates.body(), "\"dates\":").stream().filter(d -> has(d, "tourDateId", f.tourDateId))
                .findFirst().orElseThrow();
        assertThat(has(date, "waiting", 2) && has(date, "offered", 1)).as(date).isTrue();
        // a date whose list ended at the cut-off without a place for anyone has no live list: not among the dates
        Fixture ended = newOrders(0);
        ItEnvironment.update("UPDATE tour_date SET cutoff_at = NOW() - INTERVAL 1 HOUR WHERE id = ?", ended.tourDateId);
        ItEnvironment.update("INSERT INTO waitlist_entry (tenant_id, tour_id, tour_date_id, customer_id, kind, wished_order,"
                        + " status) SELECT tenant_id, tour_id, id, ?, 'ORDER', ?, 'NO_PLACE' FROM tour_date WHERE id = ?",
                first, product + ":1", ended.tourDateId);
        assertThat(has(get("api/v1/waitlists", token).body(), "tourDateId", ended.tourDateId)).isFalse();
        assertThat(get("api/v1/waitlists/" + ended.tourDateId, token).body()).contains("\"status\":\"NO_PLACE\"",
                "\"position\":null");

        String lindenhofToken = token(lindenhof, "read", false);
        assertProblem(get("api/v1/waitlists/" + f.tourDateId, lindenhofToken), 404);
        assertThat(has(get("api/v1/waitlists", lindenhofToken).body(), "tourDateId", f.tourDateId)).isFalse();
        assertProblem(get("api/v1/waitlists/abc", token), 422);
    }

    /**
     * An entry the farm took off the list reads as REMOVED (not as one the customer left), without a position, and the
     * OpenAPI document names that status among the others.
     */
    @Test
    void anEntryTheFarmRemovedIsReadAsRemovedAndTheDocumentNamesEveryStatus() {
        String token = token(sonnenhof, "read", false);
        Fixture f = newOrders(0);
        long product = newProduct(sonnenhof);
        long tour = ItEnvironment.queryLong("SELECT tour_id FROM tour_date WHERE id = ?", f.tourDateId);
        long removed = activeCustomer(sonnenhof, "wlr-" + UUID.randomUUID() + "@example.org");
        ItEnvironment.update("INSERT INTO waitlist_entry (tenant_id, tour_id, tour_date_id, customer_id, kind, wished_order,"
                + " status) VALUES (?, ?, ?, ?, 'ORDER', ?, 'REMOVED')", sonnenhof, tour, f.tourDateId, removed,
                product + ":1");

        var list = get("api/v1/waitlists/" + f.tourDateId, token);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<String> entries = objects(list.body(), "\"entries\":");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).contains("\"status\":\"REMOVED\"", "\"position\":null");

        Map<String, Object> doc = new Json().toType(http.send(HttpRequest.newBuilder(URI.create(base.toString())
                .resolve("/openapi?format=json")).GET()).body(), Json.MAP_TYPE);
        String description = String.valueOf(map(doc, "components", "schemas", "WaitlistEntryDto").get("description"));
        for (org.farmstand.waitlist.entity.WaitlistStatus status : org.farmstand.waitlist.entity.WaitlistStatus.values()) {
            assertThat(description).as("the document names " + status).contains(status.name() + " (");
        }
    }

    // ---- stock per tour date ----------------------------------------------------------------------------------

    @Test
    void stockPerTourDateIsWrittenIdempotentlyReadBackAndIsolatedPerShop() {
        String token = token(sonnenhof, "read,write", false);
        long product = newProduct(sonnenhof);
        Fixture f = newOrders(0);
        String path = "api/v1/products/" + product + "/dates/" + f.tourDateId;
        String key = UUID.randomUUID().toString();

        var first = put(path, token, key, "{\"available\": true, \"stock\": 3}");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.body()).contains("\"stock\":3", "\"sold\":0", "\"remaining\":3", "\"available\":true");
        var replay = put(path, token, key, "{\"available\": true, \"stock\": 3}");
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertProblem(put(path, token, key, "{\"available\": true, \"stock\": 4}"), 422);
        assertThat(ItEnvironment.queryLong("SELECT COUNT(*) FROM product_date_stock WHERE product_id = ?", product))
                .isEqualTo(1);

        var closed = put(path, token, UUID.randomUUID().toString(), "{\"available\": false, \"stock\": 3}");
        assertThat(closed.body()).contains("\"available\":false", "\"remaining\":0");
        var unlimited = put(path, token, UUID.randomUUID().toString(), "{\"stock\": null}");
        assertThat(unlimited.body()).contains("\"available\":true", "\"stock\":null", "\"remaining\":null");
        put(path, token, UUID.randomUUID().toString(), "{\"stock\": 7}");

        var ofProduct = get("api/v1/products/" + product + "/dates", token);
        assertThat(ofProduct.status()).isEqualTo(200);
        assertThat(has(ofProduct.body(), "tourDateId", f.tourDateId) && has(ofProduct.body(), "stock", 7)).isTrue();
        var onDate = get("api/v1/stock?tourDate=" + f.tourDateId, token);
        assertThat(has(onDate.body(), "productId", product) && has(onDate.body(), "remaining", 7)).as(onDate.body()).isTrue();
        var notModified = http.send(http.request("api/v1/stock?tourDate=" + f.tourDateId)
                .header("Authorization", "Bearer " + token).header("If-None-Match", onDate.header("ETag").orElseThrow()).GET());
        assertThat(notModified.status()).isEqualTo(304);

        // malformed and invalid bodies, missing key, read-only token
        var wrongType = put(path, token, UUID.randomUUID().toString(), "{\"stock\": \"lots\"}");
        assertProblem(wrongType, 400);
        assertThat(wrongType.body()).contains("\"errors\"", "\"field\":\"stock\"");
        var broken = put(path, token, UUID.randomUUID().toString(), "{\"stock\": ");
        assertProblem(broken, 400);
        assertThat(broken.body()).contains("\"field\":\"body\"", "not valid JSON");
        var negative = put(path, token, UUID.randomUUID().toString(), "{\"stock\": -1}");
        assertProblem(negative, 422);
        assertThat(negative.body()).contains("\"field\":\"stock\"");
        assertProblem(put(path, token, null, "{\"stock\": 1}"), 400);
        assertProblem(put(path, token(sonnenhof, "read", false), UUID.randomUUID().toString(), "{\"stock\": 1}"), 403);

        // another shop's ids: 404, nothing written
        String lindenhofToken = token(lindenhof, "read,write", false);
        long lindenhofProduct = newProduct(lindenhof);
        assertProblem(put(path, lindenhofToken, UUID.randomUUID().toString(), "{\"stock\": 1}"), 404);
        assertProblem(put("api/v1/products/" + lindenhofProduct + "/dates/" + f.tourDateId, lindenhofToken,
                UUID.randomUUID().toString(), "{\"stock\": 1}"), 404);
        assertProblem(get("api/v1/products/" + product + "/dates", lindenhofToken), 404);
        assertProblem(get("api/v1/stock?tourDate=" + f.tourDateId, lindenhofToken), 404);
        assertThat(ItEnvironment.queryLong("SELECT stock FROM product_date_stock WHERE product_id = ?", product))
                .isEqualTo(7);
        assertThat(ItEnvironment.queryLong("SELECT COUNT(*) FROM product_date_stock WHERE product_id = ?",
                lindenhofProduct)).isZero();
    }

    @Test
    void theFirstStockSettingCountsWhatActiveOrdersAlreadyHold() {
        String token = token(sonnenhof, "read,write", false);
        long product = newProduct(sonnenhof);
        Fixture f = newOrders(2);
        for (String number : f.numbers) {
            long order = ItEnvironment.queryLong("SELECT id FROM customer_order WHERE order_number = ?", number);
            ItEnvironment.update("INSERT INTO order_line (tenant_id, order_id, product_id, product_name, unit, quantity,"
                    + " unit_price_cents, line_total_cents) VALUES (?, ?, ?, 'x', 'PIECE', 2, 100, 200)", sonnenhof, order,
                    product);
        }
        ItEnvironment.update("UPDATE customer_order SET status = 'CANCELLED' WHERE order_number = ?", f.numbers.get(1));
        var set = put("api/v1/products/" + product + "/dates/" + f.tourDateId, token, UUID.randomUUID().toString(),
                "{\"stock\": 5}");
        assertThat(set.body()).contains("\"sold\":2", "\"remaining\":3");
    }

    // ---- sold by weight ---------------------------------------------------------------------------------------

    /** A piece sold by weight: 28.90 per kg, about 500 g, so an estimated 14.45 per piece. */
    private static long newProductSoldByWeight(long tenantId) {
        String slug = "api-it-kg-" + UUID.randomUUID();
        return ItEnvironment.insert("INSERT INTO product (tenant_id, slug, name, unit, price_cents, price_per_kg_cents,"
                + " approx_weight_g, active) VALUES (?, ?, ?, 'PIECE', 1445, 2890, 500, FALSE)", tenantId, slug,
                "API test " + slug);
    }

    /**
     * The price PUT of a product sold by weight sets its price per kg (its estimated unit price follows) and refuses a
     * unit price, which is only an estimate there, with a 409 problem that says what to send; a price per kg for a
     * piece priced per unit is refused too, for a product with unit kg it is its price; exactly one of the two.
     */
    @Test
    void thePricePutSetsThePricePerKgOfAProductSoldByWeightAndRefusesAUnitPrice() {
        long product = newProductSoldByWeight(sonnenhof);
        long content = contentVersion(sonnenhof);

        var unitPrice = put("api/v1/products/" + product + "/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"priceCents\": 999}");
        assertProblem(unitPrice, 409);
        assertThat(unitPrice.body()).contains("sold by weight", "2890 cents per kg", "about 500 g", "Send pricePerKgCents");
        assertThat(ItEnvironment.queryString("SELECT CONCAT(price_cents, ':', price_per_kg_cents) FROM product"
                + " WHERE id = ?", product)).isEqualTo("1445:2890");
        assertThat(contentVersion(sonnenhof)).isEqualTo(content);

        var perKg = put("api/v1/products/" + product + "/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"pricePerKgCents\": 3001}");
        assertThat(perKg.status()).as(perKg.toString()).isEqualTo(200);
        // 30.01 x 0.5 kg = 15.005, rounded half up
        assertThat(perKg.body()).contains("\"priceCents\":1501", "\"pricePerKgCents\":3001", "\"approxWeightGrams\":500");
        assertThat(ItEnvironment.queryString("SELECT CONCAT(price_cents, ':', price_per_kg_cents) FROM product"
                + " WHERE id = ?", product)).isEqualTo("1501:3001");
        assertThat(contentVersion(sonnenhof)).isGreaterThan(content);

        var zero = put("api/v1/products/" + product + "/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"pricePerKgCents\": 0}");
        assertProblem(zero, 422);
        assertThat(zero.body()).contains("\"field\":\"pricePerKgCents\"", "must be greater than 0");
        var both = put("api/v1/products/" + product + "/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"priceCents\": 100, \"pricePerKgCents\": 3000}");
        assertProblem(both, 422);
        assertThat(both.body()).contains("\"field\":\"pricePerKgCents\"", "exactly one");
        assertProblem(put("api/v1/products/" + product + "/price", DEMO_TOKEN, UUID.randomUUID().toString(), "{}"), 422);
        assertThat(productPrice(product)).isEqualTo(1501);

        long piece = newProduct(sonnenhof);
        var pieceByKg = put("api/v1/products/" + piece + "/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"pricePerKgCents\": 300}");
        assertProblem(pieceByKg, 409);
        assertThat(pieceByKg.body()).contains("priced per piece", "send priceCents");
        assertThat(productPrice(piece)).isEqualTo(100);
        var perUnit = put("api/v1/products/" + piece + "/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"priceCents\": 120}");
        assertThat(perUnit.body()).contains("\"priceCents\":120", "\"pricePerKgCents\":null");
        ItEnvironment.update("UPDATE product SET unit = 'KG' WHERE id = ?", piece);
        assertThat(put("api/v1/products/" + piece + "/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"pricePerKgCents\": 350}").body()).contains("\"priceCents\":350");

        // another shop's product sold by weight is not found
        long foreign = newProductSoldByWeight(lindenhof);
        assertProblem(put("api/v1/products/" + foreign + "/price", DEMO_TOKEN, UUID.randomUUID().toString(),
                "{\"pricePerKgCents\": 100}"), 404);
        assertThat(productPrice(foreign)).isEqualTo(1445);
    }

    /**
     * An order's line sold by weight is an estimate in the pull (estimated, no final amount) until the shop weighs it
     * in the admin; then the order comes again through the change feed with the weighed weight, the line's final
     * amount (weight x price per kg as ordered) and the new total, in JSON and CSV.
     */
    @Test
    void thePullCarriesTheWeighedWeightAndTheFinalLineAmount() {
        String token = token(sonnenhof, "read", false);
        Fixture f = newOrders(1);
        long order = ItEnvironment.queryLong("SELECT id FROM customer_order WHERE order_number = ?", f.numbers.get(0));
        long product = newProductSoldByWeight(sonnenhof);
        ItEnvironment.update("INSERT INTO order_line (tenant_id, order_id, product_id, product_name, unit, quantity,"
                + " unit_price_cents, line_total_cents) VALUES (?, ?, ?, 'Brot', 'PIECE', 2, 250, 500)", sonnenhof,
                order, newProduct(sonnenhof));
        ItEnvironment.update("INSERT INTO order_line (tenant_id, order_id, product_id, product_name, unit, quantity,"
                + " unit_price_cents, line_total_cents, price_per_kg_cents, approx_weight_g)"
                + " VALUES (?, ?, ?, 'Bergkäse', 'PIECE', 3, 1445, 4335, 2890, 500)", sonnenhof, order, product);
        ItEnvironment.update("UPDATE customer_order SET total_cents = 4835 WHERE id = ?", order);

        var before = get("api/v1/orders?tourDate=" + f.tourDateId, token);
        assertThat(before.status()).isEqualTo(200);
        Map<String, Object> estimated = orderIn(before.body(), f.numbers.get(0));
        assertThat(estimated).containsEntry("totalCents", 4835L).containsEntry("estimated", true);
        assertThat(lineIn(estimated, "Bergkäse")).containsEntry("unitPriceCents", 1445L)
                .containsEntry("lineTotalCents", 4335L).containsEntry("pricePerKgCents", 2890L)
                .containsEntry("approxWeightGrams", 500L).containsEntry("weighedGrams", null)
                .containsEntry("estimated", true).containsEntry("finalLineTotalCents", null);
        assertThat(lineIn(estimated, "Brot")).containsEntry("lineTotalCents", 500L)
                .containsEntry("pricePerKgCents", null).containsEntry("weighedGrams", null)
                .containsEntry("estimated", false).containsEntry("finalLineTotalCents", 500L);
        assertThat(call(http.request("api/v1/orders.csv?tourDate=" + f.tourDateId)
                .header("Authorization", "Bearer " + token).GET()).body()).contains(",Bergkäse,PIECE,3,1445,4335,,\r\n");
        long cursor = ItEnvironment.queryLong("SELECT seq FROM order_change_counter WHERE tenant_id = ?", sonnenhof);

        Http owner = new Http(URI.create(base.toString()));
        assertThat(adminLogin(owner, "owner@sonnenhof.example", "sonnenhof-demo").status()).isEqualTo(302);
        var page = owner.send(owner.request("orders/detail?id=" + order).header("Accept-Language", "en").GET());
        Map<String, String> form = Http.extractHiddenInputs(page.body(), "weigh");
        form.put("weigh:lines:1:weight", "1.234");
        form.put("weigh:save", "");
        var weighed = owner.send(owner.request("orders/detail?id=" + order).header("Accept-Language", "en")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.formEncode(form))));
        assertThat(weighed.status()).as(weighed.toString()).isEqualTo(302);

        var feed = get("api/v1/orders?since=" + cursor, token);
        Map<String, Object> weighedOrder = orderIn(feed.body(), f.numbers.get(0)); // 35.66 + 5.00
        assertThat(weighedOrder).containsEntry("totalCents", 4066L).containsEntry("estimated", false);
        assertThat(lineIn(weighedOrder, "Bergkäse")).containsEntry("unitPriceCents", 1445L)
                .containsEntry("lineTotalCents", 3566L).containsEntry("pricePerKgCents", 2890L)
                .containsEntry("weighedGrams", 1234L).containsEntry("estimated", false)
                .containsEntry("finalLineTotalCents", 3566L);
        assertThat(call(http.request("api/v1/orders.csv?tourDate=" + f.tourDateId)
                .header("Authorization", "Bearer " + token).GET()).body())
                .contains(",Bergkäse,PIECE,3,1445,3566,1234,3566\r\n", ",Brot,PIECE,2,250,500,,500\r\n");
        // another shop's token sees none of it
        assertThat(get("api/v1/orders?since=" + cursor, token(lindenhof, "read", false)).body())
                .doesNotContain(f.numbers.get(0));
    }

    /**
     * Lines of an order for the weight pushes: Brot priced per unit (2 x 2.50) and Bergkäse sold by weight (3 pieces
     * of about 500 g at 28.90 per kg, estimated 43.35); the order's total 48.35. Returns the two line ids.
     */
    private long[] weighableLines(long tenantId, String number) {
        long order = ItEnvironment.queryLong("SELECT id FROM customer_order WHERE order_number = ? AND tenant_id = ?",
                number, tenantId);
        long bread = ItEnvironment.insert("INSERT INTO order_line (tenant_id, order_id, product_id, product_name, unit,"
                + " quantity, unit_price_cents, line_total_cents) VALUES (?, ?, ?, 'Brot', 'PIECE', 2, 250, 500)",
                tenantId, order, newProduct(tenantId));
        long cheese = ItEnvironment.insert("INSERT INTO order_line (tenant_id, order_id, product_id, product_name, unit,"
                + " quantity, unit_price_cents, line_total_cents, price_per_kg_cents, approx_weight_g)"
                + " VALUES (?, ?, ?, 'Bergkäse', 'PIECE', 3, 1445, 4335, 2890, 500)", tenantId, order,
                newProductSoldByWeight(tenantId));
        ItEnvironment.update("UPDATE customer_order SET total_cents = 4835 WHERE id = ?", order);
        return new long[]{bread, cheese};
    }

    /** A PUT of a weight that waits out 429s (the IT's rate limit is low; these tests send a few dozen). */
    private Http.Response push(String path, String token, String key, String json) {
        HttpRequest.Builder b = http.request(path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return call(b);
    }

    private static String weightPath(String number, long line) {
        return "api/v1/orders/" + number + "/lines/" + line + "/weight";
    }

    /**
     * The management system pushes what a line sold by weight weighed: the line costs weight x price per kg as
     * ordered, the total follows, the answer and the feed carry the weight and the final amount, the audit log names
     * the token; a retry with the same key changes nothing more; null clears the weight (the estimate again), through
     * the admin's own rule, audit and change feed.
     */
    @Test
    void theManagementSystemPushesAWeightAndClearsIt() {
        String token = token(sonnenhof, "read,write", false);
        Fixture f = newOrders(1);
        String number = f.numbers.get(0);
        long orderId = ItEnvironment.queryLong("SELECT id FROM customer_order WHERE order_number = ?", number);
        long cheese = weighableLines(sonnenhof, number)[1];
        // the pull names the line's id, the handle for the push
        assertThat(lineIn(orderIn(get("api/v1/orders?tourDate=" + f.tourDateId, token).body(), number), "Bergkäse"))
                .containsEntry("id", cheese).containsEntry("estimated", true);
        long cursor = ItEnvironment.queryLong("SELECT seq FROM order_change_counter WHERE tenant_id = ?", sonnenhof);

        String key = UUID.randomUUID().toString();
        var weighed = push(weightPath(number, cheese), token, key, "{\"weighedGrams\": 1234}");
        assertThat(weighed.status()).as(weighed.toString()).isEqualTo(200);
        Map<String, Object> answer = new Json().toType(weighed.body(), Json.MAP_TYPE);
        assertThat(answer).containsEntry("number", number).containsEntry("totalCents", 4066L) // 35.66 + 5.00
                .containsEntry("estimated", false);
        assertThat(lineIn(answer, "Bergkäse")).containsEntry("weighedGrams", 1234L).containsEntry("estimated", false)
                .containsEntry("lineTotalCents", 3566L).containsEntry("finalLineTotalCents", 3566L);
        assertThat(ItEnvironment.queryString("SELECT CONCAT(weighed_g, ':', line_total_cents) FROM order_line"
                + " WHERE id = ?", cheese)).isEqualTo("1234:3566");
        // the feed brings the order again, and a read of the date shows the weight
        Map<String, Object> inFeed = orderIn(get("api/v1/orders?since=" + cursor, token).body(), number);
        assertThat(inFeed).containsEntry("totalCents", 4066L).containsEntry("estimated", false);
        assertThat(lineIn(orderIn(get("api/v1/orders?tourDate=" + f.tourDateId, token).body(), number), "Bergkäse"))
                .containsEntry("weighedGrams", 1234L).containsEntry("estimated", false);
        assertThat(ItEnvironment.queryString("SELECT GROUP_CONCAT(CONCAT(action, ' by ', actor)) FROM audit_event"
                + " WHERE entity = 'order' AND entity_id = ?", orderId)).isEqualTo("weighed by API: ApiIT read,write");
        long seq = ItEnvironment.queryLong("SELECT change_seq FROM customer_order WHERE id = ?", orderId);

        // the same request again (a retry after a lost answer): the first answer, nothing changed once more
        var replay = push(weightPath(number, cheese), token, key, "{\"weighedGrams\": 1234}");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(weighed.body());
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(ItEnvironment.queryLong("SELECT COUNT(*) FROM audit_event WHERE entity = 'order' AND entity_id = ?",
                orderId)).isEqualTo(1);
        assertThat(ItEnvironment.queryLong("SELECT change_seq FROM customer_order WHERE id = ?", orderId)).isEqualTo(seq);
        // the same weight under a new key: nothing to change either
        assertThat(push(weightPath(number, cheese), token, UUID.randomUUID().toString(), "{\"weighedGrams\": 1234}")
                .status()).isEqualTo(200);
        assertThat(ItEnvironment.queryLong("SELECT COUNT(*) FROM audit_event WHERE entity = 'order' AND entity_id = ?",
                orderId)).isEqualTo(1);

        // null clears it: the estimate again
        var cleared = push(weightPath(number, cheese), token, UUID.randomUUID().toString(), "{\"weighedGrams\": null}");
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        Map<String, Object> estimate = new Json().toType(cleared.body(), Json.MAP_TYPE);
        assertThat(estimate).containsEntry("totalCents", 4835L).containsEntry("estimated", true);
        assertThat(lineIn(estimate, "Bergkäse")).containsEntry("weighedGrams", null).containsEntry("estimated", true)
                .containsEntry("lineTotalCents", 4335L).containsEntry("finalLineTotalCents", null);
        assertThat(ItEnvironment.queryString("SELECT CONCAT(IFNULL(weighed_g, '-'), ':', line_total_cents)"
                + " FROM order_line WHERE id = ?", cheese)).isEqualTo("-:4335");
        assertThat(ItEnvironment.queryLong("SELECT change_seq FROM customer_order WHERE id = ?", orderId))
                .isGreaterThan(seq);
        assertThat(orderIn(get("api/v1/orders?since=" + seq, token).body(), number))
                .containsEntry("estimated", true).containsEntry("totalCents", 4835L);
        assertThat(ItEnvironment.queryString("SELECT GROUP_CONCAT(CONCAT(action, ' by ', actor) ORDER BY id)"
                + " FROM audit_event WHERE entity = 'order' AND entity_id = ?", orderId))
                .isEqualTo("weighed by API: ApiIT read,write,weight_cleared by API: ApiIT read,write");
        assertThat(ItEnvironment.queryString("SELECT detail FROM audit_event WHERE entity = 'order' AND entity_id = ?"
                + " AND action = 'weight_cleared'", orderId)).contains("n:1234", "m:3566", "m:4335");
        // clearing a line that is not weighed changes nothing
        assertThat(push(weightPath(number, cheese), token, UUID.randomUUID().toString(), "{\"weighedGrams\": null}")
                .status()).isEqualTo(200);
        assertThat(ItEnvironment.queryLong("SELECT COUNT(*) FROM audit_event WHERE entity = 'order' AND entity_id = ?",
                orderId)).isEqualTo(2);

        // the OpenAPI document describes the push
        Map<String, Object> doc = new Json().toType(http.send(HttpRequest.newBuilder(URI.create(base.toString())
                .resolve("/openapi?format=json")).GET()).body(), Json.MAP_TYPE);
        Map<String, Object> push = map(doc, "paths", "/api/v1/orders/{number}/lines/{lineId}/weight", "put");
        assertThat(map(push, "requestBody", "content", "application/json", "schema"))
                .containsEntry("$ref", "#/components/schemas/WeightChange");
        assertThat(map(push, "responses")).containsKeys("200", "401", "403", "404", "409", "422");
        assertThat(map(doc, "components", "schemas", "WeightChange", "properties")).containsKey("weighedGrams");
        assertThat(map(doc, "components", "schemas", "LineDto", "properties")).containsKey("id");
    }

    /**
     * A weight push that cannot be taken is a problem and changes nothing: out of bounds or not whole 422, a line
     * priced per unit or a cancelled order 409, an unknown order or line, a line of another order and another shop's
     * order 404 (both ways round), a read-only token 403, none 401, no Idempotency-Key 400.
     */
    @Test
    void weightPushesThatCannotBeTakenAreProblemsAndChangeNothing() {
        String token = token(sonnenhof, "read,write", false);
        Fixture f = newOrders(2);
        String number = f.numbers.get(0);
        long orderId = ItEnvironment.queryLong("SELECT id FROM customer_order WHERE order_number = ?", number);
        long[] lines = weighableLines(sonnenhof, number);
        long bread = lines[0];
        long cheese = lines[1];
        long otherOrdersLine = weighableLines(sonnenhof, f.numbers.get(1))[1];

        // bounds: more than 0 g, at most five times the estimate of 1.5 kg; whole grams; the field must be given
        for (String body : List.of("{\"weighedGrams\": 0}", "{\"weighedGrams\": -5}", "{\"weighedGrams\": 7501}",
                "{\"weighedGrams\": 1234.5}", "{}")) {
            var refused = push(weightPath(number, cheese), token, UUID.randomUUID().toString(), body);
            assertProblem(refused, 422);
            assertThat(refused.body()).as(body).contains("\"field\":\"weighedGrams\"");
        }
        assertThat(push(weightPath(number, cheese), token, UUID.randomUUID().toString(), "{\"weighedGrams\": 7501}")
                .body()).contains("must be from 1 to 7500");
        assertThat(push(weightPath(number, cheese), token, UUID.randomUUID().toString(), "{\"weighedGrams\": 7500}")
                .status()).as("the bound itself").isEqualTo(200);
        assertThat(push(weightPath(number, cheese), token, UUID.randomUUID().toString(), "{\"weighedGrams\": null}")
                .status()).isEqualTo(200);
        long audited = ItEnvironment.queryLong("SELECT COUNT(*) FROM audit_event WHERE entity = 'order'"
                + " AND entity_id = ?", orderId);

        // a line priced per unit has no weight: 409, also for clearing
        var perUnit = push(weightPath(number, bread), token, UUID.randomUUID().toString(), "{\"weighedGrams\": 500}");
        assertProblem(perUnit, 409);
        assertThat(perUnit.body()).contains("urn:farmstand:problem:not-sold-by-weight");
        assertProblem(push(weightPath(number, bread), token, UUID.randomUUID().toString(), "{\"weighedGrams\": null}"),
                409);

        // not found: an unknown line or order, another order's line under this order's number
        assertProblem(push(weightPath(number, 999_999_999L), token, UUID.randomUUID().toString(),
                "{\"weighedGrams\": 1000}"), 404);
        assertProblem(push(weightPath("NOSUCHORDER", cheese), token, UUID.randomUUID().toString(),
                "{\"weighedGrams\": 1000}"), 404);
        assertProblem(push(weightPath(number, otherOrdersLine), token, UUID.randomUUID().toString(),
                "{\"weighedGrams\": 1000}"), 404);

        // another shop: Lindenhof's token does not find Sonnenhof's order, Sonnenhof's token not Lindenhof's
        String lindenhofToken = token(lindenhof, "read,write", false);
        assertProblem(push(weightPath(number, cheese), lindenhofToken, UUID.randomUUID().toString(),
                "{\"weighedGrams\": 1000}"), 404);
        Fixture foreign = newOrders(lindenhof, "clara@example.org", 1);
        long foreignCheese = weighableLines(lindenhof, foreign.numbers.get(0))[1];
        var foreignPush = push(weightPath(foreign.numbers.get(0), foreignCheese), token, UUID.randomUUID().toString(),
                "{\"weighedGrams\": 1000}");
        assertProblem(foreignPush, 404);
        assertThat(foreignPush.body()).doesNotContain("Bergkäse", foreign.numbers.get(0));
        assertThat(ItEnvironment.queryString("SELECT CONCAT(IFNULL(weighed_g, '-'), ':', line_total_cents)"
                + " FROM order_line WHERE id = ?", foreignCheese)).isEqualTo("-:4335");
        // the foreign order is weighable by its own shop (so the 404 above was the shop's boundary)
        assertThat(push(weightPath(foreign.numbers.get(0), foreignCheese), lindenhofToken, UUID.randomUUID().toString(),
                "{\"weighedGrams\": 1000}").status()).isEqualTo(200);

        // read-only token, no token, no key
        assertProblem(push(weightPath(number, cheese), token(sonnenhof, "read", false), UUID.randomUUID().toString(),
                "{\"weighedGrams\": 1000}"), 403);
        assertProblem(call(http.request(weightPath(number, cheese)).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .PUT(HttpRequest.BodyPublishers.ofString("{\"weighedGrams\": 1000}"))), 401);
        assertProblem(push(weightPath(number, cheese), token, null, "{\"weighedGrams\": 1000}"), 400);

        // a cancelled order is not weighed
        ItEnvironment.update("UPDATE customer_order SET status = 'CANCELLED' WHERE id = ?", orderId);
        var cancelled = push(weightPath(number, cheese), token, UUID.randomUUID().toString(), "{\"weighedGrams\": 1000}");
        assertProblem(cancelled, 409);
        assertThat(cancelled.body()).contains("urn:farmstand:problem:weighing-not-allowed", "CANCELLED");

        assertThat(ItEnvironment.queryString("SELECT CONCAT(IFNULL(weighed_g, '-'), ':', line_total_cents)"
                + " FROM order_line WHERE id = ?", cheese)).isEqualTo("-:4335");
        assertThat(ItEnvironment.queryString("SELECT CONCAT(IFNULL(weighed_g, '-'), ':', line_total_cents)"
                + " FROM order_line WHERE id = ?", otherOrdersLine)).isEqualTo("-:4335");
        assertThat(ItEnvironment.queryLong("SELECT total_cents FROM customer_order WHERE id = ?", orderId))
                .isEqualTo(4835);
        assertThat(ItEnvironment.queryLong("SELECT COUNT(*) FROM audit_event WHERE entity = 'order' AND entity_id = ?",
                orderId)).isEqualTo(audited);
    }

    /** The order with this number in a JSON answer with "orders". */
    private static Map<String, Object> orderIn(String body, String number) {
        Map<String, Object> doc = new Json().toType(body, Json.MAP_TYPE);
        return list(doc, "orders").stream().filter(o -> number.equals(o.get("number"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> lineIn(Map<String, Object> order, String productName) {
        return list(order, "lines").stream().filter(l -> productName.equals(l.get("productName"))).findFirst()
                .orElseThrow();
    }

    // ---- CSV ----------------------------------------------------------------------------------------------------

    @Test
    void ordersAndCustomersExportAsCsvWithQuotingAndUtf8() {
        String token = token(sonnenhof, "read", false);
        Fixture f = newOrders(1);
        String name = "Zoë \"Kiki\", Öhler";
        long customer = activeCustomer(sonnenhof, "csv-" + UUID.randomUUID() + "@example.org");
        // a city and a phone number that a spreadsheet would run as formulas
        ItEnvironment.update("UPDATE customer SET last_name = ?, street = ?, city = '=SUM(1+1)', phone = '+49 761 1',"
                + " locale = 'en' WHERE id = ?", name, "Line 1\nLine 2", customer);
        ItEnvironment.update("UPDATE customer_order SET customer_id = ? WHERE order_number = ?", customer, f.numbers.get(0));
        long order = ItEnvironment.queryLong("SELECT id FROM customer_order WHERE order_number = ?", f.numbers.get(0));
        ItEnvironment.update("INSERT INTO order_line (tenant_id, order_id, product_id, product_name, unit, quantity,"
                + " unit_price_cents, line_total_cents) SELECT ?, ?, id, 'Möhren, bunt', 'BUNCH', 2, 150, 300 FROM product"
                + " WHERE tenant_id = ? LIMIT 1", sonnenhof, order, sonnenhof);

        var csv = call(http.request("api/v1/orders.csv?tourDate=" + f.tourDateId)
                .header("Authorization", "Bearer " + token).GET());
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv").contains("UTF-8"));
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("order_number,status,change_seq,tour_date_id,delivery_date,customer_id");
        assertThat(csv.body()).contains(f.numbers.get(0) + ",PLACED,", "\"Möhren, bunt\",BUNCH,2,150,300",
                ",\"Anna Zoë \"\"Kiki\"\", Öhler\",csv-");

        // customers: touch the customer through the feed (a status change in the admin)
        Http owner = new Http(URI.create(base.toString()));
        assertThat(adminLogin(owner, "owner@sonnenhof.example", "sonnenhof-demo").status()).isEqualTo(302);
        long before = ItEnvironment.queryLong("SELECT seq FROM customer_change_counter WHERE tenant_id = ?", sonnenhof);
        customerAction(owner, customer, "block");
        var customers = call(http.request("api/v1/customers.csv?since=" + before)
                .header("Authorization", "Bearer " + token).GET());
        assertThat(customers.status()).isEqualTo(200);
        assertThat(customers.body()).startsWith("id,email,first_name,last_name,street,postcode,city,phone,status")
                .contains(",status_history,locale\r\n")
                .contains(customer + ",csv-", ",\"Zoë \"\"Kiki\"\", Öhler\",\"Line 1\nLine 2\",", ",BLOCKED,", "BLOCKED@")
                .contains(",'=SUM(1+1),'+49 761 1,BLOCKED,");
        assertThat(customers.body().split("\r\n")).as("the language, last")
                .anySatisfy(row -> assertThat(row).startsWith(customer + ",csv-").endsWith(",en"));
        assertThat(customers.header("Feed-Cursor")).isPresent();
        assertThat(customers.header("Feed-Has-More")).contains("false");

        var feedCsv = call(http.request("api/v1/orders.csv?since=0").header("Authorization", "Bearer " + token).GET());
        assertThat(feedCsv.status()).isEqualTo(200);
        assertThat(feedCsv.header("Feed-Cursor")).isPresent();

        assertProblem(get("api/v1/orders.csv?tourDate=" + f.tourDateId, token(lindenhof, "read", false)), 404);
        assertThat(get("api/v1/customers.csv", token(lindenhof, "read", false)).body()).doesNotContain("csv-");
        assertProblem(http.get("api/v1/customers.csv"), 401);
    }

    // ---- token page ---------------------------------------------------------------------------------------------

    @Test
    void theOwnerCreatesATokenShownOnceAndRevokesIt() {
        Http owner = new Http(URI.create(base.toString()));
        assertThat(adminLogin(owner, "owner@sonnenhof.example", "sonnenhof-demo").status()).isEqualTo(302);
        var page = owner.get("settings/tokens");
        assertThat(page.status()).isEqualTo(200);
        String name = "PCG " + UUID.randomUUID().toString().substring(0, 8);
        java.util.Map<String, String> form = Http.extractHiddenInputs(page.body(), "create");
        form.put("create:name", name);
        form.put("create:write", "on");
        form.put("create:createToken", "");
        var created = owner.post("settings/tokens", form);
        assertThat(created.status()).isEqualTo(200);
        Matcher m = Pattern.compile("<code id=\"newToken\">(fs_[A-Za-z0-9_-]+)</code>").matcher(created.body());
        assertThat(m.find()).as(created.body()).isTrue();
        String token = m.group(1);
        assertThat(created.body()).contains(name);
        assertThat(ItEnvironment.queryString("SELECT scopes FROM api_token WHERE name = ?", name)).isEqualTo("read,write");
        assertThat(ItEnvironment.queryString("SELECT token_hash FROM api_token WHERE name = ?", name)).isEqualTo(sha256(token));

        assertThat(get("api/v1/tours", token).status()).isEqualTo(200);
        var shownAgain = owner.get("settings/tokens");
        assertThat(shownAgain.body()).contains(name).doesNotContain(token);

        String revoke = revokeButton(shownAgain.body(), name);
        java.util.Map<String, String> list = Http.extractHiddenInputs(shownAgain.body(), "list");
        list.put(revoke, "");
        var revoked = owner.post("settings/tokens", list);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(ItEnvironment.queryString("SELECT revoked_at FROM api_token WHERE name = ?", name)).isNotNull();
        assertProblem(get("api/v1/tours", token), 401);

        // both changes are in the shop's audit log, by the owner
        long tokenId = ItEnvironment.queryLong("SELECT id FROM api_token WHERE name = ?", name);
        for (String action : List.of("created", "revoked")) {
            assertThat(ItEnvironment.queryString("SELECT actor FROM audit_event WHERE entity = 'api_token'"
                    + " AND entity_id = ? AND action = ? AND tenant_id = ?", tokenId, action, sonnenhof))
                    .isEqualTo("owner@sonnenhof.example");
        }

        // a blank name is refused with a message, nothing created
        java.util.Map<String, String> blank = Http.extractHiddenInputs(revoked.body(), "create");
        blank.put("create:name", " ");
        blank.put("create:createToken", "");
        var refused = owner.post("settings/tokens", blank);
        assertThat(refused.body()).doesNotContain("newToken");

        // staff cannot reach the page
        Http staff = new Http(URI.create(base.toString()));
        assertThat(adminLogin(staff, "staff@sonnenhof.example", "sonnenhof-demo").status()).isEqualTo(302);
        var staffPage = staff.get("settings/tokens");
        assertThat(staffPage.status()).isIn(403, 404);
        assertThat(staffPage.body()).doesNotContain(name);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** Sends a request and waits out 429s (the IT's rate limit is low), up to a deadline. */
    private Http.Response call(HttpRequest.Builder request) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Http.Response r = http.send(request);
            if (r.status() != 429 || System.nanoTime() > deadline) {
                return r;
            }
            try {
                Thread.sleep(1000L * Long.parseLong(r.header("Retry-After").orElse("1")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private String drainCustomers(String token, String cursor) {
        for (int i = 0; i < 1000; i++) {
            var page = call(http.request("api/v1/customers?since=" + cursor + "&limit=200")
                    .header("Authorization", "Bearer " + token).GET());
            assertThat(page.status()).isEqualTo(200);
            cursor = field(page.body(), "cursor");
            if (page.body().contains("\"hasMore\":false")) {
                return cursor;
            }
        }
        throw new AssertionError("customer feed does not end");
    }

    private Http.Response adminLogin(Http client, String email, String password) {
        var page = client.get("login");
        java.util.Map<String, String> form = Http.extractHiddenInputs(page.body(), "login");
        form.put("login:email", email);
        form.put("login:password", password);
        form.put("login:submit", "");
        return client.post("login", form);
    }

    /** Presses block/unblock on the admin's customer page. */
    private static void customerAction(Http owner, long customerId, String button) {
        var page = owner.get("customers/detail?id=" + customerId);
        assertThat(page.status()).isEqualTo(200);
        java.util.Map<String, String> form = Http.extractHiddenInputs(page.body(), "actions");
        form.put("actions:" + button, "");
        var done = owner.post("customers/detail?id=" + customerId, form);
        assertThat(done.status()).isEqualTo(200);
    }

    private static String revokeButton(String html, String rowText) {
        for (String row : html.split("<tr")) {
            if (row.contains(rowText)) {
                Matcher m = Pattern.compile("id=\"(list:tokens:\\d+:revoke)\"").matcher(row);
                assertThat(m.find()).as(row).isTrue();
                return m.group(1);
            }
        }
        throw new AssertionError("no row with " + rowText);
    }

    /** The JSON objects of the array after {@code key} (flat enough for these answers: nested arrays allowed). */
    private static List<String> objects(String json, String key) {
        int start = json.indexOf(key);
        assertThat(start).as(key + " in " + json).isNotNegative();
        int i = json.indexOf('[', start);
        List<String> result = new ArrayList<>();
        int depth = 0;
        int from = -1;
        boolean inString = false;
        for (; i < json.length(); i++) {
            char ch = json.charAt(i);
            if (inString) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '"') {
                    inString = false;
                }
                continue;
            }
            if (ch == '"') {
                inString = true;
            } else if (ch == '{') {
                if (depth == 1) {
                    from = i;
                }
                depth++;
            } else if (ch == '[') {
                depth++;
            } else if (ch == '}' || ch == ']') {
                depth--;
                if (ch == '}' && depth == 1) {
                    result.add(json.substring(from, i + 1));
                }
                if (depth == 0) {
                    break;
                }
            }
        }
        return result;
    }

    /** Whether {@code json} has the member {@code "name":value} (any position in the object). */
    private static boolean has(String json, String name, Object value) {
        return Pattern.compile("\"" + name + "\":" + Pattern.quote(String.valueOf(value)) + "(?=[,}\\]])").matcher(json).find();
    }

    private static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(-?\\d+)").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    private static long activeCustomer(long tenantId, String email) {
        return ItEnvironment.insert("INSERT INTO customer (tenant_id, email, password_hash, first_name, last_name, street,"
                + " postcode, city, status, email_verified) VALUES (?, ?, 'x', 'Anna', 'Feed', 'Weg 1', '79104', 'Freiburg',"
                + " 'ACTIVE', TRUE)", tenantId, email);
    }

    private void waitlistEntry(long tour, long date, long customer, String wished, String status, String createdAt) {
        ItEnvironment.update("INSERT INTO waitlist_entry (tenant_id, tour_id, tour_date_id, customer_id, kind, wished_order,"
                        + " status, position_key, offered_until, offer_token, created_at) VALUES (?, ?, ?, ?, 'ORDER', ?, ?, ?, ?, ?, ?)",
                sonnenhof, tour, date, customer, wished, status, "D" + date,
                status.equals("OFFERED") ? Timestamp.from(Instant.now().plusSeconds(3600)) : null,
                status.equals("OFFERED") ? "tok-" + UUID.randomUUID() : null, Timestamp.valueOf(createdAt));
    }

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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> from, String... keys) {
        Map<String, Object> at = from;
        for (String key : keys) {
            assertThat(at).as("at " + key).containsKey(key);
            at = (Map<String, Object>) at.get(key);
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> from, String key) {
        return (List<Map<String, Object>>) from.get(key);
    }

    /** The response itself, or the one in components.responses it refers to. */
    private static Map<String, Object> resolve(Map<String, Object> doc, Map<String, Object> response) {
        String ref = (String) response.get("$ref");
        return ref == null ? response : map(doc, "components", "responses", ref.substring(ref.lastIndexOf('/') + 1));
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

    private static String token(long tenantId, String scopes, boolean revoked) {
        String token = "fs_it_" + UUID.randomUUID().toString().replace("-", "");
        ItEnvironment.update("INSERT INTO api_token (tenant_id, name, token_hash, scopes, revoked_at)"
                        + " VALUES (?, ?, ?, ?, ?)",
                tenantId, "ApiIT " + scopes, sha256(token), scopes, revoked ? Timestamp.from(Instant.now()) : null);
        return token;
    }

    private static long tenantId(String slug) {
        return ItEnvironment.queryLong("SELECT id FROM tenant WHERE slug = ?", slug);
    }

    private static long newProduct(long tenantId) {
        String slug = "api-it-" + UUID.randomUUID();
        return ItEnvironment.insert("INSERT INTO product (tenant_id, slug, name, unit, price_cents, active)"
                + " VALUES (?, ?, ?, 'PIECE', 100, FALSE)", tenantId, slug, "API test " + slug);
    }

    record Fixture(String tourName, long tourDateId, List<String> numbers) {
    }

    /** An inactive tour of Sonnenhof with one date and {@code n} orders of anna on it (not yet in the feed). */
    private Fixture newOrders(int n) {
        return newOrders(sonnenhof, "anna@example.org", n);
    }

    /** An inactive tour of the shop with one date and {@code n} orders of the customer on it. */
    private static Fixture newOrders(long tenantId, String customerEmail, int n) {
        String tourName = "ApiIT " + UUID.randomUUID().toString().substring(0, 8);
        long customer = ItEnvironment.queryLong("SELECT id FROM customer WHERE email = ? AND tenant_id = ?",
                customerEmail, tenantId);
        long tour = ItEnvironment.insert("INSERT INTO tour (tenant_id, name, weekday, postcodes, capacity, active)"
                + " VALUES (?, ?, 3, '99999', 10, FALSE)", tenantId, tourName);
        LocalDate day = LocalDate.now().plusDays(30);
        long date = ItEnvironment.insert("INSERT INTO tour_date (tenant_id, tour_id, delivery_date, capacity, booked,"
                        + " cutoff_at) VALUES (?, ?, ?, 10, ?, ?)",
                tenantId, tour, day.toString(), n, day.minusDays(2) + " 18:00:00");
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String number = "IT" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
            ItEnvironment.insert("INSERT INTO customer_order (tenant_id, order_number, customer_id, tour_date_id, status,"
                    + " total_cents, idempotency_key) VALUES (?, ?, ?, ?, 'PLACED', 500, ?)",
                    tenantId, number, customer, date, UUID.randomUUID().toString());
            numbers.add(number);
        }
        return new Fixture(tourName, date, numbers);
    }

    /** The product's stock, null when it is not tracked. */
    private static Long productStock(long id) {
        String stock = ItEnvironment.queryString("SELECT stock FROM product WHERE id = ?", id);
        return stock == null ? null : Long.valueOf(stock);
    }

    private static long productPrice(long id) {
        return ItEnvironment.queryLong("SELECT price_cents FROM product WHERE id = ?", id);
    }

    private static long productVersion(long id) {
        return ItEnvironment.queryLong("SELECT version FROM product WHERE id = ?", id);
    }

    private static long contentVersion(long tenantId) {
        return ItEnvironment.queryLong("SELECT content_version FROM tenant WHERE id = ?", tenantId);
    }

    private static String orderStatus(String number) {
        return ItEnvironment.queryString("SELECT status FROM customer_order WHERE order_number = ?", number);
    }
}
