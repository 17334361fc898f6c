package org.farmstand.cluster;

import org.farmstand.testing.Http;
import org.farmstand.testing.ItEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.farmstand.testing.Http.form;
import static org.farmstand.testing.Http.hiddenField;

/**
 * A two-node cluster as {@code ./run.sh --cluster 2} starts it (the launcher jar with the test database through
 * {@code FARMSTAND_DB_URL}): Terracotta, two Payara Micro nodes with both WARs, HAProxy in front, all on loopback.
 * The price test runs first (it needs both nodes); the failover test then kills a node with SIGKILL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverIT {

    static final String API_TOKEN = "fs_demo_sonnenhof_readwrite_token";

    static LocalCluster cluster;
    static int port;

    @BeforeAll
    static void startCluster() throws Exception {
        // minutes on a busy machine, about two on an idle 2-core one
        cluster = LocalCluster.start(2, "cluster-failover", Duration.ofMinutes(20));
        port = cluster.port;
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
            assertThat(cluster.output()).contains("Farmstand stopped.");
        }
    }

    // ---------------------------------------------------------------------------------------------- tests

    /**
     * A path with a broken percent-escape is refused by the balancer with 400: the nodes' HTTP layer would answer it
     * 200 with an empty body and log a stack trace for each (a cheap way to fill a disk).
     */
    @Test
    @Order(0)
    void aBrokenPercentEscapeIsRefusedByTheBalancer() throws Exception {
        for (String path : List.of("/s/sonnenhof/%ZZ", "/admin/api/v1/products/1/price%", "/s/sonnenhof/a%4")) {
            assertThat(rawStatusLine(path)).as(path).startsWith("HTTP/1.1 400");
        }
        assertThat(rawStatusLine("/s/sonnenhof/products?q=%C3%B6l")).startsWith("HTTP/1.1 200");
    }

    /** The status line of a GET sent as written (java.net.URI refuses to build such a path). */
    private static String rawStatusLine(String path) throws java.io.IOException {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    @Order(1)
    void anAdminPriceChangeOnOneNodeIsServedByTheOtherWithinASecond() {
        Http node1 = new Http(URI.create("http://127.0.0.1:" + (port + 1) + "/"));
        Http node2 = new Http(URI.create("http://127.0.0.1:" + (port + 2) + "/"));
        // both nodes show the product (and have it in their caches)
        String before = node2.get("s/sonnenhof/products/moehren").body();
        assertThat(node1.get("s/sonnenhof/products/moehren").status()).isEqualTo(200);
        String id = hiddenField(before, "productId");
        long cents = 4_000 + ThreadLocalRandom.current().nextInt(900) * 10 + 7; // e.g. 4.237,00 -> "42,37"
        String shown = (cents / 100) + "[,.]" + String.format("%02d", cents % 100);
        assertThat(before).doesNotContainPattern(shown);

        var changed = node1.send(node1.request("admin/api/v1/products/" + id + "/price")
                .header("Authorization", "Bearer " + API_TOKEN)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"priceCents\": " + cents + "}")));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);

        // each node reads the shop's content version once a second (TenantHeads): within that second it shows
        Pattern price = Pattern.compile(shown);
        for (Http node : List.of(node2, node1)) {
            assertThat(node.getUntil("s/sonnenhof/products/moehren", page -> price.matcher(page.body()).find(),
                    Duration.ofSeconds(3)).body()).containsPattern(shown);
        }
        // both nodes run their caches with the clustered tier on the launcher's Terracotta server
        for (int node = 1; node <= 2; node++) {
            assertThat(LocalCluster.read(cluster.nodeLog(node)))
                    .contains("JCache: heap tier plus clustered tier on terracotta://127.0.0.1:" + (port + 900));
        }
    }

    @Test
    @Order(2)
    void aCustomerKeepsLoginAndCartWhenTheirNodeIsKilledAndChecksOutOnce() throws Exception {
        Http http = new Http(URI.create("http://127.0.0.1:" + port + "/"));
        String token = hiddenField(http.get("s/sonnenhof/account/login").body(), "_csrf");
        var login = http.post("s/sonnenhof/account/login",
                form(token, "email", "anna@example.org", "password", "anna-demo"));
        assertThat(login.status()).as(login.body()).isIn(302, 303);
        String product = http.get("s/sonnenhof/products/moehren").body();
        var added = http.post("s/sonnenhof/cart", form(hiddenField(product, "_csrf"), "action", "add",
                "productId", hiddenField(product, "productId"), "quantity", "3"));
        assertThat(added.status()).isIn(302, 303);
        assertThat(http.get("s/sonnenhof/cart").body()).contains("Möhren");

        String nodeA = http.cookie("FSNODE").orElseThrow(() -> new AssertionError("no sticky cookie")).getValue();
        assertThat(nodeA).isIn("node1", "node2");
        String nodeB = nodeA.equals("node1") ? "node2" : "node1";
        long ordersBefore = orders("anna@example.org");

        // SIGKILL: no shutdown, nothing handed over
        long pid = cluster.nodePid(Integer.parseInt(nodeA.substring(4)));
        ProcessHandle victim = ProcessHandle.of(pid).orElseThrow();
        assertThat(victim.destroyForcibly()).isTrue();
        victim.onExit().get(30, TimeUnit.SECONDS);

        // the next request lands on the other node, with the login and the cart
        var cart = http.get("s/sonnenhof/cart");
        assertThat(cart.status()).isEqualTo(200);
        assertThat(cart.body()).contains("Möhren");
        assertThat(http.cookie("FSNODE").orElseThrow().getValue()).isEqualTo(nodeB);
        assertThat(http.get("s/sonnenhof/account/orders").status()).as("still signed in").isEqualTo(200);

        var checkout = http.get("s/sonnenhof/checkout");
        assertThat(checkout.status()).isEqualTo(200);
        Matcher date = Pattern.compile(
                        "<input type=\"radio\" name=\"tourDateId\" id=\"d-[0-9]+\" value=\"([0-9]+)\"(?![^>]*disabled)")
                .matcher(checkout.body());
        assertThat(date.find()).as("an orderable date in %s", checkout.body()).isTrue();
        Map<String, String> order = form(hiddenField(checkout.body(), "_csrf"),
                "key", hiddenField(checkout.body(), "key"), "expectedTotal", hiddenField(checkout.body(), "expectedTotal"),
                "tourDateId", date.group(1));
        var placed = http.post("s/sonnenhof/checkout", order);
        assertThat(placed.status()).as(placed.body()).isEqualTo(303);
        assertThat(placed.location().orElseThrow().toString()).contains("/confirmation");
        // a repeated submission of the same checkout (a retry after a lost answer) places nothing more
        http.post("s/sonnenhof/checkout", order);
        assertThat(orders("anna@example.org")).isEqualTo(ordersBefore + 1);
        assertThat(http.cookie("FSNODE").orElseThrow().getValue()).isEqualTo(nodeB);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static long orders(String email) {
        return ItEnvironment.queryLong("SELECT COUNT(*) FROM customer_order o JOIN customer c ON c.id = o.customer_id"
                + " WHERE c.email = ?", email);
    }
}
