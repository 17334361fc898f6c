package org.farmstand.cluster;

import org.farmstand.testing.Http;
import org.farmstand.testing.ItEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.farmstand.testing.Http.form;
import static org.farmstand.testing.Http.hiddenField;

/**
 * Rolling restart under a small steady load (not part of the normal build: {@code ./cluster-restart.sh} runs it with
 * {@code -Dfarmstand.rolling-restart=true}). Three customers (two shops) sign in once and then, in a loop through
 * the balancer, check that they are still signed in, put a product in the cart, open the checkout (the cart must be
 * there) and order. Meanwhile the launcher restarts the nodes one at a time ({@code restart} on its console). Counts
 * failed checkouts and lost sessions (target: 0 and 0) and checks that every confirmed checkout is exactly one order.
 */
@EnabledIfSystemProperty(named = "farmstand.rolling-restart", matches = "true")
class RollingRestartIT {

    static final Pattern PRODUCT_ID = Pattern.compile("name=\"productId\" value=\"([0-9]+)\"");
    static final Pattern DATE = Pattern.compile(
            "<input type=\"radio\" name=\"tourDateId\" id=\"d-[0-9]+\" value=\"([0-9]+)\"(?![^>]*disabled)");

    record Customer(String shop, String email, String password, String product, String productName) {
    }

    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicInteger checkouts = new AtomicInteger();
    final AtomicInteger failedCheckouts = new AtomicInteger();
    final AtomicInteger lostSessions = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger failedRequests = new AtomicInteger();
    final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

    @Test
    void restartingTheNodesOneAtATimeLosesNoSessionAndFailsNoCheckout() throws Exception {
        int nodes = Integer.getInteger("farmstand.rolling-restart.nodes", 2);
        try (LocalCluster cluster = LocalCluster.start(nodes, "cluster-rolling", Duration.ofMinutes(15))) {
            // room for every order of the run: capacity and stock are not what this measures
            ItEnvironment.update("UPDATE tour_date SET capacity = capacity + 100000");
            ItEnvironment.update("UPDATE product SET stock = NULL");
            long ordersBefore = ItEnvironment.queryLong("SELECT COUNT(*) FROM customer_order");

            List<Customer> customers = List.of(
                    new Customer("sonnenhof", "anna@example.org", "anna-demo", "moehren", "Möhren"),
                    new Customer("sonnenhof", "ben@example.org", "ben-demo", "salat", "Kopfsalat"),
                    new Customer("lindenhof", "clara@example.org", "clara-demo", "bauernbrot", "Bauernbrot"));
            List<Thread> users = new ArrayList<>();
            for (Customer c : customers) {
                Thread t = new Thread(() -> shop(cluster, c), "user-" + c.email());
                t.start();
                users.add(t);
            }
            Thread.sleep(10_000); // warm-up under load
            Instant restartStarted = Instant.now();
            cluster.command("restart");
            cluster.awaitOutput("Rolling restart done", Duration.ofMinutes(20 * nodes));
            Duration restart = Duration.between(restartStarted, Instant.now());
            Thread.sleep(10_000); // and a while after
            running.set(false);
            for (Thread t : users) {
                t.join(60_000);
            }
            long orders = ItEnvironment.queryLong("SELECT COUNT(*) FROM customer_order") - ordersBefore;

            String report = String.format("Rolling restart of %d nodes under load (%d customers): restart took %d s;"
                            + " %d requests (%d failed), %d checkouts (%d failed), %d lost sessions, %d orders in the"
                            + " database%n%s", nodes, customers.size(), restart.toSeconds(), requests.get(),
                    failedRequests.get(), checkouts.get(), failedCheckouts.get(), lostSessions.get(), orders,
                    String.join(System.lineSeparator(), problems));
            System.out.println(report);
            Files.writeString(cluster.dataDir.resolve("rolling-restart-report.txt"), report, StandardCharsets.UTF_8);
            Path copy = Path.of(System.getProperty("farmstand.rolling-restart.report", "target/rolling-restart.txt"));
            Files.createDirectories(copy.toAbsolutePath().getParent());
            Files.writeString(copy, report + cluster.output().lines()
                    .filter(l -> l.startsWith("Rolling restart")).reduce("", (a, b) -> a + b + "\n"),
                    StandardCharsets.UTF_8);

            assertThat(checkouts.get()).as("checkouts during the run").isGreaterThan(0);
            assertThat(failedCheckouts.get()).as(report).isZero();
            assertThat(lostSessions.get()).as(report).isZero();
            assertThat(orders).as("one order per confirmed checkout").isEqualTo(checkouts.get());
        }
    }

    /** One customer's loop until the run ends. */
    void shop(LocalCluster cluster, Customer c) {
        Http http = new Http(URI.create(cluster.balancerUrl()));
        String base = "s/" + c.shop() + "/";
        try {
            signIn(http, c);
        } catch (RuntimeException | AssertionError e) {
            problems.add(c.email() + ": sign-in failed: " + e);
            failedRequests.incrementAndGet();
            return;
        }
        while (running.get()) {
            try {
                Http.Response orders = request(() -> http.get(base + "account/orders"));
                if (orders.status() != 200) {
                    lostSessions.incrementAndGet();
                    problems.add(Instant.now() + " " + c.email() + ": not signed in any more (" + orders.status()
                            + ")");
                    signIn(http, c);
                    continue;
                }
                Http.Response product = request(() -> http.get(base + "products/" + c.product()));
                Matcher id = PRODUCT_ID.matcher(product.body());
                if (!id.find()) {
                    failedRequests.incrementAndGet();
                    problems.add(Instant.now() + " " + c.email() + ": product page " + product.status());
                    continue;
                }
                // 6 pieces: above the demo shops' minimum order (10 EUR), which would answer 409 otherwise
                Http.Response added = request(() -> http.post(base + "cart", form(hiddenField(product.body(), "_csrf"),
                        "action", "add", "productId", id.group(1), "quantity", "6")));
                if (added.status() != 303 && added.status() != 302) {
                    failedRequests.incrementAndGet();
                    problems.add(Instant.now() + " " + c.email() + ": add to cart " + added.status());
                    continue;
                }
                Http.Response checkout = request(() -> http.get(base + "checkout"));
                Matcher date = DATE.matcher(checkout.body());
                if (checkout.status() != 200 || !checkout.body().contains(c.productName()) || !date.find()) {
                    lostSessions.incrementAndGet();
                    problems.add(Instant.now() + " " + c.email() + ": checkout page without the cart ("
                            + checkout.status() + ")");
                    continue;
                }
                Http.Response placed = request(() -> http.post(base + "checkout",
                        form(hiddenField(checkout.body(), "_csrf"), "key", hiddenField(checkout.body(), "key"),
                        "expectedTotal", hiddenField(checkout.body(), "expectedTotal"),
                        "tourDateId", date.group(1))));
                if (placed.status() == 303 && placed.location().map(u -> u.toString().contains("/confirmation"))
                        .orElse(false)) {
                    checkouts.incrementAndGet();
                } else {
                    failedCheckouts.incrementAndGet();
                    problems.add(Instant.now() + " " + c.email() + ": checkout answered " + placed.status());
                }
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | AssertionError e) {
                failedRequests.incrementAndGet();
                problems.add(Instant.now() + " " + c.email() + ": " + e);
            }
        }
    }

    Http.Response request(java.util.function.Supplier<Http.Response> call) {
        requests.incrementAndGet();
        Http.Response response = call.get();
        if (response.status() >= 500) {
            failedRequests.incrementAndGet();
            problems.add(Instant.now() + " " + response.uri() + " answered " + response.status());
        }
        return response;
    }

    void signIn(Http http, Customer c) {
        Http.Response login = request(() -> http.get("s/" + c.shop() + "/account/login"));
        Http.Response posted = request(() -> http.post("s/" + c.shop() + "/account/login",
                form(hiddenField(login.body(), "_csrf"), "email", c.email(), "password", c.password())));
        assertThat(posted.status()).as("sign-in of %s: %s", c.email(), posted.body()).isIn(302, 303);
    }
}
