package org.farmstand.storefront;

import org.farmstand.testing.Browser;
import org.farmstand.testing.Http;
import org.farmstand.testing.Mails;
import org.farmstand.testing.RequiresBrowser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The shop pages over HTTP, against the real WAR on Payara Micro and a real MariaDB with the demo shops. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StorefrontIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return StorefrontDeployment.war().addClasses(AdmissionProbe.class);
    }

    @RegisterExtension
    static final Browser browser = new Browser();

    @ArquillianResource
    URL base;

    @Test
    @RequiresBrowser
    void shopPageLoadsInTheBrowserWithoutJavaScriptErrors() {
        browser.open(base, "s/sonnenhof/");
        assertThat(browser.driver().getTitle()).contains("Sonnenhof");
        browser.open(base, "s/sonnenhof/products/kuerbis");
        assertThat(browser.driver().getPageSource()).contains("Hokkaido-Kürbis");
        browser.assertNoJavaScriptErrors();
    }

    Http http() {
        return new Http(java.net.URI.create(base.toString()));
    }

    @Test
    void shopPageShowsItsOwnProductsAndNoneOfTheOtherShop() {
        var sonnenhof = http().get("s/sonnenhof/");
        assertThat(sonnenhof.status()).isEqualTo(200);
        assertThat(sonnenhof.body()).contains("Sonnenhof", "Möhren", "Hokkaido-Kürbis").doesNotContain("Heumilch", "Bergkäse");
        // branding is data: the shop's colour is in the page
        assertThat(sonnenhof.body()).contains("--brand: #2e7d32");

        var lindenhof = http().get("s/lindenhof/products");
        assertThat(lindenhof.status()).isEqualTo(200);
        assertThat(lindenhof.body()).contains("Heumilch", "Bauernbrot").doesNotContain("Möhren", "Kürbis");
    }

    @Test
    void anonymousBrowsingCreatesNoSession() {
        Http http = http();
        for (String path : new String[]{"s/sonnenhof/", "s/sonnenhof/products", "s/sonnenhof/products?q=kart",
                "s/sonnenhof/products?category=obst", "s/sonnenhof/products/moehren",
                "s/nope/"}) {
            var response = http.get(path);
            assertThat(response.headers().allValues("Set-Cookie"))
                    .as("cookies set by %s", path)
                    .noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
        }
        assertThat(http.cookie("JSESSIONID")).isEmpty();
    }

    @Test
    void searchAndCategoryFilterTheCatalog() {
        var search = http().get("s/sonnenhof/products?q=kart");
        assertThat(search.body()).contains("Kartoffeln").doesNotContain("Äpfel Topaz");
        var fruit = http().get("s/sonnenhof/products?category=obst");
        assertThat(fruit.body()).contains("Äpfel Topaz").doesNotContain("Kartoffeln");
        // the other shop's product by slug is not found here
        assertThat(http().get("s/sonnenhof/products/heumilch").status()).isEqualTo(404);
    }

    @Test
    void unknownShopsAndPagesGetAFriendly404() {
        var unknownShop = http().get("s/no-such-shop/");
        assertThat(unknownShop.status()).isEqualTo(404);
        assertThat(unknownShop.body()).contains("<html").doesNotContain("Exception", "at org.");
        assertThat(http().get("s/sonnenhof/no/such/page").status()).isEqualTo(404);
        assertThat(http().get("s/sonnenhof/products/does-not-exist").status()).isEqualTo(404);
    }

    @Test
    void languageSwitchesBetweenGermanAndEnglish() {
        assertThat(http().get("s/sonnenhof/").body()).contains("Warenkorb");
        Http english = http();
        assertThat(english.get("s/sonnenhof/?lang=en").body()).contains("Cart");
        // remembered in a cookie, not a session
        assertThat(english.get("s/sonnenhof/products/moehren").body()).contains("Add to cart").doesNotContain("In den Warenkorb");
    }

    @Test
    void imagesAreServedUnderHashedUrlsWithLongCachingAndEtags() {
        String page = http().get("s/sonnenhof/products/moehren").body();
        Matcher matcher = Pattern.compile("src=\"[^\"]*(/s/sonnenhof/media/[0-9a-f]{64}-medium\\.jpg)\"").matcher(page);
        assertThat(matcher.find()).as("product image in page").isTrue();
        String path = matcher.group(1).substring(1);
        var image = http().get(path);
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.header("Content-Type").orElse("")).contains("image/jpeg");
        assertThat(image.header("Cache-Control").orElse("")).contains("max-age=31536000", "immutable");
        String etag = image.header("ETag").orElseThrow();
        var conditional = http().send(http().request(path).header("If-None-Match", etag).GET());
        assertThat(conditional.status()).isEqualTo(304);
        // the same image is not served under the other shop
        assertThat(http().get(path.replace("sonnenhof", "lindenhof")).status()).isEqualTo(404);
    }

    @Test
    void postsWithoutTheCsrfTokenAreRefused() {
        var response = http().post("s/sonnenhof/cart", Map.of("action", "add", "productId", "1", "quantity", "1"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void healthIsReadyOnceTheDatabaseIsMigrated() {
        var ready = http().get("health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"", "\"migrated\":\"true\"");
    }
    @Test
    void deliveryPageShowsTheToursServingAPostcodeWithDatesWithoutASession() {
        Http http = http();
        var form = http.get("s/sonnenhof/delivery");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"postcode\"").doesNotContain("Dienstag Nord");

        var north = http.get("s/sonnenhof/delivery?postcode=79098");
        assertThat(north.status()).isEqualTo(200);
        assertThat(north.body()).contains("Dienstag Nord", "bestellen bis", "Plätze frei").doesNotContain("Freitag Süd");
        var south = http.get("s/sonnenhof/delivery?postcode=79312&lang=en");
        assertThat(south.body()).contains("Freitag Süd", "order by", "places left").doesNotContain("Dienstag Nord");

        assertThat(http.get("s/sonnenhof/delivery?postcode=10115&lang=en").body())
                .contains("we do not deliver to 10115").doesNotContain("Dienstag Nord");
        var bad = http.get("s/sonnenhof/delivery?postcode=%3Cscript%3E&lang=en");
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("Please enter a valid postcode").contains("value=\"&lt;script&gt;\"").doesNotContain("value=\"<script>");
        // the other shop's tours are not shown here
        assertThat(http.get("s/sonnenhof/delivery?postcode=80331").body()).doesNotContain("Mittwoch Stadt");

        assertThat(http.cookie("JSESSIONID")).as("no session for the delivery check").isEmpty();
    }

    @Test
    void deliveryPagePrefillsTheSignedInCustomersPostcode() {
        Http http = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        var page = http.get("s/sonnenhof/delivery");
        assertThat(page.body()).contains("value=\"79098\"", "Dienstag Nord");
    }

    static String uniqueEmail(String name) {
        return name + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /** Posts the registration form of a shop on the given client. */
    static Http.Response register(Http http, String shop, String email, String password, String postcode) {
        String token = csrf(http.get("s/" + shop + "/account/register?lang=en"));
        return http.post("s/" + shop + "/account/register", form(token, "email", email, "password", password,
                "firstName", "Dora", "lastName", "Test", "street", "Feldweg 1", "postcode", postcode,
                "city", "Testdorf", "phone", ""));
    }

    /** The path (below the base URL) of the first link in a mail that contains {@code part}. */
    static String linkIn(Mails.Mail mail, String part) {
        Matcher m = Pattern.compile("https?://[^/\\s]+/(s/[^\\s]*" + Pattern.quote(part) + "[^\\s]*)").matcher(mail.body());
        assertThat(m.find()).as("link with %s in %s", part, mail.body()).isTrue();
        return m.group(1);
    }

    @Test
    void registerVerifyByMailThenSignInAtAnOpenShop() {
        Http http = http();
        String email = uniqueEmail("dora");
        var registered = register(http, "lindenhof", email, "correct-horse-1", "80331");
        assertThat(registered.status()).as(registered.body()).isEqualTo(303);
        assertThat(http.get(registered.location().orElseThrow().toString()).body()).contains("We have sent you an e-mail");

        // not verified yet: sign-in is refused with a clear message
        String token = csrf(http.get("s/lindenhof/account/login?lang=en"));
        var early = http.post("s/lindenhof/account/login", form(token, "email", email, "password", "correct-horse-1"));
        assertThat(early.status()).isEqualTo(403);
        assertThat(early.body()).contains("Please confirm your e-mail address first");

        Mails.Mail mail = Mails.awaitMailTo(email, Duration.ofSeconds(20));
        assertThat(mail.subject()).contains("Lindenhof");
        var verified = http.get(linkIn(mail, "/account/verify?token="));
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body()).contains("your account is active");
        // the link works once
        assertThat(http.get(linkIn(mail, "/account/verify?token=")).status()).isEqualTo(404);

        Http signedIn = signedIn("lindenhof", email, "correct-horse-1");
        var profile = signedIn.get("s/lindenhof/account/profile?lang=en");
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.body()).contains("Mittwoch Stadt", "value=\"Feldweg 1\"", "value=\"80331\"");
    }

    @Test
    void atAnApprovalShopAVerifiedCustomerIsPendingAndCannotSignInYet() {
        Http http = http();
        String email = uniqueEmail("erik");
        assertThat(register(http, "sonnenhof", email, "correct-horse-2", "79100").status()).isEqualTo(303);
        var verified = http.get(linkIn(Mails.awaitMailTo(email, Duration.ofSeconds(20)), "/account/verify?token=") + "&lang=en");
        assertThat(verified.body()).contains("pending approval");
        String token = csrf(http.get("s/sonnenhof/account/login?lang=en"));
        var login = http.post("s/sonnenhof/account/login", form(token, "email", email, "password", "correct-horse-2"));
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.body()).contains("waiting for approval");
    }

    @Test
    void registrationExplainsWhatIsWrong() {
        Http http = http();
        var unknownPostcode = register(http, "sonnenhof", uniqueEmail("far"), "correct-horse-3", "10115");
        assertThat(unknownPostcode.status()).isEqualTo(400);
        assertThat(unknownPostcode.body()).contains("we do not deliver to this postcode");

        var duplicate = register(http, "sonnenhof", "Anna@Example.org", "correct-horse-4", "79098");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.body()).contains("already an account with this e-mail address");

        String token = csrf(http.get("s/sonnenhof/account/register?lang=en"));
        var bad = http.post("s/sonnenhof/account/register", form(token, "email", "not-an-address", "password", "short",
                "firstName", "", "lastName", "Test", "street", "Feldweg 1", "postcode", "<b>", "city", "Testdorf"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("Please check the marked fields", "valid e-mail address",
                "at least 10 characters", "enter your first name", "valid postcode")
                .contains("value=\"Feldweg 1\"").doesNotContain("<b>");
        // the same e-mail address may have an account at another shop
        assertThat(register(http(), "lindenhof", "anna@example.org", "correct-horse-5", "80331").status()).isEqualTo(303);
    }

    @Test
    void aForgottenPasswordIsResetByMail() {
        String email = uniqueEmail("fritz");
        Http http = http();
        assertThat(register(http, "lindenhof", email, "correct-horse-6", "81241").status()).isEqualTo(303);
        http.get(linkIn(Mails.awaitMailTo(email, Duration.ofSeconds(20)), "/account/verify?token="));

        String token = csrf(http.get("s/lindenhof/account/forgot?lang=en"));
        var asked = http.post("s/lindenhof/account/forgot", form(token, "email", email));
        assertThat(asked.status()).isEqualTo(303);
        // an unknown address gets the same answer
        assertThat(http.post("s/lindenhof/account/forgot", form(token, "email", uniqueEmail("nobody"))).status()).isEqualTo(303);

        String link = linkIn(Mails.awaitMailTo(email, m -> m.subject().contains("Passwort"), Duration.ofSeconds(20)),
                "/account/reset?token=");
        var page = http.get(link + "&lang=en");
        assertThat(page.status()).isEqualTo(200);
        String resetToken = link.substring(link.indexOf("token=") + 6);
        var tooShort = http.post("s/lindenhof/account/reset", form(csrf(page), "token", resetToken, "password", "short"));
        assertThat(tooShort.status()).isEqualTo(400);
        var reset = http.post("s/lindenhof/account/reset", form(csrf(page), "token", resetToken, "password", "new-password-7"));
        assertThat(reset.status()).isEqualTo(303);
        assertThat(http.get(link).status()).as("a reset link works once").isEqualTo(404);
        signedIn("lindenhof", email, "new-password-7");
    }

    // --- helpers for the customer journey -----------------------------------------------------------------------

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    static String csrf(Http.Response page) {
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("CSRF token in %s", page.uri()).isTrue();
        return m.group(1);
    }

    static Map<String, String> form(String csrf, String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", csrf);
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    /** Signs in on a fresh client and returns it (302 to the next page on success). */
    Http signedIn(String shop, String email, String password) {
        Http http = http();
        String token = csrf(http.get("s/" + shop + "/account/login"));
        var posted = http.post("s/" + shop + "/account/login", form(token, "email", email, "password", password));
        assertThat(posted.status()).as("sign-in of %s: %s", email, posted.body()).isIn(302, 303);
        return http;
    }

    @Test
    void anOrderPlacedOverHttpSendsItsConfirmationMail() {
        Http http = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        var product = http.get("s/sonnenhof/products/moehren");
        Matcher id = Pattern.compile("name=\"productId\" value=\"([0-9]+)\"").matcher(product.body());
        assertThat(id.find()).isTrue();
        String token = csrf(product);
        var added = http.post("s/sonnenhof/cart", form(token, "action", "add", "productId", id.group(1), "quantity", "6"));
        assertThat(added.status()).isIn(302, 303);

        var checkout = http.get("s/sonnenhof/checkout");
        assertThat(checkout.status()).isEqualTo(200);
        Matcher date = Pattern.compile("<input type=\"radio\" name=\"tourDateId\" id=\"d-[0-9]+\" value=\"([0-9]+)\"(?![^>]*disabled)")
                .matcher(checkout.body());
        assertThat(date.find()).as("an orderable date in %s", checkout.body()).isTrue();
        Matcher key = Pattern.compile("name=\"key\" value=\"([^\"]+)\"").matcher(checkout.body());
        Matcher total = Pattern.compile("name=\"expectedTotal\" value=\"([0-9]+)\"").matcher(checkout.body());
        assertThat(key.find() && total.find()).isTrue();
        var placed = http.post("s/sonnenhof/checkout", form(csrf(checkout), "key", key.group(1),
                "expectedTotal", total.group(1), "tourDateId", date.group(1)));
        assertThat(placed.status()).as(placed.body()).isEqualTo(303);
        Matcher number = Pattern.compile("/orders/([A-Za-z0-9-]+)/confirmation").matcher(placed.location().orElseThrow().toString());
        assertThat(number.find()).isTrue();

        Mails.Mail mail = Mails.awaitMailTo("anna@example.org", m -> m.subject().contains(number.group(1)),
                Duration.ofSeconds(20));
        assertThat(mail.subject()).contains("Bestellbestätigung", "Sonnenhof");
        assertThat(mail.body()).contains("Möhren", number.group(1));
        assertThat(mail.from()).isEqualTo("shop@farmstand.example");
        // and the relay recorded it as sent, once
        assertThat(outboxStatus(number.group(1), Duration.ofSeconds(10))).isEqualTo("SENT:1");
    }

    /** "status:attempts" of the outbox row whose subject contains {@code part}, once it is no longer PENDING. */
    static String outboxStatus(String part, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            try (var c = java.sql.DriverManager.getConnection(System.getProperty("farmstand.it.db.url"),
                    System.getProperty("farmstand.it.db.user"), System.getProperty("farmstand.it.db.password"));
                 var s = c.prepareStatement("SELECT status, attempts FROM outbox_mail WHERE subject LIKE ?")) {
                s.setString(1, "%" + part + "%");
                try (var rs = s.executeQuery()) {
                    if (rs.next()) {
                        last = rs.getString(1) + ":" + rs.getInt(2);
                        if (!last.startsWith("PENDING")) {
                            return last;
                        }
                    }
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return last;
    }

    /** Sends a GET with the given Host header over a plain socket (HttpClient refuses to set Host). */
    String getWithHost(String host, String path) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            String request = "GET " + base.getPath().replaceAll("/$", "") + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void aShopIsAlsoFoundByItsOwnHostName() throws Exception {
        try (var c = org.farmstand.testing.ItEnvironment.jdbc(); var st = c.createStatement()) {
            st.executeUpdate("INSERT IGNORE INTO tenant_domain (tenant_id, host)"
                    + " SELECT id, 'hofladen-linden.test' FROM tenant WHERE slug = 'lindenhof'");
        }
        String byHost = getWithHost("hofladen-linden.test", "/products");
        assertThat(byHost).startsWith("HTTP/1.1 200").contains("Heumilch").doesNotContain("Möhren");
        // an unknown host name has no shop: the platform page at the root, 404 elsewhere
        assertThat(getWithHost("unknown-host.test", "/products")).startsWith("HTTP/1.1 404");
    }

    // --- page cache (issue 6) -----------------------------------------------------------------------------------

    @Test
    void aCachedCatalogPageCarriesTheCsrfTokenOfTheVisitorsOwnCookie() {
        Http first = http();
        first.get("s/sonnenhof/products/kartoffeln");
        var again = first.get("s/sonnenhof/products/kartoffeln");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("X-Page-Cache")).hasValue("HIT");
        assertThat(csrf(again)).isEqualTo(first.cookie("fs_csrf").orElseThrow().getValue());

        // another visitor gets the same cached page with a token of their own, in a new cookie
        Http second = http();
        var page = second.get("s/sonnenhof/products/kartoffeln");
        assertThat(page.header("X-Page-Cache")).hasValue("HIT");
        assertThat(page.header("Content-Type").orElse("")).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(page.header("Cache-Control").orElse("")).contains("private");
        assertThat(page.header("Vary").orElse("")).contains("Cookie");
        String token = csrf(page);
        assertThat(second.cookie("fs_csrf").orElseThrow().getValue()).isEqualTo(token);
        assertThat(token).isNotEqualTo(csrf(again));
        assertThat(page.body()).contains("Kartoffeln");
        assertThat(second.cookie("JSESSIONID")).as("no session from cached pages").isEmpty();
        assertThat(first.cookie("JSESSIONID")).isEmpty();

        // the form of the cached page works: its token matches the cookie
        Matcher id = Pattern.compile("name=\"productId\" value=\"([0-9]+)\"").matcher(page.body());
        assertThat(id.find()).isTrue();
        var added = second.post("s/sonnenhof/cart", form(token, "action", "add", "productId", id.group(1), "quantity", "2"));
        assertThat(added.status()).as(added.body()).isIn(302, 303);
        // with a session (a cart) pages are rendered for the visitor, not taken from the cache
        var withCart = second.get("s/sonnenhof/products/kartoffeln");
        assertThat(withCart.header("X-Page-Cache")).isEmpty();
        assertThat(withCart.body()).contains(">2</span></a>");
        assertThat(csrf(withCart)).isEqualTo(token);
    }

    @Test
    void aProducersChangeShowsAtOnceDespiteThePageCache() throws Exception {
        String path = "s/lindenhof/products/bauernbrot";
        http().get(path);
        assertThat(http().get(path).header("X-Page-Cache")).hasValue("HIT");
        String marker = "Frisch-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        try (var c = org.farmstand.testing.ItEnvironment.jdbc()) {
            c.setAutoCommit(false);
            try (var product = c.prepareStatement("UPDATE product SET description = CONCAT(COALESCE(description, ''), ?)"
                    + " WHERE slug = 'bauernbrot' AND tenant_id = (SELECT id FROM tenant WHERE slug = 'lindenhof')");
                 var bump = c.prepareStatement("UPDATE tenant SET content_version = content_version + 1 WHERE slug = 'lindenhof'")) {
                product.setString(1, " " + marker);
                assertThat(product.executeUpdate()).isEqualTo(1);
                bump.executeUpdate(); // what ContentVersions.bump() does in the producer's transaction
            }
            c.commit();
        }
        var changed = http().get(path);
        assertThat(changed.body()).contains(marker);
        assertThat(changed.header("X-Page-Cache")).hasValue("MISS");
        assertThat(http().get("s/lindenhof/products").header("X-Page-Cache")).as("every page of the shop").hasValue("MISS");
        assertThat(http().get(path).body()).contains(marker);
    }

    @Test
    void cachedPagesNeverMixLanguagesOrShops() throws Exception {
        Http german = http();
        Http english = http();
        for (int i = 0; i < 2; i++) {
            var de = german.get("s/sonnenhof/products");
            assertThat(de.body()).contains("lang=\"de\"", "Warenkorb");
            var en = english.get(i == 0 ? "s/sonnenhof/products?lang=en" : "s/sonnenhof/products");
            assertThat(en.body()).contains("lang=\"en\"").doesNotContain("Warenkorb");
        }
        // the same path under two shops' own host names
        try (var c = org.farmstand.testing.ItEnvironment.jdbc(); var st = c.createStatement()) {
            st.executeUpdate("INSERT IGNORE INTO tenant_domain (tenant_id, host)"
                    + " SELECT id, 'hofladen-linden.test' FROM tenant WHERE slug = 'lindenhof'");
            st.executeUpdate("INSERT IGNORE INTO tenant_domain (tenant_id, host)"
                    + " SELECT id, 'hofladen-sonnen.test' FROM tenant WHERE slug = 'sonnenhof'");
        }
        for (int i = 0; i < 2; i++) {
            assertThat(getWithHost("hofladen-linden.test", "/products")).startsWith("HTTP/1.1 200")
                    .contains("Heumilch").doesNotContain("Möhren");
            assertThat(getWithHost("hofladen-sonnen.test", "/products")).startsWith("HTTP/1.1 200")
                    .contains("Möhren").doesNotContain("Heumilch");
        }
    }

    // --- admission control (issue 6) ----------------------------------------------------------------------------

    String admission(String query) {
        var response = http().get("_test/admission" + query);
        assertThat(response.status()).isEqualTo(200);
        return response.body().strip();
    }

    static long ticketNumber(Http http) {
        String value = http.cookie("fs_queue").orElseThrow().getValue();
        return Long.parseLong(value.substring(0, value.indexOf('.')));
    }

    @Test
    void beyondTheAdmissionLimitVisitorsGetTheQueuePageAndAreLetInInOrder() {
        Http customer = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        String before = admission("");
        try {
            // one place, reserved: ordinary visitors find no room at all
            admission("?max=1&reserved=1");
            Http first = http();
            var queued = first.get("s/sonnenhof/products?lang=en");
            assertThat(queued.status()).isEqualTo(200);
            assertThat(queued.header("X-Farmstand-Queue")).isPresent();
            assertThat(queued.header("Retry-After").orElseThrow()).matches("[0-9]+");
            assertThat(queued.header("Cache-Control").orElse("")).contains("no-store");
            assertThat(queued.body()).contains("You are in the queue", "http-equiv=\"refresh\"",
                    "/s/sonnenhof/products?lang=en").doesNotContain("Möhren");
            Http second = http();
            var german = second.get("s/sonnenhof/");
            assertThat(german.body()).contains("Sie sind in der Warteschlange");
            assertThat(ticketNumber(second)).isGreaterThan(ticketNumber(first));
            // a forged ticket counts for nothing: a new number at the end
            Http forger = http();
            forger.get("s/sonnenhof/");
            long forgedNumber = ticketNumber(forger);
            String forged = "1." + (System.currentTimeMillis() / 1000) + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
            var withForged = http().send(http().request("s/sonnenhof/").header("Cookie", "fs_queue=" + forged).GET());
            assertThat(withForged.header("X-Farmstand-Queue")).isPresent();
            assertThat(withForged.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("fs_queue=")
                    && Long.parseLong(c.substring(9, c.indexOf('.'))) > forgedNumber);
            for (Http visitor : new Http[]{first, second, forger}) {
                assertThat(visitor.cookie("JSESSIONID")).as("the queue page creates no session").isEmpty();
            }
            // the signed-in customer uses the reserved place: checkout keeps working
            var checkout = customer.get("s/sonnenhof/cart");
            assertThat(checkout.status()).isEqualTo(200);
            assertThat(checkout.header("X-Farmstand-Queue")).isEmpty();

            // room again: the waiting visitors come back with their tickets and are let in
            admission("?max=64&reserved=16");
            var admitted = first.get("s/sonnenhof/products?lang=en");
            assertThat(admitted.header("X-Farmstand-Queue")).isEmpty();
            assertThat(admitted.body()).contains("Möhren");
            assertThat(first.cookie("fs_queue")).as("the used ticket is removed").isEmpty();
            assertThat(second.get("s/sonnenhof/").body()).contains("Möhren");
        } finally {
            String[] limits = before.split(" ");
            admission("?max=" + limits[0] + "&reserved=" + limits[1]);
        }
    }

    // --- stock per tour date (pushed by the management system's API) ------------------------------------------------

    @Test
    void checkoutRefusesMoreThanTheStockLeftOnTheChosenDateAndNamesTheProduct() {
        Http http = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        var product = http.get("s/sonnenhof/products/moehren");
        Matcher id = Pattern.compile("name=\"productId\" value=\"([0-9]+)\"").matcher(product.body());
        assertThat(id.find()).isTrue();
        assertThat(http.post("s/sonnenhof/cart", form(csrf(product), "action", "add", "productId", id.group(1),
                "quantity", "6")).status()).isIn(302, 303);
        var checkout = http.get("s/sonnenhof/checkout");
        Matcher date = Pattern.compile("<input type=\"radio\" name=\"tourDateId\" id=\"d-[0-9]+\" value=\"([0-9]+)\"(?![^>]*disabled)")
                .matcher(checkout.body());
        assertThat(date.find()).as("an orderable date in %s", checkout.body()).isTrue();
        String key = Pattern.compile("name=\"key\" value=\"([^\"]+)\"").matcher(checkout.body()).results()
                .findFirst().orElseThrow().group(1);
        String total = Pattern.compile("name=\"expectedTotal\" value=\"([0-9]+)\"").matcher(checkout.body()).results()
                .findFirst().orElseThrow().group(1);
        long booked = org.farmstand.testing.ItEnvironment.queryLong("SELECT booked FROM tour_date WHERE id = ?", date.group(1));
        org.farmstand.testing.ItEnvironment.update("INSERT INTO product_date_stock (tenant_id, product_id, tour_date_id,"
                + " available, stock, sold) SELECT tenant_id, id, ?, TRUE, 2, 0 FROM product WHERE id = ?", date.group(1), id.group(1));
        try {
            var refused = http.post("s/sonnenhof/checkout", form(csrf(checkout), "key", key, "expectedTotal", total,
                    "tourDateId", date.group(1)));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body()).contains("Möhren").containsAnyOf("nur noch 2 bestellbar", "Only 2 of");

            org.farmstand.testing.ItEnvironment.update("UPDATE product_date_stock SET available = FALSE WHERE tour_date_id = ?"
                    + " AND product_id = ?", date.group(1), id.group(1));
            var closed = http.post("s/sonnenhof/checkout", form(csrf(checkout), "key", key, "expectedTotal", total,
                    "tourDateId", date.group(1)));
            assertThat(closed.status()).isEqualTo(409);
            assertThat(closed.body()).contains("Möhren").containsAnyOf("nicht mehr bestellbar", "cannot be ordered");

            assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM customer_order WHERE idempotency_key = ?", key))
                    .isZero();
            assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT booked FROM tour_date WHERE id = ?", date.group(1)))
                    .isEqualTo(booked);
        } finally {
            org.farmstand.testing.ItEnvironment.update("DELETE FROM product_date_stock WHERE tour_date_id = ? AND product_id = ?",
                    date.group(1), id.group(1));
        }
    }
}
