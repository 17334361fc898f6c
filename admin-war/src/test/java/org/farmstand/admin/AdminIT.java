package org.farmstand.admin;

import org.farmstand.testing.Browser;
import org.farmstand.testing.Http;
import org.farmstand.testing.RawHttp;
import org.farmstand.testing.ItEnvironment;
import org.farmstand.testing.RequiresBrowser;
import org.farmstand.testing.ServerLogProbe;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.farmstand.testing.ItEnvironment.insert;
import static org.farmstand.testing.ItEnvironment.queryLong;
import static org.farmstand.testing.ItEnvironment.queryString;
import static org.farmstand.testing.ItEnvironment.update;

/** Admin sign-in over HTTP and in a browser, against the real admin WAR and the demo shops. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("farmstand.it.build-dir", "target"), "admin.war"))
                .addClasses(ServerLogProbe.class);
    }

    /** How many records the server log holds so far (see {@link ServerLogProbe}), read as {@code http}'s user. */
    static int serverLogMark(Http http) {
        String first = http.get("_test/server-log?from=" + Integer.MAX_VALUE).body().lines().findFirst().orElseThrow();
        return Integer.parseInt(first.substring(first.indexOf('\t') + 1).strip());
    }

    /** The server log's records since {@code mark}: LEVEL, logger, stack or -, first line of the message. */
    static List<String> serverLogSince(Http http, int mark) {
        return http.get("_test/server-log?from=" + mark).body().lines().skip(1).toList();
    }

    @ArquillianResource
    URL base;

    Http.Response login(Http http, String email, String password) {
        return http.post("login", loginForm(http, email, password));
    }

    /** The sign-in form of a fresh sign-in page on {@code http}, filled in. */
    static Map<String, String> loginForm(Http http, String email, String password) {
        var page = http.get("login");
        assertThat(page.status()).isEqualTo(200);
        Map<String, String> form = Http.extractHiddenInputs(page.body(), "login");
        form.put("login:email", email);
        form.put("login:password", password);
        form.put("login:submit", "");
        return form;
    }

    /**
     * A path with a broken percent-escape fails in the container before the admin's code (see BrokenEscapeLog): one
     * INFO line per request in the node's log, no SEVERE record, no stack trace; the admin answers the next request.
     */
    @Test
    void aBrokenPercentEscapeInThePathLeavesNoSevereStackTraceInTheLog() throws Exception {
        Http owner = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        int mark = serverLogMark(owner);

        for (String path : new String[] {"%ZZ", "products/%G1", "api/v1/products/%zz"}) {
            String head = RawHttp.exchange(base, "GET", path, base.getHost(), "", null);
            assertThat(head).as(path).startsWith("HTTP/1.1 ");
        }
        assertThat(owner.get("products/list").status()).isEqualTo(200);

        List<String> logged = serverLogSince(owner, mark);
        assertThat(logged).filteredOn(line -> line.contains("\tSEVERE\t") || line.contains("\tstack\t")).isEmpty();
        assertThat(logged).filteredOn(line -> line.contains("BrokenEscapeLog")
                && line.contains("broken percent-escape")).hasSize(3);
    }

    @Test
    void pagesNeedASignIn() {
        var response = new Http(java.net.URI.create(base.toString())).get("products/list");
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.location().orElseThrow().toString()).endsWith("/login");
    }

    @Test
    void ownerSignsInWithANewSessionIdAndSeesOnlyTheirShopsProducts() {
        Http http = new Http(java.net.URI.create(base.toString()));
        http.get("login");
        String before = http.cookie("JSESSIONID").map(c -> c.getValue()).orElse("");
        var response = login(http, "owner@sonnenhof.example", "sonnenhof-demo");
        assertThat(response.status()).isEqualTo(302);
        assertThat(http.cookie("JSESSIONID").map(c -> c.getValue()).orElse("")).isNotEqualTo(before);

        var products = http.get("products/list");
        assertThat(products.status()).isEqualTo(200);
        // the list's first page (sorted by name; other tests add products, so only the first names are sure to be on it)
        assertThat(products.body()).contains("Äpfel Topaz").doesNotContain("Heumilch", "Bergkäse");

        Http other = new Http(java.net.URI.create(base.toString()));
        login(other, "owner@lindenhof.example", "lindenhof-demo");
        assertThat(other.get("products/list").body()).contains("Bauernbrot").doesNotContain("Äpfel Topaz", "Möhren");
    }

    @Test
    void aWrongPasswordFailsWithAMessage() {
        Http http = new Http(java.net.URI.create(base.toString()));
        var response = login(http, "staff@sonnenhof.example", "wrong-password");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsAnyOf("E-Mail oder Passwort ist falsch.", "Email or password is wrong.");
        assertThat(http.get("products/list").status()).isEqualTo(302);
    }

    /** A sign-in from the client {@code client} (X-Forwarded-For; 127.0.0.1 is a trusted balancer in the IT). */
    Http.Response loginFrom(String client, String email, String password) {
        Http http = new Http(java.net.URI.create(base.toString()));
        Map<String, String> form = loginForm(http, email, password);
        return http.send(http.request("login").header("X-Forwarded-For", client)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.formEncode(form))));
    }

    /** What a sign-in answer tells the visitor: signed-in, failed or throttled. */
    static String outcome(Http.Response response) {
        if (response.status() == 302) {
            return "signed-in";
        }
        if (response.body().contains("Zu viele Fehlversuche") || response.body().contains("Too many failed attempts")) {
            return "throttled";
        }
        if (response.body().contains("E-Mail oder Passwort ist falsch.") || response.body().contains("Email or password is wrong.")) {
            return "failed";
        }
        return "other: " + response;
    }

    static String someClient() {
        return "192.0.2." + (1 + (int) (Math.random() * 250));
    }

    /**
     * An address without an account answers exactly like an account's: the same message for each attempt, and the
     * same lock after the free attempts, so the sign-in page does not tell which staff addresses exist.
     */
    @Test
    void unknownAndKnownStaffAddressesAreThrottledAlike() {
        NewShop shop = createShop(signedIn("hoster@farmstand.example", "hoster-demo"));
        String unknown = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@shops.example";
        String knownClient = someClient();
        String unknownClient = "198.18.0." + (1 + (int) (Math.random() * 250));
        java.util.List<String> known = new java.util.ArrayList<>();
        java.util.List<String> notKnown = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            known.add(outcome(loginFrom(knownClient, shop.ownerEmail(), "wrong-password-" + i)));
            notKnown.add(outcome(loginFrom(unknownClient, unknown, "wrong-password-" + i)));
        }
        assertThat(known).containsExactly("failed", "failed", "failed", "failed", "failed", "throttled");
        assertThat(notKnown).isEqualTo(known);
    }

    /**
     * One client cannot try passwords on many accounts: after 20 failures from it, it has to wait, even with a right
     * password. An owner locked by someone else's attempts signs in from their own client once the short per-account
     * wait is over.
     */
    @Test
    void oneClientIsThrottledAcrossAccountsAndALockedOwnerSignsInFromElsewhereAfterTheWait() {
        NewShop shop = createShop(signedIn("hoster@farmstand.example", "hoster-demo"));
        String attacker = "198.19.0." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 20; i++) {
            assertThat(outcome(loginFrom(attacker, "guess-" + i + "-" + UUID.randomUUID().toString().substring(0, 6)
                    + "@shops.example", "password-" + i))).isEqualTo("failed");
        }
        assertThat(outcome(loginFrom(attacker, shop.ownerEmail(), shop.password()))).isEqualTo("throttled");

        NewShop locked = createShop(signedIn("hoster@farmstand.example", "hoster-demo"));
        String other = "203.0.113." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 5; i++) {
            assertThat(outcome(loginFrom(other, locked.ownerEmail(), "wrong-password-" + i))).isEqualTo("failed");
        }
        String owners = "198.51.100." + (1 + (int) (Math.random() * 250));
        assertThat(outcome(loginFrom(owners, locked.ownerEmail(), locked.password()))).isEqualTo("throttled");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String answer;
        do {
            answer = outcome(loginFrom(owners, locked.ownerEmail(), locked.password()));
            if (!answer.equals("signed-in")) {
                ItEnvironment.pause(Duration.ofMillis(300));
            }
        } while (!answer.equals("signed-in") && System.nanoTime() < deadline);
        assertThat(answer).isEqualTo("signed-in");
    }

    @Test
    @RequiresBrowser
    void ownerSignsInInTheBrowserWithoutJavaScriptErrors() {
        browser.open(base, "login");
        var driver = browser.driver();
        driver.findElement(By.id("login:email")).sendKeys("owner@lindenhof.example");
        driver.findElement(By.id("login:password")).sendKeys("lindenhof-demo");
        driver.findElement(By.id("login:submit")).click();
        browser.waitUntil(Duration.ofSeconds(20), d -> d.getPageSource().contains("dashboard-stats")
                || d.getPageSource().contains("id=\"ordersToday\""));
        browser.open(base, "products/list");
        browser.waitUntil(Duration.ofSeconds(20), d -> d.getPageSource().contains("Heumilch"));
        assertThat(driver.getPageSource()).doesNotContain("Möhren");
        browser.assertNoJavaScriptErrors();
    }

    /**
     * Keyboard: a save that fails validation puts the focus on the first field with an error, so the next key works
     * there; it was on the page's body, behind the navigation.
     */
    @Test
    @RequiresBrowser
    void aFailedSaveFocusesTheFirstFieldWithAnError() {
        var driver = browser.open(base, "login");
        driver.manage().deleteAllCookies(); // signed out, whatever the class's other browser tests left
        browser.open(base, "login");
        driver.findElement(By.id("login:email")).sendKeys("owner@lindenhof.example");
        driver.findElement(By.id("login:password")).sendKeys("lindenhof-demo", org.openqa.selenium.Keys.ENTER);
        browser.waitUntil(Duration.ofSeconds(20), d -> d.getPageSource().contains("id=\"ordersToday\""));
        browser.open(base, "products/edit");
        browser.waitUntil(Duration.ofSeconds(20), d -> !d.findElements(By.id("product:price")).isEmpty());
        driver.findElement(By.id("product:name")).sendKeys("Focus test");
        driver.findElement(By.id("product:price")).sendKeys("abc", org.openqa.selenium.Keys.ENTER);
        browser.waitUntil(Duration.ofSeconds(20), d -> d.findElement(By.id("product:price"))
                .getAttribute("class").contains("ui-state-error"));
        browser.waitUntil(Duration.ofSeconds(5), d -> "product:price".equals(
                ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.activeElement.id")));
        browser.assertNoJavaScriptErrors();
    }

    // ---- producer admin: products, tours, orders ----

    Http signedIn(String email, String password) {
        Http http = new Http(java.net.URI.create(base.toString()));
        assertThat(login(http, email, password).status()).isEqualTo(302);
        return http;
    }

    static long contentVersion(String shop) {
        return queryLong("SELECT content_version FROM tenant WHERE slug = ?", shop);
    }

    static Map<String, String> productForm(String page, String name, String price) {
        Map<String, String> form = Http.extractHiddenInputs(page, "product");
        form.put("product:name", name);
        form.put("product:slug", "");
        form.put("product:category", "");
        form.put("product:unit", "PIECE");
        form.put("product:price", price);
        form.put("product:pricePerKg", "");
        form.put("product:weight", "");
        form.put("product:tax", "70");
        form.put("product:active", "on");
        form.put("product:description", "Frisch vom Feld");
        form.put("product:save", "");
        return form;
    }

    /**
     * A text longer than its field's maxlength (a post made without the page: the browser keeps typing within it) is
     * a field error that names the limit, and nothing is saved. It was cut to the limit without a word, a description
     * of emoji through the middle of one, stored as "?".
     */
    @Test
    void textLongerThanItsFieldIsRefusedNotCut() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        String name = "Langer Name " + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> form = productForm(http.get("products/edit").body(), name + "x".repeat(10_000), "2,00");
        form.put("product:description", "D\uD83E\uDD6C".repeat(6000)); // "D🥬", 18,000 UTF-16 units
        var refused = postMultipart(http, "products/edit", form);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(text(refused)).contains("Please enter at most 160 characters (this entry has 10,020).",
                "Please enter at most 5,000 characters (this entry has 18,000).").doesNotContain("went wrong");
        assertThat(queryLong("SELECT COUNT(*) FROM product WHERE name LIKE ?", name + "%")).isZero();

        // the same form posted as a plain form (no browser sends that to a form with a file field): 400, not a 500
        var plain = http.post("products/edit", productForm(http.get("products/edit").body(), name, "2,00"));
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.body()).doesNotContain("Exception", "at org.");

        form = productForm(http.get("products/edit").body(), name, "2,00");
        form.put("product:description", "D\uD83E\uDD6C".repeat(10)); // within the limit: kept whole
        assertThat(postMultipart(http, "products/edit", form).status()).isEqualTo(302);
        assertThat(queryString("SELECT description FROM product WHERE name = ?", name))
                .isEqualTo("D\uD83E\uDD6C".repeat(10));
    }

    long createProduct(Http http, String name, String price) {
        var page = http.get("products/edit");
        assertThat(page.status()).isEqualTo(200);
        var saved = postMultipart(http, "products/edit", productForm(page.body(), name, price));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(302);
        String location = saved.location().orElseThrow().toString();
        assertThat(location).contains("products/edit?id=");
        return Long.parseLong(location.replaceAll(".*id=(\\d+).*", "$1"));
    }

    /**
     * Staff set a product's stock on its page (it could be set only through the API): a whole number, or empty for no
     * limit. Orders count it down meanwhile, so it is a form of its own (the product form leaves the stock alone).
     */
    @Test
    void theProducerSetsAProductsStockOnItsPage() {
        Http http = signedIn("staff@sonnenhof.example", "sonnenhof-demo");
        String name = "Weihnachtsgans " + UUID.randomUUID().toString().substring(0, 8);
        long id = createProduct(http, name, "89");
        String path = "products/edit?id=" + id;
        var page = http.get(path);
        assertThat(page.body()).contains("Stock not tracked");

        Map<String, String> form = Http.extractHiddenInputs(page.body(), "stock");
        form.put("stock:value", "-3");
        form.put("stock:saveStock", "");
        var refused = http.post(path, form);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("enter a whole number from 0 to 1000000");
        assertThat(queryString("SELECT stock FROM product WHERE id = ?", id)).isNull();

        long content = contentVersion("sonnenhof");
        form = Http.extractHiddenInputs(refused.body(), "stock");
        form.put("stock:value", " 12 ");
        form.put("stock:saveStock", "");
        assertThat(http.post(path, form).status()).isEqualTo(302);
        assertThat(queryLong("SELECT stock FROM product WHERE id = ?", id)).isEqualTo(12);
        assertThat(contentVersion("sonnenhof")).isGreaterThan(content);
        assertThat(http.get(path).body()).contains("Stock of \"" + name + "\" set to 12.", "In stock now: 12.");

        // empty: no limit again
        form = Http.extractHiddenInputs(http.get(path).body(), "stock");
        form.put("stock:value", "");
        form.put("stock:saveStock", "");
        assertThat(http.post(path, form).status()).isEqualTo(302);
        assertThat(queryString("SELECT stock FROM product WHERE id = ?", id)).isNull();
        Http owner = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        assertThat(get(owner, "audit/list?entity=product", "en").body())
                .contains(name + ": stock not tracked → 12", name + ": stock 12 → not tracked");
        assertThat(get(owner, "audit/list?entity=product", "de").body()).contains(name + ": Bestand nicht geführt → 12");
    }

    @Test
    void producerCreatesAProductAfterFixingValidationErrorsAndTheShopSeesIt() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        var page = http.get("products/edit");
        assertThat(page.status()).isEqualTo(200);

        var invalid = postMultipart(http, "products/edit", productForm(page.body(), "", "zwei Euro"));
        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.body()).contains("Price per unit: enter an amount such as 2.50.", "aria-invalid=\"true\"");

        // a price per kg and a weight each within bounds, whose piece price is not: a message, not an error page
        Map<String, String> heavy = productForm(invalid.body(), "Ganzes Rind", "");
        heavy.put("product:pricePerKg", "20000");
        heavy.put("product:weight", "100000");
        var tooExpensive = postMultipart(http, "products/edit", heavy);
        assertThat(tooExpensive.status()).isEqualTo(200);
        assertThat(tooExpensive.body()).contains("price per kg times the weight of one piece must stay at most");
        assertThat(queryLong("SELECT COUNT(*) FROM product WHERE name = 'Ganzes Rind'")).isZero();

        String name = "Hokkaido-Kürbis " + UUID.randomUUID().toString().substring(0, 8);
        long before = contentVersion("sonnenhof");
        Map<String, String> form = productForm(invalid.body(), name, "3,20");
        var saved = postMultipart(http, "products/edit", form);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(302);
        long id = Long.parseLong(saved.location().orElseThrow().toString().replaceAll(".*id=(\\d+).*", "$1"));

        assertThat(queryLong("SELECT price_cents FROM product WHERE id = ?", id)).isEqualTo(320);
        assertThat(queryString("SELECT slug FROM product WHERE id = ?", id)).startsWith("hokkaido-kuerbis-");
        assertThat(queryString("SELECT t.slug FROM product p JOIN tenant t ON t.id = p.tenant_id WHERE p.id = ?", id))
                .isEqualTo("sonnenhof");
        assertThat(contentVersion("sonnenhof")).isGreaterThan(before);
        var edit = http.get("products/edit?id=" + id);
        assertThat(edit.body()).contains(name, "created.");

        // the same name again gets its own slug
        long twin = createProduct(http, name, "1");
        assertThat(queryString("SELECT slug FROM product WHERE id = ?", twin))
                .isEqualTo(queryString("SELECT slug FROM product WHERE id = ?", id) + "-2");
    }

    /** The farmer's cases: contradictory prices are refused field by field, each entered value kept in its field. */
    @Test
    void contradictoryPricesAreRefusedPerFieldAndNothingIsDroppedSilently() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var page = http.get("products/edit");

        // unit kg with a price per unit, a price per kg and a piece weight: the shop charged 0,64 per "kg"
        Map<String, String> kg = productForm(page.body(), "00 Kohlrabi " + tag, "3,20");
        kg.put("product:unit", "KG");
        kg.put("product:pricePerKg", "3,20");
        kg.put("product:weight", "200");
        var refusedKg = postMultipart(http, "products/edit", kg);
        assertThat(refusedKg.status()).isEqualTo(200);
        assertThat(refusedKg.body()).contains("Price per kg: with unit kg",
                "Approximate weight: a kg has no piece weight",
                "value=\"3,20\"", "value=\"200\"");

        // a piece with a price per unit and a price per kg: the 20,00 used to be dropped
        Map<String, String> both = productForm(refusedKg.body(), "00 Rinderbraten " + tag, "20,00");
        both.put("product:pricePerKg", "29,90");
        both.put("product:weight", "800");
        var refusedBoth = postMultipart(http, "products/edit", both);
        assertThat(refusedBoth.status()).isEqualTo(200);
        assertThat(refusedBoth.body()).contains("Price per unit: sold by weight, the price of one piece is estimated",
                "value=\"20,00\"", "value=\"29,90\"");
        // a weight without a price per kg is no silent extra either
        Map<String, String> weightOnly = productForm(refusedBoth.body(), "00 Rinderbraten " + tag, "");
        weightOnly.put("product:weight", "800");
        assertThat(postMultipart(http, "products/edit", weightOnly).body())
                .contains("Price per kg: a weight is given, so enter the price per kg");
        assertThat(queryLong("SELECT COUNT(*) FROM product WHERE name LIKE ?", "%" + tag)).isZero();

        // the valid ways: pieces by weight, and kg at its price per kg
        Map<String, String> byWeight = productForm(refusedBoth.body(), "00 Rinderbraten " + tag, "");
        byWeight.put("product:pricePerKg", "29,90");
        byWeight.put("product:weight", "800");
        var saved = postMultipart(http, "products/edit", byWeight);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        long roast = queryLong("SELECT id FROM product WHERE name = ?", "00 Rinderbraten " + tag);
        assertThat(queryString("SELECT CONCAT(unit, ' ', price_cents, ' ', price_per_kg_cents, ' ', approx_weight_g)"
                + " FROM product WHERE id = ?", roast)).isEqualTo("PIECE 2392 2990 800");
        assertThat(http.get("products/edit?id=" + roast).body())
                .containsPattern("Estimated: [^<]*23[.,]92[^<]* per piece");

        kg.putAll(Http.extractHiddenInputs(http.get("products/edit").body(), "product"));
        kg.put("product:pricePerKg", "");
        kg.put("product:weight", "");
        assertThat(postMultipart(http, "products/edit", kg).status()).isEqualTo(302);
        assertThat(queryString("SELECT CONCAT(unit, ' ', price_cents, ' ', COALESCE(price_per_kg_cents, '-'))"
                + " FROM product WHERE name = ?", "00 Kohlrabi " + tag)).isEqualTo("KG 320 -");

        // the product list names the unit of every price
        String list = http.get("products/list").body();
        assertThat(priceCell(list, "00 Rinderbraten " + tag))
                .containsPattern("29[.,]90[^<]* / kg, approx\\. [^<]*23[.,]92[^<]* / piece");
        assertThat(priceCell(list, "00 Kohlrabi " + tag)).containsPattern("3[.,]20[^<]* / kg").doesNotContain("ca.");
    }

    /** The price cell of the product list's row that names the product. */
    static String priceCell(String list, String name) {
        int at = list.indexOf(name);
        assertThat(at).as("%s in the product list", name).isPositive();
        java.util.regex.Matcher cell = java.util.regex.Pattern.compile(
                "<td[^>]*class=\"[^\"]*\\bnum\\b[^\"]*\"[^>]*>(.*?)</td>",
                java.util.regex.Pattern.DOTALL).matcher(list.substring(at));
        assertThat(cell.find()).isTrue();
        return cell.group(1).replace("&nbsp;", " ").replace("\u00a0", " ");
    }

    @Test
    void amountsAndTextsSayWhatIsWrongWithTheFieldsName() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var page = http.get("products/edit");
        assertThat(page.body()).contains("maxlength=\"160\"", "maxlength=\"5000\"")
                .doesNotContain("maxlength=\"2147483647\"");
        Map<String, String> expected = Map.of(
                "-2,50", "Price per unit: the amount cannot be negative.",
                "999999999,99", "Price per unit: at most 1,000,000.00 EUR.",
                "1.239", "Price per unit: at most two decimal places",
                "0,00", "Price per unit: enter a price above 0.00");
        String body = page.body();
        for (var e : expected.entrySet()) {
            var refused = postMultipart(http, "products/edit", productForm(body, "Betrag " + tag, e.getKey()));
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.body()).as(e.getKey()).contains(e.getValue());
            body = refused.body();
        }
        assertThat(queryLong("SELECT COUNT(*) FROM product WHERE name = ?", "Betrag " + tag)).isZero();

        // thousands grouped the German way are an amount
        var grouped = postMultipart(http, "products/edit", productForm(body, "Betrag " + tag, "1.234,50"));
        assertThat(grouped.status()).isEqualTo(302);
        assertThat(queryLong("SELECT price_cents FROM product WHERE name = ?", "Betrag " + tag)).isEqualTo(123450);
    }

    @Test
    void aPhotoChosenInAFormWithErrorsIsKeptAndSavedWithTheProduct() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        String name = "Fotoprodukt " + UUID.randomUUID().toString().substring(0, 8);
        var page = http.get("products/edit");
        String boundary = "----farmstand" + UUID.randomUUID();
        var withError = http.send(http.request("products/edit")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary,
                        productForm(page.body(), name, "-1"), "product:image", "foto.png", png(64, 48)))));
        assertThat(withError.status()).isEqualTo(200);
        assertThat(withError.body()).contains("the amount cannot be negative", "Chosen image kept (");

        var saved = postMultipart(http, "products/edit", productForm(withError.body(), name, "2,00"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(queryString("SELECT COALESCE(image_id, 'none') FROM product WHERE name = ?", name))
                .isNotEqualTo("none");
    }

    @Test
    void categoriesRefuseDuplicateNamesAndAreRenamedAndDeleted() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        String existing = queryString("SELECT c.name FROM category c JOIN tenant t ON t.id = c.tenant_id"
                + " WHERE t.slug = 'sonnenhof' ORDER BY c.id LIMIT 1");
        String existingSlug = queryString("SELECT c.slug FROM category c JOIN tenant t ON t.id = c.tenant_id"
                + " WHERE t.slug = 'sonnenhof' ORDER BY c.id LIMIT 1");
        var page = http.get("products/categories");
        assertThat(page.status()).isEqualTo(200);

        var duplicate = http.post("products/categories", categoryForm(page.body(), existing.toUpperCase(), ""));
        assertThat(duplicate.status()).isEqualTo(200);
        assertThat(duplicate.body()).contains("Name: the shop already has a category called");
        var badSlug = http.post("products/categories", categoryForm(duplicate.body(), "Käse spezial", "Käse Spezial!"));
        assertThat(badSlug.body()).contains("Address: use only lower-case letters").doesNotContain("{farmstand.");
        var slugTaken = http.post("products/categories", categoryForm(badSlug.body(), "Anderes", existingSlug));
        assertThat(slugTaken.body()).contains("already used by another category").doesNotContain("another product");
        long sonnenhof = queryLong("SELECT id FROM tenant WHERE slug = 'sonnenhof'");
        assertThat(queryLong("SELECT COUNT(*) FROM category WHERE tenant_id = ? AND LOWER(name) = LOWER(?)",
                sonnenhof, existing)).isEqualTo(1);

        String name = "Kräuter " + UUID.randomUUID().toString().substring(0, 8);
        var created = http.post("products/categories", categoryForm(slugTaken.body(), name, ""));
        assertThat(created.status()).isEqualTo(302);
        long id = queryLong("SELECT id FROM category WHERE name = ?", name);
        String slug = queryString("SELECT slug FROM category WHERE id = ?", id);

        // rename: the slug stays
        var list = http.get("products/categories");
        var renaming = http.post("products/categories", rowAction(list.body(), name, "rename"));
        assertThat(renaming.status()).isEqualTo(200);
        String row = rowIndex(renaming.body(), "newName");
        Map<String, String> rename = Http.extractHiddenInputs(renaming.body(), "categories");
        rename.put("categories:table:" + row + ":newName", existing);
        rename.put("categories:table:" + row + ":saveName", "");
        assertThat(http.post("products/categories", rename).body()).contains("already has a category called");
        rename.put("categories:table:" + row + ":newName", name + " frisch");
        var renamed = http.post("products/categories", rename);
        assertThat(renamed.status()).isEqualTo(302);
        assertThat(queryString("SELECT CONCAT(name, '|', slug) FROM category WHERE id = ?", id))
                .isEqualTo(name + " frisch|" + slug);

        // delete: asked first, then gone; a category with products offers no delete
        list = http.get("products/categories");
        var asked = http.post("products/categories", rowAction(list.body(), name + " frisch", "delete"));
        assertThat(asked.body()).contains("Delete the category");
        assertThat(queryLong("SELECT COUNT(*) FROM category WHERE id = ?", id)).isEqualTo(1);
        var deleted = http.post("products/categories", rowAction(asked.body(), name + " frisch", "confirmDelete"));
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(queryLong("SELECT COUNT(*) FROM category WHERE id = ?", id)).isZero();
        String used = queryString("SELECT c.name FROM category c JOIN product p ON p.category_id = c.id"
                + " WHERE c.tenant_id = ? LIMIT 1", sonnenhof);
        String usedRow = list.body().substring(list.body().indexOf(used));
        assertThat(usedRow.substring(0, usedRow.indexOf("</tr>"))).doesNotContain(":delete\"");
    }

    /** The producer orders the categories (the shop's menu follows): a new one comes last and moves up or down. */
    @Test
    void categoriesAreOrderedByMovingThemUpAndDown() {
        Http http = signedIn("staff@sonnenhof.example", "sonnenhof-demo");
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String first = "Eier " + tag;
        String second = "Honig " + tag;
        var page = http.get("products/categories");
        assertThat(http.post("products/categories", categoryForm(page.body(), first, "")).status()).isEqualTo(302);
        page = http.get("products/categories");
        assertThat(http.post("products/categories", categoryForm(page.body(), second, "")).status()).isEqualTo(302);
        long firstId = queryLong("SELECT id FROM category WHERE name = ?", first);
        long secondId = queryLong("SELECT id FROM category WHERE name = ?", second);

        // the newest is last: it offers "up" but no "down"
        page = http.get("products/categories");
        String table = page.body().substring(page.body().indexOf("id=\"categories:table\""));
        String last = table.substring(table.indexOf(second));
        assertThat(last.substring(0, last.indexOf("</tr>"))).contains(":up\"").doesNotContain(":down\"");
        assertThat(table.indexOf(first)).isLessThan(table.indexOf(second));

        long version = contentVersion("sonnenhof");
        var moved = http.post("products/categories", rowAction(page.body(), second, "up"));
        assertThat(moved.status()).isEqualTo(302);
        page = http.get("products/categories");
        assertThat(page.body()).contains("Category \"" + second + "\" moved");
        table = page.body().substring(page.body().indexOf("id=\"categories:table\""));
        assertThat(table.indexOf(second)).isLessThan(table.indexOf(first));
        assertThat(queryLong("SELECT sort_order FROM category WHERE id = ?", secondId))
                .isLessThan(queryLong("SELECT sort_order FROM category WHERE id = ?", firstId));
        assertThat(contentVersion("sonnenhof")).isGreaterThan(version);
        // every category of the shop has a place of its own
        long sonnenhof = queryLong("SELECT id FROM tenant WHERE slug = 'sonnenhof'");
        assertThat(queryLong("SELECT COUNT(DISTINCT sort_order) FROM category WHERE tenant_id = ?", sonnenhof))
                .isEqualTo(queryLong("SELECT COUNT(*) FROM category WHERE tenant_id = ?", sonnenhof));

        // and down again
        assertThat(http.post("products/categories", rowAction(page.body(), second, "down")).status()).isEqualTo(302);
        assertThat(queryLong("SELECT sort_order FROM category WHERE id = ?", secondId))
                .isGreaterThan(queryLong("SELECT sort_order FROM category WHERE id = ?", firstId));
        Http owner = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        assertThat(get(owner, "audit/list?entity=category", "de").body()).contains(second + ": jetzt an Stelle");

        // the other shop's order is its own
        long lindenhof = queryLong("SELECT id FROM tenant WHERE slug = 'lindenhof'");
        assertThat(queryLong("SELECT COUNT(*) FROM category WHERE tenant_id = ? AND name IN (?, ?)", lindenhof, first,
                second)).isZero();
    }

    static Map<String, String> categoryForm(String page, String name, String slug) {
        Map<String, String> form = Http.extractHiddenInputs(page, "category");
        form.put("category:name", name);
        form.put("category:slug", slug);
        form.put("category:create", "");
        return form;
    }

    /** The categories form with the button {@code action} of the row that names {@code name} pressed. */
    static Map<String, String> rowAction(String page, String name, String action) {
        String table = page.substring(page.indexOf("id=\"categories:table\""));
        String row = table.substring(table.indexOf(name));
        java.util.regex.Matcher button = java.util.regex.Pattern
                .compile("id=\"(categories:table:\\d+:" + action + ")\"").matcher(row);
        assertThat(button.find()).as("%s of %s", action, name).isTrue();
        Map<String, String> form = Http.extractHiddenInputs(page, "categories");
        form.put(button.group(1), "");
        return form;
    }

    static String rowIndex(String page, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("categories:table:(\\d+):" + field).matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** A form posted with view state the server does not have: the "page expired" page with 409, nothing saved. */
    @Test
    void aStaleFormGetsThePageExpiredPageNotAServerError() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        var page = http.get("products/edit");
        String name = "Verfallen " + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> form = productForm(page.body(), name, "1,00");
        form.put(Http.VIEW_STATE, "-4242424242424242424:1234567890123456789");
        var stale = postMultipart(http, "products/edit", form);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).containsAnyOf("Page expired", "Seite abgelaufen").doesNotContain("at org.", "\tat ");
        assertThat(queryLong("SELECT COUNT(*) FROM product WHERE name = ?", name)).isZero();
    }

    @Test
    void aPriceChangeInAdminBumpsTheContentVersionTheStorefrontCachesBy() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long id = createProduct(http, "Preistest " + UUID.randomUUID().toString().substring(0, 8), "1,00");
        long before = contentVersion("sonnenhof");
        var page = http.get("products/edit?id=" + id);
        Map<String, String> form = productForm(page.body(), queryString("SELECT name FROM product WHERE id = ?", id), "1,75");
        assertThat(postMultipart(http, "products/edit?id=" + id, form).status()).isEqualTo(302);
        // the storefront's catalog cache key is (tenant, content_version): a higher version is a fresh read
        assertThat(queryLong("SELECT price_cents FROM product WHERE id = ?", id)).isEqualTo(175);
        assertThat(contentVersion("sonnenhof")).isGreaterThan(before);
    }

    @Test
    void aStaleEditIsRefusedWithAMessageAndOverwritesNothing() {
        Http first = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        Http second = signedIn("staff@sonnenhof.example", "sonnenhof-demo");
        String name = "Konflikt " + UUID.randomUUID().toString().substring(0, 8);
        long id = createProduct(first, name, "2,00");

        var pageA = first.get("products/edit?id=" + id);
        var pageB = second.get("products/edit?id=" + id);
        assertThat(postMultipart(first, "products/edit?id=" + id, productForm(pageA.body(), name, "4,00")).status()).isEqualTo(302);
        var stale = postMultipart(second, "products/edit?id=" + id, productForm(pageB.body(), name + " B", "5,00"));
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.body()).contains("Someone else changed this product in the meantime.");
        assertThat(queryLong("SELECT price_cents FROM product WHERE id = ?", id)).isEqualTo(400);
        assertThat(queryString("SELECT name FROM product WHERE id = ?", id)).isEqualTo(name);
    }

    @Test
    void anUploadThatIsNoImageIsRejectedAndKeepsThePreviousImage() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long id = queryLong("SELECT p.id FROM product p JOIN tenant t ON t.id = p.tenant_id"
                + " WHERE t.slug = 'sonnenhof' AND p.image_id IS NOT NULL ORDER BY p.id LIMIT 1");
        long image = queryLong("SELECT image_id FROM product WHERE id = ?", id);
        long version = queryLong("SELECT version FROM product WHERE id = ?", id);
        var page = http.get("products/edit?id=" + id);
        Map<String, String> form = productForm(page.body(), queryString("SELECT name FROM product WHERE id = ?", id), "2,50");
        String perKg = queryString("SELECT COALESCE(price_per_kg_cents, '') FROM product WHERE id = ?", id);
        if (!perKg.isEmpty()) { // sold by weight: a price per kg and a weight, no price per unit
            form.put("product:price", "");
            form.put("product:pricePerKg", String.valueOf(Long.parseLong(perKg) / 100.0));
            form.put("product:weight", queryString("SELECT approx_weight_g FROM product WHERE id = ?", id));
        }
        String boundary = "----farmstand" + UUID.randomUUID();
        var response = http.send(http.request("products/edit?id=" + id)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, form, "product:image", "evil.jpg",
                        "<?php echo 'not an image'; ?>".getBytes(StandardCharsets.UTF_8)))));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("The file is not an image.");
        assertThat(queryLong("SELECT image_id FROM product WHERE id = ?", id)).isEqualTo(image);
        // a phone's HEIC photo (or a WebP) is an image, just not one the shop can use: the message says which are
        for (String[] photo : new String[][] {{"IMG_0001.HEIC", "heic", "The HEIC format is not supported"},
                {"carrots.webp", "webp", "The WebP format is not supported"}}) {
            form.putAll(Http.extractHiddenInputs(response.body(), "product"));
            var unsupported = http.send(http.request("products/edit?id=" + id)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, form, "product:image", photo[0],
                            photoHeader(photo[1])))));
            assertThat(unsupported.status()).isEqualTo(200);
            assertThat(unsupported.body()).contains(photo[2] + ": please upload the photo as JPEG or PNG")
                    .doesNotContain("not an image");
        }
        assertThat(queryLong("SELECT image_id FROM product WHERE id = ?", id)).isEqualTo(image);

        // a real picture replaces the image
        form.putAll(Http.extractHiddenInputs(response.body(), "product"));
        var accepted = http.send(http.request("products/edit?id=" + id)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, form, "product:image", "neu.png",
                        png(64, 48)))));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(302);
        assertThat(queryLong("SELECT image_id FROM product WHERE id = ?", id)).isNotEqualTo(image);
    }

    static byte[] png(int width, int height) {
        var picture = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                picture.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | UUID.randomUUID().hashCode() & 0xff);
            }
        }
        var out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(picture, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Posts a form the way a browser posts this multipart form (h:inputFile needs multipart), without a file. */
    static Http.Response postMultipart(Http http, String path, Map<String, String> form) {
        String boundary = "----farmstand" + UUID.randomUUID();
        return http.send(http.request(path)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, form, "product:image", "", new byte[0]))));
    }

    static byte[] multipart(String boundary, Map<String, String> fields, String fileField, String fileName, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (var e : fields.entrySet()) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
                    + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void anotherShopsIdsAreNotFound() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long foreignProduct = queryLong("SELECT p.id FROM product p JOIN tenant t ON t.id = p.tenant_id"
                + " WHERE t.slug = 'lindenhof' ORDER BY p.id LIMIT 1");
        assertThat(http.get("products/edit?id=" + foreignProduct).status()).isEqualTo(404);
        assertThat(http.get("products/edit?id=999999999").status()).isEqualTo(404);
    }

    /** An order placed straight into the database (a customer of our own, one line), booking one place. */
    record PlacedOrder(long id, String number, String email) {
    }

    static PlacedOrder placeOrder(long tourDateId, String street, String productName, int quantity) {
        long tenant = queryLong("SELECT tenant_id FROM tour_date WHERE id = ?", tourDateId);
        long product = queryLong("SELECT id FROM product WHERE tenant_id = ? ORDER BY id LIMIT 1", tenant);
        return placeOrder(tourDateId, street, productName, quantity, product, 0);
    }

    /**
     * An order of {@code quantity} of the product as the placement writes it, {@code stockTaken} of it taken from the
     * product's stock (the caller counts the stock down, as the placement's database call does).
     */
    static PlacedOrder placeOrder(long tourDateId, String street, String productName, int quantity, long product,
                                  int stockTaken) {
        long tenant = queryLong("SELECT tenant_id FROM tour_date WHERE id = ?", tourDateId);
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(java.util.Locale.ROOT);
        String email = "stop-" + tag.toLowerCase(java.util.Locale.ROOT) + "@example.org";
        long customer = insert("INSERT INTO customer (tenant_id, email, password_hash, first_name, last_name, street,"
                + " postcode, city, status, email_verified) VALUES (?, ?, 'x', 'Erika', ?, ?, '79098', 'Freiburg', 'ACTIVE', TRUE)",
                tenant, email, "Muster-" + tag, street);
        long order = insert("INSERT INTO customer_order (tenant_id, order_number, customer_id, tour_date_id, status,"
                + " total_cents, idempotency_key) VALUES (?, ?, ?, ?, 'PLACED', ?, ?)",
                tenant, tag, customer, tourDateId, 250L * quantity, "it-" + tag);
        update("INSERT INTO order_line (tenant_id, order_id, product_id, product_name, unit, quantity, unit_price_cents,"
                + " line_total_cents, stock_taken) VALUES (?, ?, ?, ?, 'PIECE', ?, 250, ?, ?)", tenant, order, product,
                productName, quantity, 250L * quantity, stockTaken);
        update("UPDATE tour_date SET booked = booked + 1 WHERE id = ?", tourDateId);
        return new PlacedOrder(order, tag, email);
    }

    /** Posts {@code capacity} for the first date of the tour's dates page {@code page}; the answer. */
    private static Http.Response resize(Http http, long tour, Http.Response page, String capacity) {
        Map<String, String> form = Http.extractHiddenInputs(page.body(), "dates");
        form.put("dates:table:0:capacity", capacity);
        form.put("dates:table:0:resize", "x");
        return http.post("tours/dates?id=" + tour, form);
    }

    long createTour(Http http) {
        var page = http.get("tours/edit");
        assertThat(page.status()).isEqualTo(200);
        Map<String, String> form = Http.extractHiddenInputs(page.body(), "tour");
        form.put("tour:name", "Testtour " + UUID.randomUUID().toString().substring(0, 6));
        form.put("tour:weekday", "3");
        form.put("tour:postcodes", "79*x!");
        form.put("tour:capacity", "2");
        form.put("tour:cutoffDays", "2");
        form.put("tour:cutoffTime", "18:00");
        form.put("tour:weeksAhead", "3");
        form.put("tour:active", "on");
        form.put("tour:save", "");
        var invalid = http.post("tours/edit", form);
        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.body()).contains("Enter postcodes or prefixes");

        // a pasted list longer than the field holds gets a message; it is not cut in the middle of a postcode
        form.putAll(Http.extractHiddenInputs(invalid.body(), "tour"));
        form.put("tour:postcodes", String.join(", ", java.util.Collections.nCopies(200, "79098")));
        var tooLong = http.post("tours/edit", form);
        assertThat(tooLong.status()).isEqualTo(200);
        assertThat(tooLong.body()).contains("1000").contains("aria-invalid=\"true\"");

        form.putAll(Http.extractHiddenInputs(tooLong.body(), "tour"));
        form.put("tour:postcodes", "99" + (100 + new java.util.Random().nextInt(900)) + ", 98*");
        // a form sent without one of its fields (Faces validates only what was sent; the entity refuses the save):
        // the form again with a message, not the server-error page, and nothing saved
        Map<String, String> noWeekday = new java.util.HashMap<>(form);
        noWeekday.remove("tour:weekday");
        var incomplete = http.post("tours/edit", noWeekday);
        assertThat(incomplete.status()).as(incomplete.body()).isEqualTo(422);
        assertThat(incomplete.body()).contains("Nothing was saved", "weekday").doesNotContain("ConstraintViolation", "at org.");
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM tour WHERE name = ?",
                form.get("tour:name"))).isZero();
        form.putAll(Http.extractHiddenInputs(incomplete.body(), "tour"));
        var saved = http.post("tours/edit", form);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(302);
        assertThat(saved.location().orElseThrow().toString()).contains("tours/dates?id=");
        return Long.parseLong(saved.location().orElseThrow().toString().replaceAll(".*id=(\\d+).*", "$1"));
    }

    /**
     * A tour's new capacity and cut-off reach its dates still open for orders, and the producer is told how many; a
     * new weekday adds its dates and the page says how many of the old weekday's stay.
     */
    @Test
    void aToursNewRuleReachesItsOpenDatesAndThePageSaysSo() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(http);
        var edit = http.get("tours/edit?id=" + tour);
        assertThat(edit.body()).contains("also applies to the dates still open for orders");
        Map<String, String> form = Http.extractHiddenInputs(edit.body(), "tour");
        form.put("tour:name", queryString("SELECT name FROM tour WHERE id = ?", tour));
        form.put("tour:weekday", "3");
        form.put("tour:postcodes", queryString("SELECT postcodes FROM tour WHERE id = ?", tour));
        form.put("tour:capacity", "4");
        form.put("tour:cutoffDays", "1");
        form.put("tour:cutoffTime", "18:00");
        form.put("tour:weeksAhead", "3");
        form.put("tour:active", "on");
        form.put("tour:save", "");
        long open = queryLong("SELECT COUNT(*) FROM tour_date WHERE tour_id = ? AND cutoff_at > NOW()", tour);
        assertThat(open).isPositive();
        var saved = http.post("tours/edit?id=" + tour, form);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(302);
        assertThat(http.get("tours/dates?id=" + tour).body())
                .contains(open == 1 ? "One upcoming date follows" : open + " upcoming dates follow");
        assertThat(queryLong("SELECT COUNT(*) FROM tour_date WHERE tour_id = ? AND cutoff_at > NOW()"
                // the day before at 18:00 in Germany is 6 to 8 hours before the delivery day begins (the old rule: 30+)
                + " AND (capacity <> 4 OR TIMESTAMPDIFF(HOUR, cutoff_at, delivery_date) NOT BETWEEN 4 AND 10)", tour))
                .isZero();

        form.putAll(Http.extractHiddenInputs(http.get("tours/edit?id=" + tour).body(), "tour"));
        form.put("tour:weekday", "5");
        assertThat(http.post("tours/edit?id=" + tour, form).status()).isEqualTo(302);
        assertThat(http.get("tours/dates?id=" + tour).body())
                .containsPattern("(One date|[0-9]+ dates) on the old weekday");
        assertThat(queryLong("SELECT COUNT(*) FROM tour_date WHERE tour_id = ? AND DAYOFWEEK(delivery_date) = 6", tour))
                .as("Fridays added").isPositive();
    }

    /**
     * A refused capacity on the tour's dates page is told at the date's own field, not only at the top of a long
     * table: the message names the date, stands in that date's row, and the field is marked invalid for screen
     * readers (aria-invalid), with what was typed still in it; a capacity that is no whole number likewise.
     */
    @Test
    void aRefusedCapacityNamesItsDateAndMarksItsField() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(http);
        long date = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1", tour);
        placeOrder(date, "Feldweg 2", "Brot", 1);

        var refused = resize(http, tour, http.get("tours/dates?id=" + tour), "0");
        assertThat(refused.status()).isEqualTo(200);
        String row = firstDateRow(refused.body());
        // the date links to its orders
        String day = row.replaceAll("(?s)^.*?<td>\\s*<a [^>]*>([^<]+)</a>.*$", "$1").trim();
        assertThat(day).as(row).matches("\\w{3} \\d{1,2} \\w{3} \\d{4}"); // "Tue 1 Dec 2026", as the table shows it
        assertThat(row).contains("The capacity on " + day
                + " cannot be below the places already booked and held (1).");
        assertThat(capacityInput(row)).contains("aria-invalid=\"true\"").contains("value=\"0\"");
        // said once, at the field: not also in the page's messages at the top
        assertThat(refused.body().split("cannot be below", -1)).hasSize(2);
        assertThat(capacityInput(secondDateRow(refused.body()))).doesNotContain("aria-invalid=\"true\"");
        assertThat(queryLong("SELECT capacity FROM tour_date WHERE id = ?", date)).isEqualTo(2);

        var notANumber = resize(http, tour, refused, "1.5");
        row = firstDateRow(notANumber.body());
        assertThat(row).contains(day + ": Enter the capacity as a whole number of places.");
        assertThat(capacityInput(row)).contains("aria-invalid=\"true\"");

        // once accepted, the field is no longer marked
        var changed = resize(http, tour, notANumber, "5");
        assertThat(changed.body()).contains("Capacity changed.");
        assertThat(capacityInput(firstDateRow(changed.body()))).doesNotContain("aria-invalid=\"true\"")
                .contains("value=\"5\"");
    }

    /** The table row of the tour dates page's first date, as HTML. */
    private static String firstDateRow(String page) {
        return dateRow(page, 0);
    }

    private static String secondDateRow(String page) {
        return dateRow(page, 1);
    }

    private static String dateRow(String page, int index) {
        int field = page.indexOf("id=\"dates:table:" + index + ":capacity\"");
        assertThat(field).as(page).isPositive();
        int start = page.lastIndexOf("<tr", field);
        return page.substring(start, page.indexOf("</tr>", field));
    }

    /** The capacity field's tag in a row. */
    private static String capacityInput(String row) {
        int id = row.indexOf(":capacity\"");
        return row.substring(row.lastIndexOf("<input", id), row.indexOf(">", id) + 1);
    }

    /** Every column of the tour tables has a header (the links' and buttons' columns one for screen readers). */
    @Test
    void everyColumnOfTheTourTablesHasAHeader() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long tour = queryLong("SELECT id FROM tour WHERE tenant_id = (SELECT id FROM tenant WHERE slug = 'sonnenhof')"
                + " ORDER BY id LIMIT 1");
        String list = http.get("tours/list").body();
        assertThat(list).doesNotContainPattern("<th[^>]*>\\s*</th>")
                .containsPattern("<th[^>]*>\\s*<span class=\"visually-hidden\">Dates of the tour</span>\\s*</th>");
        String dates = http.get("tours/dates?id=" + tour).body();
        assertThat(dates).doesNotContainPattern("<th[^>]*>\\s*</th>")
                .containsPattern("<th[^>]*>\\s*<span class=\"visually-hidden\">Cancel the date</span>\\s*</th>");
    }

    @Test
    void producerRunsATourDateFromListsToHolidayCancellation() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(http);
        assertThat(queryLong("SELECT COUNT(*) FROM tour_date WHERE tour_id = ?", tour)).isPositive();
        long date = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1", tour);
        PlacedOrder order = placeOrder(date, "Feldweg 1; Hinterhaus", "Käse \"alt\"; gerieben", 3);

        var orders = http.get("orders/date?id=" + date);
        assertThat(orders.status()).isEqualTo(200);
        assertThat(orders.body()).contains(order.number(), "1 / 2");

        var picking = http.get("orders/export/picking.csv?date=" + date);
        assertThat(picking.status()).isEqualTo(200);
        assertThat(picking.header("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(picking.body()).startsWith("\uFEFFProduct;Unit;Quantity;Weight\r\n")
                .contains("\"Käse \"\"alt\"\"; gerieben\";piece;3;\r\n"); // priced per unit: no weight
        var delivery = http.get("orders/export/delivery.csv?date=" + date);
        assertThat(delivery.body()).startsWith("\uFEFFStop;Order;Customer;Address;Phone;Delivery note;Items;Total\r\n")
                .contains("1;" + order.number() + ";Erika Muster-" + order.number()
                        + ";\"Feldweg 1; Hinterhaus, 79098 Freiburg\";;;\"3 × Käse \"\"alt\"\"; gerieben\";€7.50\r\n");
        for (String pdf : new String[]{"picking.pdf", "delivery.pdf"}) {
            var response = http.get("orders/export/" + pdf + "?date=" + date);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type").orElseThrow()).isEqualTo("application/pdf");
            assertThat(response.body()).startsWith("%PDF");
        }

        // capacity: not below booked, otherwise changed
        var dates = http.get("tours/dates?id=" + tour);
        assertThat(dates.status()).isEqualTo(200);
        var refused = resize(http, tour, dates, "0");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("cannot be below the places already booked and held (1)");
        assertThat(queryLong("SELECT capacity FROM tour_date WHERE id = ?", date)).isEqualTo(2);
        // not a whole number: a message at the field, nothing changed
        var notANumber = resize(http, tour, refused, "1.5");
        assertThat(notANumber.status()).isEqualTo(200);
        assertThat(notANumber.body()).contains("Enter the capacity as a whole number of places.");
        assertThat(queryLong("SELECT capacity FROM tour_date WHERE id = ?", date)).isEqualTo(2);
        assertThat(resize(http, tour, notANumber, "30").body()).contains("Capacity changed.");
        assertThat(queryLong("SELECT capacity FROM tour_date WHERE id = ?", date)).isEqualTo(30);
        // audited in the change's transaction: the refused resize left no event
        assertThat(queryLong("SELECT COUNT(*) FROM audit_event WHERE entity = 'tour' AND entity_id = ? AND action = 'created'"
                + " AND actor = 'owner@sonnenhof.example'", tour)).isEqualTo(1);
        assertThat(queryString("SELECT GROUP_CONCAT(detail) FROM audit_event WHERE entity = 'tour_date' AND entity_id = ?"
                + " AND action = 'resized'", date)).endsWith("|n:2|n:30").doesNotContain(",");

        // holiday: the date is cancelled, its order too, the place released, the customer mailed
        long version = contentVersion("sonnenhof");
        Map<String, String> form = Http.extractHiddenInputs(http.get("tours/dates?id=" + tour).body(), "dates");
        form.put("dates:table:0:cancel", "x");
        var cancelled = http.post("tours/dates?id=" + tour, form);
        assertThat(cancelled.body()).contains("Date cancelled; 1 order cancelled");
        assertThat(queryString("SELECT status FROM tour_date WHERE id = ?", date)).isEqualTo("CANCELLED");
        assertThat(queryString("SELECT status FROM customer_order WHERE id = ?", order.id())).isEqualTo("CANCELLED");
        assertThat(queryLong("SELECT booked FROM tour_date WHERE id = ?", date)).isZero();
        assertThat(queryLong("SELECT COUNT(*) FROM outbox_mail WHERE recipient = ? AND subject LIKE ?",
                order.email(), "%" + order.number() + "%")).isEqualTo(1);
        // the customer has no stored language: the shop's default, German, and only German
        assertThat(queryString("SELECT CONCAT(subject, '\n', body) FROM outbox_mail WHERE recipient = ?", order.email()))
                .startsWith("Stornierung " + order.number() + " – Sonnenhof\nHallo Erika,")
                .contains("wurde vom Hof storniert: Der Liefertermin entfällt.").doesNotContain("Hello", "cancelled");
        assertThat(contentVersion("sonnenhof")).isGreaterThan(version);
        // the audit log reads in its reader's language, with the plural right
        assertThat(queryString("SELECT detail FROM audit_event WHERE entity = 'tour_date' AND entity_id = ?"
                + " AND action = 'cancelled'", date)).startsWith("i18n:audit.detail.tour_date.cancelled|");
        String tourName = queryString("SELECT name FROM tour WHERE id = ?", tour);
        assertThat(get(http, "audit/list?entity=tour_date", "de").body())
                .contains(tourName + " ", ", 1 Bestellung storniert", ": 2 → 30").doesNotContain("orders cancelled");
        assertThat(get(http, "audit/list?entity=tour_date", "en").body())
                .contains(", 1 order cancelled", ": 2 → 30").doesNotContain("1 orders", "i18n:");

        // an extra date: not decades ahead (a message, not an error page), then one in 40 days
        form = Http.extractHiddenInputs(cancelled.body(), "extra");
        form.put("extra:date", "2099-12-31");
        form.put("extra:add", "x");
        var tooFar = http.post("tours/dates?id=" + tour, form);
        assertThat(tooFar.status()).isEqualTo(200);
        assertThat(tooFar.body()).contains("Choose a date in the future, at most two years ahead.");
        assertThat(queryLong("SELECT COUNT(*) FROM tour_date WHERE tour_id = ? AND delivery_date = '2099-12-31'", tour))
                .isZero();
        // tomorrow, with the tour's cut-off two days before at 18:00: it has passed, customers could never order
        // for it; refused with a message on the field that names the cut-off (in the producer's language)
        java.time.LocalDate tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")).plusDays(1);
        form = Http.extractHiddenInputs(tooFar.body(), "extra");
        form.put("extra:date", tomorrow.toString());
        form.put("extra:add", "x");
        var pastCutoff = http.post("tours/dates?id=" + tour, form);
        assertThat(pastCutoff.status()).isEqualTo(200);
        assertThat(pastCutoff.body()).contains("Ordering for this date would have closed on", "which has already passed")
                .doesNotContain("Extra date added.");
        assertThat(pastCutoff.body().replaceAll("\\s+", " ")).containsPattern("closed on [^<]*18:00");
        // (a page shown in German, posted in German)
        form = Http.extractHiddenInputs(get(http, "tours/dates?id=" + tour, "de").body(), "extra");
        form.put("extra:date", tomorrow.toString());
        form.put("extra:add", "x");
        var pastCutoffDe = post(http, "tours/dates?id=" + tour, form, "de");
        assertThat(pastCutoffDe.body()).contains("Der Bestellschluss für diesen Termin wäre am", "18:00 gewesen", "ist schon vorbei")
                .doesNotContain("Zusatztermin angelegt.");
        assertThat(queryLong("SELECT COUNT(*) FROM tour_date WHERE tour_id = ? AND delivery_date = ?", tour,
                tomorrow.toString())).isZero();
        form = Http.extractHiddenInputs(http.get("tours/dates?id=" + tour).body(), "extra");
        String extra = java.time.LocalDate.now().plusDays(40).toString();
        form.put("extra:date", extra);
        form.put("extra:add", "x");
        assertThat(http.post("tours/dates?id=" + tour, form).body()).contains("Extra date added.");
        assertThat(queryLong("SELECT COUNT(*) FROM tour_date WHERE tour_id = ? AND delivery_date = ? AND extra", tour, extra))
                .isEqualTo(1);
        assertThat(queryLong("SELECT COUNT(*) FROM audit_event WHERE entity = 'tour_date' AND action = 'added' AND entity_id ="
                + " (SELECT id FROM tour_date WHERE tour_id = ? AND delivery_date = ?)", tour, extra)).isEqualTo(1);
    }

    /**
     * A date cancelled by mistake, or a holiday delivered after all, comes back by adding its day again (the tour keeps
     * one date per day: adding it answered "already has this date" for good). Its orders stay cancelled.
     */
    @Test
    void aCancelledDateIsOpenedAgainByAddingItsDay() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(http);
        long dates = queryLong("SELECT COUNT(*) FROM tour_date WHERE tour_id = ?", tour);
        long date = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date DESC LIMIT 1", tour);
        String day = queryString("SELECT delivery_date FROM tour_date WHERE id = ?", date);
        PlacedOrder order = placeOrder(date, "Feldweg 2", "Möhren", 1);
        Map<String, String> form = Http.extractHiddenInputs(http.get("tours/dates?id=" + tour).body(), "dates");
        form.put("dates:table:" + (dates - 1) + ":cancel", "x");
        assertThat(http.post("tours/dates?id=" + tour, form).body()).contains("Date cancelled; 1 order cancelled");
        assertThat(queryString("SELECT status FROM tour_date WHERE id = ?", date)).isEqualTo("CANCELLED");

        // staff add its day again (adding dates is theirs): the same date opens with the tour's capacity
        Http staff = signedIn("staff@sonnenhof.example", "sonnenhof-demo");
        long version = contentVersion("sonnenhof");
        form = Http.extractHiddenInputs(staff.get("tours/dates?id=" + tour).body(), "extra");
        form.put("extra:date", day);
        form.put("extra:add", "x");
        var reopened = staff.post("tours/dates?id=" + tour, form);
        assertThat(reopened.status()).isEqualTo(200);
        assertThat(reopened.body()).contains("The cancelled date is open for orders again.")
                .doesNotContain("already has this date");
        assertThat(queryString("SELECT status FROM tour_date WHERE id = ?", date)).isEqualTo("OPEN");
        assertThat(queryLong("SELECT capacity FROM tour_date WHERE id = ?", date)).isEqualTo(2);
        assertThat(queryLong("SELECT booked + held FROM tour_date WHERE id = ?", date)).isZero();
        assertThat(queryLong("SELECT COUNT(*) FROM tour_date WHERE cutoff_at > NOW() AND id = ?", date)).isEqualTo(1);
        assertThat(queryLong("SELECT COUNT(*) FROM tour_date WHERE tour_id = ?", tour)).isEqualTo(dates);
        assertThat(queryString("SELECT status FROM customer_order WHERE id = ?", order.id())).isEqualTo("CANCELLED");
        assertThat(contentVersion("sonnenhof")).isGreaterThan(version);
        assertThat(get(http, "audit/list?entity=tour_date", "en").body()).contains("opened again, capacity 2");
        assertThat(get(http, "audit/list?entity=tour_date", "de").body()).contains("wieder geöffnet, Kapazität 2");

        // an open date is not added twice
        form = Http.extractHiddenInputs(reopened.body(), "extra");
        form.put("extra:date", day);
        form.put("extra:add", "x");
        assertThat(staff.post("tours/dates?id=" + tour, form).body()).contains("This tour already has this date.");
        assertThat(queryLong("SELECT COUNT(*) FROM audit_event WHERE entity = 'tour_date' AND entity_id = ?"
                + " AND action = 'reopened'", date)).isEqualTo(1);
    }

    /**
     * The producer's delivery note on a customer ("where to leave the box") is printed on the delivery lists of their
     * orders, defused for spreadsheets; a colleague's note is not overwritten by a page shown before it was saved.
     */
    @Test
    void aDeliveryNoteOnACustomerIsPrintedOnTheDeliveryLists() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(http);
        long date = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1", tour);
        PlacedOrder order = placeOrder(date, "Feldweg 3", "Möhren", 2);
        long customer = queryLong("SELECT customer_id FROM customer_order WHERE id = ?", order.id());
        String path = "customers/detail?id=" + customer;
        String note = "=Kiste hinter das Gartentor; <b>zweimal</b> klingeln";
        Map<String, String> stale = Http.extractHiddenInputs(http.get(path).body(), "note"); // the owner's, before

        // staff write it (surrounding blanks dropped); the page shows the street with the address, and the note escaped
        Http staff = signedIn("staff@sonnenhof.example", "sonnenhof-demo");
        var page = staff.get(path);
        assertThat(page.body()).contains("Feldweg 3, 79098 Freiburg", "Note for the deliveries");
        Map<String, String> form = Http.extractHiddenInputs(page.body(), "note");
        form.put("note:text", "  " + note + "  ");
        form.put("note:saveNote", "");
        assertThat(staff.post(path, form).status()).isEqualTo(302);
        assertThat(queryString("SELECT notes FROM customer WHERE id = ?", customer)).isEqualTo(note);
        assertThat(staff.get(path).body()).contains("Delivery note saved.", "&lt;b&gt;zweimal&lt;/b&gt;")
                .doesNotContain("<b>zweimal</b>");

        // on the driver's list, in both languages, a formula-looking note with a leading apostrophe
        assertThat(http.get("orders/export/delivery.csv?date=" + date).body())
                .contains(";Phone;Delivery note;Items;Total\r\n")
                .contains(";\"'" + note + "\";2 × Möhren;€5.00\r\n");
        assertThat(get(http, "orders/export/delivery.csv?date=" + date, "de").body())
                .contains(";Telefon;Lieferhinweis;Artikel;Summe\r\n");
        assertThat(http.get("orders/export/delivery.pdf?date=" + date).status()).isEqualTo(200);
        // and on the order's page (packing), which leads to the customer's page where it is edited
        assertThat(http.get("orders/detail?id=" + order.id()).body()).contains("Delivery note:",
                "=Kiste hinter das Gartentor; &lt;b&gt;zweimal&lt;/b&gt;", "customers/detail?id=" + customer + "\"");

        // the owner's page from before: refused, the colleague's note stays and is named, the text typed is kept
        stale.put("note:text", "Beim Nachbarn abgeben");
        stale.put("note:saveNote", "");
        var refused = http.post(path, stale);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("Someone else changed this customer's delivery note",
                "&lt;b&gt;zweimal&lt;/b&gt;", "Beim Nachbarn abgeben");
        assertThat(queryString("SELECT notes FROM customer WHERE id = ?", customer)).isEqualTo(note);
        assertThat(get(http, "audit/list?entity=customer", "en").body()).contains(": =Kiste hinter das Gartentor");

        // too long: a field message, nothing saved; blank: removed
        form = Http.extractHiddenInputs(staff.get(path).body(), "note");
        form.put("note:text", "x".repeat(501));
        form.put("note:saveNote", "");
        var tooLong = staff.post(path, form);
        assertThat(tooLong.status()).isEqualTo(200);
        assertThat(tooLong.body()).contains("500");
        assertThat(queryString("SELECT notes FROM customer WHERE id = ?", customer)).isEqualTo(note);
        form = Http.extractHiddenInputs(tooLong.body(), "note");
        form.put("note:text", "   ");
        form.put("note:saveNote", "");
        assertThat(staff.post(path, form).status()).isEqualTo(302);
        assertThat(queryString("SELECT notes FROM customer WHERE id = ?", customer)).isNull();
        assertThat(get(http, "audit/list?entity=customer", "de").body()).contains(": entfernt");
    }

    /**
     * Places held for waiting-list offers are taken in the shop: the date lists and the date's page say so beside
     * "booked / capacity" (they showed "0 / 2" for a date the shop showed as full, under a full bar).
     */
    @Test
    void placesHeldForOffersAreShownBesideTheBookedOnes() {
        Http http = signedIn("staff@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(http);
        // its first date: within the next week, so among the dates the orders list shows whatever other tests added
        long date = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1", tour);
        assertThat(text(get(http, "orders/date?id=" + date, "en")).replaceAll("\\s+", " ")).contains("Booked / capacity: 0 / 2")
                .doesNotContain("held for");
        update("UPDATE tour_date SET held = 2 WHERE id = ?", date);
        try {
            assertThat(text(get(http, "orders/date?id=" + date, "en")).replaceAll("\\s+", " "))
                    .contains("Booked / capacity: 0 / 2 (+ 2 held for offers)");
            assertThat(text(get(http, "orders/date?id=" + date, "de")).replaceAll("\\s+", " "))
                    .contains("Gebucht / Kapazität: 0 / 2 (+ 2 für Angebote reserviert)");
            String list = get(http, "orders/list", "en").body();
            String row = list.substring(list.indexOf("orders/date?id=" + date + "\""));
            assertThat(row.substring(0, row.indexOf("</tr>")).replaceAll("\\s+", " "))
                    .contains("0 / 2", "(+ 2 held for offers)");
            update("UPDATE tour_date SET held = 1 WHERE id = ?", date);
            assertThat(text(get(http, "orders/date?id=" + date, "en")).replaceAll("\\s+", " "))
                    .contains("(+ 1 held for an offer)");
        } finally {
            update("UPDATE tour_date SET held = 0 WHERE id = ?", date);
        }
    }

    /**
     * The orders list shows the next 60 dates; with more (tours generate up to 26 weeks ahead) it says where the later
     * ones are, and a tour's dates page links every date to its orders: a later date's orders were reachable from
     * nowhere.
     */
    @Test
    void theOrdersOfEveryUpcomingDateCanBeReached() {
        Http http = signedIn("staff@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(http);
        long tenant = queryLong("SELECT tenant_id FROM tour WHERE id = ?", tour);
        java.time.LocalDate far = java.time.LocalDate.now().plusWeeks(40);
        try {
            for (int i = 0; i < 61; i++) {
                update("INSERT INTO tour_date (tenant_id, tour_id, delivery_date, capacity, cutoff_at, extra)"
                        + " VALUES (?, ?, ?, 2, ?, TRUE)", tenant, tour, far.plusDays(i).toString(),
                        far.plusDays(i - 2) + " 17:00:00");
            }
            long last = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date DESC LIMIT 1", tour);
            assertThat(get(http, "orders/list", "en").body())
                    .contains("Only the next 60 delivery dates are listed here.")
                    .doesNotContain("orders/date?id=" + last + "\"");
            assertThat(get(http, "orders/list", "de").body()).contains("Hier stehen nur die nächsten 60 Liefertermine.");
            // the tour's dates page leads to the date's orders and lists
            assertThat(http.get("tours/dates?id=" + tour).body()).contains("orders/date?id=" + last + "\"");
            assertThat(http.get("orders/date?id=" + last).status()).isEqualTo(200);
        } finally {
            update("DELETE FROM tour_date WHERE tour_id = ? AND delivery_date >= ?", tour, far.toString());
        }
    }

    /** A date whose order cut-off has passed says so in the lists, instead of "open" (nobody can order for it). */
    @Test
    void aDatePastItsCutoffIsShownAsClosedForOrders() {
        Http http = signedIn("staff@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(http);
        long first = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1", tour);
        long last = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date DESC LIMIT 1", tour);
        update("UPDATE tour_date SET cutoff_at = NOW() - INTERVAL 1 HOUR WHERE id = ?", first);

        String dates = get(http, "tours/dates?id=" + tour, "en").body();
        assertThat(row(dates, "data-date-id=\"" + first + "\"")).contains("ordering closed").doesNotContain(">open<");
        assertThat(row(dates, "data-date-id=\"" + last + "\"")).doesNotContain("ordering closed");
        assertThat(row(get(http, "orders/list", "de").body(), "orders/date?id=" + first + "\""))
                .contains("Bestellschluss vorbei");
        assertThat(row(get(http, "orders/list", "en").body(), "orders/date?id=" + first + "\""))
                .contains("ordering closed");
    }

    /** The table row of {@code page} around the first place {@code marker} occurs. */
    private static String row(String page, String marker) {
        int at = page.indexOf(marker);
        assertThat(at).as(marker).isNotNegative();
        return page.substring(page.lastIndexOf("<tr", at), page.indexOf("</tr>", at));
    }

    @Test
    void producerMovesAnOrderThroughItsStatusesAndCancelsIt() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(http);
        long date = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1", tour);
        PlacedOrder order = placeOrder(date, "Hauptstraße 5", "Möhren", 2);

        var detail = http.get("orders/detail?id=" + order.id());
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains(order.number(), "Hauptstraße 5", "Möhren");
        Map<String, String> form = Http.extractHiddenInputs(detail.body(), "status");
        form.put("status:next:0:to", "");
        var confirmed = http.post("orders/detail?id=" + order.id(), form);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(302);
        assertThat(queryString("SELECT status FROM customer_order WHERE id = ?", order.id())).isEqualTo("CONFIRMED");

        detail = http.get("orders/detail?id=" + order.id());
        form = Http.extractHiddenInputs(detail.body(), "status");
        form.put("status:next:1:to", "");
        assertThat(http.post("orders/detail?id=" + order.id(), form).status()).isEqualTo(302);
        assertThat(queryString("SELECT status FROM customer_order WHERE id = ?", order.id())).isEqualTo("CANCELLED");
        assertThat(queryLong("SELECT booked FROM tour_date WHERE id = ?", date)).isZero();
        assertThat(queryLong("SELECT COUNT(*) FROM outbox_mail WHERE recipient = ?", order.email())).isEqualTo(1);
        assertThat(http.get("orders/detail?id=" + order.id()).body()).doesNotContain("status:next");
        assertThat(queryString("SELECT GROUP_CONCAT(action ORDER BY id) FROM audit_event WHERE entity = 'order' AND entity_id = ?",
                order.id())).isEqualTo("status,cancelled");
    }

    /**
     * The customer cancels the order at the moment the producer confirms or cancels it (here a transaction holds the
     * order's row, as the customer's cancel does, until the producer's change waits for it): the producer's change
     * waits, finds the order cancelled and says so, and the page shows the order as it is now (no Confirm or Cancel);
     * no error page. The place is given back once (by the customer), the farm writes no second mail, audits nothing.
     * A customer's change of quantities meanwhile (the order's version, not its status) is waited for too, and the
     * producer's confirmation then goes through.
     */
    @Test
    void aCustomersCancelAtTheMomentOfTheProducersStatusChangeIsAMessageNotAServerError() throws Exception {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(http);
        long date = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1", tour);
        for (int button : new int[]{0, 1}) { // Confirm order, Cancel order
            PlacedOrder order = placeOrder(date, "Hauptstraße 11", "Möhren", 2);
            long booked = queryLong("SELECT booked FROM tour_date WHERE id = ?", date);
            String path = "orders/detail?id=" + order.id();
            Map<String, String> form = Http.extractHiddenInputs(get(http, path, "en").body(), "status");
            form.put("status:next:" + button + ":to", "");
            int mark = serverLogMark(http);

            Http.Response answer = whileTheCustomerHoldsTheOrder(order.id(), () -> post(http, path, form, "en"),
                    "UPDATE customer_order SET status = 'CANCELLED', version = version + 1 WHERE id = " + order.id(),
                    "UPDATE tour_date SET booked = booked - 1 WHERE id = " + date);

            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.body()).contains("This status change is not possible any more: the order was changed"
                    + " meanwhile and is now cancelled.").doesNotContain("status:next", "Caused by", "\tat ");
            assertThat(answer.body().replaceAll("\\s+", " ")).contains("<strong id=\"currentStatus\">cancelled</strong>");
            assertThat(queryString("SELECT status FROM customer_order WHERE id = ?", order.id())).isEqualTo("CANCELLED");
            assertThat(queryLong("SELECT booked FROM tour_date WHERE id = ?", date)).isEqualTo(booked - 1);
            assertThat(queryLong("SELECT COUNT(*) FROM outbox_mail WHERE recipient = ?", order.email())).isZero();
            assertThat(queryLong("SELECT COUNT(*) FROM audit_event WHERE entity = 'order' AND entity_id = ?",
                    order.id())).isZero();
            assertThat(serverLogSince(http, mark)).filteredOn(line -> line.contains("\tSEVERE\t")).isEmpty();
        }

        PlacedOrder order = placeOrder(date, "Hauptstraße 13", "Möhren", 2);
        String path = "orders/detail?id=" + order.id();
        Map<String, String> form = Http.extractHiddenInputs(get(http, path, "en").body(), "status");
        form.put("status:next:0:to", "");
        Http.Response answer = whileTheCustomerHoldsTheOrder(order.id(), () -> post(http, path, form, "en"),
                "UPDATE order_line SET quantity = 3, line_total_cents = 750 WHERE order_id = " + order.id(),
                "UPDATE customer_order SET total_cents = 750, version = version + 1 WHERE id = " + order.id());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(302);
        assertThat(queryString("SELECT CONCAT(status, ':', total_cents) FROM customer_order WHERE id = ?", order.id()))
                .isEqualTo("CONFIRMED:750");
    }

    /**
     * The customer cancels an order at the moment the owner cancels its date (here a transaction holds the order's
     * row, as the customer's cancel does first, with the order cancelled): the date's cancellation waits for it, in
     * the customers' lock order (order, then date), and cancels only the orders still active, not that one again; no
     * error page. Every place is given back once, and the farm mails only the customer whose order it cancelled.
     */
    @Test
    void aCustomersCancelAtTheMomentTheOwnerCancelsTheDateIsWaitedForAndNotCancelledTwice() throws Exception {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(http);
        long date = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1", tour);
        PlacedOrder mine = placeOrder(date, "Hauptstraße 17", "Möhren", 2);
        PlacedOrder other = placeOrder(date, "Hauptstraße 19", "Möhren", 1);
        Map<String, String> dates = Http.extractHiddenInputs(get(http, "tours/dates?id=" + tour, "en").body(), "dates");
        dates.put("dates:table:0:cancel", "x");
        int mark = serverLogMark(http);

        Http.Response answer = whileTheCustomerHoldsTheOrder(mine.id(),
                () -> post(http, "tours/dates?id=" + tour, dates, "en"),
                "UPDATE customer_order SET status = 'CANCELLED', version = version + 1 WHERE id = " + mine.id());
        // the rest of the customer's cancel: its place back (after the date's row, which the owner's change held)
        update("UPDATE tour_date SET booked = booked - 1 WHERE id = ?", date);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body()).contains("Date cancelled; 1 order cancelled").doesNotContain("Caused by");
        assertThat(queryString("SELECT status FROM tour_date WHERE id = ?", date)).isEqualTo("CANCELLED");
        assertThat(queryString("SELECT GROUP_CONCAT(status ORDER BY id) FROM customer_order WHERE id IN (?, ?)",
                mine.id(), other.id())).isEqualTo("CANCELLED,CANCELLED");
        assertThat(queryLong("SELECT booked FROM tour_date WHERE id = ?", date)).isZero();
        assertThat(queryLong("SELECT COUNT(*) FROM outbox_mail WHERE recipient = ?", mine.email())).isZero();
        assertThat(queryLong("SELECT COUNT(*) FROM outbox_mail WHERE recipient = ?", other.email())).isEqualTo(1);
        assertThat(serverLogSince(http, mark)).filteredOn(line -> line.contains("\tSEVERE\t")).isEmpty();
    }

    /**
     * A status change shown on a page from before the customer cancelled (the order changed between the page and the
     * click) is refused with the reason, and the page shows the order as it is now, not the old status and buttons.
     */
    @Test
    void aStatusChangeRefusedBecauseTheCustomerCancelledShowsTheOrderAsItIsNow() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(http);
        long date = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1", tour);
        PlacedOrder order = placeOrder(date, "Hauptstraße 15", "Möhren", 2);
        String path = "orders/detail?id=" + order.id();
        Map<String, String> form = Http.extractHiddenInputs(get(http, path, "de").body(), "status");
        form.put("status:next:0:to", ""); // Bestellung bestätigen
        update("UPDATE customer_order SET status = 'CANCELLED', version = version + 1 WHERE id = ?", order.id());

        var refused = post(http, path, form, "de");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("Diese Statusänderung ist nicht mehr möglich: Die Bestellung wurde"
                + " inzwischen geändert und ist jetzt storniert.").doesNotContain("status:next");
        assertThat(refused.body().replaceAll("\\s+", " ")).contains("<strong id=\"currentStatus\">storniert</strong>");
        assertThat(queryString("SELECT status FROM customer_order WHERE id = ?", order.id())).isEqualTo("CANCELLED");
    }

    /**
     * Posts the producer's change ({@code post}) while another transaction, as the customer's cancel or change would,
     * has locked the order's row and run {@code statements}; commits them once the post waits for a row, and returns
     * the post's answer.
     */
    static Http.Response whileTheCustomerHoldsTheOrder(long orderId, java.util.concurrent.Callable<Http.Response> post,
                                                       String... statements) throws Exception {
        try (Connection customer = ItEnvironment.jdbc()) {
            customer.setAutoCommit(false);
            try (PreparedStatement lock = customer.prepareStatement(
                    "SELECT id FROM customer_order WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, orderId);
                lock.executeQuery().close();
            }
            for (String statement : statements) {
                try (PreparedStatement st = customer.prepareStatement(statement)) {
                    st.executeUpdate();
                }
            }
            var answer = new java.util.concurrent.FutureTask<>(post);
            new Thread(answer, "producer-changes-status").start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int waiting = waitingForRows(customer);
            while (waiting == 0 && System.nanoTime() < deadline && !answer.isDone()) {
                ItEnvironment.pause(Duration.ofMillis(200));
                waiting = waitingForRows(customer);
            }
            assertThat(waiting).as("the producer's change waits for the order (answered already: %s)",
                    answer.isDone()).isPositive();
            customer.commit();
            return answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Adds a line sold by weight to an order: 3 pieces of about 500 g at 28.90 per kg, estimated 3 x 14.45. */
    static long addLineSoldByWeight(PlacedOrder order, String productName) {
        long tenant = queryLong("SELECT tenant_id FROM customer_order WHERE id = ?", order.id());
        long product = queryLong("SELECT id FROM product WHERE tenant_id = ? ORDER BY id LIMIT 1", tenant);
        long line = insert("INSERT INTO order_line (tenant_id, order_id, product_id, product_name, unit, quantity,"
                + " unit_price_cents, line_total_cents, price_per_kg_cents, approx_weight_g)"
                + " VALUES (?, ?, ?, ?, 'PIECE', 3, 1445, 4335, 2890, 500)", tenant, order.id(), product, productName);
        update("UPDATE customer_order SET total_cents = total_cents + 4335 WHERE id = ?", order.id());
        return line;
    }

    /**
     * Packing: staff enter what a line sold by weight weighed (kg in the page's language, checked per field); its
     * amount becomes weight x the price per kg it was ordered at, the total follows, both are estimates ("approx.",
     * "ca.") until then; the weighing is audited and puts the order into the API's change feed. A form from before
     * another weighing is refused, and so is weighing a cancelled order; the picking and delivery lists show the
     * weights and whether they are estimates.
     */
    @Test
    void producerWeighsALineSoldByWeightAndTheOrderChargesTheWeighedAmount() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(http);
        long date = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1", tour);
        PlacedOrder order = placeOrder(date, "Hauptstraße 7", "Möhren", 2); // priced per unit: 2 x 2.50
        long line = addLineSoldByWeight(order, "Bergkäse");
        String path = "orders/detail?id=" + order.id();

        var english = get(http, path, "en");
        assertThat(text(english)).contains("Total: approx. €48.35", "approx. €43.35", "€28.90 / kg", "approx. 1.5 kg",
                "name=\"weigh:lines:1:weight\"").doesNotContain("name=\"weigh:lines:0:weight\"");
        assertThat(text(get(http, "orders/date?id=" + date, "en"))).contains("approx. €48.35");
        assertThat(text(get(http, "customers/detail?id=" + queryLong("SELECT customer_id FROM customer_order"
                + " WHERE id = ?", order.id()), "de"))).contains("ca. 48,35\u00A0€");
        assertThat(get(http, "orders/export/picking.csv?date=" + date, "en").body())
                .contains("Bergkäse;piece;3;approx. 1.5 kg\r\n");
        assertThat(get(http, "orders/export/delivery.csv?date=" + date, "en").body())
                .contains("3 × Bergkäse (approx. 1.5 kg)", ";approx. €48.35\r\n");
        long seq = queryLong("SELECT change_seq FROM customer_order WHERE id = ?", order.id());

        // refused with a message at the field, nothing written: the other language's separator, grams typed as kg,
        // zero, more than three decimals
        Map<String, String> form = Http.extractHiddenInputs(english.body(), "weigh");
        form.put("weigh:save", "");
        String[][] wrong = {{"1,5", "Bergkäse: enter the weight in kg, such as 1.25."},
                {"1500", "Bergkäse: at most 7.5 kg (five times the estimated 1.5 kg); enter the weight in kg."},
                {"0", "Bergkäse: the weight must be more than 0 kg."},
                {"1.2345", "Bergkäse: enter the weight in kg with at most three decimals (grams)."}};
        for (String[] w : wrong) {
            form.put("weigh:lines:1:weight", w[0]);
            var refused = post(http, path, form, "en");
            assertThat(refused.status()).as(w[0]).isEqualTo(200);
            assertThat(refused.body()).as(w[0]).contains(w[1]).doesNotContain("at org.farmstand", "\tat ");
            form = Http.extractHiddenInputs(refused.body(), "weigh");
            form.put("weigh:save", "");
        }
        assertThat(queryString("SELECT CONCAT(IFNULL(weighed_g, '-'), ':', line_total_cents) FROM order_line"
                + " WHERE id = ?", line)).isEqualTo("-:4335");

        var stale = Http.extractHiddenInputs(get(http, path, "de").body(), "weigh"); // shown before the weighing

        // German: 1,234 kg at 28.90 per kg = 35.6626 -> 35.66; the total 35.66 + 5.00
        var german = get(http, path, "de");
        Map<String, String> de = Http.extractHiddenInputs(german.body(), "weigh");
        de.put("weigh:lines:1:weight", "1,234");
        de.put("weigh:save", "");
        var weighed = post(http, path, de, "de");
        assertThat(weighed.status()).as(weighed.toString()).isEqualTo(302);
        assertThat(queryString("SELECT CONCAT(weighed_g, ':', line_total_cents) FROM order_line WHERE id = ?", line))
                .isEqualTo("1234:3566");
        assertThat(queryLong("SELECT total_cents FROM customer_order WHERE id = ?", order.id())).isEqualTo(4066);
        assertThat(queryLong("SELECT change_seq FROM customer_order WHERE id = ?", order.id())).isGreaterThan(seq);
        assertThat(queryString("SELECT GROUP_CONCAT(action) FROM audit_event WHERE entity = 'order' AND entity_id = ?",
                order.id())).isEqualTo("weighed");
        assertThat(queryString("SELECT detail FROM audit_event WHERE entity = 'order' AND entity_id = ?", order.id()))
                .contains("audit.detail.order.weighed", "Bergkäse", "n:1234", "m:3566", "m:4335");
        // the audit log reads in its reader's language
        assertThat(text(get(http, "audit/list?entity=order", "de"))).contains(order.number()
                + ": Bergkäse gewogen, 1.234 g, 35,66\u00A0€ (geschätzt oder zuvor gewogen: 43,35\u00A0€)", "gewogen");
        assertThat(text(get(http, "audit/list?entity=order", "en"))).contains(order.number()
                + ": Bergkäse weighed 1,234 g, €35.66 (estimated or weighed before: €43.35)").doesNotContain("i18n:");
        // the same form again (a double click): done, once
        assertThat(post(http, path, de, "de").status()).as("the same weights again").isEqualTo(302);
        assertThat(queryLong("SELECT COUNT(*) FROM audit_event WHERE entity = 'order' AND entity_id = ?", order.id()))
                .isEqualTo(1);
        assertThat(text(get(http, path, "de"))).contains("Summe: 40,66\u00A0€", "35,66\u00A0€", "value=\"1,234\"")
                .doesNotContain("ca. 40,66", "ca. 35,66");
        assertThat(text(get(http, path, "en"))).contains("Total: €40.66", "value=\"1.234\"");
        assertThat(text(get(http, "orders/date?id=" + date, "en"))).contains("€40.66").doesNotContain("approx. €40.66");
        assertThat(get(http, "orders/export/delivery.csv?date=" + date, "de").body())
                .contains("3 × Bergkäse (1,234 kg)", ";40,66\u00A0€\r\n").doesNotContain("ca.");
        assertThat(get(http, "orders/export/picking.csv?date=" + date, "de").body())
                .contains("Bergkäse;Stück;3;1,234 kg\r\n");

        // the form shown before the weighing is refused, the weighed weight stays
        stale.put("weigh:lines:1:weight", "1,3");
        stale.put("weigh:save", "");
        assertThat(post(http, path, stale, "de").body())
                .contains("Die Bestellung wurde inzwischen geändert; bitte Gewichte prüfen und erneut speichern.");
        assertThat(queryLong("SELECT weighed_g FROM order_line WHERE id = ?", line)).isEqualTo(1234);

        // a cancelled order is not weighed (the page had offered it before the cancellation)
        var before = Http.extractHiddenInputs(get(http, path, "en").body(), "weigh");
        update("UPDATE customer_order SET status = 'CANCELLED' WHERE id = ?", order.id());
        before.put("weigh:lines:1:weight", "1.3");
        before.put("weigh:save", "");
        assertThat(post(http, path, before, "en").body()).contains("A cancelled order cannot be weighed.");
        assertThat(queryLong("SELECT weighed_g FROM order_line WHERE id = ?", line)).isEqualTo(1234);
        assertThat(text(get(http, path, "en"))).contains("1.234 kg").doesNotContain("weigh:save");
    }

    /**
     * A weight entered by mistake is cleared per line: the line is an estimate again (its ordered estimate, "approx."),
     * the total follows, the clearing is audited with the weight it had and puts the order into the API's change feed;
     * the same click sent twice counts once, a form from before another weighing is refused, and a cancelled order's
     * weights stay as they are (the same rule as weighing).
     */
    @Test
    void producerClearsAWeightEnteredByMistakeAndTheLineIsAnEstimateAgain() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(http);
        long date = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1", tour);
        PlacedOrder order = placeOrder(date, "Hauptstraße 9", "Möhren", 2); // priced per unit: 2 x 2.50
        long line = addLineSoldByWeight(order, "Bergkäse");
        String path = "orders/detail?id=" + order.id();
        assertThat(get(http, path, "en").body()).as("nothing to clear yet").doesNotContain("weigh:lines:1:clear");

        Map<String, String> de = Http.extractHiddenInputs(get(http, path, "de").body(), "weigh");
        de.put("weigh:lines:1:weight", "1,234");
        de.put("weigh:save", "");
        assertThat(post(http, path, de, "de").status()).isEqualTo(302);
        assertThat(queryLong("SELECT total_cents FROM customer_order WHERE id = ?", order.id())).isEqualTo(4066);
        long seq = queryLong("SELECT change_seq FROM customer_order WHERE id = ?", order.id());

        var weighed = get(http, path, "en");
        // a button of its own per weighed line, named for screen readers; only on the weighed line
        assertThat(text(weighed)).contains("name=\"weigh:lines:1:clear\"", "aria-label=\"Clear the weight of Bergkäse\"")
                .doesNotContain("weigh:lines:0:clear");
        Map<String, String> clear = Http.extractHiddenInputs(weighed.body(), "weigh");
        clear.put("weigh:lines:1:weight", "7,9"); // typed but not saved: the clearing neither checks nor saves it
        clear.put("weigh:lines:1:clear", "");
        var cleared = post(http, path, clear, "en");
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(302);
        // the page (the next request: the message is kept for it): the estimate again, the message names the weight
        // cleared (to type it again if it was right)
        assertThat(text(get(http, path, "en"))).contains(
                "Weight of Bergkäse cleared (it was 1.234 kg); the line is an estimate again.",
                "Total: approx. €48.35", "approx. €43.35", "name=\"weigh:lines:1:weight\"")
                .doesNotContain("weigh:lines:1:clear");
        assertThat(queryString("SELECT CONCAT(IFNULL(weighed_g, '-'), ':', line_total_cents) FROM order_line"
                + " WHERE id = ?", line)).isEqualTo("-:4335");
        assertThat(queryLong("SELECT total_cents FROM customer_order WHERE id = ?", order.id())).isEqualTo(4835);
        assertThat(queryLong("SELECT change_seq FROM customer_order WHERE id = ?", order.id())).isGreaterThan(seq);
        assertThat(queryString("SELECT GROUP_CONCAT(action ORDER BY id) FROM audit_event WHERE entity = 'order'"
                + " AND entity_id = ?", order.id())).isEqualTo("weighed,weight_cleared");
        assertThat(queryString("SELECT detail FROM audit_event WHERE entity = 'order' AND entity_id = ?"
                + " AND action = 'weight_cleared'", order.id()))
                .contains("audit.detail.order.weightCleared", "Bergkäse", "n:1234", "m:3566", "m:4335");
        assertThat(auditCount(queryLong("SELECT tenant_id FROM customer_order WHERE id = ?", order.id()), "order",
                order.id(), "weight_cleared", "owner@sonnenhof.example")).isEqualTo(1);
        assertThat(text(get(http, "audit/list?entity=order", "en"))).contains(order.number()
                + ": weight of Bergkäse cleared (was 1,234 g, €35.66); estimate again: €43.35", "weight cleared");
        assertThat(text(get(http, "audit/list?entity=order", "de"))).contains(order.number()
                + ": Gewicht von Bergkäse gelöscht (war 1.234 g, 35,66\u00A0€); wieder geschätzt: 43,35\u00A0€",
                "Gewicht gelöscht");

        assertThat(get(http, "orders/export/delivery.csv?date=" + date, "en").body())
                .contains("3 × Bergkäse (approx. 1.5 kg)", ";approx. €48.35\r\n");

        // the same click again (a double submit): done, once
        assertThat(post(http, path, clear, "en").status()).isEqualTo(302);
        assertThat(queryLong("SELECT COUNT(*) FROM audit_event WHERE entity = 'order' AND entity_id = ?", order.id()))
                .isEqualTo(2);
        assertThat(queryLong("SELECT total_cents FROM customer_order WHERE id = ?", order.id())).isEqualTo(4835);

        // weighed anew, then a clearing from a page shown before that weighing: refused, the new weight stays
        Map<String, String> again = Http.extractHiddenInputs(get(http, path, "de").body(), "weigh");
        again.put("weigh:lines:1:weight", "1,3");
        again.put("weigh:save", "");
        assertThat(post(http, path, again, "de").status()).isEqualTo(302);
        assertThat(post(http, path, clear, "en").body())
                .contains("The order was changed in the meantime; check the weights and save again.");
        assertThat(queryLong("SELECT weighed_g FROM order_line WHERE id = ?", line)).isEqualTo(1300);

        // a cancelled order's weight is not cleared (the page had offered it before the cancellation)
        Map<String, String> late = Http.extractHiddenInputs(get(http, path, "en").body(), "weigh");
        late.put("weigh:lines:1:clear", "");
        update("UPDATE customer_order SET status = 'CANCELLED' WHERE id = ?", order.id());
        assertThat(post(http, path, late, "en").body()).contains("A cancelled order cannot be weighed.");
        assertThat(queryLong("SELECT weighed_g FROM order_line WHERE id = ?", line)).isEqualTo(1300);
        assertThat(get(http, path, "en").body()).doesNotContain("weigh:lines:1:clear");
    }

    /** Another shop's order is not weighed through a form of one's own, posted with its id. */
    @Test
    void anotherShopsOrderLinesAreNotWeighed() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(http);
        long date = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1", tour);
        PlacedOrder own = placeOrder(date, "Hauptstraße 8", "Möhren", 1);
        addLineSoldByWeight(own, "Bergkäse");
        long foreignTour = queryLong("SELECT r.id FROM tour r JOIN tenant t ON t.id = r.tenant_id WHERE t.slug = 'lindenhof' LIMIT 1");
        long foreignDate = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date DESC LIMIT 1", foreignTour);
        PlacedOrder foreign = placeOrder(foreignDate, "Lindenweg 3", "Heumilch", 1);
        long foreignLine = addLineSoldByWeight(foreign, "Lindenkäse");

        assertThat(http.get("orders/detail?id=" + foreign.id()).status()).isEqualTo(404);
        tampered(http, "orders/detail?id=" + own.id(), "weigh", Map.of("weigh:lines:1:weight", "1,1", "weigh:save", ""),
                "orders/detail?id=" + foreign.id(), foreign.id());
        assertThat(queryString("SELECT CONCAT(IFNULL(weighed_g, '-'), ':', line_total_cents) FROM order_line"
                + " WHERE id = ?", foreignLine)).isEqualTo("-:4335");
        assertThat(queryLong("SELECT total_cents FROM customer_order WHERE id = ?", foreign.id())).isEqualTo(4585);
        assertThat(queryLong("SELECT COUNT(*) FROM audit_event WHERE entity = 'order' AND entity_id = ?", foreign.id()))
                .isZero();
    }

    /**
     * The product's stock comes back when the shop cancels orders, one by one or with their date, by what each order
     * took from it (an order placed before the stock was set took nothing and gives nothing); the product form, saved
     * after orders took from the stock, leaves the stock as they left it.
     */
    @Test
    void cancellingOrdersInAdminGivesTheirStockBackAndTheProductFormLeavesTheStockAlone() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(http);
        long first = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1", tour);
        long second = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1, 1", tour);
        String name = "Lagertest " + UUID.randomUUID().toString().substring(0, 8);
        long product = createProduct(http, name, "2,50");
        PlacedOrder early = placeOrder(first, "Hauptstraße 1", name, 4, product, 0); // before the stock was set
        update("UPDATE product SET stock = 10 WHERE id = ?", product);
        var form = http.get("products/edit?id=" + product); // loaded with 10
        PlacedOrder a = placeOrder(first, "Hauptstraße 2", name, 3, product, 3);
        PlacedOrder b = placeOrder(second, "Hauptstraße 3", name, 2, product, 2);
        update("UPDATE product SET stock = stock - 5 WHERE id = ?", product);

        assertThat(postMultipart(http, "products/edit?id=" + product, productForm(form.body(), name, "2,75")).status())
                .isEqualTo(302);
        assertThat(queryLong("SELECT price_cents FROM product WHERE id = ?", product)).isEqualTo(275);
        assertThat(queryLong("SELECT stock FROM product WHERE id = ?", product)).as("not the form's 10").isEqualTo(5);

        // the shop cancels b: its 2 come back
        Map<String, String> status = Http.extractHiddenInputs(http.get("orders/detail?id=" + b.id()).body(), "status");
        status.put("status:next:1:to", "");
        assertThat(http.post("orders/detail?id=" + b.id(), status).status()).isEqualTo(302);
        assertThat(queryString("SELECT status FROM customer_order WHERE id = ?", b.id())).isEqualTo("CANCELLED");
        assertThat(queryLong("SELECT stock FROM product WHERE id = ?", product)).isEqualTo(7);

        // the first date is cancelled with a and the early order: a's 3 come back, the early order's 4 do not
        Map<String, String> dates = Http.extractHiddenInputs(http.get("tours/dates?id=" + tour).body(), "dates");
        dates.put("dates:table:0:cancel", "x");
        assertThat(http.post("tours/dates?id=" + tour, dates).body()).contains("Date cancelled; 2 orders cancelled");
        assertThat(queryString("SELECT GROUP_CONCAT(status) FROM customer_order WHERE id IN (?, ?)", a.id(),
                early.id())).isEqualTo("CANCELLED,CANCELLED");
        assertThat(queryLong("SELECT stock FROM product WHERE id = ?", product)).isEqualTo(10);
    }

    @Test
    void anotherShopsToursDatesAndOrdersAreNotFound() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long foreignTour = queryLong("SELECT r.id FROM tour r JOIN tenant t ON t.id = r.tenant_id WHERE t.slug = 'lindenhof' LIMIT 1");
        long foreignDate = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date DESC LIMIT 1", foreignTour);
        assertThat(http.get("tours/edit?id=" + foreignTour).status()).isEqualTo(404);
        assertThat(http.get("tours/dates?id=" + foreignTour).status()).isEqualTo(404);
        assertThat(http.get("orders/date?id=" + foreignDate).status()).isEqualTo(404);
        assertThat(http.get("orders/export/picking.csv?date=" + foreignDate).status()).isEqualTo(404);
        assertThat(http.get("orders/export/delivery.pdf?date=" + foreignDate).status()).isEqualTo(404);
        PlacedOrder foreignOrder = placeOrder(foreignDate, "Lindenweg 2", "Heumilch", 1);
        assertThat(http.get("orders/detail?id=" + foreignOrder.id()).status()).isEqualTo(404);
    }

    /**
     * An id that does not convert (not a number, a fraction, beyond a long) is the same 404 as an unknown id on every
     * page that takes one, not a server error or a page around an empty record; the pages for a new product or tour,
     * which have no id, still open.
     */
    @Test
    void aMalformedIdIsNotFoundOnEveryPageThatTakesOne() {
        Http owner = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        Http hoster = signedIn("hoster@farmstand.example", "hoster-demo");
        for (String page : new String[]{"products/edit", "tours/edit", "tours/dates", "orders/date", "orders/detail",
                "customers/detail", "waitlists/date", "staff/edit", "hoster/tenant"}) {
            Http http = page.startsWith("hoster/") ? hoster : owner;
            for (String id : new String[]{"-1", "abc", "1.5", "99999999999999999999"}) {
                var response = http.get(page + "?id=" + id);
                assertThat(response.status()).as(page + "?id=" + id).isEqualTo(404);
                assertThat(response.body()).as(page + "?id=" + id).containsAnyOf("Nicht gefunden", "Not found");
            }
        }
        assertThat(owner.get("audit/list?page=abc").status()).isEqualTo(404);
        assertThat(owner.get("products/edit").status()).isEqualTo(200);
        assertThat(owner.get("tours/edit").status()).isEqualTo(200);
    }

    /**
     * The shop writes a customer's row while the producer blocks them (here it holds the row until the block waits
     * for it, as a sign-in's transaction would): the block's write finds a newer version and fails; it is tried once
     * more on the current row instead of ending in a server error. Both changes are kept, the block recorded once.
     */
    @Test
    void aConcurrentChangeOfACustomerDoesNotFailTheProducersBlock() throws Exception {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long tenant = queryLong("SELECT id FROM tenant WHERE slug = 'sonnenhof'");
        String email = "busy-" + System.nanoTime() + "@example.org";
        long id = insert("INSERT INTO customer (tenant_id, email, password_hash, first_name, last_name, street,"
                + " postcode, city, status, email_verified) VALUES (?, ?, 'x', 'Erika', 'Muster', 'Weg 1', '79098',"
                + " 'Freiburg', 'ACTIVE', TRUE)", tenant, email);
        String path = "customers/detail?id=" + id;
        Map<String, String> block = Http.extractHiddenInputs(http.get(path).body(), "actions");
        block.put("actions:block", "");
        int mark = serverLogMark(http);

        Http.Response blocked;
        try (Connection shop = ItEnvironment.jdbc()) {
            shop.setAutoCommit(false);
            try (PreparedStatement st = shop.prepareStatement(
                    "UPDATE customer SET first_name = 'Erna', version = version + 1 WHERE id = ?")) {
                st.setLong(1, id);
                st.executeUpdate();
            }
            var answer = new java.util.concurrent.FutureTask<>(() -> http.post(path, block));
            new Thread(answer, "producer-blocks").start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int waiting = waitingForRows(shop);
            while (waiting == 0 && System.nanoTime() < deadline && !answer.isDone()) {
                ItEnvironment.pause(Duration.ofMillis(200));
                waiting = waitingForRows(shop);
            }
            assertThat(waiting).as("the block waits for the customer's row (answered already: %s)", answer.isDone())
                    .isPositive();
            shop.commit();
            blocked = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(blocked.status()).isEqualTo(200);
        assertThat(blocked.body()).containsAnyOf("Gesperrt.", "Customer blocked.").doesNotContain("Caused by");
        assertThat(queryString("SELECT status FROM customer WHERE id = ?", id)).isEqualTo("BLOCKED");
        assertThat(queryString("SELECT first_name FROM customer WHERE id = ?", id)).isEqualTo("Erna");
        assertThat(queryLong("SELECT COUNT(*) FROM customer_status_change WHERE customer_id = ? AND status = 'BLOCKED'",
                id)).isEqualTo(1);
        assertThat(queryLong("SELECT COUNT(*) FROM audit_event WHERE entity = 'customer' AND action = 'blocked'"
                + " AND entity_id = ?", id)).isEqualTo(1);
        // the handled conflict is one line in the server log, not EclipseLink's warning with a stack trace
        List<String> logged = serverLogSince(http, mark);
        assertThat(logged).filteredOn(line -> line.contains("\tstack\t")).isEmpty();
        assertThat(logged).filteredOn(line -> line.contains("ConflictQuietLog") && line.contains("Concurrent change"))
                .hasSize(1);
    }

    /**
     * How many transactions wait for a row lock now, seen from {@code c}. InnoDB refreshes this table only when it was
     * last read more than 100 ms ago: a caller polling it faster sees the first answer forever.
     */
    static int waitingForRows(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void theDashboardShowsTheNextDatesWithTheirFillLevel() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        var dashboard = http.get("");
        if (dashboard.status() == 301 || dashboard.status() == 302) {
            dashboard = http.get(dashboard.location().orElseThrow().toString());
        }
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains("id=\"ordersToday\"", "id=\"pendingCustomers\"", "orders/date?id=")
                .containsPattern("\\d+ / \\d+")
                // the labels agree with their figures ("1 order today"; German "1 Bestellung heute", not "Bestellungen")
                .containsPattern("<strong>(1</strong> order today|(0|[2-9]|[1-9][0-9]+)</strong> orders today)<")
                .containsPattern("<strong>(1</strong> new customer|(0|[2-9]|[1-9][0-9]+)</strong> new customers)"
                        + " waiting for approval<");
    }

    // ---- hoster area and shop settings ----

    record NewShop(long id, String slug, String ownerEmail, String password) {
    }

    static Map<String, String> shopForm(String page, String slug, String name, String email, String password) {
        Map<String, String> form = Http.extractHiddenInputs(page, "create");
        form.put("create:slug", slug);
        form.put("create:name", name);
        form.put("create:email", email);
        form.put("create:password", password);
        form.put("create:submit", "");
        return form;
    }

    NewShop createShop(Http hoster) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String slug = "it-" + suffix;
        String email = "owner-" + suffix + "@shops.example";
        String password = "owner-pw-" + suffix;
        var page = hoster.get("hoster/tenants");
        assertThat(page.status()).isEqualTo(200);
        var created = hoster.post("hoster/tenants", shopForm(page.body(), slug, "Hof " + suffix, email, password));
        assertThat(created.status()).as(created.toString()).isEqualTo(302);
        long id = Long.parseLong(created.location().orElseThrow().toString().replaceAll(".*id=(\\d+).*", "$1"));
        return new NewShop(id, slug, email, password);
    }

    @Test
    void theHosterCreatesAShopWhoseOwnerSignsInUntilTheShopIsSuspended() {
        Http hoster = signedIn("hoster@farmstand.example", "hoster-demo");
        var list = hoster.get("hoster/tenants");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("sonnenhof", "lindenhof", "owner@sonnenhof.example");

        var invalid = hoster.post("hoster/tenants", shopForm(list.body(), "-Bad Slug", "Hof", "owner@sonnenhof.example", "short"));
        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.body()).contains("Use 2 to 59 lower-case letters", "The password needs at least 10 characters.");
        var taken = hoster.post("hoster/tenants", shopForm(invalid.body(), "sonnenhof", "Hof", "owner@sonnenhof.example",
                "long-enough-pw"));
        assertThat(taken.body()).contains("The address \"sonnenhof\" is already taken.",
                "The email \"owner@sonnenhof.example\" already belongs to a staff account.");

        NewShop shop = createShop(hoster);
        assertThat(queryString("SELECT status FROM tenant WHERE id = ?", shop.id())).isEqualTo("ACTIVE");
        assertThat(queryString("SELECT role FROM staff_user WHERE email = ?", shop.ownerEmail())).isEqualTo("OWNER");
        assertThat(queryString("SELECT password_hash FROM staff_user WHERE email = ?", shop.ownerEmail()))
                .doesNotContain(shop.password());

        Http owner = signedIn(shop.ownerEmail(), shop.password());
        var products = owner.get("products/list");
        assertThat(products.status()).isEqualTo(200);
        assertThat(products.body()).contains("No products.").doesNotContain("Möhren", "Heumilch");

        long before = queryLong("SELECT content_version FROM tenant WHERE id = ?", shop.id());
        var detail = hoster.get("hoster/tenant?id=" + shop.id());
        assertThat(detail.status()).isEqualTo(200);
        Map<String, String> form = Http.extractHiddenInputs(detail.body(), "status");
        form.put("status:toggle", "");
        assertThat(hoster.post("hoster/tenant?id=" + shop.id(), form).status()).isEqualTo(302);
        assertThat(queryString("SELECT status FROM tenant WHERE id = ?", shop.id())).isEqualTo("SUSPENDED");
        assertThat(queryLong("SELECT content_version FROM tenant WHERE id = ?", shop.id())).isGreaterThan(before);
        assertThat(login(new Http(java.net.URI.create(base.toString())), shop.ownerEmail(), shop.password()).status())
                .isEqualTo(200);
        // the owner's session from before the suspension ends at the next request
        var afterSuspension = owner.get("products/list");
        assertThat(afterSuspension.status()).isEqualTo(302);
        assertThat(afterSuspension.location().orElseThrow().toString()).endsWith("/login");

        detail = hoster.get("hoster/tenant?id=" + shop.id());
        assertThat(detail.body()).contains("suspended", "Reactivate shop");
        form = Http.extractHiddenInputs(detail.body(), "status");
        form.put("status:toggle", "");
        assertThat(hoster.post("hoster/tenant?id=" + shop.id(), form).status()).isEqualTo(302);
        assertThat(queryString("SELECT status FROM tenant WHERE id = ?", shop.id())).isEqualTo("ACTIVE");
        signedIn(shop.ownerEmail(), shop.password());
    }

    @Test
    void shopStaffCannotOpenTheHosterAreaNorTheHosterTheShopPages() {
        Http owner = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        var response = owner.get("hoster/tenants");
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.location().orElseThrow().toString()).doesNotContain("hoster");

        Http hoster = signedIn("hoster@farmstand.example", "hoster-demo");
        var shopPage = hoster.get("products/list");
        assertThat(shopPage.status()).isEqualTo(302);
        assertThat(shopPage.location().orElseThrow().toString()).endsWith("/hoster/tenants");
    }

    @Test
    void staffCannotOpenTheShopSettingsButTheOwnerCan() {
        var forbidden = signedIn("staff@sonnenhof.example", "sonnenhof-demo").get("settings/shop");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body()).contains("Only the shop owner can do this.")
                .doesNotContain("settings:primaryColor");
        var page = signedIn("owner@sonnenhof.example", "sonnenhof-demo").get("settings/shop");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("settings:primaryColor", "Sonnenhof");
    }

    static Map<String, String> settingsForm(String page, String primary, String domains) {
        Map<String, String> form = Http.extractHiddenInputs(page, "settings");
        form.put("settings:name", "Hof am See");
        form.put("settings:tagline", "Gemüse vom See");
        form.put("settings:welcome", "Willkommen!");
        form.put("settings:contactEmail", "info@see.example");
        form.put("settings:primaryColor", primary);
        form.put("settings:accentColor", "#ffaa00");
        form.put("settings:minOrder", "15,00");
        form.put("settings:languages", "de");
        form.put("settings:domains", domains);
        form.put("settings:save", "");
        return form;
    }

    /**
     * The first bytes of a photo in a format the shop cannot read, as phones and browsers save them: "heic" (an ISO
     * base media file of brand heic) or "webp" (RIFF ... WEBP); enough to be recognised, not a whole picture.
     */
    static byte[] photoHeader(String format) {
        String head = format.equals("webp") ? "RIFF\u0024\u0000\u0000\u0000WEBPVP8 \u0018\u0000\u0000\u0000"
                : "\u0000\u0000\u0000\u0018ftypheic\u0000\u0000\u0000\u0000mif1heic";
        byte[] bytes = java.util.Arrays.copyOf(head.getBytes(StandardCharsets.ISO_8859_1), 64);
        return bytes;
    }

    static Http.Response postSettings(Http http, Map<String, String> form, String fileName, byte[] logo) {
        String boundary = "----farmstand" + UUID.randomUUID();
        return http.send(http.request("settings/shop")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, form, "settings:logo", fileName, logo))));
    }

    /**
     * Host names of the platform itself (its public URL's, here localhost) and under it are the hoster's to give: an
     * owner cannot take one (the platform's start page would show their shop), the hoster can, and the owner's next
     * save keeps it.
     */
    @Test
    void anOwnerCannotTakeThePlatformsOwnHostNames() {
        Http hoster = signedIn("hoster@farmstand.example", "hoster-demo");
        NewShop shop = createShop(hoster);
        Http owner = signedIn(shop.ownerEmail(), shop.password());
        String host = shop.slug() + ".localhost";
        var refused = postSettings(owner, settingsForm(owner.get("settings/shop").body(), "#123abc", host), "", new byte[0]);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("The host name \"" + host + "\" belongs to the platform; the hoster assigns it.");
        assertThat(queryLong("SELECT COUNT(*) FROM tenant_domain WHERE tenant_id = ?", shop.id())).isZero();

        Map<String, String> domains = Http.extractHiddenInputs(hoster.get("hoster/tenant?id=" + shop.id()).body(), "hostnames");
        domains.put("hostnames:domains", host);
        domains.put("hostnames:save", "");
        assertThat(hoster.post("hoster/tenant?id=" + shop.id(), domains).status()).isEqualTo(302);
        var kept = postSettings(owner, settingsForm(owner.get("settings/shop").body(), "#123abc", host), "", new byte[0]);
        assertThat(kept.status()).as(kept.toString()).isEqualTo(302);
        assertThat(queryLong("SELECT tenant_id FROM tenant_domain WHERE host = ?", host)).isEqualTo(shop.id());
    }

    /**
     * A host name with umlauts, as a German producer writes it, is stored in the ASCII form browsers send in the Host
     * header and shown again as written (it was refused as not a host name).
     */
    @Test
    void aHostNameWithUmlautsIsTakenAsWritten() {
        Http hoster = signedIn("hoster@farmstand.example", "hoster-demo");
        NewShop shop = createShop(hoster);
        Http owner = signedIn(shop.ownerEmail(), shop.password());
        String host = "hofladen-müller-" + shop.slug() + ".example";
        String ascii = java.net.IDN.toASCII(host);
        assertThat(ascii).startsWith("xn--");
        var saved = postSettings(owner, settingsForm(owner.get("settings/shop").body(), "#123abc", host), "", new byte[0]);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(queryLong("SELECT tenant_id FROM tenant_domain WHERE host = ?", ascii)).isEqualTo(shop.id());
        java.util.function.Function<String, String> readable = page -> page.replace("&uuml;", "ü").replace("&#252;", "ü");
        assertThat(readable.apply(owner.get("settings/shop").body())).contains(host).doesNotContain(ascii);
        assertThat(readable.apply(hoster.get("hoster/tenant?id=" + shop.id()).body())).contains(host);
    }

    @Test
    void theOwnerSavesBrandingAndDomainsWhichTheStorefrontDataShows() {
        Http hoster = signedIn("hoster@farmstand.example", "hoster-demo");
        NewShop shop = createShop(hoster);
        NewShop other = createShop(hoster);
        Http owner = signedIn(shop.ownerEmail(), shop.password());
        String host = shop.slug() + ".farm.example";

        var page = owner.get("settings/shop");
        assertThat(page.status()).isEqualTo(200);
        var invalid = postSettings(owner, settingsForm(page.body(), "green", "not a host!"), "", new byte[0]);
        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.body()).contains("Enter a colour as #rrggbb");

        var notAnImage = postSettings(owner, settingsForm(invalid.body(), "#123abc", host), "logo.png",
                "<?php echo 1; ?>".getBytes(StandardCharsets.UTF_8));
        assertThat(notAnImage.status()).isEqualTo(200);
        assertThat(notAnImage.body()).contains("The file is not an image.");
        String boundary = "----farmstand" + UUID.randomUUID();
        Map<String, String> german = settingsForm(get(owner, "settings/shop", "de").body(), "#123abc", host);
        var heic = owner.send(owner.request("settings/shop").header("Accept-Language", "de")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, german, "settings:logo", "logo.heic",
                        photoHeader("heic")))));
        assertThat(heic.status()).isEqualTo(200);
        assertThat(heic.body()).contains("Das Format HEIC wird nicht unterstützt: Bitte laden Sie das Foto als JPEG oder"
                + " PNG hoch");
        assertThat(queryString("SELECT primary_color FROM tenant WHERE id = ?", shop.id())).isNotEqualTo("#123abc");

        long before = queryLong("SELECT content_version FROM tenant WHERE id = ?", shop.id());
        var saved = postSettings(owner, settingsForm(notAnImage.body(), "#123ABC", host), "logo.png", png(40, 40));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(302);
        assertThat(queryString("SELECT primary_color FROM tenant WHERE id = ?", shop.id())).isEqualTo("#123abc");
        assertThat(queryString("SELECT name FROM tenant WHERE id = ?", shop.id())).isEqualTo("Hof am See");
        assertThat(queryLong("SELECT min_order_cents FROM tenant WHERE id = ?", shop.id())).isEqualTo(1500);
        assertThat(queryString("SELECT locales FROM tenant WHERE id = ?", shop.id())).isEqualTo("de");
        assertThat(queryLong("SELECT COUNT(*) FROM tenant WHERE id = ? AND logo_image_id IS NOT NULL", shop.id())).isEqualTo(1);
        assertThat(queryLong("SELECT tenant_id FROM tenant_domain WHERE host = ?", host)).isEqualTo(shop.id());
        assertThat(queryLong("SELECT content_version FROM tenant WHERE id = ?", shop.id())).isGreaterThan(before);
        assertThat(owner.get("settings/shop").body()).contains("Settings saved.", host);

        // another shop cannot take the host, neither its owner nor the hoster for it
        Http otherOwner = signedIn(other.ownerEmail(), other.password());
        var clash = postSettings(otherOwner, settingsForm(otherOwner.get("settings/shop").body(), "#000000", host), "", new byte[0]);
        assertThat(clash.status()).isEqualTo(200);
        assertThat(clash.body()).contains("The host name \"" + host + "\" already belongs to another shop.");
        var detail = hoster.get("hoster/tenant?id=" + other.id());
        Map<String, String> domains = Http.extractHiddenInputs(detail.body(), "hostnames");
        domains.put("hostnames:domains", host);
        domains.put("hostnames:save", "");
        assertThat(hoster.post("hoster/tenant?id=" + other.id(), domains).body()).contains("already belongs to another shop");
        assertThat(queryLong("SELECT COUNT(*) FROM tenant_domain WHERE tenant_id = ?", other.id())).isZero();
        long otherVersion = queryLong("SELECT content_version FROM tenant WHERE id = ?", other.id());
        domains = Http.extractHiddenInputs(hoster.get("hoster/tenant?id=" + other.id()).body(), "hostnames");
        domains.put("hostnames:domains", "www." + other.slug() + ".example\n" + other.slug() + ".example");
        domains.put("hostnames:save", "");
        assertThat(hoster.post("hoster/tenant?id=" + other.id(), domains).status()).isEqualTo(302);
        assertThat(queryLong("SELECT COUNT(*) FROM tenant_domain WHERE tenant_id = ?", other.id())).isEqualTo(2);
        assertThat(queryLong("SELECT content_version FROM tenant WHERE id = ?", other.id())).isGreaterThan(otherVersion);

        // a stale page is refused and overwrites nothing
        var pageA = owner.get("settings/shop");
        var pageB = owner.get("settings/shop");
        assertThat(postSettings(owner, settingsForm(pageA.body(), "#222222", host), "", new byte[0]).status()).isEqualTo(302);
        var stale = postSettings(owner, settingsForm(pageB.body(), "#333333", host), "", new byte[0]);
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.body()).contains("Someone else changed the shop settings in the meantime.");
        assertThat(queryString("SELECT primary_color FROM tenant WHERE id = ?", shop.id())).isEqualTo("#222222");
    }

    // ---- staff users and the audit log (owner pages) ----

    static Map<String, String> inviteForm(String page, String email, String name, String role, String password) {
        Map<String, String> form = Http.extractHiddenInputs(page, "invite");
        form.put("invite:email", email);
        form.put("invite:name", name);
        form.put("invite:role", role);
        form.put("invite:password", password);
        form.put("invite:submit", "");
        return form;
    }

    /** Invites a user through the owner's page; returns the new user's id. */
    long invite(Http owner, String email, String name, String role, String password) {
        var page = owner.get("staff/list");
        assertThat(page.status()).isEqualTo(200);
        var invited = owner.post("staff/list", inviteForm(page.body(), email, name, role, password));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(302);
        return queryLong("SELECT id FROM staff_user WHERE email = ?", email);
    }

    Http.Response editStaff(Http owner, long userId, String name, String role) {
        var page = owner.get("staff/edit?id=" + userId);
        assertThat(page.status()).isEqualTo(200);
        Map<String, String> form = Http.extractHiddenInputs(page.body(), "user");
        form.put("user:name", name);
        form.put("user:role", role);
        form.put("user:save", "");
        return owner.post("staff/edit?id=" + userId, form);
    }

    Http.Response staffButton(Http owner, long userId, String formId, String button, Map<String, String> fields) {
        var page = owner.get("staff/edit?id=" + userId);
        assertThat(page.status()).isEqualTo(200);
        Map<String, String> form = Http.extractHiddenInputs(page.body(), formId);
        form.putAll(fields);
        form.put(formId + ":" + button, "");
        return owner.post("staff/edit?id=" + userId, form);
    }

    long auditCount(long tenantId, String entity, long entityId, String action, String actor) {
        return queryLong("SELECT COUNT(*) FROM audit_event WHERE tenant_id = ? AND entity = ? AND entity_id = ?"
                + " AND action = ? AND actor = ?", tenantId, entity, entityId, action, actor);
    }

    @Test
    void staffCannotOpenTheOwnersStaffAndAuditPages() {
        Http staff = signedIn("staff@sonnenhof.example", "sonnenhof-demo");
        long owner = queryLong("SELECT id FROM staff_user WHERE email = 'owner@sonnenhof.example'");
        assertThat(staff.get("staff/list").status()).isEqualTo(403);
        assertThat(staff.get("staff/edit?id=" + owner).status()).isEqualTo(403);
        assertThat(staff.get("audit/list").status()).isEqualTo(403);
        assertThat(staff.get("products/list").body()).doesNotContain("/staff/list", "/audit/list");
        Http ownerHttp = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        assertThat(ownerHttp.get("products/list").body()).contains("/staff/list", "/audit/list");
        assertThat(ownerHttp.get("staff/list").body()).contains("owner@sonnenhof.example", "staff@sonnenhof.example")
                .doesNotContain("owner@lindenhof.example");
    }

    /**
     * The access checks judge the path the container maps the request to, not the raw request URI: dot segments,
     * percent-encoded letters and slashes, doubled slashes and path parameters lead to the same pages and must meet
     * the same checks. (Each of these had opened the hoster area without a sign-in, or the owner's and hoster's
     * pages to a shop's staff; a staff user had created an owner account that way.)
     */
    @Test
    void pathTricksMeetTheSameSignInAndRoleChecks() {
        Http anonymous = new Http(java.net.URI.create(base.toString()));
        for (String trick : java.util.List.of("api/../hoster/tenants", "resources/../hoster/tenants",
                "health/../hoster/tenants", "jakarta.faces.resource/../hoster/tenants", "api/%2e%2e/hoster/tenants",
                "login/../hoster/tenants", "api/..;/hoster/tenants", "resources/../products/list")) {
            var response = raw(anonymous, trick);
            assertThat(response.body()).as(trick).doesNotContain("owner@lindenhof.example", "Möhren");
            assertThat(response.status()).as(trick).isIn(302, 400, 404);
            if (response.status() == 302) {
                assertThat(response.location().orElseThrow().toString()).as(trick).endsWith("/login");
            }
        }
        Http staff = signedIn("staff@sonnenhof.example", "sonnenhof-demo");
        for (String trick : java.util.List.of("%73taff/list", "./staff/list", "/staff/list", "staff/./list",
                "%61udit/list", "audit%2Flist", "audit;x=1/list", "products/../staff/list", "faces/audit/list.xhtml",
                "faces/staff/list.xhtml")) {
            var response = raw(staff, trick);
            assertThat(response.status()).as(trick).isIn(301, 400, 403, 404); // 301: the container's "/audit/"
            assertThat(response.body()).as(trick).doesNotContain("owner@sonnenhof.example");
        }
        for (String trick : java.util.List.of("%68oster/tenants", "./hoster/tenants", "products/../hoster/tenants")) {
            var response = raw(staff, trick);
            assertThat(response.body()).as(trick).doesNotContain("owner@lindenhof.example");
            assertThat(response.status()).as(trick).isIn(302, 400, 404);
            if (response.status() == 302) {
                assertThat(response.location().orElseThrow().toString()).as(trick).doesNotContain("hoster");
            }
        }
        // an owner reaches the page under any spelling
        assertThat(signedIn("owner@sonnenhof.example", "sonnenhof-demo").get("%73taff/list").body())
                .contains("staff@sonnenhof.example");
    }

    /**
     * Faces is mapped in web.xml (*.xhtml, and OmniFaces' extensionless URLs), so its default prefix mapping does not
     * exist: a page has no second address under /faces/ (which had once bypassed the role checks).
     */
    @Test
    void adminPagesOpenAtTheirOwnAddressesOnlyNotUnderTheFacesPrefix() {
        Http owner = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        for (String page : java.util.List.of("index", "products/list", "orders/list", "tours/list", "staff/list",
                "audit/list")) {
            assertThat(owner.get(page).status()).as(page).isEqualTo(200);
        }
        for (String page : java.util.List.of("faces/index.xhtml", "faces/products/list.xhtml", "faces/audit/list.xhtml",
                "faces/products/list", "faces/index")) {
            var response = raw(owner, page);
            assertThat(response.status()).as(page).isEqualTo(404);
            assertThat(response.body()).as(page).doesNotContain("Möhren", "staff@sonnenhof.example");
        }
    }

    /** A session id in the URL is refused (404), not taken as the session: tracking is by cookie only. */
    @Test
    void aSessionIdInTheUrlIsNotAccepted() {
        Http owner = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        String id = owner.cookie("JSESSIONID").orElseThrow().getValue();
        Http anonymous = new Http(java.net.URI.create(base.toString()));
        for (String path : java.util.List.of("products/list;jsessionid=" + id, "index;jsessionid=" + id,
                "staff/list;JSESSIONID=" + id, "login;jsessionid=" + id)) {
            var response = raw(anonymous, path);
            // before: "index;jsessionid=<the owner's id>" showed the owner's dashboard to a client without a cookie
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("Möhren", "staff@sonnenhof.example", "/audit/list");
        }
        assertThat(anonymous.cookie("JSESSIONID")).isEmpty();
        // the owner's own session is unaffected
        assertThat(owner.get("products/list").status()).isEqualTo(200);
    }

    /**
     * Redirects do not echo the request's Host header (a client can send any): the sign-in filter's, the sign-in
     * page's (a Faces redirect) and a role redirect all send a path of this server.
     */
    @Test
    void redirectsPointToThisServerWhateverHostTheRequestNames() throws Exception {
        String anonymous = RawHttp.exchange(base, "GET", "products/list", "evil.example", "", null);
        assertThat(RawHttp.status(anonymous)).isEqualTo(302);
        assertThat(RawHttp.location(anonymous)).isEqualTo(new URL(base, "login").getPath());

        Http http = new Http(java.net.URI.create(base.toString()));
        Map<String, String> form = loginForm(http, "staff@sonnenhof.example", "sonnenhof-demo");
        String signIn = RawHttp.exchange(base, "POST", "login", "evil.example", RawHttp.cookieHeader(http), Http.formEncode(form));
        assertThat(RawHttp.status(signIn)).isIn(302, 303);
        assertThat(RawHttp.location(signIn)).doesNotContain("evil.example").startsWith("/");

        Http staff = signedIn("staff@sonnenhof.example", "sonnenhof-demo");
        String hosterPage = RawHttp.exchange(base, "GET", "hoster/tenants", "evil.example", RawHttp.cookieHeader(staff), null);
        assertThat(RawHttp.status(hosterPage)).isEqualTo(302);
        assertThat(RawHttp.location(hosterPage)).doesNotContain("evil.example").startsWith("/");
    }

    /**
     * A new password ends the account's other sessions at their next request (each session keeps the credential
     * stamp it signed in with): set by the owner, or with a set-password link. The session that set its own new
     * password stays signed in.
     */
    @Test
    void aNewPasswordEndsTheAccountsOtherSessionsButNotTheOneThatSetIt() {
        NewShop shop = createShop(signedIn("hoster@farmstand.example", "hoster-demo"));
        String suffix = shop.slug().substring(3);
        Http owner = signedIn(shop.ownerEmail(), shop.password());
        Http ownerElsewhere = signedIn(shop.ownerEmail(), shop.password());
        long ownerId = queryLong("SELECT id FROM staff_user WHERE email = ?", shop.ownerEmail());
        String eveEmail = "eve-" + suffix + "@shops.example";
        long eve = invite(owner, eveEmail, "Eve", "STAFF", "eve-password-1");
        Http eveHttp = signedIn(eveEmail, "eve-password-1");
        assertThat(eveHttp.get("products/list").status()).isEqualTo(200);

        // the owner gives Eve a new password: her open session ends
        assertThat(staffButton(owner, eve, "password", "set", Map.of("password:newPassword", "eve-password-2"))
                .status()).isEqualTo(302);
        var ended = eveHttp.get("products/list");
        assertThat(ended.status()).isEqualTo(302);
        assertThat(ended.location().orElseThrow().toString()).endsWith("/login");
        assertThat(eveHttp.get("orders/list").status()).as("still signed out").isEqualTo(302);
        assertThat(signedIn(eveEmail, "eve-password-2").get("products/list").status()).isEqualTo(200);

        // the owner sets their own new password: this session goes on, the one elsewhere ends
        assertThat(ownerElsewhere.get("staff/list").status()).isEqualTo(200);
        assertThat(staffButton(owner, ownerId, "password", "set", Map.of("password:newPassword", "owner-new-pw-7"))
                .status()).isEqualTo(302);
        assertThat(owner.get("staff/list").status()).isEqualTo(200);
        assertThat(ownerElsewhere.get("staff/list").status()).isEqualTo(302);

        // a set-password link used by Eve ends the session she had signed in before
        Http eveBefore = signedIn(eveEmail, "eve-password-2");
        assertThat(staffButton(owner, eve, "password", "link", Map.of()).status()).isEqualTo(302);
        String mail = queryString("SELECT body FROM outbox_mail WHERE recipient = ? ORDER BY id DESC LIMIT 1", eveEmail);
        String token = mail.replaceAll("(?s).*/admin/password\\?token=([A-Za-z0-9_%-]+).*", "$1");
        Http anonymous = new Http(java.net.URI.create(base.toString()));
        Map<String, String> form = Http.extractHiddenInputs(anonymous.get("password?token=" + token).body(), "password");
        form.put("password:password", "eve-password-3");
        form.put("password:repeat", "eve-password-3");
        form.put("password:save", "");
        assertThat(anonymous.post("password?token=" + token, form).status()).isEqualTo(302);
        assertThat(eveBefore.get("products/list").status()).isEqualTo(302);
        assertThat(signedIn(eveEmail, "eve-password-3").get("products/list").status()).isEqualTo(200);
    }

    /** A GET of {@code path} below the admin exactly as written: no normalisation by {@link java.net.URI#resolve}. */
    private Http.Response raw(Http http, String path) {
        return http.send(HttpRequest.newBuilder(java.net.URI.create(base.toString() + path)).GET());
    }

    @Test
    void theOwnerInvitesPromotesDeactivatesAndResetsStaffButKeepsTheLastOwner() {
        NewShop shop = createShop(signedIn("hoster@farmstand.example", "hoster-demo"));
        String suffix = shop.slug().substring(3);
        Http owner = signedIn(shop.ownerEmail(), shop.password());
        long ownerId = queryLong("SELECT id FROM staff_user WHERE email = ?", shop.ownerEmail());

        // invalid fields are refused with messages
        var page = owner.get("staff/list");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(shop.ownerEmail());
        var invalid = owner.post("staff/list", inviteForm(page.body(), "not-an-email", "Tom", "STAFF", "short"));
        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.body()).contains("Enter a valid email address.", "The password needs at least 10 characters");
        var taken = owner.post("staff/list", inviteForm(invalid.body(), "owner@sonnenhof.example", "Tom", "STAFF", ""));
        assertThat(taken.body()).contains("The email \"owner@sonnenhof.example\" already belongs to a staff account.");

        // a STAFF user with an initial password signs in at once, but cannot open the owner's pages
        String tomEmail = "tom-" + suffix + "@shops.example";
        long tom = invite(owner, tomEmail, "Tom", "STAFF", "tom-password-1");
        assertThat(queryString("SELECT role FROM staff_user WHERE id = ?", tom)).isEqualTo("STAFF");
        assertThat(queryLong("SELECT tenant_id FROM staff_user WHERE id = ?", tom)).isEqualTo(shop.id());
        assertThat(queryString("SELECT password_hash FROM staff_user WHERE id = ?", tom)).doesNotContain("tom-password-1");
        Http tomHttp = signedIn(tomEmail, "tom-password-1");
        assertThat(tomHttp.get("staff/list").status()).isEqualTo(403);
        assertThat(owner.get("staff/list").body()).contains(tomEmail, "Tom");

        // an OWNER invited without a password gets a set-password link through the outbox
        String annEmail = "ann-" + suffix + "@shops.example";
        long ann = invite(owner, annEmail, "Ann", "OWNER", "");
        String mail = queryString("SELECT body FROM outbox_mail WHERE recipient = ? ORDER BY id DESC LIMIT 1", annEmail);
        assertThat(mail).contains("/admin/password?token=");
        // staff users have no stored language: the new shop's default, German
        assertThat(mail).startsWith("Hallo Ann,").contains("(72 Stunden gültig)").doesNotContain("Hello");
        assertThat(queryString("SELECT subject FROM outbox_mail WHERE recipient = ?", annEmail)).startsWith("Ihr Zugang – Hof ");
        String token = mail.replaceAll("(?s).*/admin/password\\?token=([A-Za-z0-9_%-]+).*", "$1");
        assertThat(queryString("SELECT password_token FROM staff_user WHERE id = ?", ann)).isNotEqualTo(token).hasSize(64);
        Http anonymous = new Http(java.net.URI.create(base.toString()));
        var choose = anonymous.get("password?token=" + token);
        assertThat(choose.status()).isEqualTo(200);
        Map<String, String> form = Http.extractHiddenInputs(choose.body(), "password");
        form.put("password:password", "ann-password-1");
        form.put("password:repeat", "ann-password-2");
        form.put("password:save", "");
        assertThat(anonymous.post("password?token=" + token, form).body()).contains("The two passwords differ.");
        form.put("password:repeat", "ann-password-1");
        var chosen = anonymous.post("password?token=" + token, form);
        assertThat(chosen.status()).as(chosen.toString()).isEqualTo(302);
        assertThat(chosen.location().orElseThrow().toString()).endsWith("/login");
        Http annHttp = signedIn(annEmail, "ann-password-1");
        assertThat(annHttp.get("staff/list").status()).isEqualTo(200);
        assertThat(new Http(java.net.URI.create(base.toString())).get("password?token=" + token).body())
                .contains("This link is not valid");

        // promoting Tom applies to his open session at its next request
        assertThat(editStaff(owner, tom, "Tom T.", "OWNER").status()).isEqualTo(302);
        assertThat(queryString("SELECT role FROM staff_user WHERE id = ?", tom)).isEqualTo("OWNER");
        assertThat(tomHttp.get("staff/list").status()).isEqualTo(200);

        // Tom demotes the first owner and deactivates Ann; then he is the last active owner
        assertThat(editStaff(tomHttp, ownerId, "Inhaber", "STAFF").status()).isEqualTo(302);
        assertThat(owner.get("staff/list").status()).isEqualTo(403);
        assertThat(staffButton(tomHttp, ann, "status", "deactivate", Map.of()).status()).isEqualTo(302);
        assertThat(queryLong("SELECT COUNT(*) FROM staff_user WHERE id = ? AND NOT active", ann)).isEqualTo(1);
        var signedOut = annHttp.get("products/list");
        assertThat(signedOut.status()).isEqualTo(302);
        assertThat(signedOut.location().orElseThrow().toString()).endsWith("/login");
        assertThat(login(new Http(java.net.URI.create(base.toString())), annEmail, "ann-password-1").status()).isEqualTo(200);

        var lastDemote = editStaff(tomHttp, tom, "Tom T.", "STAFF");
        assertThat(lastDemote.status()).isEqualTo(200);
        assertThat(lastDemote.body()).contains("The shop needs at least one active owner");
        var lastDeactivate = staffButton(tomHttp, tom, "status", "deactivate", Map.of());
        assertThat(lastDeactivate.status()).isEqualTo(200);
        assertThat(lastDeactivate.body()).contains("The shop needs at least one active owner");
        assertThat(queryLong("SELECT COUNT(*) FROM staff_user WHERE id = ? AND role = 'OWNER' AND active", tom)).isEqualTo(1);

        // reactivate Ann; a new password for the first owner; a reset link by mail
        assertThat(staffButton(tomHttp, ann, "status", "reactivate", Map.of()).status()).isEqualTo(302);
        signedIn(annEmail, "ann-password-1");
        var tooShort = staffButton(tomHttp, ownerId, "password", "set", Map.of("password:newPassword", "short"));
        assertThat(tooShort.body()).contains("The password needs at least 10 characters");
        assertThat(staffButton(tomHttp, ownerId, "password", "set", Map.of("password:newPassword", "owner-new-pw-1"))
                .status()).isEqualTo(302);
        assertThat(login(new Http(java.net.URI.create(base.toString())), shop.ownerEmail(), shop.password()).status())
                .isEqualTo(200);
        signedIn(shop.ownerEmail(), "owner-new-pw-1");
        assertThat(staffButton(tomHttp, ownerId, "password", "link", Map.of()).status()).isEqualTo(302);
        assertThat(queryLong("SELECT COUNT(*) FROM outbox_mail WHERE recipient = ? AND body LIKE '%/admin/password?token=%'",
                shop.ownerEmail())).isEqualTo(1);

        // every change is in the shop's audit log, with who did it
        assertThat(auditCount(shop.id(), "staff_user", tom, "invited", shop.ownerEmail())).isEqualTo(1);
        assertThat(auditCount(shop.id(), "staff_user", ann, "invited", shop.ownerEmail())).isEqualTo(1);
        assertThat(auditCount(shop.id(), "staff_user", ann, "password_set_by_link", annEmail)).isEqualTo(1);
        assertThat(auditCount(shop.id(), "staff_user", tom, "updated", shop.ownerEmail())).isEqualTo(1);
        assertThat(auditCount(shop.id(), "staff_user", ownerId, "updated", tomEmail)).isEqualTo(1);
        assertThat(auditCount(shop.id(), "staff_user", ann, "deactivated", tomEmail)).isEqualTo(1);
        assertThat(auditCount(shop.id(), "staff_user", ann, "reactivated", tomEmail)).isEqualTo(1);
        assertThat(auditCount(shop.id(), "staff_user", ownerId, "password_set", tomEmail)).isEqualTo(1);
        assertThat(auditCount(shop.id(), "staff_user", ownerId, "password_link", tomEmail)).isEqualTo(1);
        assertThat(auditCount(shop.id(), "session", tom, "signed_in", tomEmail)).isEqualTo(1);
        // refused changes left no event
        assertThat(queryLong("SELECT COUNT(*) FROM audit_event WHERE tenant_id = ? AND entity = 'staff_user'"
                + " AND entity_id = ? AND action IN ('updated', 'deactivated')", shop.id(), tom)).isEqualTo(1);
        var log = tomHttp.get("audit/list?entity=staff_user");
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.body()).contains("deactivated", annEmail, "role Owner → Staff", tomEmail)
                .doesNotContain("signed in");
        assertThat(log.body().indexOf("set-password link sent")).isLessThan(log.body().indexOf("role Staff → Owner"));
    }

    Map<String, String> hosterDomainsForm(Http hoster, long shopId, String hosts) {
        var detail = hoster.get("hoster/tenant?id=" + shopId);
        assertThat(detail.status()).isEqualTo(200);
        Map<String, String> form = Http.extractHiddenInputs(detail.body(), "hostnames");
        form.put("hostnames:domains", hosts);
        form.put("hostnames:save", "");
        return form;
    }

    void hosterToggles(Http hoster, long shopId) {
        Map<String, String> form = Http.extractHiddenInputs(hoster.get("hoster/tenant?id=" + shopId).body(), "status");
        form.put("status:toggle", "");
        assertThat(hoster.post("hoster/tenant?id=" + shopId, form).status()).isEqualTo(302);
    }

    long hosterEvents(long tenantId, String action, long hosterId) {
        return ItEnvironment.queryLong("SELECT COUNT(*) FROM audit_event WHERE tenant_id = ? AND entity = 'shop'"
                + " AND entity_id = ? AND action = ? AND actor = 'hoster@farmstand.example' AND actor_id = ?",
                tenantId, tenantId, action, hosterId);
    }

    @Test
    void theHostersChangesAreInTheAffectedShopsAuditLogOnly() {
        Http hoster = signedIn("hoster@farmstand.example", "hoster-demo");
        long hosterId = ItEnvironment.queryLong("SELECT id FROM staff_user WHERE email = 'hoster@farmstand.example'");
        NewShop shop = createShop(hoster);
        NewShop other = createShop(hoster);
        String host = "shop." + shop.slug() + ".example";

        // each hoster action writes one event into the shop's own log, with the hoster as actor
        assertThat(hosterEvents(shop.id(), "shop_created", hosterId)).isEqualTo(1);
        assertThat(ItEnvironment.queryString("SELECT detail FROM audit_event WHERE tenant_id = ? AND action = 'shop_created'",
                shop.id())).isEqualTo("i18n:audit.detail.shop.created|s:" + shop.slug() + "|s:Hof " + shop.slug().substring(3)
                + "|s:" + shop.ownerEmail());
        assertThat(hoster.post("hoster/tenant?id=" + shop.id(), hosterDomainsForm(hoster, shop.id(), host)).status())
                .isEqualTo(302);
        assertThat(hosterEvents(shop.id(), "shop_domains", hosterId)).isEqualTo(1);
        assertThat(ItEnvironment.queryString("SELECT detail FROM audit_event WHERE tenant_id = ? AND action = 'shop_domains'",
                shop.id())).isEqualTo("i18n:audit.detail.shop.domains|s:–|s:" + host);
        // a refused change (the host belongs to the first shop) and an unchanged list write nothing
        assertThat(hoster.post("hoster/tenant?id=" + other.id(), hosterDomainsForm(hoster, other.id(), host)).body())
                .contains("already belongs to another shop");
        assertThat(hoster.post("hoster/tenant?id=" + shop.id(), hosterDomainsForm(hoster, shop.id(), host)).status())
                .isEqualTo(302);
        assertThat(ItEnvironment.queryLong("SELECT COUNT(*) FROM audit_event WHERE tenant_id IN (?, ?)"
                + " AND action = 'shop_domains'", shop.id(), other.id())).isEqualTo(1);
        hosterToggles(hoster, shop.id());
        assertThat(ItEnvironment.queryString("SELECT status FROM tenant WHERE id = ?", shop.id())).isEqualTo("SUSPENDED");
        assertThat(hosterEvents(shop.id(), "shop_suspended", hosterId)).isEqualTo(1);
        hosterToggles(hoster, shop.id());
        assertThat(hosterEvents(shop.id(), "shop_reactivated", hosterId)).isEqualTo(1);
        assertThat(ItEnvironment.queryLong("SELECT COUNT(*) FROM audit_event WHERE tenant_id = ? AND entity = 'shop'",
                other.id())).isEqualTo(1);

        // the owner's audit page lists them, newest first, also under the filter "shop"
        Http owner = signedIn(shop.ownerEmail(), shop.password());
        for (String page : new String[]{"audit/list", "audit/list?entity=shop"}) {
            var log = owner.get(page);
            assertThat(log.status()).isEqualTo(200);
            String body = log.body();
            assertThat(body).contains("shop set up by the hoster", "host names changed by the hoster", "– → " + host,
                    "shop suspended by the hoster", "shop reactivated by the hoster", "hoster@farmstand.example");
            assertThat(body.indexOf("shop reactivated by the hoster")).isLessThan(body.indexOf("shop suspended by the hoster"));
            assertThat(body.indexOf("shop suspended by the hoster")).isLessThan(body.indexOf("host names changed by the hoster"));
            assertThat(body.indexOf("host names changed by the hoster")).isLessThan(body.indexOf("shop set up by the hoster"));
        }
        assertThat(owner.get("audit/list?entity=product").body())
                .doesNotContain("shop set up by the hoster", "shop suspended by the hoster", host);
        // not for another shop: the second new shop sees only its own creation, the demo shop none of this
        var otherLog = signedIn(other.ownerEmail(), other.password()).get("audit/list").body();
        assertThat(otherLog).contains("shop set up by the hoster", other.slug())
                .doesNotContain("shop suspended by the hoster", "host names changed by the hoster", host, shop.slug());
        assertThat(signedIn("owner@sonnenhof.example", "sonnenhof-demo").get("audit/list?entity=shop").body())
                .doesNotContain(shop.slug(), host, other.slug());

        // the hoster's changes, the new-customer policy and API tokens read in the owner's language
        Map<String, String> policy = Http.extractHiddenInputs(owner.get("customers/list").body(), "policy");
        policy.put("policy:policyValue", "CAPPED");
        policy.put("policy:intake", "3");
        policy.put("policy:savePolicy", "");
        assertThat(owner.post("customers/list", policy).body()).contains("Policy saved.");
        Map<String, String> token = Http.extractHiddenInputs(owner.get("settings/tokens").body(), "create");
        token.put("create:name", "PCG Lager");
        token.put("create:createToken", "");
        assertThat(owner.post("settings/tokens", token).status()).isEqualTo(200);
        assertThat(ItEnvironment.queryString("SELECT detail FROM audit_event WHERE tenant_id = ? AND action = 'customer_policy'",
                shop.id())).isEqualTo("i18n:audit.detail.customer_policy|k:audit.customerPolicy.CAPPED|n:3");
        assertThat(text(get(owner, "audit/list", "en"))).contains("capped intake, 3 new customers a week",
                "PCG Lager (read)", shop.slug() + ", Hof " + shop.slug().substring(3) + ", owner " + shop.ownerEmail(),
                shop.slug() + ": active → suspended", shop.slug() + ": suspended → active", "– → " + host);
        assertThat(text(get(owner, "audit/list", "de"))).contains("begrenzte Aufnahme, 3 pro Woche", "PCG Lager (lesen)",
                shop.slug() + ", Hof " + shop.slug().substring(3) + ", Inhaber/in " + shop.ownerEmail(),
                shop.slug() + ": aktiv → gesperrt", shop.slug() + ": gesperrt → aktiv", "– → " + host);
    }

    @Test
    void aSecondOwnersStaleSaveOfAStaffUserIsRefusedAndChangesNothing() {
        NewShop shop = createShop(signedIn("hoster@farmstand.example", "hoster-demo"));
        String suffix = shop.slug().substring(3);
        Http first = signedIn(shop.ownerEmail(), shop.password());
        String secondEmail = "second-" + suffix + "@shops.example";
        invite(first, secondEmail, "Second", "OWNER", "second-password-1");
        Http second = signedIn(secondEmail, "second-password-1");
        long sam = invite(first, "sam-" + suffix + "@shops.example", "Sam", "STAFF", "sam-password-1");

        // both owners open Sam's page; the first saves, the second then saves from the page he loaded before
        var firstPage = first.get("staff/edit?id=" + sam);
        var secondPage = second.get("staff/edit?id=" + sam);
        assertThat(firstPage.status()).isEqualTo(200);
        assertThat(secondPage.status()).isEqualTo(200);
        long versionBefore = ItEnvironment.queryLong("SELECT version FROM staff_user WHERE id = ?", sam);
        Map<String, String> firstForm = Http.extractHiddenInputs(firstPage.body(), "user");
        firstForm.put("user:name", "Sam First");
        firstForm.put("user:role", "STAFF");
        firstForm.put("user:save", "");
        assertThat(first.post("staff/edit?id=" + sam, firstForm).status()).isEqualTo(302);
        long versionAfter = ItEnvironment.queryLong("SELECT version FROM staff_user WHERE id = ?", sam);
        assertThat(versionAfter).isGreaterThan(versionBefore);

        Map<String, String> secondForm = Http.extractHiddenInputs(secondPage.body(), "user");
        secondForm.put("user:name", "Sam Second");
        secondForm.put("user:role", "OWNER");
        secondForm.put("user:save", "");
        var stale = second.post("staff/edit?id=" + sam, secondForm);
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.body()).contains("Someone else changed this staff user in the meantime. Nothing was saved: reload the page.");
        assertThat(ItEnvironment.queryString("SELECT display_name FROM staff_user WHERE id = ?", sam)).isEqualTo("Sam First");
        assertThat(ItEnvironment.queryString("SELECT role FROM staff_user WHERE id = ?", sam)).isEqualTo("STAFF");
        assertThat(ItEnvironment.queryLong("SELECT version FROM staff_user WHERE id = ?", sam)).isEqualTo(versionAfter);
        // only the first save is in the log; Sam is still a staff member (no owner pages)
        assertThat(ItEnvironment.queryLong("SELECT COUNT(*) FROM audit_event WHERE tenant_id = ? AND entity = 'staff_user'"
                + " AND entity_id = ? AND action = 'updated'", shop.id(), sam)).isEqualTo(1);
        assertThat(auditCount(shop.id(), "staff_user", sam, "updated", shop.ownerEmail())).isEqualTo(1);
        assertThat(signedIn("sam-" + suffix + "@shops.example", "sam-password-1").get("staff/list").status()).isEqualTo(403);
    }

    @Test
    void productChangesAreAuditedInTheirTransactionAndShownOnlyToTheirShop() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long sonnenhof = queryLong("SELECT id FROM tenant WHERE slug = 'sonnenhof'");
        String name = "Audit-Rübe " + UUID.randomUUID().toString().substring(0, 8);
        long id = createProduct(http, name, "1,00");
        var page = http.get("products/edit?id=" + id);
        var stalePage = http.get("products/edit?id=" + id);
        assertThat(postMultipart(http, "products/edit?id=" + id, productForm(page.body(), name, "1,75")).status()).isEqualTo(302);
        // a refused (stale) save writes no event
        assertThat(postMultipart(http, "products/edit?id=" + id, productForm(stalePage.body(), name, "9,00")).status())
                .isEqualTo(200);

        assertThat(auditCount(sonnenhof, "product", id, "created", "owner@sonnenhof.example")).isEqualTo(1);
        assertThat(auditCount(sonnenhof, "product", id, "updated", "owner@sonnenhof.example")).isEqualTo(1);
        // stored as a message key and its arguments (core's AuditDetail), shown in the reader's language
        assertThat(queryString("SELECT detail FROM audit_event WHERE entity = 'product' AND entity_id = ?"
                + " AND action = 'updated'", id))
                .isEqualTo("i18n:audit.detail.product.updated|s:" + name + "|n:1|m:100|m:175|n:0");
        assertThat(queryLong("SELECT COUNT(*) FROM audit_event WHERE tenant_id = ? AND entity = 'session'"
                + " AND action = 'signed_in' AND actor = 'owner@sonnenhof.example'", sonnenhof)).isPositive();

        var log = http.get("audit/list?entity=product");
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.body())
                .contains(name + ", price €1.00 → €1.75", name + ", price €1.00", "owner@sonnenhof.example");
        assertThat(log.body().indexOf("price €1.00 → €1.75")).isLessThan(log.body().indexOf(name + ", price €1.00<"));
        assertThat(text(get(http, "audit/list?entity=product", "de")))
                .contains(name + ", Preis 1,00\u00A0€ → 1,75\u00A0€");
        assertThat(http.get("audit/list?entity=tour").body()).doesNotContain(name);
        assertThat(http.get("audit/list").body()).contains(name);
        assertThat(http.get("audit/list?page=999").status()).isEqualTo(200);
        assertThat(signedIn("owner@lindenhof.example", "lindenhof-demo").get("audit/list").body()).doesNotContain(name);
    }

    @Test
    void aStaleCapacityEditOfATourDateIsRefusedAndOverwritesNothing() {
        Http first = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        Http second = signedIn("staff@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(first);
        long date = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1", tour);
        var pageA = first.get("tours/dates?id=" + tour);
        var pageB = second.get("tours/dates?id=" + tour);
        Map<String, String> form = Http.extractHiddenInputs(pageA.body(), "dates");
        form.put("dates:table:0:capacity", "5");
        form.put("dates:table:0:resize", "x");
        assertThat(first.post("tours/dates?id=" + tour, form).body()).contains("Capacity changed.");
        form = Http.extractHiddenInputs(pageB.body(), "dates");
        form.put("dates:table:0:capacity", "7");
        form.put("dates:table:0:resize", "x");
        var stale = second.post("tours/dates?id=" + tour, form);
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.body()).contains("Someone else changed the capacity of this date in the meantime.");
        assertThat(queryLong("SELECT capacity FROM tour_date WHERE id = ?", date)).isEqualTo(5);
        // the page now shows the current capacity, and a second try goes through
        form = Http.extractHiddenInputs(stale.body(), "dates");
        form.put("dates:table:0:capacity", "7");
        form.put("dates:table:0:resize", "x");
        assertThat(second.post("tours/dates?id=" + tour, form).body()).contains("Capacity changed.");
        assertThat(queryLong("SELECT capacity FROM tour_date WHERE id = ?", date)).isEqualTo(7);
        long sonnenhof = queryLong("SELECT id FROM tenant WHERE slug = 'sonnenhof'");
        assertThat(auditCount(sonnenhof, "tour_date", date, "resized", "owner@sonnenhof.example")).isEqualTo(1);
        assertThat(auditCount(sonnenhof, "tour_date", date, "resized", "staff@sonnenhof.example")).isEqualTo(1);
    }

    // ---- tenant isolation: every admin action and download with another shop's ids ----

    /** What a shop owns for the isolation test: one of each record an admin page acts on. */
    record ShopData(long tenant, long owner, String productName, long product, long tour, String tourName, long date,
                    long fullDate, PlacedOrder order, long pending, String pendingEmail, long pending2, long entry,
                    long staffUser, String staffEmail) {
    }

    /**
     * A shop whose capped intake was used up has new customers waiting in line. Switched to approval, they wait for the
     * producer (nobody is let in by the line); switched to open registration, everyone in line is admitted at once, in
     * their turn, each with the welcome mail (they stayed PENDING for good, while newcomers got in at once).
     */
    @Test
    void openingRegistrationAdmitsThoseWaitingInLineAtOnce() {
        NewShop shop = createShop(signedIn("hoster@farmstand.example", "hoster-demo"));
        update("UPDATE tenant SET customer_policy = 'CAPPED', weekly_intake = 1 WHERE id = ?", shop.id());
        long tour = insert("INSERT INTO tour (tenant_id, name, weekday, postcodes, capacity) VALUES (?, 'Linie', 2,"
                + " '79104', 10)", shop.id());
        String[] emails = {"line-1-" + shop.slug() + "@example.org", "line-2-" + shop.slug() + "@example.org"};
        for (int i = 0; i < emails.length; i++) {
            long customer = pendingCustomer(shop.id(), emails[i]);
            update("UPDATE customer SET home_tour_id = ? WHERE id = ?", tour, customer);
            insert("INSERT INTO waitlist_entry (tenant_id, tour_id, customer_id, kind, status, position_key, created_at)"
                    + " VALUES (?, ?, ?, 'ADMISSION', 'WAITING', 'T', NOW(3) - INTERVAL ? SECOND)", shop.id(), tour,
                    customer, 100 - i);
        }
        Http owner = signedIn(shop.ownerEmail(), shop.password());

        assertThat(savePolicy(owner, "APPROVAL", "1")).contains("Policy saved.").doesNotContain("from the line");
        assertThat(queryLong("SELECT COUNT(*) FROM customer WHERE tenant_id = ? AND status = 'PENDING'", shop.id()))
                .isEqualTo(2);

        assertThat(savePolicy(owner, "OPEN", "0")).contains("Policy saved. 2 customers from the line are admitted now");
        for (String email : emails) {
            assertThat(queryString("SELECT status FROM customer WHERE tenant_id = ? AND email = ?", shop.id(), email))
                    .isEqualTo("ACTIVE");
            assertThat(queryLong("SELECT COUNT(*) FROM outbox_mail WHERE recipient = ?", email)).as(email)
                    .isEqualTo(1);
        }
        assertThat(queryLong("SELECT COUNT(*) FROM waitlist_entry WHERE tenant_id = ? AND kind = 'ADMISSION'"
                + " AND status = 'WAITING'", shop.id())).isZero();
    }

    /**
     * The waiting-list hold time and the weekly intake are whole numbers in a range: letters, decimals and values out
     * of range are field errors and change nothing (the number fields before answered letters with an error page and
     * stored 0 or 337 hours as 1 or 336 with "Saved.").
     */
    @Test
    void numberFieldsOfTheSettingsRefuseWhatIsOutOfRange() {
        NewShop shop = createShop(signedIn("hoster@farmstand.example", "hoster-demo"));
        Http owner = signedIn(shop.ownerEmail(), shop.password());
        long hours = queryLong("SELECT offer_hours FROM tenant WHERE id = ?", shop.id());
        for (String[] input : new String[][] {{"abc", "whole number"}, {"0", "from 1 to 336"},
                {"337", "from 1 to 336"}, {"2.5", "whole number"}, {"", "Please fill in this field."}}) {
            Map<String, String> form = Http.extractHiddenInputs(owner.get("waitlists/list").body(), "settings");
            form.put("settings:offerHours", input[0]);
            form.put("settings:save", "");
            var answer = owner.post("waitlists/list", form);
            assertThat(answer.status()).as(input[0]).isEqualTo(200);
            assertThat(text(answer)).as(input[0]).contains(input[1]).doesNotContain("Saved", "went wrong");
            assertThat(answer.body()).as(input[0]).contains("aria-invalid=\"true\"");
        }
        assertThat(queryLong("SELECT offer_hours FROM tenant WHERE id = ?", shop.id())).isEqualTo(hours);
        for (String intake : new String[] {"abc", "-1", "10001"}) {
            assertThat(savePolicy(owner, "CAPPED", intake)).as(intake).doesNotContain("Policy saved", "went wrong")
                    .contains("aria-invalid=\"true\"");
        }
        assertThat(queryString("SELECT customer_policy FROM tenant WHERE id = ?", shop.id())).isNotEqualTo("CAPPED");
    }

    /** Posts the customers page's policy form; the answer's body. */
    String savePolicy(Http owner, String policy, String intake) {
        Map<String, String> form = Http.extractHiddenInputs(owner.get("customers/list").body(), "policy");
        form.put("policy:policyValue", policy);
        form.put("policy:intake", intake);
        form.put("policy:savePolicy", "");
        var answer = owner.post("customers/list", form);
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    long pendingCustomer(long tenant, String email) {
        return insert("INSERT INTO customer (tenant_id, email, password_hash, first_name, last_name, street, postcode,"
                + " city, status, email_verified) VALUES (?, ?, 'x', 'Iso', 'Pending', 'Weg 3', '79104', 'Freiburg',"
                + " 'PENDING', TRUE)", tenant, email);
    }

    ShopData shopData(Http owner, NewShop shop) {
        String tag = shop.slug().substring(3);
        String productName = "Iso-Produkt " + tag;
        long product = createProduct(owner, productName, "2,00");
        long tour = createTour(owner);
        long date = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1", tour);
        long fullDate = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1 OFFSET 1", tour);
        PlacedOrder order = placeOrder(date, "Isoweg 1", productName, 1);
        PlacedOrder onFull = placeOrder(fullDate, "Isoweg 2", productName, 1);
        // a full date: nobody offers its waiting list a place during the test
        update("UPDATE tour_date SET capacity = booked + held WHERE id = ?", fullDate);
        long customer = queryLong("SELECT customer_id FROM customer_order WHERE id = ?", onFull.id());
        long entry = insert("INSERT INTO waitlist_entry (tenant_id, tour_id, tour_date_id, customer_id, kind, wished_order,"
                + " status, position_key) VALUES (?, ?, ?, ?, 'ORDER', ?, 'WAITING', ?)",
                shop.id(), tour, fullDate, customer, product + ":1", "D" + fullDate);
        String pendingEmail = "iso-pending-" + tag + "@example.org";
        long pending = pendingCustomer(shop.id(), pendingEmail);
        long pending2 = pendingCustomer(shop.id(), "iso-pending2-" + tag + "@example.org");
        String staffEmail = "iso-staff-" + tag + "@shops.example";
        long staffUser = invite(owner, staffEmail, "Iso Staff", "STAFF", "iso-staff-pw-1");
        return new ShopData(shop.id(), queryLong("SELECT id FROM staff_user WHERE email = ?", shop.ownerEmail()),
                productName, product, tour, queryString("SELECT name FROM tour WHERE id = ?", tour), date, fullDate,
                order, pending, pendingEmail, pending2, entry, staffUser, staffEmail);
    }

    /** Every row a shop owns (outbox mails without the relay's bookkeeping), to prove that nothing changed. */
    static String snapshot(long tenant) {
        StringBuilder all = new StringBuilder();
        java.util.List<String> queries = new java.util.ArrayList<>(java.util.List.of(
                "SELECT * FROM tenant WHERE id = ?",
                "SELECT id, recipient, subject, body FROM outbox_mail WHERE tenant_id = ? ORDER BY id"));
        for (String table : new String[]{"staff_user", "category", "product", "tour", "tour_date", "customer",
                "customer_order", "order_line", "waitlist_entry", "audit_event", "tenant_domain", "api_token", "image"}) {
            queries.add("SELECT * FROM " + table + " WHERE tenant_id = ? ORDER BY id");
        }
        try (Connection c = ItEnvironment.jdbc()) {
            for (String sql : queries) {
                all.append(sql).append('\n');
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    st.setLong(1, tenant);
                    try (ResultSet rs = st.executeQuery()) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= columns; i++) {
                                Object value = rs.getObject(i);
                                all.append(value instanceof byte[] bytes ? java.util.Arrays.hashCode(bytes) : value).append('|');
                            }
                            all.append('\n');
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return all.toString();
    }

    /**
     * Loads one of the attacker's own pages, then posts its form to the same page with the victim's id in the URL
     * and as an extra "id" form field (a tampered postback).
     */
    static Http.Response tampered(Http http, String ownPath, String formId, Map<String, String> fields,
                                  String foreignPath, long foreignId) {
        var page = http.get(ownPath);
        assertThat(page.status()).as(ownPath).isEqualTo(200);
        Map<String, String> form = Http.extractHiddenInputs(page.body(), formId);
        form.putAll(fields);
        form.put("id", String.valueOf(foreignId));
        return http.post(foreignPath, form);
    }

    static String buttonWithClass(String html, String styleClass) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "<button[^>]*name=\"([^\"]+)\"[^>]*class=\"[^\"]*\\b" + styleClass + "\\b").matcher(html);
        if (m.find()) {
            return m.group(1);
        }
        java.util.regex.Matcher n = java.util.regex.Pattern.compile(
                "<button[^>]*class=\"[^\"]*\\b" + styleClass + "\\b[^\"]*\"[^>]*name=\"([^\"]+)\"").matcher(html);
        assertThat(n.find()).as(styleClass + " button").isTrue();
        return n.group(1);
    }

    @Test
    void everyAdminActionWithAnotherShopsIdsIsNotFoundAndChangesNothing() {
        Http hoster = signedIn("hoster@farmstand.example", "hoster-demo");
        NewShop victimShop = createShop(hoster);
        NewShop attackerShop = createShop(hoster);
        Http victimOwner = signedIn(victimShop.ownerEmail(), victimShop.password());
        Http a = signedIn(attackerShop.ownerEmail(), attackerShop.password());
        ShopData v = shopData(victimOwner, victimShop);
        ShopData own = shopData(a, attackerShop);
        String before = snapshot(v.tenant());
        String[] victimTexts = {v.productName(), v.pendingEmail(), v.staffEmail(), v.order().number(), v.order().email(),
                victimShop.ownerEmail(), v.tourName()};

        // pages and downloads by URL
        for (String path : new String[]{"products/edit?id=" + v.product(), "tours/edit?id=" + v.tour(),
                "tours/dates?id=" + v.tour(), "orders/date?id=" + v.date(), "orders/detail?id=" + v.order().id(),
                "customers/detail?id=" + v.pending(), "waitlists/date?id=" + v.fullDate(),
                "staff/edit?id=" + v.staffUser(), "staff/edit?id=" + v.owner(),
                "orders/export/picking.csv?date=" + v.date(), "orders/export/picking.pdf?date=" + v.date(),
                "orders/export/delivery.csv?date=" + v.date(), "orders/export/delivery.pdf?date=" + v.date()}) {
            var response = a.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain(victimTexts);
        }
        // lists, also with a tenant named in the query string
        for (String path : new String[]{"products/list?tenant=" + v.tenant(), "tours/list?tenant=" + v.tenant(),
                "orders/list", "customers/list?tenant=" + v.tenant(), "waitlists/list", "staff/list?tenant=" + v.tenant(),
                "audit/list?tenant=" + v.tenant(), "?tenant=" + v.tenant()}) {
            var response = a.get(path);
            if (response.status() == 301 || response.status() == 302) {
                response = a.get(response.location().orElseThrow().toString());
            }
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).doesNotContain(victimTexts);
        }

        // tampered postbacks: the attacker's own form, posted with the victim's ids in URL and fields
        java.util.List<Http.Response> posts = new java.util.ArrayList<>();
        var productPage = a.get("products/edit?id=" + own.product());
        Map<String, String> productForm = productForm(productPage.body(), own.productName(), "3,33");
        productForm.put("id", String.valueOf(v.product()));
        posts.add(postMultipart(a, "products/edit?id=" + v.product(), productForm));
        assertThat(queryLong("SELECT price_cents FROM product WHERE id = ?", own.product())).isEqualTo(333);

        posts.add(tampered(a, "tours/edit?id=" + own.tour(), "tour", Map.of("tour:name", "Gekapert", "tour:weekday", "3",
                "tour:postcodes", "12345", "tour:capacity", "9", "tour:cutoffDays", "2", "tour:cutoffTime", "18:00",
                "tour:weeksAhead", "3", "tour:active", "on", "tour:save", ""), "tours/edit?id=" + v.tour(), v.tour()));
        assertThat(queryString("SELECT name FROM tour WHERE id = ?", own.tour())).isEqualTo("Gekapert");
        assertThat(queryLong("SELECT id FROM tour_date WHERE tour_id = ? AND status = 'OPEN' AND delivery_date >= CURDATE()"
                + " ORDER BY delivery_date LIMIT 1", own.tour())).isEqualTo(own.date());
        posts.add(tampered(a, "tours/dates?id=" + own.tour(), "dates", Map.of("dates:table:0:capacity", "40",
                "dates:table:0:resize", "x"), "tours/dates?id=" + v.tour(), v.tour()));
        assertThat(queryLong("SELECT capacity FROM tour_date WHERE id = ?", own.date())).isEqualTo(40);
        posts.add(tampered(a, "tours/dates?id=" + own.tour(), "extra", Map.of("extra:date",
                java.time.LocalDate.now().plusDays(45).toString(), "extra:add", "x"), "tours/dates?id=" + v.tour(), v.tour()));
        posts.add(tampered(a, "orders/detail?id=" + own.order().id(), "status", Map.of("status:next:0:to", ""),
                "orders/detail?id=" + v.order().id(), v.order().id()));
        assertThat(queryString("SELECT status FROM customer_order WHERE id = ?", own.order().id())).isEqualTo("CONFIRMED");
        posts.add(tampered(a, "customers/detail?id=" + own.pending(), "actions", Map.of("actions:approve", ""),
                "customers/detail?id=" + v.pending(), v.pending()));
        posts.add(tampered(a, "customers/detail?id=" + own.pending2(), "actions", Map.of("actions:reject", ""),
                "customers/detail?id=" + v.pending2(), v.pending2()));
        long ownActive = queryLong("SELECT customer_id FROM customer_order WHERE id = ?", own.order().id());
        posts.add(tampered(a, "customers/detail?id=" + ownActive, "actions", Map.of("actions:block", ""),
                "customers/detail?id=" + queryLong("SELECT customer_id FROM customer_order WHERE id = ?", v.order().id()),
                v.pending()));
        assertThat(queryString("SELECT status FROM customer WHERE id = ?", own.pending())).isEqualTo("ACTIVE");
        assertThat(queryString("SELECT status FROM customer WHERE id = ?", own.pending2())).isEqualTo("REJECTED");
        assertThat(queryString("SELECT status FROM customer WHERE id = ?", ownActive)).isEqualTo("BLOCKED");
        var waitPage = a.get("waitlists/date?id=" + own.fullDate());
        posts.add(tampered(a, "waitlists/date?id=" + own.fullDate(), "entries",
                Map.of(buttonWithClass(waitPage.body(), "offer"), ""), "waitlists/date?id=" + v.fullDate(), v.entry()));
        posts.add(tampered(a, "waitlists/date?id=" + own.fullDate(), "entries",
                Map.of(buttonWithClass(waitPage.body(), "remove"), ""), "waitlists/date?id=" + v.fullDate(), v.entry()));
        assertThat(queryString("SELECT status FROM waitlist_entry WHERE id = ?", own.entry())).isEqualTo("REMOVED");
        posts.add(tampered(a, "staff/edit?id=" + own.staffUser(), "user", Map.of("user:name", "Gekapert",
                "user:role", "OWNER", "user:save", ""), "staff/edit?id=" + v.staffUser(), v.staffUser()));
        posts.add(tampered(a, "staff/edit?id=" + own.staffUser(), "status", Map.of("status:deactivate", ""),
                "staff/edit?id=" + v.staffUser(), v.staffUser()));
        posts.add(tampered(a, "staff/edit?id=" + own.staffUser(), "password", Map.of("password:newPassword",
                "hijacked-pw-1", "password:set", ""), "staff/edit?id=" + v.owner(), v.owner()));
        posts.add(tampered(a, "staff/edit?id=" + own.staffUser(), "password", Map.of("password:link", ""),
                "staff/edit?id=" + v.owner(), v.owner()));
        assertThat(queryString("SELECT display_name FROM staff_user WHERE id = ?", own.staffUser())).isEqualTo("Gekapert");
        assertThat(queryLong("SELECT COUNT(*) FROM staff_user WHERE id = ? AND NOT active", own.staffUser())).isEqualTo(1);
        String planted = "planted-" + attackerShop.slug() + "@shops.example";
        posts.add(tampered(a, "staff/list", "invite", Map.of("invite:email", planted, "invite:name", "Planted",
                "invite:role", "OWNER", "invite:password", "planted-pw-12", "invite:submit", "",
                "tenant", String.valueOf(v.tenant()), "tenantId", String.valueOf(v.tenant())), "staff/list?tenant=" + v.tenant(),
                v.tenant()));
        assertThat(queryLong("SELECT tenant_id FROM staff_user WHERE email = ?", planted)).isEqualTo(attackerShop.id());
        Map<String, String> settings = settingsForm(a.get("settings/shop").body(), "#101010", "");
        settings.put("id", String.valueOf(v.tenant()));
        settings.put("tenant", String.valueOf(v.tenant()));
        posts.add(postSettings(a, settings, "", new byte[0]));
        assertThat(queryString("SELECT primary_color FROM tenant WHERE id = ?", attackerShop.id())).isEqualTo("#101010");

        for (Http.Response response : posts) {
            assertThat(response.status()).as(response.toString()).isIn(200, 302, 404);
            assertThat(response.body()).as(response.toString()).doesNotContain(victimTexts);
        }
        // nothing the victim shop owns changed: not one column of one row
        assertThat(snapshot(v.tenant())).isEqualTo(before);
        // and the victim's owner still signs in with the old password
        signedIn(victimShop.ownerEmail(), victimShop.password());
    }

    // the admin's language: Accept-Language, formats, Faces' messages

    /** GET {@code path} in the visitor's languages {@code acceptLanguage}. */
    static Http.Response get(Http http, String path, String acceptLanguage) {
        return http.send(http.request(path).header("Accept-Language", acceptLanguage).GET());
    }

    static Http.Response post(Http http, String path, Map<String, String> form, String acceptLanguage) {
        return http.send(http.request(path).header("Accept-Language", acceptLanguage)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.formEncode(form))));
    }

    static Http.Response postMultipart(Http http, String path, Map<String, String> form, String acceptLanguage) {
        String boundary = "----farmstand" + UUID.randomUUID();
        return http.send(http.request(path).header("Accept-Language", acceptLanguage)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        multipart(boundary, form, "product:image", "", new byte[0]))));
    }

    /** The page's text with no-break spaces as characters ("3,90 €" is written with one). */
    static String text(Http.Response page) {
        return page.body().replace("&nbsp;", "\u00A0").replace("&#160;", "\u00A0").replace("&#xa0;", "\u00A0")
                .replace("&#xA0;", "\u00A0");
    }

    @Test
    void theAdminSpeaksTheFirstOfTheVisitorsLanguagesItIsWrittenIn() {
        Http http = new Http(java.net.URI.create(base.toString()));
        assertThat(get(http, "login", "fr-FR,fr;q=0.9,en;q=0.8").body()).contains("lang=\"en\"", "Sign in");
        assertThat(get(http, "login", "fr-FR,de-AT;q=0.9,en;q=0.8").body()).contains("lang=\"de\"", "Anmelden");
        assertThat(get(http, "login", "en-GB,de;q=0.5").body()).contains("lang=\"en\"", "Sign in");
        assertThat(get(http, "login", "fr-FR,it;q=0.5").body()).contains("lang=\"de\"", "Anmelden");
    }

    @Test
    void fieldMessagesArePlainAndInTheAdminsLanguage() {
        for (String language : new String[]{"de", "en"}) {
            boolean german = language.equals("de");
            // the sign-in without a password
            Http visitor = new Http(java.net.URI.create(base.toString()));
            Map<String, String> login = loginForm(visitor, "owner@lindenhof.example", "");
            var noPassword = post(visitor, "login", login, language);
            assertThat(noPassword.status()).isEqualTo(200);
            assertThat(noPassword.body())
                    .contains(german ? "Bitte füllen Sie dieses Feld aus." : "Please fill in this field.")
                    .contains("aria-invalid=\"true\"")
                    .doesNotContain("Validation Error", "Überprüfungsfehler", "Password:", "Passwort:");

            // a product without a name and with a weight that is no number
            Http http = signedIn("owner@lindenhof.example", "lindenhof-demo");
            var page = get(http, "products/edit", language);
            Map<String, String> form = productForm(page.body(), "", "3,90");
            form.put("product:weight", "abc");
            var invalid = postMultipart(http, "products/edit", form, language);
            assertThat(invalid.status()).isEqualTo(200);
            assertThat(invalid.body()).contains(german
                            ? new String[]{"Bitte füllen Sie dieses Feld aus.",
                                    "Bitte geben Sie eine ganze Zahl ein, z. B. 250."}
                            : new String[]{"Please fill in this field.", "Please enter a whole number, e.g. 250."})
                    .doesNotContain("Validation Error", "Überprüfungsfehler", "must be a number between", "9346",
                            "&#39;abc&#39;");

            // a category address that is no address (a Bean Validation message of core's ValidationMessages)
            Map<String, String> category = Http.extractHiddenInputs(get(http, "products/categories", language).body(),
                    "category");
            category.put("category:name", "Ungültig " + UUID.randomUUID().toString().substring(0, 6));
            category.put("category:slug", "Nicht gültig!");
            category.put("category:create", "");
            var badSlug = post(http, "products/categories", category, language);
            assertThat(badSlug.status()).isEqualTo(200);
            assertThat(badSlug.body()).contains(german ? "Ziffern und Bindestriche" : "digits and hyphens")
                    .doesNotContain("{farmstand.slug.invalid}");
        }
    }

    @Test
    void pricesAndTaxRatesAreWrittenAndReadInTheAdminsLanguage() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        String name = "Rote Bete " + UUID.randomUUID().toString().substring(0, 8);
        // a German farmer types a German price: 3.90 €, not an error nor 390 €
        var page = get(http, "products/edit", "de");
        assertThat(text(page)).contains(">7\u00A0%<", ">19\u00A0%<").doesNotContain("7.0 %");
        var saved = postMultipart(http, "products/edit", productForm(page.body(), name, "3,90"), "de");
        assertThat(saved.status()).as(saved.toString()).isEqualTo(302);
        long id = queryLong("SELECT id FROM product WHERE name = ?", name);
        assertThat(queryLong("SELECT price_cents FROM product WHERE id = ?", id)).isEqualTo(390);

        assertThat(get(http, "products/edit?id=" + id, "de").body()).contains("value=\"3,90\"");
        var english = get(http, "products/edit?id=" + id, "en");
        assertThat(english.body()).contains("value=\"3.90\"", ">7%<", ">19%<");
        // the English form takes its own notation, and a German thousands separator with decimals too
        Map<String, String> form = productForm(english.body(), name, "1.234,50");
        assertThat(postMultipart(http, "products/edit?id=" + id, form, "en").status()).isEqualTo(302);
        assertThat(queryLong("SELECT price_cents FROM product WHERE id = ?", id)).isEqualTo(123450);
        // the language's thousands separator alone groups, as in the shop settings ("1.500" was saved as 1,50 €)
        form = productForm(get(http, "products/edit?id=" + id, "de").body(), name, "1.500");
        assertThat(postMultipart(http, "products/edit?id=" + id, form, "de").status()).isEqualTo(302);
        assertThat(queryLong("SELECT price_cents FROM product WHERE id = ?", id)).isEqualTo(150000);
        form = productForm(get(http, "products/edit?id=" + id, "en").body(), name, "1,250");
        assertThat(postMultipart(http, "products/edit?id=" + id, form, "en").status()).isEqualTo(302);
        assertThat(queryLong("SELECT price_cents FROM product WHERE id = ?", id)).isEqualTo(125000);
        // the list (its first page, whichever products that shows)
        assertThat(text(get(http, "products/list", "de"))).containsPattern("\\d,\\d\\d\u00A0€")
                .doesNotContainPattern("€\\d");
        assertThat(text(get(http, "products/list", "en"))).containsPattern("€\\d+\\.\\d\\d")
                .doesNotContainPattern("\\d,\\d\\d\u00A0€");
    }

    @Test
    void theOrderPagesSpeakTheAdminsLanguage() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(http);
        long date = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1", tour);
        String tourName = queryString("SELECT name FROM tour WHERE id = ?", tour);
        var day = java.time.LocalDate.parse(queryString("SELECT delivery_date FROM tour_date WHERE id = ?", date));
        String dayDe = day.format(java.time.format.DateTimeFormatter.ofPattern("ccc dd.MM.yyyy",
                java.util.Locale.GERMANY));
        String dayEn = day.format(java.time.format.DateTimeFormatter.ofPattern("EEE d MMM yyyy", java.util.Locale.UK));
        PlacedOrder order = placeOrder(date, "Hauptstraße 5", "Möhren", 2);

        var english = text(get(http, "orders/detail?id=" + order.id(), "en"));
        assertThat(english).contains("<title>Order " + order.number() + " – Farmstand Admin</title>",
                "2 pieces", "€2.50", "€5.00", dayEn, ">placed<", ">Confirm order</span>", ">Cancel order</span>")
                .doesNotContain("2 piece<", "2,50", ">confirmed</span>", ">cancelled</span>");
        var german = text(get(http, "orders/detail?id=" + order.id(), "de"));
        assertThat(german).contains("<title>Bestellung " + order.number() + " – Farmstand Admin</title>",
                "2 Stück", "2,50\u00A0€", "5,00\u00A0€", dayDe, ">eingegangen<", ">Bestellung bestätigen</span>",
                ">Bestellung stornieren</span>").doesNotContain(">bestellt<", ">bestätigt</span>");

        // the customer's page lists the order with its status in words, not the code ("PLACED")
        long customer = queryLong("SELECT customer_id FROM customer_order WHERE id = ?", order.id());
        assertThat(text(get(http, "customers/detail?id=" + customer, "en"))).contains(order.number(), ">placed<")
                .doesNotContain(">PLACED<");
        assertThat(text(get(http, "customers/detail?id=" + customer, "de"))).contains(order.number(),
                ">eingegangen<").doesNotContain(">PLACED<");

        assertThat(text(get(http, "orders/date?id=" + date, "en")))
                .contains("<title>Orders for " + tourName + ", " + dayEn + " – Farmstand Admin</title>", "€5.00");
        assertThat(text(get(http, "orders/date?id=" + date, "de")))
                .contains("<title>Bestellungen für " + tourName + ", " + dayDe + " – Farmstand Admin</title>",
                        "5,00\u00A0€");
    }

    // ---- confirmations, the owner's rights, paging, earlier dates, the old weekday's dates ----

    /** A pending customer of the shop, inserted; their id. */
    static long pendingCustomer(long tenant, String firstName, String lastName) {
        String email = "new-" + UUID.randomUUID().toString().substring(0, 12) + "@example.org";
        return insert("INSERT INTO customer (tenant_id, email, password_hash, first_name, last_name, street, postcode,"
                + " city, status, email_verified) VALUES (?, ?, 'x', ?, ?, 'Am Bach 1', '79098', 'Freiburg', 'PENDING',"
                + " TRUE)", tenant, email, firstName, lastName);
    }

    static Http.Response press(Http http, String path, String formId, String button) {
        var page = http.get(path);
        assertThat(page.status()).as(path).isEqualTo(200);
        Map<String, String> form = Http.extractHiddenInputs(page.body(), formId);
        form.put(button, "");
        return http.post(path, form);
    }

    @Test
    void rejectingACustomerAsksFirstAndARejectedCustomerCanStillBeApprovedWithTheWelcomeMail() {
        Http owner = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long tenant = queryLong("SELECT id FROM tenant WHERE slug = 'sonnenhof'");
        String last = "Aerger-" + UUID.randomUUID().toString().substring(0, 6);
        long customer = pendingCustomer(tenant, "Emil", last);
        String email = queryString("SELECT email FROM customer WHERE id = ?", customer);

        // the question names the customer and what happens, on the list and on the detail page
        String question = "Reject Emil " + last + "? They will be told by mail.";
        // (the queue lists the oldest first: this customer may be on a later page of a shop used by other tests)
        assertThat(owner.get("customers/list").body()).contains("? They will be told by mail.", "ui-confirmdialog-yes",
                "ui-confirmdialog-no");
        var detail = owner.get("customers/detail?id=" + customer);
        assertThat(detail.body()).contains(question);
        assertThat(owner.get("customers/detail?id=" + customer).body()).doesNotContain("rejectedHint");

        assertThat(press(owner, "customers/detail?id=" + customer, "actions", "actions:reject").body())
                .contains("Customer rejected");
        assertThat(queryString("SELECT status FROM customer WHERE id = ?", customer)).isEqualTo("REJECTED");
        long mails = queryLong("SELECT COUNT(*) FROM outbox_mail WHERE recipient = ?", email);
        assertThat(mails).isEqualTo(1);

        // the detail page of a rejected customer offers the way back
        var rejected = owner.get("customers/detail?id=" + customer);
        assertThat(rejected.body()).contains("rejectedHint", "actions:approve")
                .doesNotContain("id=\"actions:reject\"");
        assertThat(press(owner, "customers/detail?id=" + customer, "actions", "actions:approve").body())
                .contains("Customer approved; a welcome mail is on its way.");
        assertThat(queryString("SELECT status FROM customer WHERE id = ?", customer)).isEqualTo("ACTIVE");
        assertThat(queryLong("SELECT COUNT(*) FROM outbox_mail WHERE recipient = ?", email)).isEqualTo(mails + 1);
        assertThat(queryString("SELECT GROUP_CONCAT(action ORDER BY id) FROM audit_event WHERE entity = 'customer'"
                + " AND entity_id = ?", customer)).isEqualTo("rejected,approved_after_rejection");
        assertThat(owner.get("audit/list").body()).contains("approved after a rejection");
    }

    @Test
    void cancellingAnOrderAsksFirstNamingTheOrderAndTheCustomer() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(http);
        long date = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1", tour);
        PlacedOrder order = placeOrder(date, "Hauptstraße 7", "Möhren", 1);
        String body = http.get("orders/detail?id=" + order.id()).body();
        // one question, on the cancel button only
        String question = "Cancel order " + order.number() + " of Erika Muster-" + order.number()
                + "? The place is given back and the customer is told by mail.";
        assertThat(body).contains(question);
        assertThat(body.split(java.util.regex.Pattern.quote(question), -1)).hasSize(2);
    }

    static boolean focusOn(org.openqa.selenium.WebDriver driver, String idEnd) {
        String id = driver.switchTo().activeElement().getAttribute("id");
        return id != null && id.endsWith(idEnd);
    }

    @Test
    @RequiresBrowser
    void theConfirmationWorksWithTheKeyboardEscapeKeepsTheCustomerAndYesRejects() {
        NewShop shop = createShop(signedIn("hoster@farmstand.example", "hoster-demo"));
        String last = "Ärger-" + UUID.randomUUID().toString().substring(0, 6);
        long customer = pendingCustomer(shop.id(), "Emil", last);
        var driver = browser.open(base, "login");
        driver.manage().deleteAllCookies(); // another test's sign-in
        browser.open(base, "login");
        driver.findElement(By.id("login:email")).sendKeys(shop.ownerEmail());
        driver.findElement(By.id("login:password")).sendKeys(shop.password());
        driver.findElement(By.id("login:submit")).click();
        browser.waitUntil(Duration.ofSeconds(20), d -> !d.getCurrentUrl().contains("login"));
        browser.open(base, "customers/detail?id=" + customer);
        browser.waitUntil(Duration.ofSeconds(20), d -> !d.findElements(By.id("actions:reject")).isEmpty());

        driver.findElement(By.id("actions:reject")).click();
        var dialog = browser.waitUntil(Duration.ofSeconds(10), d -> d.findElements(By.cssSelector(".ui-confirm-dialog"))
                .stream().filter(org.openqa.selenium.WebElement::isDisplayed).findFirst().orElse(null));
        assertThat(dialog.getText()).contains("Reject Emil " + last + "? They will be told by mail.");
        // the focus moves to "No", the safe answer, as the dialog opens; Escape closes without acting
        browser.waitUntil(Duration.ofSeconds(10), d -> focusOn(d, "confirmNo"));
        driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ESCAPE);
        browser.waitUntil(Duration.ofSeconds(10), d -> !dialog.isDisplayed());
        // and the focus goes back to the button that opened it
        browser.waitUntil(Duration.ofSeconds(10), d -> focusOn(d, "actions:reject"));
        assertThat(queryString("SELECT status FROM customer WHERE id = ?", customer)).isEqualTo("PENDING");

        // Tab reaches "Yes", Enter rejects
        driver.findElement(By.id("actions:reject")).click();
        browser.waitUntil(Duration.ofSeconds(10), d -> dialog.isDisplayed() && focusOn(d, "confirmNo"));
        driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
        assertThat(driver.switchTo().activeElement().getAttribute("id")).endsWith("confirmYes");
        driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
        browser.waitUntil(Duration.ofSeconds(20), d -> d.getPageSource().contains("Customer rejected"));
        assertThat(queryString("SELECT status FROM customer WHERE id = ?", customer)).isEqualTo("REJECTED");
        browser.assertNoJavaScriptErrors();
    }

    /**
     * Staff run the daily business; the shop-wide settings, API tokens and the irreversible tour decisions are the
     * owner's: hidden from staff, and refused on the server when posted anyway.
     */
    @Test
    void staffRunTheDailyBusinessButNeitherChangeShopSettingsNorCancelDatesNorMoveTours() {
        Http owner = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        Http staff = signedIn("staff@sonnenhof.example", "sonnenhof-demo");
        long tenant = queryLong("SELECT id FROM tenant WHERE slug = 'sonnenhof'");
        for (String page : new String[]{"settings/shop", "settings/tokens", "staff/list", "audit/list"}) {
            var response = staff.get(page);
            assertThat(response.status()).as(page).isEqualTo(403);
            assertThat(response.body()).as(page).contains("Only the shop owner can do this.");
        }
        String menu = staff.get("orders/list").body();
        assertThat(menu).contains("/customers/list", "/tours/list", "/waitlists/list")
                .doesNotContain("/settings/shop", "/settings/tokens");

        // the new-customer policy: shown, not offered; a forged post changes nothing
        String policy = queryString("SELECT customer_policy FROM tenant WHERE id = ?", tenant);
        var customers = staff.get("customers/list");
        assertThat(customers.body()).contains("Only the shop owner can change the new-customer policy.")
                .doesNotContain("policy:savePolicy");
        assertThat(owner.get("customers/list").body()).contains("policy:savePolicy");
        Map<String, String> forged = Http.extractHiddenInputs(customers.body(), "search");
        forged.put("policy", "policy");
        forged.put("policy:policyValue", policy.equals("OPEN") ? "CAPPED" : "OPEN");
        forged.put("policy:intake", "3");
        forged.put("policy:savePolicy", "");
        assertThat(staff.post("customers/list", forged).status()).isIn(200, 403);
        assertThat(queryString("SELECT customer_policy FROM tenant WHERE id = ?", tenant)).isEqualTo(policy);

        // the offer hold time: shown, not offered
        long hours = queryLong("SELECT offer_hours FROM tenant WHERE id = ?", tenant);
        assertThat(staff.get("waitlists/list").body()).contains("An offer holds its place for " + hours + " hours.")
                .doesNotContain("settings:save");

        // a tour: staff change its capacity and add dates, but neither cancel a date nor move it to another weekday
        long tour = createTour(owner);
        long date = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1", tour);
        var dates = staff.get("tours/dates?id=" + tour);
        assertThat(dates.body()).contains("dates:table:0:resize").doesNotContain("dates:table:0:cancel");
        assertThat(owner.get("tours/dates?id=" + tour).body()).contains("dates:table:0:cancel");
        Map<String, String> cancel = Http.extractHiddenInputs(dates.body(), "dates");
        cancel.put("dates:table:0:cancel", "x");
        staff.post("tours/dates?id=" + tour, cancel);
        assertThat(queryString("SELECT status FROM tour_date WHERE id = ?", date)).isEqualTo("OPEN");
        assertThat(resize(staff, tour, staff.get("tours/dates?id=" + tour), "5").body()).contains("Capacity changed.");

        var edit = staff.get("tours/edit?id=" + tour);
        assertThat(edit.body()).contains("Only the shop owner can move a tour to another weekday");
        Map<String, String> move = Http.extractHiddenInputs(edit.body(), "tour");
        move.put("tour:name", "Umbenannt " + tour);
        move.put("tour:weekday", "5");
        move.put("tour:postcodes", queryString("SELECT postcodes FROM tour WHERE id = ?", tour));
        move.put("tour:capacity", "2");
        move.put("tour:cutoffDays", "2");
        move.put("tour:cutoffTime", "18:00");
        move.put("tour:weeksAhead", "3");
        move.put("tour:active", "on");
        move.put("tour:save", "");
        staff.post("tours/edit?id=" + tour, move);
        assertThat(queryLong("SELECT weekday FROM tour WHERE id = ?", tour)).isEqualTo(3);
        assertThat(queryString("SELECT name FROM tour WHERE id = ?", tour)).isEqualTo("Umbenannt " + tour);
    }

    /** The customer queue and search page in the database and say when there is more than one page. */
    @Test
    void theCustomerQueueAndSearchArePagedAndSayHowManyThereAre() {
        NewShop shop = createShop(signedIn("hoster@farmstand.example", "hoster-demo"));
        for (int i = 0; i < 61; i++) {
            pendingCustomer(shop.id(), "Paula", String.format("Page-%03d", i));
        }
        Http owner = signedIn(shop.ownerEmail(), shop.password());
        var list = owner.get("customers/list");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Found: 61", "1–50 of 61");
        String queue = list.body().substring(list.body().indexOf("id=\"queue\""), list.body().indexOf("id=\"search\""));
        assertThat(queue.split("class=\"customer-name\"", -1)).hasSize(51);
        assertThat(queue).contains("Page-000", "Page-049").doesNotContain("Page-050");

        // the paginator's next page: the oldest remaining 11
        Map<String, String> form = Http.extractHiddenInputs(list.body(), "queue");
        form.put("jakarta.faces.partial.ajax", "true");
        form.put("jakarta.faces.source", "queue:pending");
        form.put("jakarta.faces.partial.execute", "queue:pending");
        form.put("jakarta.faces.partial.render", "queue:pending");
        form.put("jakarta.faces.behavior.event", "page");
        form.put("jakarta.faces.partial.event", "page");
        form.put("queue:pending_pagination", "true");
        form.put("queue:pending_first", "50");
        form.put("queue:pending_rows", "50");
        form.put("queue:pending_skipChildren", "true");
        form.put("queue:pending_encodeFeature", "true");
        var next = owner.send(owner.request("customers/list").header("Faces-Request", "partial/ajax")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.formEncode(form))));
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.body()).contains("Page-050", "Page-060").doesNotContain("Page-049");
    }

    /** A complaint about last week's delivery: the earlier dates, their orders and their lists. */
    @Test
    void earlierDatesAreListedNewestFirstWithTheirOrdersAndLists() {
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(http);
        long date = queryLong("SELECT id FROM tour_date WHERE tour_id = ? ORDER BY delivery_date LIMIT 1", tour);
        PlacedOrder order = placeOrder(date, "Wiesenweg 3", "Lauch", 2);
        java.time.LocalDate lastWeek = java.time.LocalDate.now().minusDays(7);
        update("UPDATE tour_date SET delivery_date = ?, cutoff_at = ? WHERE id = ?", lastWeek.toString(),
                lastWeek.minusDays(2).atTime(18, 0).toString().replace('T', ' '), date);

        var list = http.get("orders/list");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Earlier dates", "orders/date?id=" + date);
        var chosen = http.get("orders/list?until=" + lastWeek);
        String firstRow = chosen.body().substring(chosen.body().indexOf("class=\"earlier-date\""));
        // newest first: the chosen day's date leads (this shop's other tours have no date that day)
        assertThat(firstRow.substring(0, firstRow.indexOf("</tr>"))).contains("orders/date?id=" + date + "\"");
        assertThat(http.get("orders/list?until=" + lastWeek.minusDays(1)).body())
                .doesNotContain("orders/date?id=" + date + "\"");
        assertThat(http.get("orders/list?page=abc").status()).isEqualTo(404);

        var orders = http.get("orders/date?id=" + date);
        assertThat(orders.status()).isEqualTo(200);
        assertThat(orders.body()).contains(order.number(), "orders/export/delivery.pdf?date=" + date);
        assertThat(http.get("orders/export/picking.csv?date=" + date).body()).contains("Lauch;piece;2");
    }

    /**
     * After a tour moved to another weekday, the old weekday's dates without orders are cancelled in one go (the
     * owner's action); dates with orders stay and are named.
     */
    @Test
    void theOwnerCancelsTheOldWeekdaysDatesWithoutOrdersInOneGoAndTheOnesWithOrdersStay() {
        Http owner = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        Http staff = signedIn("staff@sonnenhof.example", "sonnenhof-demo");
        long tour = createTour(owner);
        long withOrder = queryLong("SELECT id FROM tour_date WHERE tour_id = ? AND cutoff_at > NOW()"
                + " ORDER BY delivery_date LIMIT 1", tour);
        placeOrder(withOrder, "Ackerweg 9", "Möhren", 1);
        long old = queryLong("SELECT COUNT(*) FROM tour_date WHERE tour_id = ? AND cutoff_at > NOW()", tour);
        assertThat(old).isGreaterThan(1);

        Map<String, String> form = Http.extractHiddenInputs(owner.get("tours/edit?id=" + tour).body(), "tour");
        form.put("tour:name", queryString("SELECT name FROM tour WHERE id = ?", tour));
        form.put("tour:weekday", "5");
        form.put("tour:postcodes", queryString("SELECT postcodes FROM tour WHERE id = ?", tour));
        form.put("tour:capacity", "2");
        form.put("tour:cutoffDays", "2");
        form.put("tour:cutoffTime", "18:00");
        form.put("tour:weeksAhead", "3");
        form.put("tour:active", "on");
        form.put("tour:save", "");
        assertThat(owner.post("tours/edit?id=" + tour, form).status()).isEqualTo(302);
        var dates = owner.get("tours/dates?id=" + tour);
        assertThat(dates.body()).contains("Dates on the old weekday", "oldWeekdayForm:cancelOldWeekday",
                "no orders? Dates with orders stay.", "1 order");

        // staff see the dates, not the action; a forged post cancels nothing
        var staffPage = staff.get("tours/dates?id=" + tour);
        assertThat(staffPage.body())
                .contains("Dates on the old weekday", "Only the shop owner can cancel delivery dates.")
                .doesNotContain("oldWeekdayForm:cancelOldWeekday");
        Map<String, String> forged = Http.extractHiddenInputs(staffPage.body(), "dates");
        forged.put("oldWeekdayForm", "oldWeekdayForm");
        forged.put("oldWeekdayForm:cancelOldWeekday", "");
        staff.post("tours/dates?id=" + tour, forged);
        assertThat(queryLong("SELECT COUNT(*) FROM tour_date WHERE tour_id = ? AND status = 'CANCELLED'", tour))
                .isZero();

        var done = press(owner, "tours/dates?id=" + tour, "oldWeekdayForm", "oldWeekdayForm:cancelOldWeekday");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains(old - 1 == 1 ? "One date was cancelled" : (old - 1) + " dates were cancelled",
                "One date with orders stays");
        assertThat(queryLong("SELECT COUNT(*) FROM tour_date WHERE tour_id = ? AND status = 'CANCELLED'", tour))
                .isEqualTo(old - 1);
        assertThat(queryString("SELECT status FROM tour_date WHERE id = ?", withOrder)).isEqualTo("OPEN");
        assertThat(queryLong("SELECT COUNT(*) FROM tour_date WHERE tour_id = ? AND status = 'OPEN'"
                + " AND DAYOFWEEK(delivery_date) = 6", tour)).as("the new weekday's dates").isPositive();
        assertThat(queryLong("SELECT COUNT(*) FROM audit_event WHERE entity = 'tour_date' AND action = 'cancelled'"
                + " AND detail LIKE '%cancelled_old_weekday%' AND entity_id IN (SELECT id FROM tour_date"
                + " WHERE tour_id = ?)", tour)).isEqualTo(old - 1);
        assertThat(done.body()).doesNotContain("oldWeekdayForm:cancelOldWeekday");
    }
}
