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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.farmstand.testing.Http.form;
import static org.farmstand.testing.Http.hiddenField;

/** The shop pages over HTTP, against the real WAR on Payara Micro and a real MariaDB with the demo shops. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StorefrontIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return StorefrontDeployment.war().addClasses(AdmissionProbe.class, LogProbe.class, EncodingWarnings.class,
                org.farmstand.testing.ServerLogProbe.class,
                PlacementProbe.class, UnhandledBusyProbe.class, UnhandledBusyProbe.Action.class, WaitlistSweepProbe.class)
                .addAsWebInfResource("probes/unhandled-busy.xhtml", UnhandledBusyProbe.VIEW.substring("/WEB-INF/".length()));
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

    /**
     * A path with a broken percent-escape fails in the container before the shop's code (see BrokenEscapeLog): the
     * node's log gets one INFO line per request, no SEVERE record and no stack trace. (The node still answers 200 with
     * an empty body, which no WAR can change; the balancers answer 400.)
     */
    @Test
    void aBrokenPercentEscapeInThePathLeavesNoSevereStackTraceInTheLog() throws Exception {
        Http probe = http();
        String first = probe.get("_test/server-log?from=" + Integer.MAX_VALUE).body().lines().findFirst().orElseThrow();
        int mark = Integer.parseInt(first.substring(first.indexOf('\t') + 1).strip());

        for (String path : new String[] {"s/sonnenhof/%ZZ", "s/x/%ZZ", "s/sonnenhof/products/%G1"}) {
            String head = org.farmstand.testing.RawHttp.exchange(base, "GET", path, base.getHost(), "", null);
            assertThat(head).as(path).startsWith("HTTP/1.1 ");
        }
        // the shop still answers on the next connection
        assertThat(http().get("s/sonnenhof/").status()).isEqualTo(200);

        List<String> logged = probe.get("_test/server-log?from=" + mark).body().lines().skip(1).toList();
        assertThat(logged).filteredOn(line -> line.contains("\tSEVERE\t") || line.contains("\tstack\t")).isEmpty();
        assertThat(logged).filteredOn(line -> line.contains("BrokenEscapeLog")
                && line.contains("broken percent-escape")).hasSize(3);
    }

    @Test
    void shopPageShowsItsOwnProductsAndNoneOfTheOtherShop() {
        var home = http().get("s/sonnenhof/");
        assertThat(home.status()).isEqualTo(200);
        // branding is data: the shop's colour is in the page
        assertThat(home.body()).contains("Sonnenhof", "--brand: #2e7d32").doesNotContain("Heumilch", "Bergkäse");
        // all its products (the home page shows the first eight by name, and other tests add products)
        var sonnenhof = http().get("s/sonnenhof/products");
        assertThat(sonnenhof.status()).isEqualTo(200);
        assertThat(sonnenhof.body()).contains("Sonnenhof", "Möhren", "Hokkaido-Kürbis").doesNotContain("Heumilch", "Bergkäse");

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
        assertThat(english.get("s/sonnenhof/products/moehren").body()).contains("Add to cart").doesNotContain("In den Warenkorb")
                .as("the shop's own German texts say so on an English page").contains("<h1 lang=\"de\">Möhren");
        assertThat(english.get("s/sonnenhof/products").body()).containsPattern("<h2 class=\"card-title\" lang=\"de\">");
        assertThat(http().get("s/sonnenhof/products/moehren").body()).contains("<h1>Möhren").doesNotContain("<h1 lang=");
        // a first visit in the browser's language (if the shop offers it); cached pages say they vary with it
        Http browser = http();
        var page = browser.send(browser.request("s/sonnenhof/products/moehren")
                .header("Accept-Language", "fr-FR, fr;q=0.9, en;q=0.8, de;q=0.7"));
        assertThat(page.body()).containsPattern("<html[^>]* lang=\"en\"").contains("Add to cart");
        assertThat(page.header("Vary").orElse("")).contains("Accept-Language");
        var chosen = browser.send(browser.request("s/sonnenhof/products/moehren?lang=de").header("Accept-Language", "en"));
        assertThat(chosen.body()).as("a choice made wins").contains("In den Warenkorb");
    }

    /** A shop that offers only German shows no switch and stays German, whatever the visitor asks or chose before. */
    @Test
    void aShopOffersOnlyItsOwnLanguages() {
        String slug = "nur-de-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        org.farmstand.testing.ItEnvironment.insert("INSERT INTO tenant (slug, name, default_locale, locales)"
                + " VALUES (?, 'Nur Deutsch', 'de', 'de')", slug);
        Http visitor = http();
        assertThat(visitor.get("s/sonnenhof/?lang=en").body()).contains("Cart", "hreflang=\"de\"");
        var page = visitor.get("s/" + slug + "/?lang=en");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Warenkorb", " lang=\"de\"><head").doesNotContain("Cart", "hreflang=");
        assertThat(page.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("fs_lang="));
        // the choice made in the other shop stays for that shop
        assertThat(visitor.get("s/sonnenhof/products/moehren").body()).contains("Add to cart");
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
        // refused before the shop router ran, the page still knows the shop: its name, the way back to it
        assertThat(response.body()).contains("<title>Formular abgelaufen – Sonnenhof</title>")
                .containsPattern("<a href=\"[^\"]*/s/sonnenhof/\">Zurück zum Shop</a>");
        var english = http().post("s/lindenhof/cart?lang=en", Map.of("action", "add"));
        assertThat(english.status()).isEqualTo(403);
        assertThat(english.body()).contains("<title>Form expired – Lindenhof</title>")
                .containsPattern("<a href=\"[^\"]*/s/lindenhof/\">Back to the shop</a>");
        // an unknown shop's page names no shop and leads to the platform
        var unknown = http().get("s/no-such-shop/");
        assertThat(unknown.body()).contains("<title>Seite nicht gefunden</title>")
                .doesNotContain("/s/no-such-shop/\"");
    }

    /** The shop's colours reach its pages, with a text colour for each that reads on it (Branding, shop.css). */
    @Test
    void eachShopsPagesCarryItsOwnColoursAndTheTextColoursForThem() {
        assertThat(http().get("s/lindenhof/").body())
                .contains("--brand: #6d4c41; --accent: #8bc34a; --on-brand: #fff; --on-accent: #000; --link: #6d4c41;");
        assertThat(http().get("s/sonnenhof/products").body())
                .contains("--brand: #2e7d32; --accent: #f9a825; --on-brand: #fff; --on-accent: #000; --link: #2e7d32;");
    }

    /**
     * What a screen reader meets on the catalog pages: a product card's link reads its name once (the image in it is
     * decorative), card headings follow the page's headings, the current category and language are marked, the
     * language links are named in their language, the cart link reads as a sentence.
     */
    @Test
    void catalogPagesReadWellWithAScreenReader() {
        String list = http().get("s/sonnenhof/products?category=obst&lang=en").body();
        assertThat(list).containsPattern("class=\"product-link\">\\s*<img [^>]*alt=\"\"[^>]*>\\s*"
                + "<h2 class=\"card-title\" lang=\"de\">Äpfel Topaz</h2>").doesNotContain("<h3", "alt=\"Äpfel Topaz\"");
        assertThat(Pattern.compile("aria-current=\"page\"").matcher(list).results().count()).isEqualTo(1);
        assertThat(list).containsPattern("<a [^>]*category=obst\" [^>]*aria-current=\"page\"[^>]*>Obst</a>");
        assertThat(list).containsPattern("<a [^>]*lang=\"en\"[^>]*aria-current=\"true\">")
                .containsPattern("<a [^>]*hreflang=\"de\"(?![^>]*aria-current)[^>]*>")
                .contains("<span class=\"visually-hidden\">Deutsch</span>",
                        "<span class=\"visually-hidden\">English</span>")
                .contains("Cart<span class=\"badge\" aria-hidden=\"true\">0</span>"
                        + "<span class=\"visually-hidden\">, 0 items</span>");
        String all = http().get("s/sonnenhof/products").body();
        assertThat(all).containsPattern("<a [^>]*/products\" [^>]*aria-current=\"page\">Alle</a>")
                .contains("<span class=\"visually-hidden\">, 0 Artikel</span>");
        // the home page's cards are below its h2; a product's own page keeps its image's alt
        String home = http().get("s/sonnenhof/").body();
        assertThat(home).contains("<h2>").containsPattern("<h3 class=\"card-title\">[^<]+</h3>")
                .doesNotContain("<h2 class=\"card-title\"");
        assertThat(http().get("s/sonnenhof/products/aepfel").body()).contains("alt=\"Äpfel Topaz\"");
    }

    /**
     * The shop's tour names and the product names in a customer's order lines are the shop's German texts: on an
     * English page they say so (cart, checkout, confirmation, my orders, an order, the waiting list, the delivery
     * check), on a German page nothing needs saying.
     */
    @Test
    void tourNamesAndOrderLinesCarryTheShopsLanguageOnAPageInAnother() {
        Http http = signedIn("sonnenhof", annaLike("lang"), "anna-demo");
        addCarrots(http, 6);
        assertThat(http.get("s/sonnenhof/cart?lang=en").body())
                .contains("<td class=\"line-name\"><span lang=\"de\">Möhren</span>",
                        "Quantity: <span lang=\"de\">Möhren</span></label>");
        var checkout = http.get("s/sonnenhof/checkout?lang=en").body();
        assertThat(checkout).contains("<span lang=\"de\">Möhren</span>")
                .containsPattern("<label for=\"d-[0-9]+\">[^<]+ \\(<span lang=\"de\">Dienstag Nord</span>\\) – ");
        String number = placeOrder(http, "sonnenhof", Map.of());
        String tour = "\\(<span lang=\"de\">Dienstag Nord</span>\\)";
        assertThat(http.get("s/sonnenhof/orders/" + number + "/confirmation?lang=en").body())
                .contains("<td lang=\"de\">Möhren</td>").containsPattern(tour);
        assertThat(http.get("s/sonnenhof/account/orders?lang=en").body()).containsPattern(tour);
        assertThat(http.get("s/sonnenhof/account/orders/" + number + "?lang=en").body())
                .contains("<td lang=\"de\">Möhren</td>", " lang=\"de\">Möhren</label>").containsPattern(tour);
        long customer = org.farmstand.testing.ItEnvironment.queryLong("SELECT customer_id FROM customer_order"
                + " WHERE order_number = ?", number);
        org.farmstand.testing.ItEnvironment.update("INSERT INTO waitlist_entry (tenant_id, tour_id, tour_date_id,"
                + " customer_id, kind, wished_order, status) SELECT o.tenant_id, d.tour_id, d.id, o.customer_id, 'ORDER',"
                + " '', 'WITHDRAWN' FROM customer_order o JOIN tour_date d ON d.id = o.tour_date_id WHERE o.customer_id = ?",
                customer);
        assertThat(http.get("s/sonnenhof/account/waitlist?lang=en").body()).containsPattern(tour);
        assertThat(http().get("s/sonnenhof/delivery?postcode=79098&lang=en").body())
                .contains("<h2 lang=\"de\">Dienstag Nord</h2>");
        // in the shop's own language no attribute
        for (String page : new String[] {"s/sonnenhof/account/orders/" + number + "?lang=de", "s/sonnenhof/account/waitlist",
                "s/sonnenhof/orders/" + number + "/confirmation", "s/sonnenhof/account/orders"}) {
            assertThat(http.get(page).body()).as(page).contains("(<span>Dienstag Nord</span>)")
                    .doesNotContain("<span lang=\"de\">", "<td lang=\"de\">");
        }
    }

    /** Table columns have headers: the cart's column of "Remove" buttons too (read to a screen reader only). */
    @Test
    void theCartsColumnsAllHaveHeadersAndStackOnNarrowScreens() {
        Http http = http();
        String carrots = productId(http, "sonnenhof", "moehren");
        String token = csrf(http.get("s/sonnenhof/account/login"));
        assertThat(http.post("s/sonnenhof/cart", form(token, "action", "add", "productId", carrots, "quantity", "1"))
                .status()).isIn(302, 303);
        String cart = http.get("s/sonnenhof/cart?lang=en").body();
        assertThat(cart).doesNotContain("<th></th>")
                .contains("<th><span class=\"visually-hidden\">Remove from the cart</span></th>")
                .contains("class=\"cart-lines stacking\"", "data-label=\"Quantity\"", "data-label=\"Amount\"");
        assertThat(http.get("s/sonnenhof/cart?lang=de").body())
                .contains("<th><span class=\"visually-hidden\">Aus dem Warenkorb entfernen</span></th>");
    }

    @Test
    void healthIsReadyOnceTheDatabaseIsMigrated() {
        var ready = http().get("health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"", "\"migrated\":\"true\"");
    }

    /** The outbox's backlog in /health/live: a mail waiting for two hours shows as pending, with its age. */
    @Test
    void healthReportsTheMailOutboxBacklog() {
        long tenant = org.farmstand.testing.ItEnvironment.queryLong("SELECT id FROM tenant WHERE slug = 'sonnenhof'");
        long id = org.farmstand.testing.ItEnvironment.insert("INSERT INTO outbox_mail (tenant_id, recipient, subject,"
                + " body, status, created_at, next_attempt) VALUES (?, 'backlog@example.org', 'Backlog', 'Body',"
                + " 'PENDING', NOW(3) - INTERVAL 2 HOUR, NOW(3) + INTERVAL 1 DAY)", tenant);
        try {
            var live = http().get("health/live");
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.body()).contains("\"name\":\"mail\"", "\"relayConfigured\":\"true\"")
                    .doesNotContain("backlog@example.org");
            var pending = java.util.regex.Pattern.compile("\"pending\":\"(\\d+)\"").matcher(live.body());
            var oldest = java.util.regex.Pattern.compile("\"oldestPendingSeconds\":\"(\\d+)\"").matcher(live.body());
            assertThat(pending.find()).isTrue();
            assertThat(Long.parseLong(pending.group(1))).isPositive();
            assertThat(oldest.find()).isTrue();
            assertThat(Long.parseLong(oldest.group(1))).isGreaterThanOrEqualTo(7200);
        } finally {
            org.farmstand.testing.ItEnvironment.update("DELETE FROM outbox_mail WHERE id = ?", id);
        }
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
        assertThat(bad.body()).contains("Please enter a valid postcode").contains("value=\"&lt;script&gt;\"").doesNotContain("value=\"<script>")
                .contains("autofocus=\"autofocus\""); // the field to correct has the focus
        assertThat(north.body()).doesNotContain("autofocus");
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

    /** Posts the registration form of a shop on the given client, from the English page. */
    static Http.Response register(Http http, String shop, String email, String password, String postcode) {
        return register(http, shop, email, password, postcode, "en");
    }

    /** Posts the registration form of a shop on the given client, from the page in {@code lang}. */
    static Http.Response register(Http http, String shop, String email, String password, String postcode, String lang) {
        String token = csrf(http.get("s/" + shop + "/account/register?lang=" + lang));
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

    /** The {@code token} parameter of a link from a mail. */
    static String tokenIn(String link) {
        Matcher m = Pattern.compile("[?&]token=([^&#\\s]+)").matcher(link);
        assertThat(m.find()).as("token in %s", link).isTrue();
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
        assertThat(mail.subject()).isEqualTo("Confirm your e-mail address – Lindenhof");
        // the link names the mail's language: opened on another device (no language cookie) at a shop whose default
        // is German, the page is English
        assertThat(linkIn(mail, "/account/verify?token=")).endsWith("&lang=en");
        assertThat(org.farmstand.testing.ItEnvironment.queryString(
                "SELECT default_locale FROM tenant WHERE slug = ?", "lindenhof")).isEqualTo("de");
        var verified = http().get(linkIn(mail, "/account/verify?token="));
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body()).contains("your account is active", " lang=\"en\"");
        // the link works once
        assertThat(http.get(linkIn(mail, "/account/verify?token=")).status()).isEqualTo(404);

        Http signedIn = signedIn("lindenhof", email, "correct-horse-1");
        var profile = signedIn.get("s/lindenhof/account/profile?lang=en");
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.body()).contains("Mittwoch Stadt", "value=\"Feldweg 1\"", "value=\"80331\"");

        // a changed name is the header's greeting at once (it was the one from the sign-in until the next);
        // control characters typed into a field are not stored
        var saved = signedIn.post("s/lindenhof/account/profile", form(csrf(profile), "firstName", "Do\u0001rothea",
                "lastName", "Test", "street", "Feldweg 1", "postcode", "80331", "city", "Testdorf", "phone", ""));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(org.farmstand.testing.ItEnvironment.queryString("SELECT first_name FROM customer WHERE email = ?", email))
                .isEqualTo("Dorothea");
        assertThat(signedIn.get("s/lindenhof/account/orders?lang=en").body()).contains("Dorothea Test");
    }

    /**
     * A customer whose postcode is no longer served (the tour's postcodes changed since) can still save a new phone
     * number: the postcode's tour is looked up only when the postcode changes, and the home tour stays. A new
     * postcode still has to be served.
     */
    @Test
    void aCustomerWhosePostcodeIsNoLongerServedStillSavesOtherChanges() {
        String email = annaLike("paula");
        org.farmstand.testing.ItEnvironment.update("UPDATE customer SET postcode = '99999' WHERE email = ?", email);
        long tour = org.farmstand.testing.ItEnvironment.queryLong("SELECT home_tour_id FROM customer WHERE email = ?", email);
        Http http = signedIn("sonnenhof", email, "anna-demo");
        var profile = http.get("s/sonnenhof/account/profile?lang=en");
        assertThat(profile.body()).contains("value=\"99999\"");

        var saved = http.post("s/sonnenhof/account/profile", form(csrf(profile), "firstName", "Paula", "lastName", "Copy",
                "street", "Lindenstraße 4", "postcode", "99999", "city", "Freiburg", "phone", "0761 4711"));
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(org.farmstand.testing.ItEnvironment.queryString("SELECT phone FROM customer WHERE email = ?", email))
                .isEqualTo("0761 4711");
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT home_tour_id FROM customer WHERE email = ?", email))
                .isEqualTo(tour);

        var moved = http.post("s/sonnenhof/account/profile?lang=en", form(csrf(profile), "firstName", "Paula",
                "lastName", "Copy", "street", "Lindenstraße 4", "postcode", "99998", "city", "Freiburg", "phone", ""));
        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.body()).contains("we do not deliver to this postcode");
        assertThat(org.farmstand.testing.ItEnvironment.queryString("SELECT postcode FROM customer WHERE email = ?", email))
                .isEqualTo("99999");
    }

    /**
     * Orders store no address: a customer with an open order or a waiting-list place on their tour cannot move to a
     * postcode that tour does not serve (the old tour's delivery list would take the new address); the profile says
     * which ones and what to do. A move within the tour stays allowed, and once they are cancelled and left, so does
     * the move to the other tour.
     */
    @Test
    void aMoveToAnotherToursPostcodeIsRefusedWhileOrdersOrWaitingListPlacesAreOnTheOldTour() {
        String email = annaLike("moritz");
        Http http = signedIn("sonnenhof", email, "anna-demo");
        long customer = org.farmstand.testing.ItEnvironment.queryLong("SELECT id FROM customer WHERE email = ?", email);
        long tour = org.farmstand.testing.ItEnvironment.queryLong("SELECT home_tour_id FROM customer WHERE id = ?", customer);
        String tourName = org.farmstand.testing.ItEnvironment.queryString("SELECT name FROM tour WHERE id = ?", tour);
        String number = placeOrder(http, "sonnenhof", Map.of(productId(http, "sonnenhof", "moehren"), 6));
        long full = newTourDate(tour, 0, 600 + new java.util.Random().nextInt(60));
        String token = csrf(http.get("s/sonnenhof/account/login"));
        addCarrots(http, 6);
        assertThat(http.post("s/sonnenhof/account/waitlist", form(token, "action", "join", "tourDateId",
                String.valueOf(full))).status()).isEqualTo(303);

        var profile = http.get("s/sonnenhof/account/profile?lang=en");
        var refused = http.post("s/sonnenhof/account/profile?lang=en", form(csrf(profile), "firstName", "Moritz",
                "lastName", "Copy", "street", "Südring 3", "postcode", "79201", "city", "Freiburg", "phone", ""));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("Your address was not changed", "Order " + number + " for ",
                "(tour " + tourName + ")", "Waiting list for ", "Please cancel these orders and leave these waiting lists",
                "please contact the shop", "aria-invalid=\"true\"");
        assertThat(org.farmstand.testing.ItEnvironment.queryString("SELECT postcode FROM customer WHERE id = ?", customer))
                .isEqualTo("79098");
        var german = http.post("s/sonnenhof/account/profile?lang=de", form(csrf(profile), "firstName", "Moritz",
                "lastName", "Copy", "street", "Südring 3", "postcode", "79201", "city", "Freiburg", "phone", ""));
        assertThat(german.body()).contains("Ihre Adresse wurde nicht geändert", "Bestellung " + number + " für ",
                "Warteliste für ");

        // within the same tour
        var within = http.post("s/sonnenhof/account/profile", form(csrf(profile), "firstName", "Moritz",
                "lastName", "Copy", "street", "Am Bach 2", "postcode", "79104", "city", "Freiburg", "phone", ""));
        assertThat(within.status()).as(within.body()).isEqualTo(303);
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT home_tour_id FROM customer WHERE id = ?", customer))
                .isEqualTo(tour);

        // cancelled and left: the move goes through, to the other tour
        org.farmstand.testing.ItEnvironment.update("UPDATE customer_order SET status = 'CANCELLED' WHERE order_number = ?", number);
        org.farmstand.testing.ItEnvironment.update("UPDATE waitlist_entry SET status = 'WITHDRAWN', position_key = NULL"
                + " WHERE customer_id = ?", customer);
        var moved = http.post("s/sonnenhof/account/profile", form(csrf(profile), "firstName", "Moritz",
                "lastName", "Copy", "street", "Südring 3", "postcode", "79201", "city", "Freiburg", "phone", ""));
        assertThat(moved.status()).as(moved.body()).isEqualTo(303);
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT home_tour_id FROM customer WHERE id = ?", customer))
                .isNotEqualTo(tour);
    }

    @Test
    void aPasswordOfSpacesIsRefused() {
        var spaces = register(http(), "lindenhof", uniqueEmail("blank"), "            ", "80331");
        assertThat(spaces.status()).isEqualTo(400);
        assertThat(spaces.body()).contains("at least 10 characters");
    }

    @Test
    void theConfirmationMailIsInTheLanguageOfThePageTheCustomerRegisteredOn() {
        // on the English page of a shop whose default is German
        String english = uniqueEmail("emma");
        assertThat(register(http(), "sonnenhof", english, "correct-horse-10", "79098", "en").status()).isEqualTo(303);
        // on the German page of a shop whose default is English
        String slug = "english-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        org.farmstand.testing.ItEnvironment.update("INSERT INTO tenant (slug, name, default_locale) VALUES (?, 'Oak Farm', 'en')", slug);
        long tenant = org.farmstand.testing.ItEnvironment.queryLong("SELECT id FROM tenant WHERE slug = ?", slug);
        org.farmstand.testing.ItEnvironment.update("INSERT INTO tour (tenant_id, name, weekday, postcodes, capacity)"
                + " VALUES (?, 'Thursday', 4, '23456', 10)", tenant);
        String german = uniqueEmail("greta");
        assertThat(register(http(), slug, german, "correct-horse-11", "23456", "de").status()).isEqualTo(303);
        assertThat(org.farmstand.testing.ItEnvironment.queryString("SELECT locale FROM customer WHERE email = ?", english))
                .isEqualTo("en");
        assertThat(org.farmstand.testing.ItEnvironment.queryString("SELECT locale FROM customer WHERE email = ?", german))
                .isEqualTo("de");

        Mails.Mail en = Mails.awaitMailTo(english, Duration.ofSeconds(20));
        assertThat(en.subject()).isEqualTo("Confirm your e-mail address – Sonnenhof");
        // (SMTP sends the lines with CRLF)
        assertThat(en.body().replace("\r\n", "\n")).startsWith("Hello Dora,\n\nPlease confirm your e-mail address for Sonnenhof:")
                .contains("/s/sonnenhof/account/verify?token=").doesNotContain("Hallo", "bestätigen", "{");
        Mails.Mail de = Mails.awaitMailTo(german, Duration.ofSeconds(20));
        assertThat(de.subject()).isEqualTo("E-Mail-Adresse bestätigen – Oak Farm");
        assertThat(de.body().replace("\r\n", "\n")).startsWith("Hallo Dora,\n\nbitte bestätigen Sie Ihre E-Mail-Adresse für Oak Farm:")
                .contains("/s/" + slug + "/account/verify?token=").doesNotContain("Hello", "confirm", "{");
    }

    @Test
    void atAnApprovalShopAVerifiedCustomerIsPendingAndCannotSignInYet() {
        Http http = http();
        String email = uniqueEmail("erik");
        assertThat(register(http, "sonnenhof", email, "correct-horse-2", "79100").status()).isEqualTo(303);
        var verified = http.get(linkIn(Mails.awaitMailTo(email, Duration.ofSeconds(20)), "/account/verify?token="));
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

        // an address that has an account gets the same answer as a new one (a stranger learns nothing); its owner
        // gets a mail with the sign-in and reset links, and nothing changes
        String email = uniqueEmail("twice");
        assertThat(register(http(), "sonnenhof", email, "correct-horse-4", "79098").status()).isEqualTo(303);
        Mails.awaitMailTo(email, Duration.ofSeconds(20));
        var duplicate = register(http(), "sonnenhof", email.toUpperCase(java.util.Locale.ROOT), "other-horse-44", "79098");
        assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(303);
        assertThat(duplicate.location().orElseThrow().toString()).endsWith("/account/register?m=sent");
        Mails.Mail exists = Mails.awaitMailTo(email, m -> m.subject().startsWith("Your account"), Duration.ofSeconds(20));
        assertThat(exists.subject()).isEqualTo("Your account – Sonnenhof");
        assertThat(linkIn(exists, "/account/login")).isEqualTo("s/sonnenhof/account/login?lang=en");
        assertThat(linkIn(exists, "/account/forgot")).isEqualTo("s/sonnenhof/account/forgot?lang=en");
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM customer WHERE email = ?", email))
                .isEqualTo(1);
        assertThat(Mails.mailsTo(email)).hasSize(2);
        // more attempts within a minute get the same answer but write no further mail (no flooding the owner's
        // mailbox through this form; the same limit as for reset mails)
        for (int i = 0; i < 3; i++) {
            var again = register(http(), "sonnenhof", email, "other-horse-4" + i, "79098");
            assertThat(again.status()).as(again.body()).isEqualTo(303);
            assertThat(again.location().orElseThrow().toString()).endsWith("/account/register?m=sent");
        }
        assertThat(org.farmstand.testing.ItEnvironment.queryLong(
                "SELECT COUNT(*) FROM outbox_mail WHERE recipient = ?", email)).isEqualTo(2);
        // a minute later one more is written
        org.farmstand.testing.ItEnvironment.update(
                "UPDATE customer SET exists_mail_at = exists_mail_at - INTERVAL 61 SECOND WHERE email = ?", email);
        assertThat(register(http(), "sonnenhof", email, "other-horse-45", "79098").status()).isEqualTo(303);
        assertThat(org.farmstand.testing.ItEnvironment.queryLong(
                "SELECT COUNT(*) FROM outbox_mail WHERE recipient = ?", email)).isEqualTo(3);

        String token = csrf(http.get("s/sonnenhof/account/register?lang=en"));
        var bad = http.post("s/sonnenhof/account/register", form(token, "email", "not-an-address", "password", "short",
                "firstName", "", "lastName", "Test", "street", "Feldweg 1", "postcode", "<b>", "city", "Testdorf"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("Please check the marked fields", "valid e-mail address",
                "at least 10 characters", "enter your first name", "valid postcode")
                .contains("value=\"Feldweg 1\"").doesNotContain("<b>")
                // the fields with an error have autofocus (the browser focuses the first: the e-mail address), the
                // others not: the focus was at the top of the page, behind the header
                .containsPattern("<input id=\"email\"[^>]* aria-invalid=\"true\" autofocus=\"autofocus\"")
                .containsPattern("<input id=\"firstName\"[^>]* aria-invalid=\"true\" autofocus=\"autofocus\"")
                .containsPattern("<input id=\"street\"[^>]* aria-invalid=\"false\" (?!autofocus)");
        assertThat(bad.body().split("autofocus=", -1)).hasSize(5); // email, password, firstName, postcode
        // the same e-mail address may have an account at another shop
        assertThat(register(http(), "lindenhof", "anna@example.org", "correct-horse-5", "80331").status()).isEqualTo(303);
    }

    /**
     * The customer chooses the language of their mails on their profile page: it was the page language at
     * registration for good (only the producer could change it), so an account opened on the English page by mistake
     * got English mails on a German page. A language the shop does not offer is refused.
     */
    @Test
    void aCustomerChoosesTheLanguageOfTheirMailsOnTheirProfile() {
        String email = uniqueEmail("hanna");
        registeredAndConfirmed("lindenhof", email, "correct-horse-8", "81241"); // on the English page
        Http http = signedIn("lindenhof", email, "correct-horse-8");
        String page = http.get("s/lindenhof/account/profile?lang=de").body();
        assertThat(page).contains("<label for=\"mailLanguage\">Sprache unserer E-Mails an Sie</label>",
                "<option value=\"en\" lang=\"en\" selected=\"selected\">English</option>",
                "<option value=\"de\" lang=\"de\">Deutsch</option>");

        String token = csrf(http.get("s/lindenhof/account/profile?lang=de"));
        var refused = http.post("s/lindenhof/account/profile", form(token, "action", "language", "mailLanguage", "fr"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("Bitte wählen Sie eine der angebotenen Sprachen.");
        var saved = http.post("s/lindenhof/account/profile", form(token, "action", "language", "mailLanguage", "de"));
        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.location().orElseThrow().toString()).endsWith("/account/profile?m=language");
        assertThat(org.farmstand.testing.ItEnvironment.queryString("SELECT locale FROM customer WHERE email = ?", email))
                .isEqualTo("de");
        assertThat(http.get("s/lindenhof/account/profile?m=language&lang=en").body())
                .contains("The language of your e-mails has been saved.",
                        "<option value=\"de\" lang=\"de\" selected=\"selected\">Deutsch</option>")
                .contains("value=\"81241\""); // the address form is untouched

        // the next mail is German, though asked for on an English page
        var asked = http.post("s/lindenhof/account/forgot", form(csrf(http.get("s/lindenhof/account/forgot?lang=en")),
                "email", email));
        assertThat(asked.status()).isEqualTo(303);
        Mails.awaitMailTo(email, m -> m.subject().equals("Passwort zurücksetzen – Lindenhof"), Duration.ofSeconds(20));
    }

    @Test
    void aForgottenPasswordIsResetByMail() {
        String email = uniqueEmail("fritz");
        Http http = registeredAndConfirmed("lindenhof", email, "correct-horse-6", "81241");

        String token = csrf(http.get("s/lindenhof/account/forgot?lang=en"));
        var asked = http.post("s/lindenhof/account/forgot", form(token, "email", email));
        assertThat(asked.status()).isEqualTo(303);
        // an unknown address gets the same answer
        assertThat(http.post("s/lindenhof/account/forgot", form(token, "email", uniqueEmail("nobody"))).status()).isEqualTo(303);

        // registered on the English page: the reset mail is English
        String link = linkIn(Mails.awaitMailTo(email, m -> m.subject().startsWith("Reset your password"), Duration.ofSeconds(20)),
                "/account/reset?token=");
        var page = http.get(link);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(" lang=\"en\"");
        String resetToken = tokenIn(link);
        var tooShort = http.post("s/lindenhof/account/reset", form(csrf(page), "token", resetToken, "password", "short"));
        assertThat(tooShort.status()).isEqualTo(400);
        var reset = http.post("s/lindenhof/account/reset", form(csrf(page), "token", resetToken, "password", "new-password-7"));
        assertThat(reset.status()).isEqualTo(303);
        assertThat(http.get(link).status()).as("a reset link works once").isEqualTo(404);
        signedIn("lindenhof", email, "new-password-7");
    }

    /**
     * The reset link proves the address too: a customer whose confirmation mail was lost (the address taken, sign-in
     * refused until confirmed, no way to get a new confirmation) gets in by resetting the password. The language
     * switch on the reset page keeps the link's token.
     */
    @Test
    void aCustomerWhoseConfirmationMailWasLostGetsInByResettingThePassword() {
        String email = uniqueEmail("lena");
        Http http = http();
        assertThat(register(http, "lindenhof", email, "correct-horse-12", "81241").status()).isEqualTo(303);
        String token = csrf(http.get("s/lindenhof/account/login?lang=en"));
        assertThat(http.post("s/lindenhof/account/login", form(token, "email", email, "password", "correct-horse-12"))
                .status()).isEqualTo(403);

        assertThat(http.post("s/lindenhof/account/forgot", form(token, "email", email)).status()).isEqualTo(303);
        String link = linkIn(Mails.awaitMailTo(email, m -> m.body().contains("/account/reset?token="),
                Duration.ofSeconds(20)), "/account/reset?token=");
        String resetToken = tokenIn(link);
        var page = http.get(link);
        assertThat(page.body()).contains("reset?token=" + resetToken + "&amp;lang=de")
                .doesNotContain("reset?lang=de");
        var reset = http.post("s/lindenhof/account/reset", form(csrf(page), "token", resetToken, "password", "new-password-13"));
        assertThat(reset.status()).isEqualTo(303);
        assertThat(org.farmstand.testing.ItEnvironment.queryString(
                "SELECT CONCAT(email_verified, ' ', status) FROM customer WHERE email = ?", email)).isEqualTo("1 ACTIVE");
        signedIn("lindenhof", email, "new-password-13");
    }

    /**
     * A password reset ends the account's sessions signed in before it (each keeps the credential stamp it signed in
     * with): the next account page or checkout sends them to the sign-in, with a message, and they stay signed out.
     * The session that set the new password stays signed in.
     */
    @Test
    void aPasswordResetEndsTheSessionsSignedInBeforeButNotTheOneThatMadeIt() {
        String email = uniqueEmail("greta");
        registeredAndConfirmed("lindenhof", email, "correct-horse-21", "81241");
        Http before = signedIn("lindenhof", email, "correct-horse-21");
        Http resetter = signedIn("lindenhof", email, "correct-horse-21");
        assertThat(before.get("s/lindenhof/account/orders?lang=en").status()).isEqualTo(200);
        String beforeCsrf = csrf(before.get("s/lindenhof/account/login?lang=en"));

        var reset = resetPassword(resetter, "lindenhof", email, "new-password-21");
        assertThat(reset.status()).isEqualTo(303);
        assertThat(resetter.get("s/lindenhof/account/orders").status()).as("the resetting session").isEqualTo(200);

        // the older session: its checkout post places nothing and goes to the sign-in
        var placed = before.post("s/lindenhof/checkout", form(beforeCsrf, "key", "stale-session-checkout-21",
                "expectedTotal", "0", "tourDateId", "1"));
        assertThat(placed.status()).isEqualTo(303);
        assertThat(placed.location().orElseThrow().toString())
                .endsWith("/s/lindenhof/account/login?m=password-changed&next=checkout");
        assertThat(before.get(placed.location().orElseThrow().toString() + "&lang=en").body())
                .contains("The password of your account has been changed");
        var orders = before.get("s/lindenhof/account/orders");
        assertThat(orders.status()).as("signed out for good").isEqualTo(302);
        assertThat(orders.location().orElseThrow().toString()).contains("/s/lindenhof/account/login")
                .doesNotContain("password-changed");
        assertThat(http().get("s/lindenhof/account/login?m=password-changed&lang=de").body())
                .contains("Das Passwort Ihres Kundenkontos wurde geändert");
        signedIn("lindenhof", email, "new-password-21");
    }

    /**
     * A session from before a reset that opens a catalog page is signed out there: the header offers the sign-in
     * instead of the account, and the page itself is shown (it is not one for the customer).
     */
    @Test
    void aSessionFromBeforeAPasswordResetLosesItsSignInOnCatalogPagesToo() {
        String email = uniqueEmail("ida");
        registeredAndConfirmed("lindenhof", email, "correct-horse-23", "81241");
        Http before = signedIn("lindenhof", email, "correct-horse-23");
        String account = "/s/lindenhof/account/orders\"";
        assertThat(before.get("s/lindenhof/products?lang=en").body()).contains(account, "My account");

        assertThat(resetPassword(http(), "lindenhof", email, "new-password-23").status()).isEqualTo(303);

        var catalog = before.get("s/lindenhof/products?lang=en");
        assertThat(catalog.status()).isEqualTo(200);
        assertThat(catalog.body()).doesNotContain(account, "My account").contains("Sign in");
        assertThat(before.get("s/lindenhof/?lang=en").body()).doesNotContain(account);
        var orders = before.get("s/lindenhof/account/orders");
        assertThat(orders.status()).as("signed out").isEqualTo(302);
        assertThat(orders.location().orElseThrow().toString()).contains("/s/lindenhof/account/login")
                .doesNotContain("password-changed");
    }

    /** The same with the account pages: a session from before the reset meets the sign-in there too. */
    @Test
    void aSessionFromBeforeAPasswordResetCannotOpenTheAccountPages() {
        String email = uniqueEmail("hugo");
        registeredAndConfirmed("lindenhof", email, "correct-horse-22", "81241");
        Http before = signedIn("lindenhof", email, "correct-horse-22");
        assertThat(before.get("s/lindenhof/account/profile").status()).isEqualTo(200);

        assertThat(resetPassword(http(), "lindenhof", email, "new-password-22").status()).isEqualTo(303);

        var profile = before.get("s/lindenhof/account/profile");
        assertThat(profile.status()).isEqualTo(302);
        assertThat(profile.location().orElseThrow().toString()).contains("/account/login?m=password-changed");
        assertThat(before.get("s/lindenhof/account/waitlist").status()).isEqualTo(302);
        assertThat(before.get("s/lindenhof/account/profile").location().orElseThrow().toString())
                .endsWith("/s/lindenhof/account/login");
    }

    /**
     * A signed-in customer changes the password with the current one: a wrong or missing current password and a too
     * short new one are field errors; the change keeps this session signed in, ends the others, and mails the
     * customer. A session that is not signed in is sent to the sign-in.
     */
    @Test
    void aSignedInCustomerChangesThePasswordWithTheCurrentOne() {
        String email = uniqueEmail("paula");
        registeredAndConfirmed("lindenhof", email, "correct-horse-31", "81241");
        Http other = signedIn("lindenhof", email, "correct-horse-31");
        Http http = signedIn("lindenhof", email, "correct-horse-31");
        assertThat(http.get("s/lindenhof/account/profile?lang=en").body()).contains("/s/lindenhof/account/password");
        var page = http.get("s/lindenhof/account/password?lang=en");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Current password", "autocomplete=\"current-password\"");
        String token = csrf(page);
        String stamp = stampOf(email);

        var wrong = http.post("s/lindenhof/account/password", form(token, "current", "not-my-password",
                "password", "new-password-31"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("The current password is not correct.");
        var missing = http.post("s/lindenhof/account/password", form(token, "current", "", "password",
                "new-password-31"));
        assertThat(missing.body()).contains("Please enter your current password.");
        var tooShort = http.post("s/lindenhof/account/password", form(token, "current", "correct-horse-31",
                "password", "short"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.body()).contains("at least 10 characters");
        assertThat(stampOf(email)).as("nothing changed").isEqualTo(stamp);

        var changed = http.post("s/lindenhof/account/password", form(token, "current", "correct-horse-31",
                "password", "new-password-31"));
        assertThat(changed.status()).isEqualTo(303);
        assertThat(changed.location().orElseThrow().toString()).endsWith("/s/lindenhof/account/profile?m=password");
        assertThat(http.get("s/lindenhof/account/profile?m=password&lang=en").body())
                .contains("Your new password is saved.");
        assertThat(http.get("s/lindenhof/account/orders").status()).as("this session stays signed in")
                .isEqualTo(200);
        assertThat(other.get("s/lindenhof/account/orders").status()).as("the other one is signed out")
                .isEqualTo(302);
        Mails.awaitMailTo(email, m -> m.subject().startsWith("Your password was changed")
                && m.body().contains("/s/lindenhof/account/forgot"), Duration.ofSeconds(20));
        signedIn("lindenhof", email, "new-password-31");

        var anonymous = http().get("s/lindenhof/account/password");
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.location().orElseThrow().toString()).contains("/s/lindenhof/account/login");
    }

    /**
     * From a date's cut-off on no place can come free: the customer's list shows the entry closed without a place and
     * offers no "leave the list" for it, also before the sweep (every 30 s) has ended it in the database.
     */
    @Test
    void aWaitingListPlacePastTheCutoffShowsClosedBeforeTheSweepHasRun() {
        Http anna = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        long annaId = annaId();
        long tour = homeTour(annaId);
        long date = newTourDate(tour, 0, 360 + new java.util.Random().nextInt(60));
        String token = csrf(anna.get("s/sonnenhof/account/login"));
        assertThat(anna.post("s/sonnenhof/cart", form(token, "action", "add", "productId",
                productId(anna, "sonnenhof", "moehren"), "quantity", "6")).status()).isIn(302, 303);
        assertThat(anna.post("s/sonnenhof/account/waitlist", form(token, "action", "join", "tourDateId",
                String.valueOf(date))).status()).isEqualTo(303);
        long entry = org.farmstand.testing.ItEnvironment.queryLong("SELECT id FROM waitlist_entry"
                + " WHERE tour_date_id = ? AND customer_id = ?", date, annaId);
        String withdraw = "name=\"entryId\" value=\"" + entry + "\"";
        assertThat(anna.get("s/sonnenhof/account/waitlist?lang=en").body()).contains(withdraw);

        org.farmstand.testing.ItEnvironment.update("UPDATE tour_date SET cutoff_at = NOW() - INTERVAL 1 MINUTE"
                + " WHERE id = ?", date);
        String page = anna.get("s/sonnenhof/account/waitlist?lang=en").body();
        assertThat(page).contains("Closed – no place became free").doesNotContain(withdraw);
    }

    /**
     * The password change checks the current password with the sign-in's throttle: a session left open on a shared
     * computer cannot be used to guess it. After five wrong ones even the right one waits (429, Retry-After), nothing
     * changes, and the session stays signed in.
     */
    @Test
    void guessingTheCurrentPasswordInThePasswordFormIsThrottledLikeASignIn() {
        String email = uniqueEmail("guess");
        registeredAndConfirmed("lindenhof", email, "correct-horse-32", "81241");
        Http http = signedIn("lindenhof", email, "correct-horse-32");
        String token = csrf(http.get("s/lindenhof/account/password?lang=en"));
        String stamp = stampOf(email);
        for (int i = 0; i < 5; i++) {
            var wrong = http.post("s/lindenhof/account/password", form(token, "current", "wrong-guess-" + i,
                    "password", "new-password-32"));
            assertThat(wrong.status()).as("attempt %d", i + 1).isEqualTo(400);
            assertThat(wrong.body()).contains("The current password is not correct.");
        }
        var locked = http.post("s/lindenhof/account/password", form(token, "current", "correct-horse-32",
                "password", "new-password-32"));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body()).contains("Too many wrong attempts.");
        assertThat(locked.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(stampOf(email)).as("nothing changed").isEqualTo(stamp);
        assertThat(http.get("s/lindenhof/account/orders").status()).as("still signed in").isEqualTo(200);
    }

    static String stampOf(String email) {
        return org.farmstand.testing.ItEnvironment.queryString(
                "SELECT CAST(credential_stamp AS CHAR) FROM customer WHERE email = ?", email);
    }

    /** Sets a new password on {@code http} with a reset link from the mail; the answer to the reset form. */
    static Http.Response resetPassword(Http http, String shop, String email, String password) {
        String link = resetLink(http, shop, email);
        return http.post("s/" + shop + "/account/reset", form(csrf(http.get(link)), "token",
                tokenIn(link), "password", password));
    }

    /** Asks for a reset mail on {@code http} and returns the link's path. */
    static String resetLink(Http http, String shop, String email) {
        String token = csrf(http.get("s/" + shop + "/account/forgot?lang=en"));
        assertThat(http.post("s/" + shop + "/account/forgot", form(token, "email", email)).status()).isEqualTo(303);
        return linkIn(Mails.awaitMailTo(email, m -> m.body().contains("/account/reset?token="), Duration.ofSeconds(20)),
                "/account/reset?token=");
    }

    // --- change of e-mail address ----------------------------------------------------------------------------------

    /**
     * The whole change of address: a signed-in customer asks with the current password, the new address gets a link
     * (nothing changes before it is opened, and opening it only asks), the form behind it changes the address: the
     * customer signs in with the new one and no longer with the old one, the session that confirmed stays signed in
     * (with the new address: its password change still works), the account's other sessions end, the old address gets
     * a notice naming the new one masked, the customer is at the end of the shop's customer feed again, and the link
     * works once.
     */
    @Test
    void aCustomerChangesTheEmailAddressWithALinkMailedToTheNewOne() {
        String email = uniqueEmail("emil");
        registeredAndConfirmed("lindenhof", email, "correct-horse-41", "81241");
        Http other = signedIn("lindenhof", email, "correct-horse-41");
        Http http = signedIn("lindenhof", email, "correct-horse-41");
        assertThat(http.get("s/lindenhof/account/profile?lang=en").body())
                .contains("/s/lindenhof/account/email\"", "Change e-mail address");
        var page = http.get("s/lindenhof/account/email?lang=en");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<label for=\"email\">New e-mail address</label>", "type=\"email\"",
                "<label for=\"current\">Current password</label>", "autocomplete=\"current-password\"", email);
        String stamp = stampOf(email);
        long feedBefore = customerFeedPosition(email);

        String newEmail = uniqueEmail("emil-new");
        var asked = http.post("s/lindenhof/account/email", form(csrf(page), "email", " " + newEmail.toUpperCase() + " ",
                "current", "correct-horse-41"));
        assertThat(asked.status()).as(asked.body()).isEqualTo(303);
        assertThat(asked.location().orElseThrow().toString()).endsWith("/s/lindenhof/account/email?m=sent");
        assertThat(http.get("s/lindenhof/account/email?m=sent&lang=en").body())
                .contains("We have sent a link to " + newEmail + ".");
        assertThat(org.farmstand.testing.ItEnvironment.queryString("SELECT email FROM customer WHERE email = ?", email))
                .as("nothing changed yet").isEqualTo(email);

        Mails.Mail mail = Mails.awaitMailTo(newEmail, Duration.ofSeconds(20));
        assertThat(mail.subject()).isEqualTo("Confirm your new e-mail address – Lindenhof");
        assertThat(mail.body()).contains("valid for 24 hours");
        String link = linkIn(mail, "/account/email/confirm?token=");
        assertThat(link).endsWith("&lang=en");
        // opened on another device: it asks, and changes nothing
        var question = http().get(link);
        assertThat(question.status()).isEqualTo(200);
        assertThat(question.body()).contains("Change the e-mail address of your account to " + newEmail + "?")
                .doesNotContain(email);
        assertThat(stampOf(email)).isEqualTo(stamp);

        // confirmed in the signed-in session
        var confirmed = http.post("s/lindenhof/account/email/confirm", form(csrf(http.get(link)), "token",
                tokenIn(link)));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(303);
        assertThat(http.get(confirmed.location().orElseThrow().toString() + "&lang=en").body())
                .contains("Your e-mail address has been changed.");
        assertThat(org.farmstand.testing.ItEnvironment.queryString(
                "SELECT email FROM customer WHERE email = ? OR email = ?", email, newEmail)).isEqualTo(newEmail);
        assertThat(stampOf(newEmail)).isNotEqualTo(stamp);
        assertThat(customerFeedPosition(newEmail)).as("back at the end of the customer feed")
                .isGreaterThan(feedBefore).isEqualTo(org.farmstand.testing.ItEnvironment.queryLong(
                        "SELECT seq FROM customer_change_counter WHERE tenant_id ="
                                + " (SELECT id FROM tenant WHERE slug = 'lindenhof')"));
        assertThat(http.get("s/lindenhof/account/orders").status()).as("this session stays signed in").isEqualTo(200);
        assertThat(http.get("s/lindenhof/account/profile?lang=en").body()).contains(newEmail).doesNotContain(email);
        var ended = other.get("s/lindenhof/account/orders");
        assertThat(ended.status()).as("the other one is signed out").isEqualTo(302);
        assertThat(ended.location().orElseThrow().toString()).endsWith("/account/login?m=email-changed&next=orders");
        assertThat(other.get(ended.location().orElseThrow().toString() + "&lang=en").body())
                .contains("The e-mail address of your account has been changed, so you have been signed out here.");
        var again = http().get(link);
        assertThat(again.status()).as("the link works once").isEqualTo(404);
        assertThat(again.body()).contains("This link is not valid (any more)").doesNotContain("Exception");

        // the old address gets a notice, naming the new one masked
        Mails.Mail notice = Mails.awaitMailTo(email, m -> m.subject().startsWith("Your e-mail address was changed"),
                Duration.ofSeconds(20));
        assertThat(notice.subject()).isEqualTo("Your e-mail address was changed – Lindenhof");
        assertThat(notice.body()).contains("was just changed to e***@example.org").doesNotContain(newEmail);

        // sign-in: the old address no longer, the new one does
        Http stranger = http();
        String strangerToken = csrf(stranger.get("s/lindenhof/account/login?lang=en"));
        assertThat(stranger.post("s/lindenhof/account/login", form(strangerToken, "email", email, "password",
                "correct-horse-41")).status()).isEqualTo(401);
        signedIn("lindenhof", newEmail, "correct-horse-41");

        // the session that confirmed checks its password against the new address
        var passwordPage = http.get("s/lindenhof/account/password?lang=en");
        assertThat(http.post("s/lindenhof/account/password", form(csrf(passwordPage), "current", "correct-horse-41",
                "password", "new-password-41")).status()).isEqualTo(303);
        signedIn("lindenhof", newEmail, "new-password-41");
    }

    /** The customer's position in the shop's customer feed (the API's {@code since=} cursor). */
    static long customerFeedPosition(String email) {
        return org.farmstand.testing.ItEnvironment.queryLong("SELECT change_seq FROM customer WHERE email = ?", email);
    }

    /** Asks for a change of address on a signed-in client; the answer to the form. */
    static Http.Response requestEmailChange(Http http, String shop, String newEmail, String password) {
        var page = http.get("s/" + shop + "/account/email?lang=en");
        return http.post("s/" + shop + "/account/email", form(csrf(page), "email", newEmail, "current", password));
    }

    /**
     * The form explains what is wrong, at the field: no address, not an address, the current one, a missing or wrong
     * current password (nothing waits then, and no mail goes out), an address another customer of the same shop has.
     * The same address at another shop is fine. A second request within a minute is refused; a later one replaces the
     * first (whose link no longer works). Posts without the CSRF token are refused; the page needs a sign-in.
     */
    @Test
    void changingTheEmailAddressExplainsWhatIsWrongAndTakesAnAddressOnlyOncePerShop() {
        String email = annaLike("erna");
        Http http = signedIn("sonnenhof", email, "anna-demo");
        var page = http.get("s/sonnenhof/account/email?lang=en");
        String token = csrf(page);
        String path = "s/sonnenhof/account/email";

        var missing = http.post(path, form(token, "email", "  ", "current", ""));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("Please enter the new e-mail address.", "Please enter your current password.",
                "aria-describedby=\"email-error\"", "<span id=\"email-error\" class=\"field-error\" role=\"alert\">");
        assertThat(http.post(path, form(token, "email", "not-an-address", "current", "anna-demo")).body())
                .contains("Please enter a valid e-mail address.", "value=\"not-an-address\"");
        assertThat(http.post(path, form(token, "email", email.toUpperCase(), "current", "anna-demo")).body())
                .contains("This is already the e-mail address of your account.");
        String wanted = uniqueEmail("erna-new");
        var wrong = http.post(path, form(token, "email", wanted, "current", "not-the-password"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("The current password is not correct.", "aria-describedby=\"current-error\"");
        // the sign-in's throttle: while the address is locked by failed attempts, not even the right password is checked
        String subject = "customer:" + org.farmstand.testing.ItEnvironment.queryLong(
                "SELECT id FROM tenant WHERE slug = 'sonnenhof'") + ":" + email;
        org.farmstand.testing.ItEnvironment.update("INSERT INTO login_throttle (subject, failures, last_failed_at)"
                + " VALUES (?, 10, NOW(3) + INTERVAL 1 HOUR) ON DUPLICATE KEY UPDATE failures = 10,"
                + " last_failed_at = NOW(3) + INTERVAL 1 HOUR", subject);
        var throttled = http.post(path, form(token, "email", wanted, "current", "anna-demo"));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isPresent();
        assertThat(throttled.body()).contains("Too many wrong attempts.");
        org.farmstand.testing.ItEnvironment.update("DELETE FROM login_throttle WHERE subject = ?", subject);
        var taken = http.post(path, form(token, "email", "Anna@example.org", "current", "anna-demo"));
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.body()).contains("Another customer account of this shop already uses this e-mail address.");
        assertThat(org.farmstand.testing.ItEnvironment.queryLong(
                "SELECT COUNT(*) FROM customer WHERE email = ? AND new_email IS NULL", email)).as("nothing waits").isEqualTo(1);
        assertThat(http.get("s/sonnenhof/account/email?lang=en").body()).doesNotContain("We have sent a link");

        // an address of a customer of another shop only
        String lindenhofOnly = uniqueEmail("erna-linden");
        registeredAndConfirmed("lindenhof", lindenhofOnly, "correct-horse-42", "81241");
        assertThat(http.post(path, form(token, "email", lindenhofOnly, "current", "anna-demo")).status()).isEqualTo(303);
        String first = linkIn(Mails.awaitMailTo(lindenhofOnly, m -> m.body().contains("/account/email/confirm?token="),
                Duration.ofSeconds(20)), "/account/email/confirm?token=");
        var tooSoon = http.post(path, form(token, "email", wanted, "current", "anna-demo"));
        assertThat(tooSoon.status()).isEqualTo(400);
        assertThat(tooSoon.body()).contains("Please wait a minute");
        assertThat(Mails.mailsTo(wanted)).isEmpty();

        // a minute later, a newer request replaces the first
        org.farmstand.testing.ItEnvironment.update("UPDATE customer SET email_token_expires = email_token_expires"
                + " - INTERVAL 2 MINUTE WHERE email = ?", email);
        assertThat(http.post(path, form(token, "email", wanted, "current", "anna-demo")).status()).isEqualTo(303);
        String second = linkIn(Mails.awaitMailTo(wanted, Duration.ofSeconds(20)), "/account/email/confirm?token=");
        assertThat(http.get(first).status()).as("replaced").isEqualTo(404);
        // back to the first address after all: it may be another shop's customer's
        org.farmstand.testing.ItEnvironment.update("UPDATE customer SET email_token_expires = email_token_expires"
                + " - INTERVAL 2 MINUTE WHERE email = ?", email);
        assertThat(http.post(path, form(token, "email", lindenhofOnly, "current", "anna-demo")).status()).isEqualTo(303);
        String third = linkIn(Mails.awaitMailTo(lindenhofOnly, m -> m.body().contains("/account/email/confirm?token=")
                && !m.body().contains(first), Duration.ofSeconds(20)), "/account/email/confirm?token=");
        assertThat(http.get(second).status()).as("replaced").isEqualTo(404);
        var question = http.get(third);
        assertThat(http.post("s/sonnenhof/account/email/confirm", form(csrf(question), "token", tokenIn(third)))
                .status()).isEqualTo(303);
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM customer WHERE email = ?",
                lindenhofOnly)).as("one in each shop").isEqualTo(2);
        signedIn("sonnenhof", lindenhofOnly, "anna-demo");
        signedIn("lindenhof", lindenhofOnly, "correct-horse-42");

        // posts without the CSRF token are refused, like the other account forms
        Http signedIn = signedIn("sonnenhof", lindenhofOnly, "anna-demo");
        assertThat(signedIn.post(path, Map.of("email", uniqueEmail("csrf"), "current", "anna-demo")).status())
                .isEqualTo(403);
        assertThat(signedIn.post("s/sonnenhof/account/email/confirm", Map.of("token", tokenIn(third))).status())
                .isEqualTo(403);
        var anonymous = http().get(path);
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.location().orElseThrow().toString()).contains("/s/sonnenhof/account/login");
    }

    /**
     * A link that expired, that was replaced, that is garbage, or that belongs to another shop (opened under this
     * shop's address) changes nothing and says so in a page of the shop, not an error page; in German too, the
     * language of the mail, which a customer who registered in German gets.
     */
    @Test
    void anEmailChangeLinkThatExpiredOrBelongsToAnotherShopIsRefusedWithAClearPage() {
        String email = uniqueEmail("elke");
        Http registering = http();
        assertThat(register(registering, "lindenhof", email, "correct-horse-43", "81241", "de").status()).isEqualTo(303);
        registering.get(linkIn(Mails.awaitMailTo(email, Duration.ofSeconds(20)), "/account/verify?token="));
        Http http = signedIn("lindenhof", email, "correct-horse-43");
        String newEmail = uniqueEmail("elke-new");
        assertThat(requestEmailChange(http, "lindenhof", newEmail, "correct-horse-43").status()).isEqualTo(303);
        Mails.Mail mail = Mails.awaitMailTo(newEmail, Duration.ofSeconds(20));
        assertThat(mail.subject()).isEqualTo("Bestätigen Sie Ihre neue E-Mail-Adresse – Lindenhof");
        assertThat(mail.body()).contains("24 Stunden gültig");
        String link = linkIn(mail, "/account/email/confirm?token=");
        String token = tokenIn(link);

        // under another shop's address
        String foreign = link.replace("s/lindenhof/", "s/sonnenhof/");
        var foreignPage = http().get(foreign);
        assertThat(foreignPage.status()).isEqualTo(404);
        assertThat(foreignPage.body()).contains("Dieser Link ist nicht (mehr) gültig", "Sonnenhof")
                .doesNotContain("Exception", newEmail);
        Http sonnenhof = http();
        var foreignPost = sonnenhof.post("s/sonnenhof/account/email/confirm?lang=en",
                form(csrf(sonnenhof.get("s/sonnenhof/account/login?lang=en")), "token", token));
        assertThat(foreignPost.status()).isEqualTo(404);
        assertThat(foreignPost.body()).contains("This link is not valid (any more)");
        assertThat(http().get("s/lindenhof/account/email/confirm?token=not-a-token&lang=en").status()).isEqualTo(404);
        assertThat(http().get("s/lindenhof/account/email/confirm?lang=en").body())
                .contains("This link is not valid (any more)");

        // expired
        var question = http.get(link);
        assertThat(question.status()).isEqualTo(200);
        assertThat(question.body()).contains("Die E-Mail-Adresse Ihres Kundenkontos in " + newEmail + " ändern?");
        org.farmstand.testing.ItEnvironment.update("UPDATE customer SET email_token_expires = NOW(3) - INTERVAL 1 SECOND"
                + " WHERE email = ?", email);
        var expired = http.get(link);
        assertThat(expired.status()).isEqualTo(404);
        assertThat(expired.body()).contains("Dieser Link ist nicht (mehr) gültig: Er ist abgelaufen");
        var late = http.post("s/lindenhof/account/email/confirm", form(csrf(question), "token", token));
        assertThat(late.status()).isEqualTo(404);
        assertThat(org.farmstand.testing.ItEnvironment.queryString("SELECT email FROM customer WHERE email = ? OR email = ?",
                email, newEmail)).isEqualTo(email);
        assertThat(http.get("s/lindenhof/account/email?lang=en").body()).doesNotContain("We have sent a link");
    }

    /**
     * An address that someone registered at the shop between the request and the confirmation is not taken over:
     * the confirmation says so, and nothing changes.
     */
    @Test
    void anAddressRegisteredMeanwhileIsNotTakenOverByTheConfirmation() {
        String email = uniqueEmail("ella");
        registeredAndConfirmed("lindenhof", email, "correct-horse-44", "81241");
        Http http = signedIn("lindenhof", email, "correct-horse-44");
        String newEmail = uniqueEmail("ella-new");
        assertThat(requestEmailChange(http, "lindenhof", newEmail, "correct-horse-44").status()).isEqualTo(303);
        String link = linkIn(Mails.awaitMailTo(newEmail, Duration.ofSeconds(20)), "/account/email/confirm?token=");
        var question = http.get(link);
        assertThat(question.status()).isEqualTo(200);

        assertThat(register(http(), "lindenhof", newEmail, "correct-horse-45", "81241").status()).isEqualTo(303);
        var refused = http.post("s/lindenhof/account/email/confirm", form(csrf(question), "token", tokenIn(link)));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("The address " + newEmail + " has meanwhile been used for another customer"
                + " account of this shop").doesNotContain("Exception");
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM customer WHERE email = ?", email))
                .as("unchanged").isEqualTo(1);
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM customer WHERE email = ?",
                newEmail)).as("only the new registration").isEqualTo(1);
        assertThat(http.get(link).status()).as("the link is used up").isEqualTo(404);
        assertThat(http.get("s/lindenhof/account/orders").status()).as("still signed in").isEqualTo(200);
    }

    /**
     * "Mein Konto" (the orders page) leads to every page of the account: the waiting lists were linked from nowhere
     * but an offer's page, so a customer who had joined one last week could not find it again.
     */
    @Test
    void theAccountPageLinksTheWaitingLists() {
        Http anna = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        assertThat(anna.get("s/sonnenhof/account/orders?lang=de").body()).contains(
                "/s/sonnenhof/account/profile\">Meine Daten</a>", "/s/sonnenhof/account/waitlist\">Meine Wartelisten</a>");
        assertThat(anna.get("s/sonnenhof/account/orders?lang=en").body())
                .contains("/s/sonnenhof/account/waitlist\">My waiting lists</a>");
    }

    /**
     * An order's page names its cut-off as the end of changes and cancellation: it read "bestellen bis ..." ("order
     * by") above the "cancel" button of an order already placed.
     */
    @Test
    void anOrdersPageSaysUntilWhenItCanBeChangedOrCancelled() {
        Http http = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        String number = placeOrder(http, "sonnenhof", Map.of(productId(http, "sonnenhof", "moehren"), 5));
        String german = http.get("s/sonnenhof/account/orders/" + number + "?lang=de").body();
        assertThat(german).containsPattern("<small>Ändern oder stornieren bis \\p{L}+, [0-9]{1,2}\\. \\p{L}+, "
                + "[0-9]{2}:[0-9]{2}</small>").doesNotContain("bestellen bis");
        assertThat(http.get("s/sonnenhof/account/orders/" + number + "?lang=en").body())
                .containsPattern("<small>Change or cancel until \\p{L}+, [0-9]{1,2} \\p{L}+, [0-9]{2}:[0-9]{2}</small>")
                .doesNotContain("order by");
    }

    /**
     * A session id in the URL (;jsessionid=...) is refused with a 404, never taken as the session: tracking is by
     * cookie only, and a planted id in a link would otherwise fix or reveal a session.
     */
    @Test
    void aSessionIdInTheUrlIsNotAccepted() {
        Http anna = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        assertThat(anna.get("s/sonnenhof/account/orders").status()).isEqualTo(200);
        String id = anna.cookie("JSESSIONID").orElseThrow().getValue();
        Http stranger = http();
        for (String path : new String[] {"s/sonnenhof/account/orders;jsessionid=" + id,
                "s/sonnenhof/account/profile;JSESSIONID=" + id, "s/sonnenhof/;jsessionid=" + id,
                "s/sonnenhof;jsessionid=" + id + "/cart"}) {
            var response = stranger.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path)).GET());
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("Anna", "anna@example.org");
        }
        assertThat(stranger.cookie("JSESSIONID")).isEmpty();
        assertThat(anna.get("s/sonnenhof/account/orders").status()).isEqualTo(200);
    }

    @Test
    void theLanguageSwitchKeepsTheSearchAndTheCategory() {
        var page = http().get("s/sonnenhof/products?category=obst&q=apf");
        assertThat(page.body()).contains("/s/sonnenhof/products?category=obst&amp;q=apf&amp;lang=en");
    }

    // --- helpers for the customer journey -----------------------------------------------------------------------

    /** The page's CSRF token (the {@code _csrf} field of its forms), for {@link Http#form}. */
    static String csrf(Http.Response page) {
        return hiddenField(page.body(), "_csrf");
    }

    /** Registers on a fresh client, follows the confirmation mail's link and returns the client. */
    Http registeredAndConfirmed(String shop, String email, String password, String postcode) {
        Http http = http();
        assertThat(register(http, shop, email, password, postcode).status()).isEqualTo(303);
        http.get(linkIn(Mails.awaitMailTo(email, Duration.ofSeconds(20)), "/account/verify?token="));
        return http;
    }

    /** Signs in on a fresh client and returns it (302 to the next page on success). */
    Http signedIn(String shop, String email, String password) {
        Http http = http();
        // as a visitor who waits for their turn (see productId: a test before may have left queue numbers waiting)
        String token = csrf(http.getUntil("s/" + shop + "/account/login",
                page -> page.header(org.farmstand.storefront.web.AdmissionFilter.QUEUE_HEADER).isEmpty(),
                Duration.ofSeconds(30)));
        var posted = http.post("s/" + shop + "/account/login", form(token, "email", email, "password", password));
        assertThat(posted.status()).as("sign-in of %s: %s", email, posted.body()).isIn(302, 303);
        return http;
    }

    /**
     * Query strings are read as UTF-8 (a search for "Möhren" finds them, signed in or not), and no page of a signed-in
     * customer makes the container log that the request's encoding came too late (every page with a session did: a
     * WARNING per request in a surge).
     */
    @Test
    void aSignedInCustomersPagesReadUtf8AndLogNoEncodingWarning() {
        Http probe = http();
        int before = Integer.parseInt(probe.get("_test/encoding-warnings").body().strip());
        assertThat(http().get("s/sonnenhof/products?q=M%C3%B6hren").body())
                .contains("value=\"Möhren\"", "/s/sonnenhof/products/moehren");
        Http http = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        var search = http.get("s/sonnenhof/products?q=M%C3%B6hren");
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.body()).contains("value=\"Möhren\"", "/s/sonnenhof/products/moehren");
        for (String page : new String[] {"s/sonnenhof/cart", "s/sonnenhof/checkout", "s/sonnenhof/account/orders",
                "s/sonnenhof/account/profile", "s/sonnenhof/delivery?postcode=79098"}) {
            assertThat(http.get(page).status()).as(page).isEqualTo(200);
        }
        assertThat(Integer.parseInt(probe.get("_test/encoding-warnings").body().strip()))
                .as("encoding warnings logged by the container").isEqualTo(before);
    }

    @Test
    void anOrderPlacedOverHttpSendsItsConfirmationMail() {
        Http http = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        addCarrots(http, 6);

        var checkout = http.get("s/sonnenhof/checkout");
        assertThat(checkout.status()).isEqualTo(200);
        // the total the page showed is part of the order: without it, or garbled, nothing is placed blind
        for (String total : new String[] {"", "abc"}) {
            var blind = http.post("s/sonnenhof/checkout", form(csrf(checkout),
                    "key", hiddenField(checkout.body(), "key"), "expectedTotal", total,
                    "tourDateId", orderableDate(checkout)));
            assertThat(blind.status()).as(blind.body()).isEqualTo(409);
            assertThat(blind.body()).contains("die Summe unten");
        }
        var placed = http.post("s/sonnenhof/checkout", form(csrf(checkout), "key", hiddenField(checkout.body(), "key"),
                "expectedTotal", hiddenField(checkout.body(), "expectedTotal"), "tourDateId", orderableDate(checkout)));
        assertThat(placed.status()).as(placed.body()).isEqualTo(303);
        Matcher number = Pattern.compile("/orders/([A-Za-z0-9-]+)/confirmation").matcher(placed.location().orElseThrow().toString());
        assertThat(number.find()).isTrue();
        // the cart is empty now: a new attempt says so, once
        var empty = http.post("s/sonnenhof/checkout", form(csrf(checkout), "key", "another-checkout-" + number.group(1),
                "expectedTotal", hiddenField(checkout.body(), "expectedTotal"), "tourDateId", orderableDate(checkout)));
        assertThat(empty.status()).isEqualTo(409);
        assertThat(empty.body().split("Ihr Warenkorb ist leer", -1)).hasSize(2);

        Mails.Mail mail = Mails.awaitMailTo("anna@example.org", m -> m.subject().contains(number.group(1)),
                Duration.ofSeconds(20));
        // Anna has no stored language: the shop's default, German, and only German
        assertThat(mail.subject()).isEqualTo("Bestellbestätigung " + number.group(1) + " – Sonnenhof");
        assertThat(mail.body()).startsWith("Hallo Anna,").contains("Möhren", number.group(1), "Summe: ")
                .doesNotContain("Hello", "Total");
        // where and until when the order can be changed: its page, which the mail links in the mail's language
        Matcher link = Pattern.compile("ändern oder stornieren:\\s+(\\S+)").matcher(mail.body());
        assertThat(link.find()).as(mail.body()).isTrue();
        assertThat(link.group(1)).endsWith("/s/sonnenhof/account/orders/" + number.group(1) + "?lang=de");
        var orderPage = http.get(link.group(1).substring(link.group(1).indexOf("s/sonnenhof/")));
        assertThat(orderPage.status()).isEqualTo(200);
        assertThat(orderPage.body()).contains(number.group(1), "Bestellung stornieren");
        assertThat(mail.from()).isEqualTo("shop@farmstand.example");
        // and the relay recorded it as sent, once
        assertThat(outboxStatus(number.group(1), Duration.ofSeconds(10))).isEqualTo("SENT:1");
    }

    /**
     * Quantity, unit and price agree on every page and in the mail, for a piece sold by weight (Hokkaido: 3,50 € / kg,
     * about 1,2 kg, 4,20 € a piece) and a product sold by the kg (potatoes: 3,20 € / kg): "3 Stück" at 4,20 € each,
     * "2 kg" at 3,20 € a kg, wherever the order shows; and the order lines carry the units the lists print.
     */
    @Test
    void quantityUnitAndPriceAgreeFromTheProductPageToTheMail() {
        String euro = "(\u00a0|&nbsp;|&#160;| )€";
        var pumpkin = http().get("s/sonnenhof/products/kuerbis?lang=de").body();
        assertThat(pumpkin).containsPattern("3,50" + euro + " / kg")
                .containsPattern("ca\\. 1,2 kg\\s+je Stück\\s+≈ 4,20" + euro);

        Http http = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        addToCart(http, "kuerbis", 3);
        addToCart(http, "kartoffeln", 2);
        String cart = http.get("s/sonnenhof/cart?lang=de").body();
        assertThat(cart).containsPattern("4,20" + euro + " / Stück").containsPattern("3,20" + euro + " / kg");

        var checkout = http.get("s/sonnenhof/checkout?lang=de");
        // (the product's name in a span: on a page in another language it carries lang="de")
        assertThat(checkout.body()).containsPattern("3 Stück <span>Hokkaido-Kürbis</span>\\s+– ca\\. 12,60" + euro)
                .containsPattern("2 kg <span>Kartoffeln, festkochend</span>\\s+– 6,40" + euro);
        var placed = http.post("s/sonnenhof/checkout", form(csrf(checkout), "key", hiddenField(checkout.body(), "key"),
                "expectedTotal", hiddenField(checkout.body(), "expectedTotal"), "tourDateId", orderableDate(checkout)));
        assertThat(placed.status()).as(placed.body()).isEqualTo(303);
        String location = placed.location().orElseThrow().toString();
        Matcher number = Pattern.compile("/orders/([A-Za-z0-9-]+)/confirmation").matcher(location);
        assertThat(number.find()).isTrue();

        String confirmation = http.get(location.substring(location.indexOf("s/sonnenhof/"))).body();
        // the pumpkins are charged by their weight: the price per kg, the estimate of a piece and of the line's weight
        assertThat(confirmation).containsPattern("<td>3 Stück<br\\s*/><small class=\"weight\">ca\\. 3,6 kg</small></td>"
                        + "\\s*<td class=\"amount\">3,50" + euro + " / kg<br\\s*/><small class=\"estimate\">ca\\. 4,20" + euro + " / Stück</small></td>")
                .containsPattern("<td>2 kg</td>\\s*<td class=\"amount\">3,20" + euro + " / kg</td>")
                .containsPattern("ca\\. 12,60" + euro);
        Mails.Mail mail = Mails.awaitMailTo("anna@example.org", m -> m.subject().contains(number.group(1)),
                Duration.ofSeconds(20));
        assertThat(mail.body()).contains("3 Stück Hokkaido-Kürbis", "2 kg Kartoffeln, festkochend");
        assertThat(org.farmstand.testing.ItEnvironment.queryString("SELECT GROUP_CONCAT(CONCAT(l.unit, ' ',"
                + " l.quantity, ' ', l.unit_price_cents) ORDER BY l.unit SEPARATOR ', ') FROM order_line l"
                + " JOIN customer_order o ON o.id = l.order_id WHERE o.order_number = ?", number.group(1)))
                .isEqualTo("KG 2 320, PIECE 3 420");
    }

    static void addToCart(Http http, String slug, int quantity) {
        var product = http.get("s/sonnenhof/products/" + slug);
        assertThat(http.post("s/sonnenhof/cart", form(csrf(product), "action", "add", "productId",
                hiddenField(product.body(), "productId"), "quantity", String.valueOf(quantity))).status())
                .isIn(302, 303);
    }

    /**
     * A checkout page is good for one order: sent twice (a double click) it shows that order; sent again later with
     * another cart (back to the old page) it leaves the cart alone and asks to order again with a new key, instead
     * of showing the old order as if the new cart had been ordered and emptying the cart.
     */
    @Test
    void anOldCheckoutPageSentAgainWithAnotherCartKeepsTheCartAndAsksAgain() {
        Http http = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        addCarrots(http, 6);
        var old = http.get("s/sonnenhof/checkout");
        String date = orderableDate(old);
        Map<String, String> oldForm = form(csrf(old), "key", hiddenField(old.body(), "key"),
                "expectedTotal", hiddenField(old.body(), "expectedTotal"), "tourDateId", date);
        var placed = http.post("s/sonnenhof/checkout", oldForm);
        assertThat(placed.status()).as(placed.body()).isEqualTo(303);
        var twice = http.post("s/sonnenhof/checkout", oldForm);
        assertThat(twice.status()).isEqualTo(303);
        assertThat(twice.location()).isEqualTo(placed.location());

        addCarrots(http, 7);
        var again = http.post("s/sonnenhof/checkout?lang=en", oldForm);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("already been used for an earlier order", "Möhren");
        String newKey = hiddenField(again.body(), "key");
        assertThat(newKey).isNotEqualTo(oldForm.get("key"));
        var second = http.post("s/sonnenhof/checkout", form(csrf(again), "key", newKey,
                "expectedTotal", hiddenField(again.body(), "expectedTotal"), "tourDateId", date));
        assertThat(second.status()).as(second.body()).isEqualTo(303);
        assertThat(second.location()).isNotEqualTo(placed.location());
    }

    /**
     * A checkout page whose cart changed since in another tab (one more bunch) is refused saying the cart changed, not
     * that prices did, and shows the current cart and total; a total that today's prices do not give for the same
     * cart is still "prices have changed".
     */
    @Test
    void aCartChangedInAnotherTabIsNotTakenForAPriceChange() {
        Http http = signedIn("sonnenhof", annaLike("tabea"), "anna-demo");
        addCarrots(http, 6);
        var first = http.get("s/sonnenhof/checkout?lang=en");
        String date = orderableDate(first);
        long total = Long.parseLong(hiddenField(first.body(), "expectedTotal"));
        Map<String, String> order = form(csrf(first), "key", hiddenField(first.body(), "key"), "expectedTotal",
                String.valueOf(total), "expectedCart", hiddenField(first.body(), "expectedCart"), "tourDateId", date);

        addCarrots(http, 1); // in the other tab
        var changed = http.post("s/sonnenhof/checkout?lang=en", order);
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.body()).contains("Your cart has changed in the meantime", "Möhren")
                .doesNotContain("Prices have changed");
        assertThat(Long.parseLong(hiddenField(changed.body(), "expectedTotal"))).isEqualTo(total / 6 * 7);
        assertThat(org.farmstand.testing.ItEnvironment.queryLong(
                "SELECT COUNT(*) FROM customer_order WHERE idempotency_key = ?", order.get("key"))).isZero();
        assertThat(http.post("s/sonnenhof/checkout?lang=de", order).body()).contains("Ihr Warenkorb hat sich inzwischen geändert");

        Map<String, String> again = form(csrf(changed), "key", hiddenField(changed.body(), "key"), "expectedTotal",
                String.valueOf(total / 6 * 7 - 1), "expectedCart", hiddenField(changed.body(), "expectedCart"), "tourDateId", date);
        var prices = http.post("s/sonnenhof/checkout?lang=en", again);
        assertThat(prices.status()).isEqualTo(409);
        assertThat(prices.body()).contains("Prices have changed in the meantime").doesNotContain("Your cart has changed");

        again.put("expectedTotal", String.valueOf(total / 6 * 7));
        assertThat(http.post("s/sonnenhof/checkout", again).status()).isEqualTo(303);
    }

    /** Puts {@code quantity} carrots into the client's cart; the carrots' product id. */
    /**
     * A signed-in customer's pages are kept by no cache (Cache-Control: no-store), the catalog's only revalidated; and
     * signing out takes the cart with it (the next person at a shared computer sees neither).
     */
    @Test
    void signedInPagesAreNotCachedAndSigningOutTakesTheCart() {
        Http http = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        addCarrots(http, 2);
        for (String page : new String[] {"s/sonnenhof/cart", "s/sonnenhof/checkout", "s/sonnenhof/account/orders",
                "s/sonnenhof/account/profile"}) {
            assertThat(http.get(page).header("Cache-Control")).as(page).hasValue("no-store");
        }
        assertThat(http().get("s/sonnenhof/products").header("Cache-Control")).hasValue("private, no-cache");

        var logoutPage = http.get("s/sonnenhof/account/logout");
        assertThat(http.post("s/sonnenhof/account/logout", form(csrf(logoutPage))).status()).isIn(302, 303);
        var cart = http.get("s/sonnenhof/cart");
        assertThat(cart.body()).contains("Ihr Warenkorb ist leer").doesNotContain("Möhren");
    }

    static String addCarrots(Http http, int quantity) {
        var product = http.get("s/sonnenhof/products/moehren");
        String productId = hiddenField(product.body(), "productId");
        assertThat(http.post("s/sonnenhof/cart", form(csrf(product), "action", "add", "productId", productId,
                "quantity", String.valueOf(quantity))).status()).isIn(302, 303);
        return productId;
    }

    /** The id of the first date a checkout page offers that can still be ordered. */
    static String orderableDate(Http.Response checkout) {
        Matcher date = Pattern.compile("<input type=\"radio\" name=\"tourDateId\" id=\"d-[0-9]+\" value=\"([0-9]+)\"(?![^>]*disabled)")
                .matcher(checkout.body());
        assertThat(date.find()).as("an orderable date in %s", checkout.body()).isTrue();
        return date.group(1);
    }

    /** "status:attempts" of the outbox row whose subject contains {@code part}, once it is no longer PENDING. */
    static String outboxStatus(String part, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            // NULL while there is no such row yet
            String now = org.farmstand.testing.ItEnvironment.queryString("SELECT (SELECT CONCAT(status, ':', attempts)"
                    + " FROM outbox_mail WHERE subject LIKE ? LIMIT 1)", "%" + part + "%");
            if (now != null) {
                last = now;
                if (!last.startsWith("PENDING")) {
                    return last;
                }
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
        org.farmstand.testing.ItEnvironment.update("INSERT IGNORE INTO tenant_domain (tenant_id, host)"
                + " SELECT id, 'hofladen-linden.test' FROM tenant WHERE slug = 'lindenhof'");
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
        var added = second.post("s/sonnenhof/cart", form(token, "action", "add", "productId", hiddenField(page.body(), "productId"),
                "quantity", "2"));
        assertThat(added.status()).as(added.body()).isIn(302, 303);
        // with a session (a cart) pages are rendered for the visitor, not taken from the cache
        var withCart = second.get("s/sonnenhof/products/kartoffeln");
        assertThat(withCart.header("X-Page-Cache")).isEmpty();
        assertThat(withCart.body()).contains(">2</span><span class=\"visually-hidden\">, 2 Artikel</span></a>");
        assertThat(csrf(withCart)).isEqualTo(token);
    }

    @Test
    void theSignInPageComesFromThePageCacheAndItsFormStillSignsIn() {
        http().get("s/sonnenhof/account/login?next=checkout");
        Http visitor = http();
        var page = visitor.get("s/sonnenhof/account/login?next=checkout");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("X-Page-Cache")).hasValue("HIT");
        assertThat(hiddenField(page.body(), "next")).isEqualTo("checkout");
        String token = csrf(page);
        assertThat(visitor.cookie("fs_csrf").orElseThrow().getValue()).isEqualTo(token);
        assertThat(visitor.cookie("JSESSIONID")).as("no session from the cached sign-in page").isEmpty();
        // another query is another page
        assertThat(http().get("s/sonnenhof/account/login").body()).doesNotContain("value=\"checkout\"");

        var posted = visitor.post("s/sonnenhof/account/login", form(token, "email", "anna@example.org",
                "password", "anna-demo", "next", "checkout"));
        assertThat(posted.status()).as(posted.body()).isIn(302, 303);
        assertThat(posted.header("Location").orElse("")).endsWith("/s/sonnenhof/checkout");
        // signed in (a session): the page is rendered for this visitor, not taken from the cache
        var again = visitor.get("s/sonnenhof/account/login?next=checkout");
        assertThat(again.header("X-Page-Cache")).isEmpty();
        assertThat(again.body()).contains("Anna");
        // a wrong password on the cached page's form: the message, with status 401, never cached
        Http other = http();
        String otherToken = csrf(other.get("s/sonnenhof/account/login"));
        var wrong = other.post("s/sonnenhof/account/login", form(otherToken, "email", "anna@example.org",
                "password", "wrong-password"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("X-Page-Cache")).isEmpty();
        assertThat(http().get("s/sonnenhof/account/login").body()).doesNotContain("role=\"alert\"");
    }

    /**
     * E-mail addresses compare exactly, apart from upper and lower case: "ánna@example.org" is not Anna's address
     * (the accent-insensitive column collation had signed it in as Anna; V11).
     */
    @Test
    void anAccentedVariantOfAnAddressIsAnotherAddress() {
        Http visitor = http();
        String token = csrf(visitor.get("s/sonnenhof/account/login?lang=en"));
        var accented = visitor.post("s/sonnenhof/account/login", form(token, "email", "\u00e1nna@example.org",
                "password", "anna-demo"));
        assertThat(accented.status()).isEqualTo(401);
        assertThat(accented.body()).contains("E-mail or password is not correct");
        var upper = visitor.post("s/sonnenhof/account/login", form(token, "email", "ANNA@Example.org",
                "password", "anna-demo"));
        assertThat(upper.status()).as(upper.body()).isIn(302, 303);
    }

    /** The shop's redirects keep their path: a forged Host header does not make them point to another site. */
    @Test
    void redirectsPointToThisServerWhateverHostTheRequestNames() throws Exception {
        String bare = org.farmstand.testing.RawHttp.exchange(base, "GET", "s/sonnenhof", "evil.example", "", null);
        assertThat(org.farmstand.testing.RawHttp.status(bare)).isEqualTo(302);
        assertThat(org.farmstand.testing.RawHttp.location(bare)).isEqualTo(base.getPath() + "s/sonnenhof/");

        Http anna = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        String out = org.farmstand.testing.RawHttp.exchange(base, "POST", "s/sonnenhof/account/logout", "evil.example",
                org.farmstand.testing.RawHttp.cookieHeader(anna),
                Http.formEncode(form(anna.cookie("fs_csrf").orElseThrow().getValue())));
        assertThat(org.farmstand.testing.RawHttp.status(out)).as(out).isIn(302, 303);
        assertThat(org.farmstand.testing.RawHttp.location(out)).doesNotContain("evil.example").startsWith("/");
    }

    /** The change is made as the admin WAR or another node makes it: this WAR reads the new version within 1 s. */
    @Test
    void aProducersChangeShowsWithinASecondDespiteThePageCache() throws Exception {
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
        var changed = http().getUntil(path, page -> page.body().contains(marker), Duration.ofSeconds(3));
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
        org.farmstand.testing.ItEnvironment.update("INSERT IGNORE INTO tenant_domain (tenant_id, host)"
                + " SELECT id, 'hofladen-linden.test' FROM tenant WHERE slug = 'lindenhof'");
        org.farmstand.testing.ItEnvironment.update("INSERT IGNORE INTO tenant_domain (tenant_id, host)"
                + " SELECT id, 'hofladen-sonnen.test' FROM tenant WHERE slug = 'sonnenhof'");
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

    /** Sets the gate's limits back to what {@link #admission(String)} reported before a test changed them. */
    void restoreAdmission(String before) {
        String[] limits = before.split(" ");
        admission("?max=" + limits[0] + "&reserved=" + limits[1]);
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
            String[] reconfigured = admission("?max=64&reserved=16").split(" ");
            assertThat(reconfigured[4]).as("the adaptive limit starts again at the new maximum").isEqualTo("64");
            assertThat(reconfigured[5]).isEqualTo("16");
            assertThat(http().get("health/live").body()).as("the gate's state is reported")
                    .contains("\"name\":\"admission\"", "\"adaptive\":\"true\"", "\"limit\":\"64\"",
                            "\"reserved\":\"16\"", "\"targetMs\":\"250\"");
            // and as MicroProfile Metrics gauges (Payara's endpoint: the storefront is not at the root context here)
            var metrics = http().get(java.net.URI.create(base.toString()).resolve("/metrics?scope=application").toString());
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("farmstand_admission_limit{mp_scope=\"application\"} 64",
                    "farmstand_admission_inFlight", "farmstand_admission_latencyP90");
            var admitted = first.get("s/sonnenhof/products?lang=en");
            assertThat(admitted.header("X-Farmstand-Queue")).isEmpty();
            assertThat(admitted.body()).contains("Möhren");
            assertThat(first.cookie("fs_queue")).as("the used ticket is removed").isEmpty();
            assertThat(second.get("s/sonnenhof/products").body()).contains("Möhren");
        } finally {
            restoreAdmission(before);
        }
    }

    /**
     * Visitors who took a queue number and left do not hold newcomers back once the surge is over: right after it a
     * newcomer still queues behind their numbers, but after {@link org.farmstand.platform.web.AdmissionGate#QUIET}
     * without the node being full the next newcomer is let in at once.
     */
    @Test
    void afterASurgeTheNumbersOfVisitorsWhoLeftNoLongerHoldNewcomersBack() throws InterruptedException {
        String before = admission("");
        try {
            admission("?max=1&reserved=1");
            for (int i = 0; i < 5; i++) {
                assertThat(http().get("s/sonnenhof/").header("X-Farmstand-Queue")).isPresent(); // and they leave
            }
            admission("?max=64&reserved=16");
            assertThat(http().get("s/sonnenhof/").header("X-Farmstand-Queue"))
                    .as("right after the surge a newcomer queues behind the numbers still waiting").isPresent();

            Thread.sleep(org.farmstand.platform.web.AdmissionGate.QUIET.toMillis() + 500);
            var newcomer = http().get("s/sonnenhof/products?lang=en");
            assertThat(newcomer.header("X-Farmstand-Queue")).as("the node has been quiet: nobody waits for them")
                    .isEmpty();
            assertThat(newcomer.body()).contains("Möhren");
        } finally {
            restoreAdmission(before);
        }
    }

    /**
     * A client that sends a form's body slowly (or never) holds no place in the gate while the body is read: a few
     * such connections once put every anonymous visitor into the queue for the read timeout.
     */
    @Test
    void aFormPostWhoseBodyIsSlowHoldsNoPlaceInTheGate() throws Exception {
        String before = admission("");
        java.util.List<java.net.Socket> slow = new java.util.ArrayList<>();
        try {
            admission("?max=2&reserved=1"); // one place for ordinary visitors
            for (int i = 0; i < 3; i++) {
                var socket = new java.net.Socket(base.getHost(), base.getPort());
                slow.add(socket);
                socket.getOutputStream().write(("POST " + base.getPath() + "s/sonnenhof/cart HTTP/1.1\r\nHost: "
                        + base.getHost() + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 100\r\n\r\na=").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
            Thread.sleep(500);
            var visitor = http().get("s/sonnenhof/products?lang=en");
            assertThat(visitor.header("X-Farmstand-Queue")).as("the slow bodies took no place").isEmpty();
            assertThat(visitor.body()).contains("Möhren");
        } finally {
            for (var socket : slow) {
                socket.close();
            }
            restoreAdmission(before);
        }
    }

    // --- stock per tour date (pushed by the management system's API) ------------------------------------------------

    /**
     * The checkout's POST does not read the customer itself (the placement does): a customer blocked after signing in
     * gets the refusal on the checkout page, one deleted since is sent to the sign-in; neither places anything.
     */
    @Test
    void aCustomerBlockedOrDeletedAfterSigningInPlacesNothing() {
        String email = uniqueEmail("bert");
        org.farmstand.testing.ItEnvironment.update("INSERT INTO customer (tenant_id, email, password_hash, first_name,"
                + " last_name, street, postcode, city, phone, status, email_verified, home_tour_id, locale, registered_at,"
                + " activated_at, updated_at) SELECT tenant_id, ?, password_hash, 'Bert', 'Copy', street, postcode, city,"
                + " phone, 'ACTIVE', TRUE, home_tour_id, locale, registered_at, activated_at, updated_at FROM customer"
                + " WHERE email = 'anna@example.org'", email);
        Http http = signedIn("sonnenhof", email, "anna-demo");
        var product = http.get("s/sonnenhof/products/moehren");
        assertThat(http.post("s/sonnenhof/cart", form(csrf(product), "action", "add", "productId",
                hiddenField(product.body(), "productId"), "quantity", "6")).status()).isIn(302, 303);
        var checkout = http.get("s/sonnenhof/checkout?lang=en");
        Matcher date = Pattern.compile("name=\"tourDateId\" id=\"d-[0-9]+\" value=\"([0-9]+)\"(?![^>]*disabled)")
                .matcher(checkout.body());
        assertThat(date.find()).as(checkout.body()).isTrue();
        String key = hiddenField(checkout.body(), "key");
        String[] order = {"key", key, "expectedTotal", hiddenField(checkout.body(), "expectedTotal"),
                "tourDateId", date.group(1)};

        org.farmstand.testing.ItEnvironment.update("UPDATE customer SET status = 'BLOCKED' WHERE email = ?", email);
        var blocked = http.post("s/sonnenhof/checkout?lang=en", form(csrf(checkout), order));
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.body()).contains("Your account cannot place orders at the moment.");

        org.farmstand.testing.ItEnvironment.update("DELETE FROM customer WHERE email = ?", email);
        var deleted = http.post("s/sonnenhof/checkout?lang=en", form(csrf(checkout), order));
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(deleted.header("Location").orElseThrow()).endsWith("/s/sonnenhof/account/login?next=checkout");
        assertThat(org.farmstand.testing.ItEnvironment.queryLong(
                "SELECT COUNT(*) FROM customer_order WHERE idempotency_key = ?", key)).isZero();
    }

    /**
     * Blocked and rejected customers are not told their account "has not been activated yet" (as if they only had to
     * wait): signing in and the checkout say it is not active, or was not approved, and to contact the shop.
     */
    @Test
    void blockedAndRejectedCustomersAreToldTheirAccountIsNotActiveNotThatItAwaitsActivation() {
        String email = annaLike("bruno");
        Http http = signedIn("sonnenhof", email, "anna-demo");
        addCarrots(http, 6);
        org.farmstand.testing.ItEnvironment.update("UPDATE customer SET status = 'BLOCKED' WHERE email = ?", email);
        assertThat(http.get("s/sonnenhof/checkout?lang=en").body())
                .contains("Your customer account is not active, so you cannot order at the moment. Please contact the shop.")
                .doesNotContain("not been activated yet");
        assertThat(signInRefusal(email, "en")).contains("Your customer account is not active. Please contact the shop.")
                .doesNotContain("not been activated yet");
        assertThat(signInRefusal(email, "de")).contains("Ihr Kundenkonto ist nicht aktiv. Bitte wenden Sie sich an den Hof.")
                .doesNotContain("noch nicht freigeschaltet");

        org.farmstand.testing.ItEnvironment.update("UPDATE customer SET status = 'REJECTED' WHERE email = ?", email);
        assertThat(http.get("s/sonnenhof/checkout?lang=de").body())
                .contains("Der Hof hat Ihr Kundenkonto nicht freigeschaltet; Sie können daher nicht bestellen.")
                .doesNotContain("noch nicht freigeschaltet");
        assertThat(signInRefusal(email, "en")).contains("The shop has not approved your customer account.")
                .doesNotContain("not been activated yet");
    }

    /** The sign-in page's answer (403) to the right password of an account that may not sign in. */
    String signInRefusal(String email, String lang) {
        Http http = http();
        String token = csrf(http.get("s/sonnenhof/account/login?lang=" + lang));
        var refused = http.post("s/sonnenhof/account/login", form(token, "email", email, "password", "anna-demo"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        return refused.body();
    }

    /** The checkout's POST is placed by the shop router; what it refuses is shown on the checkout page. */
    @Test
    void aCheckoutWithoutADateIsShownOnTheCheckoutPageAndPlacesNothing() {
        Http http = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        var product = http.get("s/sonnenhof/products/moehren");
        assertThat(http.post("s/sonnenhof/cart", form(csrf(product), "action", "add", "productId",
                hiddenField(product.body(), "productId"), "quantity", "6")).status()).isIn(302, 303);
        var checkout = http.get("s/sonnenhof/checkout?lang=en");
        String key = hiddenField(checkout.body(), "key");
        var refused = http.post("s/sonnenhof/checkout?lang=en", form(csrf(checkout), "key", key,
                "expectedTotal", hiddenField(checkout.body(), "expectedTotal")));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("Please choose a delivery date.", "Möhren");
        assertThat(hiddenField(refused.body(), "key")).as("the same key for the next attempt").isEqualTo(key);
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM customer_order WHERE idempotency_key = ?",
                key)).isZero();
        // signed out: the checkout's POST sends to the sign-in
        var anonymous = http();
        var page = anonymous.get("s/sonnenhof/account/login");
        var signIn = anonymous.post("s/sonnenhof/checkout", form(csrf(page), "key", key, "tourDateId", "1"));
        assertThat(signIn.status()).isEqualTo(303);
        assertThat(signIn.header("Location").orElseThrow()).endsWith("/s/sonnenhof/account/login?next=checkout");
    }

    @Test
    void checkoutRefusesMoreThanTheStockLeftOnTheChosenDateAndNamesTheProduct() {
        Http http = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        String id = addCarrots(http, 6);
        var checkout = http.get("s/sonnenhof/checkout");
        String dateId = orderableDate(checkout);
        String key = hiddenField(checkout.body(), "key");
        String total = hiddenField(checkout.body(), "expectedTotal");
        long booked = org.farmstand.testing.ItEnvironment.queryLong("SELECT booked FROM tour_date WHERE id = ?", dateId);
        org.farmstand.testing.ItEnvironment.update("INSERT INTO product_date_stock (tenant_id, product_id, tour_date_id,"
                + " available, stock, sold) SELECT tenant_id, id, ?, TRUE, 2, 0 FROM product WHERE id = ?", dateId, id);
        try {
            var refused = http.post("s/sonnenhof/checkout", form(csrf(checkout), "key", key, "expectedTotal", total,
                    "tourDateId", dateId));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body()).contains("Möhren").containsAnyOf("für diesen Liefertermin nur noch 2 bestellbar",
                    "Only 2 of Möhren can still be ordered for this delivery date");
            // with an overall stock that has enough, it is still the date's stock that is short, and the page says so
            org.farmstand.testing.ItEnvironment.update("UPDATE product SET stock = 10 WHERE id = ?", id);
            var onDate = http.post("s/sonnenhof/checkout?lang=en", form(csrf(checkout), "key", key, "expectedTotal",
                    total, "tourDateId", dateId));
            assertThat(onDate.status()).isEqualTo(409);
            assertThat(onDate.body()).contains("Only 2 of Möhren can still be ordered for this delivery date")
                    .doesNotContain("left in stock");
            org.farmstand.testing.ItEnvironment.update("UPDATE product SET stock = NULL WHERE id = ?", id);

            org.farmstand.testing.ItEnvironment.update("UPDATE product_date_stock SET available = FALSE WHERE tour_date_id = ?"
                    + " AND product_id = ?", dateId, id);
            var closed = http.post("s/sonnenhof/checkout", form(csrf(checkout), "key", key, "expectedTotal", total,
                    "tourDateId", dateId));
            assertThat(closed.status()).isEqualTo(409);
            assertThat(closed.body()).contains("Möhren").containsAnyOf("nicht mehr bestellbar", "cannot be ordered");

            assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM customer_order WHERE idempotency_key = ?", key))
                    .isZero();
            assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT booked FROM tour_date WHERE id = ?", dateId))
                    .isEqualTo(booked);
        } finally {
            org.farmstand.testing.ItEnvironment.update("UPDATE product SET stock = NULL WHERE id = ?", id);
            org.farmstand.testing.ItEnvironment.update("DELETE FROM product_date_stock WHERE tour_date_id = ? AND product_id = ?",
                    dateId, id);
        }
    }

    // --- the product's stock (the quantity on hand, pushed by the management system's API) -------------------------

    /** A customer of the sonnenhof shop like Anna (her password, her tour), with an address of their own. */
    static String annaLike(String name) {
        String email = uniqueEmail(name);
        org.farmstand.testing.ItEnvironment.update("INSERT INTO customer (tenant_id, email, password_hash, first_name,"
                + " last_name, street, postcode, city, phone, status, email_verified, home_tour_id, locale,"
                + " registered_at, activated_at, updated_at) SELECT tenant_id, ?, password_hash, ?, 'Copy', street,"
                + " postcode, city, phone, 'ACTIVE', TRUE, home_tour_id, locale, registered_at, activated_at,"
                + " updated_at FROM customer WHERE email = 'anna@example.org'", email, name);
        return email;
    }

    /** The checkout form for {@code quantity} of the product, put in the customer's cart now; to post later. */
    static Map<String, String> checkoutOf(Http http, String productId, int quantity) {
        String token = csrf(http.get("s/sonnenhof/account/login"));
        assertThat(http.post("s/sonnenhof/cart", form(token, "action", "add", "productId", productId,
                "quantity", String.valueOf(quantity))).status()).isIn(302, 303);
        var checkout = http.get("s/sonnenhof/checkout?lang=en");
        return form(csrf(checkout), "key", Http.hiddenField(checkout.body(), "key"), "expectedTotal",
                Http.hiddenField(checkout.body(), "expectedTotal"), "tourDateId", orderableDate(checkout));
    }

    /**
     * The exploratory tester's case: 1 in stock, three customers who each put 1 in their cart while it is there and
     * check out one after the other. The first gets it; the others are told on the checkout page that the product
     * cannot be ordered any more (no order, no mail), and the stock is 0. The first one's cancellation gives it back;
     * with some left but less than wished, the page says how many. A product without a stock is not counted.
     */
    @Test
    void aProductsStockIsCountedDownAndTheOrdersItCannotServeAreRefusedNamingIt() {
        String name = "Eier " + java.util.UUID.randomUUID().toString().substring(0, 8);
        long id = org.farmstand.testing.ItEnvironment.insert("INSERT INTO product (tenant_id, slug, name, unit,"
                + " price_cents, active, stock) SELECT id, ?, ?, 'PIECE', 1200, TRUE, 1 FROM tenant"
                + " WHERE slug = 'sonnenhof'", "eier-" + name.substring(5), name);
        String productId = String.valueOf(id);
        try {
            List<Http> customers = new ArrayList<>();
            List<Map<String, String>> checkouts = new ArrayList<>();
            for (String who : List.of("erste", "zweite", "dritte")) {
                Http http = signedIn("sonnenhof", annaLike(who), "anna-demo");
                customers.add(http);
                checkouts.add(checkoutOf(http, productId, 1));
            }
            var first = customers.get(0).post("s/sonnenhof/checkout?lang=en", checkouts.get(0));
            assertThat(first.status()).as(first.body()).isEqualTo(303);
            for (int i = 1; i < 3; i++) {
                var refused = customers.get(i).post("s/sonnenhof/checkout?lang=en", checkouts.get(i));
                assertThat(refused.status()).isEqualTo(409);
                // the product's own stock ran out, not the date's: another date would not help, and the page says so
                assertThat(refused.body()).contains(name + " is sold out. Please remove it from your cart.")
                        .doesNotContain("this delivery date");
                assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM customer_order"
                        + " WHERE idempotency_key = ?", checkouts.get(i).get("key"))).isZero();
            }
            assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT stock FROM product WHERE id = ?", id))
                    .isZero();
            assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM order_line l JOIN"
                    + " customer_order o ON o.id = l.order_id WHERE l.product_id = ? AND o.status <> 'CANCELLED'", id))
                    .isEqualTo(1);

            // the customer cancels: the stock is there again
            Matcher number = Pattern.compile("/orders/([A-Za-z0-9-]+)/confirmation")
                    .matcher(first.location().orElseThrow().toString());
            assertThat(number.find()).isTrue();
            String path = "s/sonnenhof/account/orders/" + number.group(1);
            var cancelled = customers.get(0).post(path, form(csrf(customers.get(0).get(path)), "action", "cancel"));
            assertThat(cancelled.status()).as(cancelled.body()).isIn(302, 303);
            assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT stock FROM product WHERE id = ?", id))
                    .isEqualTo(1);

            // 2 left, more wished (the refused 1 is still in the cart): the page names the product and what is left
            org.farmstand.testing.ItEnvironment.update("UPDATE product SET stock = 2 WHERE id = ?", id);
            Http third = customers.get(2);
            var tooMany = third.post("s/sonnenhof/checkout?lang=en", checkoutOf(third, productId, 3));
            assertThat(tooMany.status()).isEqualTo(409);
            assertThat(tooMany.body()).contains("Only 2 of " + name + " are left in stock.")
                    .doesNotContain("this delivery date");
            var german = third.get("s/sonnenhof/checkout?lang=de");
            assertThat(third.post("s/sonnenhof/checkout?lang=de", form(csrf(german), "key",
                    Http.hiddenField(german.body(), "key"), "expectedTotal",
                    Http.hiddenField(german.body(), "expectedTotal"), "tourDateId", orderableDate(german))).body())
                    .contains("Von " + name + " sind nur noch 2 vorrätig.");
            assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT stock FROM product WHERE id = ?", id))
                    .isEqualTo(2);

            // a product without a stock is ordered as before and stays "not tracked"
            Http fourth = signedIn("sonnenhof", annaLike("vierte"), "anna-demo");
            String carrots = addCarrots(fourth, 6);
            var checkout = fourth.get("s/sonnenhof/checkout?lang=en");
            var placed = fourth.post("s/sonnenhof/checkout?lang=en", form(csrf(checkout), "key",
                    Http.hiddenField(checkout.body(), "key"), "expectedTotal",
                    Http.hiddenField(checkout.body(), "expectedTotal"), "tourDateId", orderableDate(checkout)));
            assertThat(placed.status()).as(placed.body()).isEqualTo(303);
            assertThat(org.farmstand.testing.ItEnvironment.queryString("SELECT stock FROM product WHERE id = ?",
                    Long.parseLong(carrots))).isNull();
        } finally {
            org.farmstand.testing.ItEnvironment.update("UPDATE product SET active = FALSE WHERE id = ?", id);
        }
    }

    static long contentVersion(String shop) {
        return org.farmstand.testing.ItEnvironment.queryLong("SELECT content_version FROM tenant WHERE slug = ?", shop);
    }

    /**
     * The catalog's pages are cached by the shop's content version, which orders leave alone: only an order that takes
     * a product's last stock bumps it, so the catalog shows the product sold out at once, and the cancellation that
     * gives stock back shows it orderable again. Orders that leave stock, and orders of products without a stock,
     * bump nothing.
     */
    @Test
    void anOrderThatTakesTheLastStockShowsTheProductSoldOutInTheCatalog() {
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        String name = "Honig " + tag;
        String slug = "honig-" + tag;
        long id = org.farmstand.testing.ItEnvironment.insert("INSERT INTO product (tenant_id, slug, name, unit,"
                + " price_cents, active, stock) SELECT id, ?, ?, 'PIECE', 2400, TRUE, 2 FROM tenant"
                + " WHERE slug = 'sonnenhof'", slug, name); // above the shop's minimum order
        try {
            org.farmstand.testing.ItEnvironment.update("UPDATE tenant SET content_version = content_version + 1"
                    + " WHERE slug = 'sonnenhof'");
            // the node reads the shop's version anew at most a second later (TenantHeads): the page is cached under
            // the new version only after that, else the warm-up below caches it under the old one and misses later
            org.farmstand.testing.ItEnvironment.pause(Duration.ofMillis(1500));
            String page = "s/sonnenhof/products/" + slug + "?lang=en";
            assertThat(http().getUntil(page, p -> p.body().contains("Available"), Duration.ofSeconds(5)).body())
                    .contains(name);
            http().getUntil(page, p -> p.header("X-Page-Cache").equals(java.util.Optional.of("HIT")),
                    Duration.ofSeconds(5));

            // one of two: stock left, nothing bumped, the cached page stays
            long before = contentVersion("sonnenhof");
            Http first = signedIn("sonnenhof", annaLike("honig1"), "anna-demo");
            placeOrder(first, "sonnenhof", Map.of(String.valueOf(id), 1));
            Http carrots = signedIn("sonnenhof", annaLike("honig2"), "anna-demo");
            placeOrder(carrots, "sonnenhof", Map.of(productId(carrots, "sonnenhof", "moehren"), 6));
            assertThat(contentVersion("sonnenhof")).isEqualTo(before);
            assertThat(http().get(page).header("X-Page-Cache")).hasValue("HIT");

            // the last one: the catalog shows it sold out, at once
            Http last = signedIn("sonnenhof", annaLike("honig3"), "anna-demo");
            String number = placeOrder(last, "sonnenhof", Map.of(String.valueOf(id), 1));
            assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT stock FROM product WHERE id = ?", id))
                    .isZero();
            assertThat(contentVersion("sonnenhof")).isGreaterThan(before);
            assertThat(http().get(page).body()).contains("<p class=\"availability out\">Sold out</p>");
            assertThat(http().get("s/sonnenhof/products?q=Honig+" + tag + "&lang=en").body())
                    .contains(name, "Sold out");

            // its cancellation gives the stock back: orderable again
            long soldOut = contentVersion("sonnenhof");
            String path = "s/sonnenhof/account/orders/" + number;
            assertThat(last.post(path, form(csrf(last.get(path)), "action", "cancel")).status()).isIn(302, 303);
            assertThat(contentVersion("sonnenhof")).isGreaterThan(soldOut);
            assertThat(http().get(page).body()).contains("<p class=\"availability ok\">Available</p>");
        } finally {
            org.farmstand.testing.ItEnvironment.update("UPDATE product SET active = FALSE WHERE id = ?", id);
        }
    }

    // --- formatting per locale ------------------------------------------------------------------------------------

    @Test
    void pricesAndDatesAreFormattedInThePageLanguage() {
        String english = http().get("s/sonnenhof/products/moehren?lang=en").body();
        assertThat(english).contains("€2.49").doesNotContain("2,49");
        String german = http().get("s/sonnenhof/products/moehren?lang=de").body();
        assertThat(german).containsPattern("2,49(\u00a0|&nbsp;|&#160;| )€").doesNotContain("€2.49");

        String months = "(January|February|March|April|May|June|July|August|September|October|November|December)";
        String englishDates = http().get("s/sonnenhof/delivery?postcode=79098&lang=en").body();
        // "order by Monday, 30 November, 18:00": day before month, no German ordinal dot
        assertThat(englishDates).containsPattern("(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [0-9]{1,2} " + months)
                .doesNotContainPattern("[0-9]{1,2}\\. " + months);
        String germanDates = http().get("s/sonnenhof/delivery?postcode=79098&lang=de").body();
        assertThat(germanDates).containsPattern("(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag), [0-9]{1,2}\\. "
                + "(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)");
    }

    // --- sign-in throttling -----------------------------------------------------------------------------------

    @Test
    void repeatedFailedSignInsLockTheAddressForADoublingTime() {
        String email = uniqueEmail("tom");
        Http http = registeredAndConfirmed("lindenhof", email, "correct-horse-8", "80331");

        String token = csrf(http.get("s/lindenhof/account/login?lang=en"));
        for (int i = 0; i < 5; i++) {
            var wrong = http.post("s/lindenhof/account/login", form(token, "email", email, "password", "wrong-guess-" + i));
            assertThat(wrong.status()).as("attempt %d", i + 1).isEqualTo(401);
            assertThat(wrong.body()).contains("E-mail or password is not correct");
        }
        // now even the right password has to wait: nothing is checked while the address is locked
        var locked = http.post("s/lindenhof/account/login", form(token, "email", email.toUpperCase(), "password", "correct-horse-8"));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body()).contains("Too many failed sign-in attempts").containsPattern("wait [0-9]+ seconds");
        assertThat(locked.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 2L));
        assertThat(http.cookie("JSESSIONID")).as("no session for a refused sign-in").isEmpty();
        // another customer signing in from the same client is not affected
        signedIn("lindenhof", "clara@example.org", "clara-demo");

        // after the lock (2 s after 5 failures) the right password works, and a success clears the count
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Http.Response after;
        do {
            sleep(500);
            after = http.post("s/lindenhof/account/login", form(token, "email", email, "password", "correct-horse-8"));
        } while (after.status() == 429 && System.nanoTime() < deadline);
        assertThat(after.status()).as(after.body()).isIn(302, 303);
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM login_throttle WHERE subject LIKE ?",
                "customer:%:" + email)).isZero();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    // --- changing an order ----------------------------------------------------------------------------------------

    /**
     * The product's id from its page, as a visitor who waits for their turn: while the admission gate answers the
     * queue page (a test before may have left numbers waiting, or shrunk the adaptive limit), asked again with the
     * ticket, for up to 30 s.
     */
    static String productId(Http http, String shop, String slug) {
        return hiddenField(http.getUntil("s/" + shop + "/products/" + slug,
                page -> page.header(org.farmstand.storefront.web.AdmissionFilter.QUEUE_HEADER).isEmpty(),
                Duration.ofSeconds(30)).body(), "productId");
    }

    /** Sends the same request {@code n} times at once (a double click); the answers, in no particular order. */
    static java.util.List<Http.Response> parallel(int n, java.util.function.Supplier<Http.Response> request) {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Http.Response>>();
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return request.get();
                }));
            }
            start.countDown();
            var responses = new java.util.ArrayList<Http.Response>();
            for (var answer : answers) {
                responses.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return responses;
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Puts the products (id → quantity) in the cart and checks out for the first orderable date; the order number. */
    /**
     * A second order for a delivery date is allowed (each is delivered), and its confirmation and both orders' pages
     * name the other one, so it is not a surprise; once one is cancelled, the other's page no longer does.
     */
    @Test
    void aSecondOrderForTheSameDateNamesTheFirst() {
        String email = annaLike("zweimal");
        Http http = signedIn("sonnenhof", email, "anna-demo");
        long tour = homeTour(org.farmstand.testing.ItEnvironment.queryLong("SELECT c.id FROM customer c JOIN tenant t"
                + " ON t.id = c.tenant_id WHERE t.slug = 'sonnenhof' AND c.email = ?", email));
        long date = newTourDate(tour, 5, 1100 + new java.util.Random().nextInt(60));
        String carrots = productId(http, "sonnenhof", "moehren");
        String[] numbers = new String[2];
        for (int i = 0; i < 2; i++) {
            String token = csrf(http.get("s/sonnenhof/account/login"));
            assertThat(http.post("s/sonnenhof/cart", form(token, "action", "add", "productId", carrots, "quantity",
                    "6")).status()).isIn(302, 303);
            var checkout = http.get("s/sonnenhof/checkout");
            var placed = http.post("s/sonnenhof/checkout", form(csrf(checkout), "key", Http.hiddenField(checkout.body(),
                    "key"), "expectedTotal", Http.hiddenField(checkout.body(), "expectedTotal"), "tourDateId",
                    String.valueOf(date)));
            assertThat(placed.status()).as(placed.body()).isEqualTo(303);
            numbers[i] = placed.location().orElseThrow().toString().replaceAll(".*/orders/([A-Za-z0-9-]+)/confirmation.*",
                    "$1");
            if (i == 0) {
                assertThat(http.get("s/sonnenhof/orders/" + numbers[0] + "/confirmation?lang=en").body())
                        .as("the only order of the date").doesNotContain("another order for this delivery date");
            }
        }
        String confirmation = http.get("s/sonnenhof/orders/" + numbers[1] + "/confirmation?lang=en").body();
        assertThat(confirmation).contains("You have another order for this delivery date as well",
                "/s/sonnenhof/account/orders/" + numbers[0] + "\">" + numbers[0] + "</a>");
        String first = http.get("s/sonnenhof/account/orders/" + numbers[0] + "?lang=de").body();
        assertThat(first).contains("noch eine weitere Bestellung", ">" + numbers[1] + "</a>");

        var cancelled = http.post("s/sonnenhof/account/orders/" + numbers[1], form(csrf(http.get(
                "s/sonnenhof/account/orders/" + numbers[1])), "action", "cancel"));
        assertThat(cancelled.status()).isEqualTo(303);
        assertThat(http.get("s/sonnenhof/account/orders/" + numbers[0] + "?lang=en").body())
                .doesNotContain("another order for this delivery date");
    }

    static String placeOrder(Http http, String shop, Map<String, Integer> lines) {
        String token = csrf(http.get("s/" + shop + "/account/login"));
        lines.forEach((id, qty) -> assertThat(http.post("s/" + shop + "/cart",
                form(token, "action", "add", "productId", id, "quantity", String.valueOf(qty))).status()).isIn(302, 303));
        var checkout = http.get("s/" + shop + "/checkout");
        var placed = http.post("s/" + shop + "/checkout", form(csrf(checkout), "key", Http.hiddenField(checkout.body(), "key"),
                "expectedTotal", Http.hiddenField(checkout.body(), "expectedTotal"), "tourDateId", orderableDate(checkout)));
        assertThat(placed.status()).as(placed.body()).isEqualTo(303);
        Matcher number = Pattern.compile("/orders/([A-Za-z0-9-]+)/confirmation").matcher(placed.location().orElseThrow().toString());
        assertThat(number.find()).isTrue();
        return number.group(1);
    }

    /**
     * When no placement permit comes free in time (every one taken, here by a probe), the order is not taken and the
     * customer gets the checkout again with a message that says so (the same key, the date they chose), 503 with
     * Retry-After, instead of the 500 page; the same form sent again once there is room places the order, once.
     */
    @Test
    void anOrderThatFindsThePlacementGateFullIsRefusedWith503AndCanBeSentAgain() {
        Http anna = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        String token = csrf(anna.get("s/sonnenhof/account/login"));
        assertThat(anna.post("s/sonnenhof/cart", form(token, "action", "add", "productId",
                productId(anna, "sonnenhof", "moehren"), "quantity", "6")).status()).isIn(302, 303);
        var checkout = anna.get("s/sonnenhof/checkout");
        String key = Http.hiddenField(checkout.body(), "key");
        Map<String, String> order = form(csrf(checkout), "key", key, "expectedTotal",
                Http.hiddenField(checkout.body(), "expectedTotal"), "tourDateId", orderableDate(checkout));
        try {
            assertThat(http().get("_test/placements?hold=20").body().strip()).isEqualTo("20");
            var busy = anna.post("s/sonnenhof/checkout?lang=en", order);
            assertThat(busy.status()).as(busy.body()).isEqualTo(503);
            assertThat(busy.header("Retry-After")).hasValue("5");
            assertThat(busy.body()).contains("Too many orders", "Nothing was ordered").doesNotContain("Exception", "at org.");
            assertThat(Http.hiddenField(busy.body(), "key")).as("the same key, to send again").isEqualTo(key);
            assertThat(busy.body()).as("the date chosen is kept")
                    .containsPattern("name=\"tourDateId\"[^>]*value=\"" + order.get("tourDateId") + "\"[^>]*checked");
            assertThat(org.farmstand.testing.ItEnvironment.queryLong(
                    "SELECT COUNT(*) FROM customer_order WHERE idempotency_key = ?", key)).isZero();
        } finally {
            http().get("_test/placements?release");
        }
        var placed = anna.post("s/sonnenhof/checkout", order);
        assertThat(placed.status()).as(placed.body()).isEqualTo(303);
        assertThat(placed.location().orElseThrow().toString()).contains("/confirmation");
        assertThat(org.farmstand.testing.ItEnvironment.queryLong(
                "SELECT COUNT(*) FROM customer_order WHERE idempotency_key = ?", key)).isEqualTo(1);
    }

    /**
     * Accepting a waiting-list offer while every placement permit is taken: the offer page again, with a message that
     * nothing was ordered and to try again in a few seconds, 503 with Retry-After and the same key in its form; the
     * offer stays open, its place held. Sent again once there is room, the offer becomes an order, once.
     */
    @Test
    void anOfferAcceptedWhileThePlacementGateIsFullStaysOpenAndCanBeAcceptedAgain() {
        Http anna = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        long annaId = annaId();
        long tour = homeTour(annaId);
        long date = newTourDate(tour, 0, 300 + new java.util.Random().nextInt(60));
        // Anna waits for the full date with 6 carrots, then a place is offered to her (as WaitlistService.tryOffer
        // does it: one more place, held for her, and the entry OFFERED with a token)
        String token = csrf(anna.get("s/sonnenhof/account/login"));
        assertThat(anna.post("s/sonnenhof/cart", form(token, "action", "add", "productId",
                productId(anna, "sonnenhof", "moehren"), "quantity", "6")).status()).isIn(302, 303);
        // joined with a double click (four posts at once): each answer says "joined", one entry is made
        var joins = parallel(4, () -> anna.post("s/sonnenhof/account/waitlist",
                form(token, "action", "join", "tourDateId", String.valueOf(date))));
        assertThat(joins).allSatisfy(joined -> {
            assertThat(joined.status()).as(joined.body()).isEqualTo(303);
            assertThat(joined.location().orElseThrow().toString()).endsWith("/account/waitlist?m=joined");
        });
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM waitlist_entry"
                + " WHERE tour_date_id = ? AND customer_id = ?", date, annaId)).isEqualTo(1);
        String offerToken = org.farmstand.platform.security.Tokens.random(24);
        org.farmstand.testing.ItEnvironment.update("UPDATE tour_date SET capacity = capacity + 1, held = held + 1 WHERE id = ?", date);
        org.farmstand.testing.ItEnvironment.update("UPDATE waitlist_entry SET status = 'OFFERED', offer_token = ?,"
                + " offered_until = NOW() + INTERVAL 1 DAY WHERE tour_date_id = ? AND customer_id = ? AND status = 'WAITING'",
                offerToken, date, annaId);
        String path = "s/sonnenhof/offers/" + offerToken;
        var offer = anna.get(path + "?lang=en");
        assertThat(offer.body()).contains("id=\"accept-offer\"");
        String key = Http.hiddenField(offer.body(), "key");
        Map<String, String> accept = form(csrf(offer), "key", key, "expectedTotal", Http.hiddenField(offer.body(), "expectedTotal"));
        try {
            assertThat(http().get("_test/placements?hold=20").body().strip()).isEqualTo("20");
            var busy = anna.post(path + "?lang=en", accept);
            assertThat(busy.status()).as(busy.body()).isEqualTo(503);
            assertThat(busy.header("Retry-After")).hasValue("5");
            assertThat(busy.body()).contains("Too many orders", "Nothing was ordered", "id=\"accept-offer\"")
                    .doesNotContain("Exception", "at org.");
            assertThat(Http.hiddenField(busy.body(), "key")).as("the same key, to send again").isEqualTo(key);
            assertThat(org.farmstand.testing.ItEnvironment.queryString(
                    "SELECT status FROM waitlist_entry WHERE offer_token = ?", offerToken)).isEqualTo("OFFERED");
            assertThat(org.farmstand.testing.ItEnvironment.queryLong(
                    "SELECT COUNT(*) FROM customer_order WHERE idempotency_key = ?", key)).isZero();
            assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT held FROM tour_date WHERE id = ?", date)).isEqualTo(1);
            assertThat(booked(date)).isZero();
        } finally {
            http().get("_test/placements?release");
        }
        // accepted with a double click (three posts of the same form at once): all lead to the one order
        var accepted = parallel(3, () -> anna.post(path, accept));
        assertThat(accepted).allSatisfy(placed -> {
            assertThat(placed.status()).as(placed.body()).isEqualTo(303);
            assertThat(placed.location().orElseThrow().toString()).contains("/confirmation");
        });
        assertThat(accepted.stream().map(placed -> placed.location().orElseThrow().toString()).distinct()).hasSize(1);
        assertThat(org.farmstand.testing.ItEnvironment.queryString(
                "SELECT status FROM waitlist_entry WHERE offer_token = ?", offerToken)).isEqualTo("ACCEPTED");
        assertThat(org.farmstand.testing.ItEnvironment.queryLong(
                "SELECT COUNT(*) FROM customer_order WHERE idempotency_key = ? AND tour_date_id = ?", key, date)).isEqualTo(1);
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT held FROM tour_date WHERE id = ?", date)).isZero();
        assertThat(booked(date)).isEqualTo(1);
    }

    /** A new active product of sonnenhof, counted by piece, with no stock; its id. */
    static long newSonnenhofProduct(String slug, String name, long priceCents) {
        return org.farmstand.testing.ItEnvironment.insert("INSERT INTO product (tenant_id, slug, name, unit, price_cents,"
                + " active) SELECT id, ?, ?, 'PIECE', ?, TRUE FROM tenant WHERE slug = 'sonnenhof'", slug, name, priceCents);
    }

    /** A new customer of sonnenhof like Anna, signed in, joins the waiting list of {@code date} with these lines. */
    static long waitsWith(Http http, long date, Map<Long, Integer> lines) {
        String token = csrf(http.get("s/sonnenhof/account/login"));
        lines.forEach((product, quantity) -> assertThat(http.post("s/sonnenhof/cart", form(token, "action", "add",
                "productId", String.valueOf(product), "quantity", String.valueOf(quantity))).status()).isIn(302, 303));
        var joined = http.post("s/sonnenhof/account/waitlist", form(token, "action", "join", "tourDateId",
                String.valueOf(date)));
        assertThat(joined.status()).as(joined.body()).isEqualTo(303);
        return org.farmstand.testing.ItEnvironment.queryLong("SELECT id FROM waitlist_entry WHERE tour_date_id = ?"
                + " AND status = 'WAITING' ORDER BY id DESC LIMIT 1", date);
    }

    /** A place of the date is offered to the entry, as WaitlistService.tryOffer does it; the offer's token. */
    static String offerPlace(long date, long entry) {
        String offerToken = org.farmstand.platform.security.Tokens.random(24);
        org.farmstand.testing.ItEnvironment.update("UPDATE tour_date SET capacity = capacity + 1, held = held + 1"
                + " WHERE id = ?", date);
        assertThat(org.farmstand.testing.ItEnvironment.update("UPDATE waitlist_entry SET status = 'OFFERED',"
                + " offer_token = ?, offered_until = NOW() + INTERVAL 1 DAY WHERE id = ? AND status = 'WAITING'",
                offerToken, entry)).isEqualTo(1);
        return offerToken;
    }

    static String entryStatus(long entry) {
        return org.farmstand.testing.ItEnvironment.queryString("SELECT status FROM waitlist_entry WHERE id = ?", entry);
    }

    /**
     * The exploratory tester's case: a customer waits with two products, is offered a place, and one product is
     * deactivated meanwhile. The offer page lists that one as left out and orders the rest (total without it);
     * accepting (a double click) places one order with only the other product, and its mail lists only that.
     */
    @Test
    void anOfferWhoseWishedProductWasDeactivatedIsAcceptedWithoutIt() {
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        String gone = "Honig " + suffix;
        String kept = "Bauernbrot " + suffix;
        long goneId = newSonnenhofProduct("honig-" + suffix, gone, 490);
        long keptId = newSonnenhofProduct("brot-" + suffix, kept, 1200);
        try {
            String email = annaLike("angebot");
            Http http = signedIn("sonnenhof", email, "anna-demo");
            long tour = org.farmstand.testing.ItEnvironment.queryLong("SELECT home_tour_id FROM customer WHERE email = ?", email);
            long date = newTourDate(tour, 0, 500 + new java.util.Random().nextInt(100));
            long entry = waitsWith(http, date, Map.of(goneId, 2, keptId, 1));
            String path = "s/sonnenhof/offers/" + offerPlace(date, entry);
            org.farmstand.testing.ItEnvironment.update("UPDATE product SET active = FALSE WHERE id = ?", goneId);

            var page = http.get(path + "?lang=en");
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            String body = page.body();
            assertThat(body.substring(body.indexOf("offer-lines"), body.indexOf("offer-total")))
                    .as("what is ordered").contains(kept).doesNotContain(gone);
            assertThat(body.substring(body.indexOf("id=\"offer-left-out\"")))
                    .contains("No longer available, so not part of this order:", gone);
            assertThat(body).contains("id=\"accept-offer\"", "id=\"decline-offer\"");
            assertThat(Http.hiddenField(body, "expectedTotal")).isEqualTo("1200");
            assertThat(http.get(path + "?lang=de").body()).contains("Nicht mehr erhältlich und daher nicht Teil dieser Bestellung:");

            Map<String, String> accept = form(csrf(page), "key", Http.hiddenField(body, "key"), "expectedTotal", "1200");
            var accepted = parallel(2, () -> http.post(path, accept));
            assertThat(accepted).allSatisfy(placed -> {
                assertThat(placed.status()).as(placed.body()).isEqualTo(303);
                assertThat(placed.location().orElseThrow().toString()).contains("/confirmation");
            });
            assertThat(accepted.stream().map(placed -> placed.location().orElseThrow().toString()).distinct()).hasSize(1);
            Matcher number = Pattern.compile("/orders/([A-Za-z0-9-]+)/confirmation")
                    .matcher(accepted.get(0).location().orElseThrow().toString());
            assertThat(number.find()).isTrue();
            assertThat(orderLong("total_cents", number.group(1))).isEqualTo(1200);
            assertThat(org.farmstand.testing.ItEnvironment.queryString("SELECT GROUP_CONCAT(l.product_id) FROM order_line l"
                    + " JOIN customer_order o ON o.id = l.order_id WHERE o.order_number = ?", number.group(1)))
                    .isEqualTo(String.valueOf(keptId));
            assertThat(entryStatus(entry)).isEqualTo("ACCEPTED");
            assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT held FROM tour_date WHERE id = ?", date)).isZero();
            assertThat(booked(date)).isEqualTo(1);
            assertThat(org.farmstand.testing.ItEnvironment.queryString("SELECT body FROM outbox_mail WHERE recipient = ?"
                    + " AND subject LIKE ?", email, "%" + number.group(1) + "%")).contains(kept).doesNotContain(gone);
            assertThat(http.get(accepted.get(0).location().orElseThrow().toString().replaceFirst("^.*?/s/", "s/")).body())
                    .contains(kept).doesNotContain(gone);
        } finally {
            org.farmstand.testing.ItEnvironment.update("UPDATE product SET active = FALSE WHERE id IN (?, ?)", goneId, keptId);
        }
    }

    /**
     * Every wished product of an offer was deactivated: the page says nothing can be ordered from it and offers only to
     * decline (an accept sent anyway is refused with that message, about the offer, not a cart, and takes nothing);
     * declining releases the place to the next on the list at once.
     */
    @Test
    void anOfferWithNothingLeftToOrderSaysSoAndDecliningPassesThePlaceOn() {
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        String gone = "Honig " + suffix;
        long goneId = newSonnenhofProduct("honig-" + suffix, gone, 490);
        try {
            String email = annaLike("nichtsmehr");
            Http http = signedIn("sonnenhof", email, "anna-demo");
            long tour = org.farmstand.testing.ItEnvironment.queryLong("SELECT home_tour_id FROM customer WHERE email = ?", email);
            long date = newTourDate(tour, 0, 600 + new java.util.Random().nextInt(100));
            long entry = waitsWith(http, date, Map.of(goneId, 3));
            long next = waitsWith(signedIn("sonnenhof", annaLike("danach"), "anna-demo"), date, Map.of(goneId, 3));
            String path = "s/sonnenhof/offers/" + offerPlace(date, entry);
            org.farmstand.testing.ItEnvironment.update("UPDATE product SET active = FALSE WHERE id = ?", goneId);

            var page = http.get(path + "?lang=en");
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).contains("None of the products you wished for can be ordered any more",
                    "id=\"decline-offer\"").doesNotContain("id=\"accept-offer\"", "in your cart");
            assertThat(http.get(path + "?lang=de").body()).contains("Keines der gewünschten Produkte ist noch bestellbar")
                    .doesNotContain("in Ihrem Warenkorb");

            // an accept sent anyway (an old page): refused, about the offer; nothing taken, the offer stays
            String key = org.farmstand.platform.security.Tokens.random(24);
            var refused = http.post(path + "?lang=en", form(csrf(page), "key", key, "expectedTotal", "1470"));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body()).contains("None of the products you wished for can be ordered any more")
                    .doesNotContain("in your cart", "Exception");
            assertThat(entryStatus(entry)).isEqualTo("OFFERED");
            assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM customer_order"
                    + " WHERE idempotency_key = ?", key)).isZero();

            // declined (twice, a double click): the place goes to the next in line at once
            Map<String, String> decline = form(csrf(page), "action", "decline");
            for (int i = 0; i < 2; i++) {
                var declined = http.post(path, decline);
                assertThat(declined.status()).as(declined.body()).isEqualTo(303);
                assertThat(declined.location().orElseThrow().toString()).endsWith("/account/waitlist?m=declined");
            }
            assertThat(entryStatus(entry)).isEqualTo("WITHDRAWN");
            assertThat(entryStatus(next)).isEqualTo("OFFERED");
            assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT held FROM tour_date WHERE id = ?", date))
                    .isEqualTo(1);
            assertThat(booked(date)).isZero();
            assertThat(http.get("s/sonnenhof/account/waitlist?m=declined&lang=en").body())
                    .contains("You have declined the offer");
        } finally {
            org.farmstand.testing.ItEnvironment.update("UPDATE product SET active = FALSE WHERE id = ?", goneId);
        }
    }

    /**
     * Without its deactivated product an offer's order would be below the shop's minimum order (10 €): the page says
     * so, naming the minimum, and offers only to decline; an accept sent anyway is refused with that message and
     * takes nothing (the offer and its held place stay until declined or expired).
     */
    @Test
    void anOfferBelowTheMinimumWithoutItsDeactivatedProductSaysSoAndTakesNothing() {
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        long goneId = newSonnenhofProduct("honig-" + suffix, "Honig " + suffix, 490);
        long keptId = newSonnenhofProduct("apfel-" + suffix, "Apfel " + suffix, 300);
        try {
            String email = annaLike("mindest");
            Http http = signedIn("sonnenhof", email, "anna-demo");
            long tour = org.farmstand.testing.ItEnvironment.queryLong("SELECT home_tour_id FROM customer WHERE email = ?", email);
            long date = newTourDate(tour, 0, 700 + new java.util.Random().nextInt(30));
            long entry = waitsWith(http, date, Map.of(goneId, 2, keptId, 1));
            String path = "s/sonnenhof/offers/" + offerPlace(date, entry);
            org.farmstand.testing.ItEnvironment.update("UPDATE product SET active = FALSE WHERE id = ?", goneId);

            var page = http.get(path + "?lang=en");
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).contains("minimum order value of €10.00, so it cannot be placed", "id=\"decline-offer\"")
                    .doesNotContain("id=\"accept-offer\"");
            assertThat(http.get(path + "?lang=de").body()).contains("unter dem Mindestbestellwert des Shops von 10,00");

            String key = org.farmstand.platform.security.Tokens.random(24);
            var refused = http.post(path + "?lang=en", form(csrf(page), "key", key, "expectedTotal", "300"));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body()).contains("minimum order value of €10.00, so it cannot be placed")
                    .doesNotContain("in your cart", "Exception");
            assertThat(entryStatus(entry)).isEqualTo("OFFERED");
            assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT held FROM tour_date WHERE id = ?", date))
                    .isEqualTo(1);
            assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM customer_order"
                    + " WHERE idempotency_key = ?", key)).isZero();
        } finally {
            org.farmstand.testing.ItEnvironment.update("UPDATE product SET active = FALSE WHERE id IN (?, ?)", goneId, keptId);
        }
    }

    /**
     * Ordering for a full date closes while Anna waits on its list: once swept, her waiting lists show the entry as
     * closed because no place became free, with no position and no button to leave the list, in English and German;
     * one mail tells her, and the next sweep sends none.
     */
    @Test
    void aWaitingListEntryShowsClosedAfterTheCutoffAndTheCustomerIsToldOnce() {
        Http anna = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        long annaId = annaId();
        long tour = homeTour(annaId);
        long date = newTourDate(tour, 0, 460 + new java.util.Random().nextInt(40));
        String token = csrf(anna.get("s/sonnenhof/account/login"));
        assertThat(anna.post("s/sonnenhof/cart", form(token, "action", "add", "productId",
                productId(anna, "sonnenhof", "moehren"), "quantity", "6")).status()).isIn(302, 303);
        var joined = anna.post("s/sonnenhof/account/waitlist", form(token, "action", "join", "tourDateId",
                String.valueOf(date)));
        assertThat(joined.status()).as(joined.body()).isEqualTo(303);
        long entry = org.farmstand.testing.ItEnvironment.queryLong(
                "SELECT id FROM waitlist_entry WHERE tour_date_id = ? AND customer_id = ?", date, annaId);
        String leaveButton = "name=\"entryId\" value=\"" + entry + "\"";
        assertThat(anna.get("s/sonnenhof/account/waitlist?lang=en").body()).contains(leaveButton);
        String subject = "SELECT COUNT(*) FROM outbox_mail WHERE recipient = 'anna@example.org'"
                + " AND (subject LIKE 'Kein Platz frei geworden am %' OR subject LIKE 'No place became free on %')";
        long mailsBefore = org.farmstand.testing.ItEnvironment.queryLong(subject);

        org.farmstand.testing.ItEnvironment.update("UPDATE tour_date SET cutoff_at = NOW() - INTERVAL 1 MINUTE WHERE id = ?", date);
        assertThat(http().get("_test/waitlist-sweep").status()).isEqualTo(200);

        assertThat(org.farmstand.testing.ItEnvironment.queryString("SELECT status FROM waitlist_entry WHERE id = ?", entry))
                .isEqualTo("NO_PLACE");
        var english = anna.get("s/sonnenhof/account/waitlist?lang=en");
        assertThat(english.status()).isEqualTo(200);
        assertThat(english.body()).contains("class=\"entry-NO_PLACE\"", "no place became free")
                .doesNotContain(leaveButton, "Exception");
        String row = english.body().substring(english.body().indexOf("class=\"entry-NO_PLACE\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).doesNotContain("Waiting", "Leave the list").containsPattern("class=\"num position\">\\s*</td>");
        assertThat(anna.get("s/sonnenhof/account/waitlist?lang=de").body())
                .contains("kein Platz frei geworden").doesNotContain(leaveButton);
        assertThat(org.farmstand.testing.ItEnvironment.queryLong(subject)).isEqualTo(mailsBefore + 1);
        assertThat(http().get("_test/waitlist-sweep").status()).isEqualTo(200);
        assertThat(org.farmstand.testing.ItEnvironment.queryLong(subject)).as("told once").isEqualTo(mailsBefore + 1);
    }

    /**
     * The farm took Anna's entry off a list while it held an offer (as the admin's Remove leaves it): her waiting lists
     * say "Removed by the farm", not that she left, in English and German, with no position, offer link or button to
     * leave; the offer's link answers with a page saying the farm took her off the list and the offer has ended (no
     * 404, nothing to accept), and an accept sent from an old page is refused and orders nothing.
     */
    @Test
    void anEntryTheFarmRemovedShowsSoAndItsOfferLinkSaysTheOfferEnded() {
        String email = annaLike("entfernt");
        Http http = signedIn("sonnenhof", email, "anna-demo");
        long tour = org.farmstand.testing.ItEnvironment.queryLong("SELECT home_tour_id FROM customer WHERE email = ?", email);
        long date = newTourDate(tour, 0, 900 + new java.util.Random().nextInt(40));
        long entry = waitsWith(http, date, Map.of(Long.parseLong(productId(http, "sonnenhof", "moehren")), 6));
        String token = offerPlace(date, entry);
        var offerPage = http.get("s/sonnenhof/offers/" + token + "?lang=en");
        assertThat(offerPage.body()).contains("id=\"accept-offer\"");
        // removed by the farm (WaitlistService.remove: the entry ends, the held place is given back)
        assertThat(org.farmstand.testing.ItEnvironment.update("UPDATE waitlist_entry SET status = 'REMOVED',"
                + " position_key = NULL WHERE id = ? AND status = 'OFFERED'", entry)).isEqualTo(1);
        org.farmstand.testing.ItEnvironment.update("UPDATE tour_date SET held = held - 1 WHERE id = ?", date);

        var english = http.get("s/sonnenhof/account/waitlist?lang=en");
        assertThat(english.status()).isEqualTo(200);
        String row = english.body().substring(english.body().indexOf("class=\"entry-REMOVED\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("Removed by the farm").doesNotContain("Left the list", "View offer", "Leave the list")
                .containsPattern("class=\"num position\">\\s*</td>");
        assertThat(http.get("s/sonnenhof/account/waitlist?lang=de").body()).contains("Vom Hof von der Liste genommen")
                .doesNotContain("Verlassen");

        var offer = http.get("s/sonnenhof/offers/" + token + "?lang=en");
        assertThat(offer.status()).as(offer.body()).isEqualTo(200);
        assertThat(offer.body()).contains("id=\"offer-removed\"", "The farm has taken you off this waiting list",
                "this offer has ended").doesNotContain("id=\"accept-offer\"", "id=\"decline-offer\"", "Exception");
        assertThat(http.get("s/sonnenhof/offers/" + token + "?lang=de").body())
                .contains("Der Hof hat Sie von dieser Warteliste genommen");
        String key = org.farmstand.platform.security.Tokens.random(24);
        var accepted = http.post("s/sonnenhof/offers/" + token + "?lang=en", form(csrf(offerPage), "key", key));
        assertThat(accepted.status()).isEqualTo(409);
        assertThat(accepted.body()).contains("The farm has taken you off this waiting list")
                .doesNotContain("Exception", "expired or was already used");
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM customer_order"
                + " WHERE idempotency_key = ?", key)).isZero();
        assertThat(entryStatus(entry)).isEqualTo("REMOVED");
    }

    /**
     * Anna's offer became an order, which the farm cancelled since (e.g. with its date): her waiting lists say the
     * offer was accepted and the order has since been cancelled, not "order placed".
     */
    @Test
    void anAcceptedEntryWhoseOrderWasCancelledSaysSo() {
        String email = annaLike("storniert");
        Http http = signedIn("sonnenhof", email, "anna-demo");
        long customer = org.farmstand.testing.ItEnvironment.queryLong("SELECT id FROM customer WHERE email = ?", email);
        long tour = homeTour(customer);
        long date = newTourDate(tour, 5, 950 + new java.util.Random().nextInt(40));
        String number = "WLC" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase();
        long order = org.farmstand.testing.ItEnvironment.insert("INSERT INTO customer_order (tenant_id, order_number,"
                + " customer_id, tour_date_id, status, total_cents, idempotency_key) SELECT tenant_id, ?, id, ?,"
                + " 'PLACED', 1200, ? FROM customer WHERE id = ?", number, date, "it-" + number, customer);
        org.farmstand.testing.ItEnvironment.update("UPDATE tour_date SET booked = 1 WHERE id = ?", date);
        org.farmstand.testing.ItEnvironment.update("INSERT INTO waitlist_entry (tenant_id, tour_id, tour_date_id,"
                + " customer_id, kind, wished_order, status, order_id) SELECT tenant_id, ?, ?, id, 'ORDER', '1:1',"
                + " 'ACCEPTED', ? FROM customer WHERE id = ?", tour, date, order, customer);
        assertThat(http.get("s/sonnenhof/account/waitlist?lang=en").body()).contains("Accepted – order placed")
                .doesNotContain("since been cancelled");

        // the farm cancels the order (as OrderAdminService does: the place is given back)
        org.farmstand.testing.ItEnvironment.update("UPDATE customer_order SET status = 'CANCELLED' WHERE id = ?", order);
        org.farmstand.testing.ItEnvironment.update("UPDATE tour_date SET booked = 0 WHERE id = ?", date);
        String english = http.get("s/sonnenhof/account/waitlist?lang=en").body();
        String row = english.substring(english.indexOf("class=\"entry-ACCEPTED\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("Accepted – the order has since been cancelled").doesNotContain("order placed");
        assertThat(http.get("s/sonnenhof/account/waitlist?lang=de").body())
                .contains("Angenommen – die Bestellung wurde inzwischen storniert");
    }

    /**
     * Changing an order while every placement permit is taken: the order's page again, with a message that nothing
     * was changed and to try again in a few seconds, 503 with Retry-After, and the change form as it was sent (the
     * quantities typed, the form's version); the order is as it was. Sent again once there is room, it is changed.
     */
    @Test
    void anOrderChangeWhileThePlacementGateIsFullChangesNothingAndCanBeSentAgain() {
        Http anna = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        String carrots = productId(anna, "sonnenhof", "moehren");
        String number = placeOrder(anna, "sonnenhof", Map.of(carrots, 6));
        String path = "s/sonnenhof/account/orders/" + number;
        var page = anna.get(path + "?lang=en");
        String version = Http.hiddenField(page.body(), "version");
        long total = orderLong("total_cents", number);
        long seq = orderLong("change_seq", number);
        long rowVersion = orderLong("version", number);
        Map<String, String> change = form(csrf(page), "action", "change", "version", version,
                "qty_" + carrots, "9", "price_" + carrots, "249", "tourDateId", String.valueOf(orderLong("tour_date_id", number)));
        try {
            assertThat(http().get("_test/placements?hold=20").body().strip()).isEqualTo("20");
            // (in the shop's German: the message is in both bundles)
            var busy = anna.post(path + "?lang=de", change);
            assertThat(busy.status()).as(busy.body()).isEqualTo(503);
            assertThat(busy.header("Retry-After")).hasValue("5");
            assertThat(busy.body()).contains("sehr viele Bestellungen", "Es wurde nichts geändert")
                    .doesNotContain("Exception", "at org.");
            assertThat(Http.hiddenField(busy.body(), "qty_" + carrots)).as("the quantity typed is kept").isEqualTo("9");
            assertThat(Http.hiddenField(busy.body(), "version")).isEqualTo(version);
            assertThat(orderLong("total_cents", number)).isEqualTo(total);
            assertThat(orderLong("change_seq", number)).isEqualTo(seq);
            assertThat(orderLong("version", number)).isEqualTo(rowVersion);
            assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM outbox_mail WHERE subject LIKE ?",
                    "%Bestellung geändert " + number + "%")).as("no change mail").isZero();
        } finally {
            http().get("_test/placements?release");
        }
        var changed = anna.post(path, change);
        assertThat(changed.status()).as(changed.body()).isEqualTo(303);
        assertThat(changed.location().orElseThrow().toString()).endsWith("?m=changed");
        assertThat(orderLong("total_cents", number)).isEqualTo(9 * 249);
    }

    /**
     * A Faces action that lets PlacementGate.Busy through (the shop's own pages catch it; a future one might not),
     * while every placement permit is taken: the busy page with 503 and Retry-After, not the server-error page, and
     * nothing ordered. The same request once there is room places the order: the refusal was the gate's.
     */
    @Test
    void aPlacementRefusedByTheFullGateThatNoActionCatchesGetsTheBusyPage() {
        long annaId = annaId();
        long tour = homeTour(annaId);
        // days ahead clear of the other tests' dates of the same tour (400-439: OrderConcurrencyIT, WaitlistIT)
        long date = newTourDate(tour, 5, 500 + new java.util.Random().nextInt(60));
        String key = org.farmstand.platform.security.Tokens.random(24);
        String probe = "_test/unhandled-busy?lang=en&shop=sonnenhof&customer=" + annaId + "&date=" + date
                + "&product=" + productId(http(), "sonnenhof", "moehren") + "&key=" + key;
        try {
            assertThat(http().get("_test/placements?hold=20").body().strip()).isEqualTo("20");
            var busy = http().get(probe);
            assertThat(busy.status()).as(busy.body()).isEqualTo(503);
            assertThat(busy.header("Retry-After")).hasValue("5");
            assertThat(busy.body()).contains("Too many orders at this moment", "Nothing was ordered", "/s/sonnenhof/checkout")
                    .doesNotContain("Something went wrong", "Exception", "at org.");
            assertThat(org.farmstand.testing.ItEnvironment.queryLong(
                    "SELECT COUNT(*) FROM customer_order WHERE idempotency_key = ?", key)).isZero();
            assertThat(booked(date)).isZero();
        } finally {
            http().get("_test/placements?release");
        }
        var placed = http().get(probe);
        assertThat(placed.status()).as(placed.body()).isEqualTo(200);
        assertThat(placed.body()).contains("Placed[");
        assertThat(org.farmstand.testing.ItEnvironment.queryLong(
                "SELECT COUNT(*) FROM customer_order WHERE idempotency_key = ?", key)).isEqualTo(1);
    }

    /** A new date of a tour, far enough ahead to be free of other tests' dates; its id. */
    /** Anna's id (demo data, sonnenhof). */
    static long annaId() {
        return org.farmstand.testing.ItEnvironment.queryLong("SELECT c.id FROM customer c JOIN tenant t"
                + " ON t.id = c.tenant_id WHERE t.slug = 'sonnenhof' AND c.email = 'anna@example.org'");
    }

    static long homeTour(long customerId) {
        return org.farmstand.testing.ItEnvironment.queryLong("SELECT home_tour_id FROM customer WHERE id = ?",
                customerId);
    }

    /**
     * A new date of the tour {@code daysAhead} days from today, or the first free day after it: tests pick random
     * offsets on the demo tours, and two of them (or a date of the demo data) could meet on the one date per day.
     */
    static long newTourDate(long tourId, int capacity, int daysAhead) {
        int day = daysAhead;
        while (org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM tour_date WHERE tour_id = ?"
                + " AND delivery_date = CURDATE() + INTERVAL ? DAY", tourId, day) > 0) {
            day++;
        }
        org.farmstand.testing.ItEnvironment.update("INSERT INTO tour_date (tenant_id, tour_id, delivery_date, capacity, cutoff_at, extra)"
                        + " SELECT tenant_id, id, CURDATE() + INTERVAL ? DAY, ?, NOW() + INTERVAL ? DAY, TRUE FROM tour WHERE id = ?",
                day, capacity, day - 2, tourId);
        return org.farmstand.testing.ItEnvironment.queryLong("SELECT id FROM tour_date WHERE tour_id = ? AND delivery_date = CURDATE() + INTERVAL ? DAY",
                tourId, day);
    }

    static long orderLong(String column, String number) {
        return org.farmstand.testing.ItEnvironment.queryLong("SELECT " + column + " FROM customer_order WHERE order_number = ?", number);
    }

    static long booked(long dateId) {
        return org.farmstand.testing.ItEnvironment.queryLong("SELECT booked FROM tour_date WHERE id = ?", dateId);
    }

    /**
     * A deactivated tour takes no orders: its customer's checkout offers no dates and says why, a posted date is
     * refused, as are a waiting-list join and an order's move to another date; the orders on its dates stay.
     */
    @Test
    void aDeactivatedTourTakesNoOrdersButKeepsThoseItHas() {
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        long tour = org.farmstand.testing.ItEnvironment.insert("INSERT INTO tour (tenant_id, name, weekday, postcodes,"
                + " capacity) SELECT id, ?, 4, '79990', 10 FROM tenant WHERE slug = 'sonnenhof'", "Ruhetour " + suffix);
        long first = newTourDate(tour, 5, 9);
        long second = newTourDate(tour, 5, 16);
        long full = newTourDate(tour, 0, 23);
        long waited = newTourDate(tour, 0, 30);
        String email = annaLike("rudi");
        org.farmstand.testing.ItEnvironment.update("UPDATE customer SET home_tour_id = ?, postcode = '79990' WHERE email = ?",
                tour, email);
        Http http = signedIn("sonnenhof", email, "anna-demo");
        String carrots = productId(http, "sonnenhof", "moehren");
        String number = placeOrder(http, "sonnenhof", Map.of(carrots, 6));
        assertThat(orderLong("tour_date_id", number)).isEqualTo(first);
        // on a full date's waiting list while the tour still took orders
        addCarrots(http, 6);
        assertThat(http.post("s/sonnenhof/account/waitlist", form(csrf(http.get("s/sonnenhof/cart")), "action", "join",
                "tourDateId", String.valueOf(waited))).status()).isEqualTo(303);

        org.farmstand.testing.ItEnvironment.update("UPDATE tour SET active = FALSE WHERE id = ?", tour);
        // a place freed on it is not offered: the offer could not be accepted and would only hold the place
        org.farmstand.testing.ItEnvironment.update("UPDATE tour_date SET capacity = 1 WHERE id = ?", waited);
        assertThat(http().get("_test/waitlist-sweep").status()).isEqualTo(200);
        assertThat(org.farmstand.testing.ItEnvironment.queryString("SELECT status FROM waitlist_entry"
                + " WHERE tour_date_id = ?", waited)).isEqualTo("WAITING");
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT held FROM tour_date WHERE id = ?", waited))
                .isZero();
        addCarrots(http, 6);
        var checkout = http.get("s/sonnenhof/checkout?lang=en");
        assertThat(checkout.body()).contains("Your delivery tour is not taking any orders at the moment")
                .doesNotContain("name=\"tourDateId\"", "There are no delivery dates");
        assertThat(http.get("s/sonnenhof/checkout?lang=de").body())
                .contains("Ihre Liefertour nimmt zurzeit keine Bestellungen an");
        var refused = http.post("s/sonnenhof/checkout?lang=en", form(csrf(checkout), "key", hiddenField(checkout.body(), "key"),
                "expectedTotal", hiddenField(checkout.body(), "expectedTotal"), "tourDateId", String.valueOf(second)));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("Your delivery tour is not taking any orders at the moment. Please contact the shop.");
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT booked FROM tour_date WHERE id = ?", second)).isZero();

        var join = http.post("s/sonnenhof/account/waitlist?lang=en", form(csrf(checkout), "action", "join",
                "tourDateId", String.valueOf(full)));
        assertThat(join.body()).contains("Your delivery tour is not taking any orders at the moment");
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM waitlist_entry WHERE tour_date_id = ?",
                full)).isZero();

        // the order stays on its date; the change form offers no other date, and a move to one is refused
        String path = "s/sonnenhof/account/orders/" + number;
        var page = http.get(path + "?lang=en");
        assertThat(page.body()).contains("<option value=\"" + first + "\"").doesNotContain("<option value=\"" + second + "\"");
        var moved = http.post(path + "?lang=en", form(csrf(page), "action", "change", "version",
                Http.hiddenField(page.body(), "version"), "qty_" + carrots, "6", "price_" + carrots, "249",
                "tourDateId", String.valueOf(second)));
        assertThat(moved.body()).contains("Your delivery tour is not taking any orders at the moment");
        assertThat(orderLong("tour_date_id", number)).isEqualTo(first);
        assertThat(org.farmstand.testing.ItEnvironment.queryString("SELECT status FROM customer_order WHERE order_number = ?",
                number)).isEqualTo("PLACED");
    }

    /**
     * The farm cancels a date while the customer has the checkout open: the order is refused because the farm
     * cancelled the date (not "ordering has closed"), and the page that says so offers that date no more (listed as
     * no delivery, not chosen). Joining the date's waiting list and moving an order to it are refused the same way.
     */
    @Test
    void aDateTheFarmCancelledIsRefusedAsCancelledNotAsPastTheCutoff() {
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        long tour = org.farmstand.testing.ItEnvironment.insert("INSERT INTO tour (tenant_id, name, weekday, postcodes,"
                + " capacity) SELECT id, ?, 4, '79991', 10 FROM tenant WHERE slug = 'sonnenhof'", "Feiertagstour " + suffix);
        long first = newTourDate(tour, 5, 9);
        long second = newTourDate(tour, 5, 16);
        long third = newTourDate(tour, 5, 23);
        long full = newTourDate(tour, 0, 30);
        String email = annaLike("hanne");
        org.farmstand.testing.ItEnvironment.update("UPDATE customer SET home_tour_id = ?, postcode = '79991'"
                + " WHERE email = ?", tour, email);
        Http http = signedIn("sonnenhof", email, "anna-demo");
        String carrots = productId(http, "sonnenhof", "moehren");
        String number = placeOrder(http, "sonnenhof", Map.of(carrots, 6));
        assertThat(orderLong("tour_date_id", number)).isEqualTo(first);
        String path = "s/sonnenhof/account/orders/" + number;
        var orderPage = http.get(path + "?lang=en");
        assertThat(orderPage.body()).contains("<option value=\"" + second + "\"");
        addCarrots(http, 6);
        var checkout = http.get("s/sonnenhof/checkout?lang=en");
        assertThat(checkout.body()).contains("value=\"" + second + "\"");

        org.farmstand.testing.ItEnvironment.update("UPDATE tour_date SET status = 'CANCELLED' WHERE id IN (?, ?)",
                second, full);
        Map<String, String> order = form(csrf(checkout), "key", hiddenField(checkout.body(), "key"),
                "expectedTotal", hiddenField(checkout.body(), "expectedTotal"), "tourDateId", String.valueOf(second));
        var refused = http.post("s/sonnenhof/checkout?lang=en", order);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("This delivery date was cancelled by the farm. Please choose another date.")
                .doesNotContain("has closed");
        Matcher option = Pattern.compile("<input type=\"radio\" name=\"tourDateId\" id=\"d-" + second + "\"[^>]*>")
                .matcher(refused.body());
        assertThat(option.find()).isTrue();
        assertThat(option.group()).contains("disabled").doesNotContain("checked");
        Matcher chosen = Pattern.compile("<input type=\"radio\" name=\"tourDateId\" id=\"d-[0-9]+\" value=\"([0-9]+)\""
                + "[^>]*checked").matcher(refused.body());
        assertThat(chosen.find()).as("an orderable date is chosen instead").isTrue();
        assertThat(chosen.group(1)).isIn(String.valueOf(first), String.valueOf(third));
        var german = http.post("s/sonnenhof/checkout?lang=de", order);
        assertThat(german.status()).isEqualTo(409);
        assertThat(german.body()).contains("Dieser Liefertermin wurde vom Hof abgesagt.").doesNotContain("Bestellschluss für diesen");
        assertThat(booked(second)).isZero();

        var join = http.post("s/sonnenhof/account/waitlist?lang=de", form(csrf(checkout), "action", "join",
                "tourDateId", String.valueOf(full)));
        assertThat(join.body()).contains("Dieser Liefertermin wurde vom Hof abgesagt.")
                .doesNotContain("Der Bestellschluss für diesen Termin ist vorbei");
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM waitlist_entry"
                + " WHERE tour_date_id = ?", full)).isZero();

        // the change form shown before the date was cancelled, sent now with the move to it
        var moved = http.post(path + "?lang=en", form(csrf(orderPage), "action", "change", "version",
                Http.hiddenField(orderPage.body(), "version"), "qty_" + carrots, "6", "price_" + carrots, "249",
                "tourDateId", String.valueOf(second)));
        assertThat(moved.status()).isEqualTo(409);
        assertThat(moved.body()).contains("This delivery date was cancelled by the farm.").doesNotContain("has closed");
        assertThat(orderLong("tour_date_id", number)).isEqualTo(first);
        assertThat(booked(second)).isZero();
    }

    /**
     * The farm deactivates a product that is in the customer's cart: the cart line says it is not available (no unit
     * price beside a 0,00 total), the checkout says why the order button is disabled and names the product, an order
     * posted anyway is refused naming it (as the stock refusals do), and so is a change of an order that keeps it.
     */
    @Test
    void aProductDeactivatedInTheCartIsNamedWhereverItStopsTheOrder() {
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        String name = "Rote Bete " + suffix;
        long product = newSonnenhofProduct("rote-bete-" + suffix, name, 420);
        String email = annaLike("dora");
        Http http = signedIn("sonnenhof", email, "anna-demo");
        String carrots = productId(http, "sonnenhof", "moehren");
        String number = placeOrder(http, "sonnenhof", Map.of(carrots, 6, String.valueOf(product), 1));
        String path = "s/sonnenhof/account/orders/" + number;
        var orderPage = http.get(path + "?lang=en");
        String token = csrf(orderPage);
        assertThat(http.post("s/sonnenhof/cart", form(token, "action", "add", "productId", carrots, "quantity", "6"))
                .status()).isIn(302, 303);
        assertThat(http.post("s/sonnenhof/cart", form(token, "action", "add", "productId", String.valueOf(product),
                "quantity", "1")).status()).isIn(302, 303);
        var checkout = http.get("s/sonnenhof/checkout?lang=en");
        Map<String, String> order = form(csrf(checkout), "key", hiddenField(checkout.body(), "key"),
                "expectedTotal", hiddenField(checkout.body(), "expectedTotal"), "tourDateId", orderableDate(checkout));

        org.farmstand.testing.ItEnvironment.update("UPDATE product SET active = FALSE WHERE id = ?", product);

        var cart = http.get("s/sonnenhof/cart?lang=de");
        String line = cart.body().substring(cart.body().indexOf(name));
        line = line.substring(0, line.indexOf("</tr>"));
        assertThat(line).contains("nicht mehr erhältlich", "nicht erhältlich").doesNotContain("4,20", "0,00");
        assertThat(cart.body()).contains("Bitte entfernen Sie die Produkte, die nicht mehr erhältlich sind.");

        var blocked = http.get("s/sonnenhof/checkout?lang=en");
        assertThat(blocked.body()).contains("No longer available: " + name + ". Please remove it from your cart to order.")
                .contains("<button type=\"submit\" disabled=\"disabled\">");
        String lines = blocked.body().substring(blocked.body().indexOf("checkout-lines"));
        lines = lines.substring(0, lines.indexOf("</ul>"));
        assertThat(lines.substring(lines.indexOf(name))).doesNotContain("0.00").contains("no longer available");

        var refused = http.post("s/sonnenhof/checkout?lang=en", order);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains(name + " is no longer available. Please remove it from your cart.");
        var german = http.post("s/sonnenhof/checkout?lang=de", order);
        assertThat(german.body()).contains(name + " ist nicht mehr erhältlich. Bitte entfernen Sie es aus dem Warenkorb.")
                .doesNotContain("Ein Produkt in Ihrem Warenkorb");
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM customer_order WHERE"
                + " idempotency_key = ?", order.get("key"))).isZero();

        var changed = http.post(path + "?lang=en", form(token, "action", "change", "version",
                Http.hiddenField(orderPage.body(), "version"), "qty_" + carrots, "7", "price_" + carrots, "249",
                "qty_" + product, "1", "price_" + product, "420"));
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.body()).contains(name + " is no longer available. Please set its quantity to 0.");
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT SUM(quantity) FROM order_line l JOIN"
                + " customer_order o ON o.id = l.order_id WHERE o.order_number = ?", number)).isEqualTo(7);

        // joining a full date's waiting list with it in the cart: refused, naming it (it said "a product in your cart")
        long tour = homeTour(org.farmstand.testing.ItEnvironment.queryLong("SELECT c.id FROM customer c JOIN tenant t"
                + " ON t.id = c.tenant_id WHERE t.slug = 'sonnenhof' AND c.email = ?", email));
        long full = newTourDate(tour, 0, 1000 + new java.util.Random().nextInt(60));
        var join = http.post("s/sonnenhof/account/waitlist?lang=en", form(token, "action", "join", "tourDateId",
                String.valueOf(full)));
        assertThat(join.status()).isEqualTo(409);
        assertThat(join.body()).contains(name + " is no longer available. Please remove it from your cart, then join"
                + " the waiting list.");
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM waitlist_entry"
                + " WHERE tour_date_id = ?", full)).isZero();
    }

    @Test
    void anOrderIsChangedBeforeTheCutoffOnceEvenWhenSentTwice() {
        Http anna = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        String carrots = productId(anna, "sonnenhof", "moehren");
        String potatoes = productId(anna, "sonnenhof", "kartoffeln");
        Map<String, Integer> lines = new LinkedHashMap<>();
        lines.put(carrots, 4);
        lines.put(potatoes, 1);
        String number = placeOrder(anna, "sonnenhof", lines);
        String path = "s/sonnenhof/account/orders/" + number;
        long seqBefore = orderLong("change_seq", number);

        var page = anna.get(path + "?lang=en");
        assertThat(page.body()).contains("Change this order", "name=\"qty_" + carrots + "\"", "name=\"price_" + potatoes + "\"");
        String version = Http.hiddenField(page.body(), "version");
        long dateId = orderLong("tour_date_id", number);
        Map<String, String> change = form(csrf(page), "action", "change", "version", version,
                "qty_" + carrots + "", "5", "price_" + carrots, "249", "qty_" + potatoes, "0", "price_" + potatoes, "320",
                "tourDateId", String.valueOf(dateId));

        var changed = anna.post(path, change);
        assertThat(changed.status()).as(changed.body()).isEqualTo(303);
        assertThat(changed.location().orElseThrow().toString()).endsWith("?m=changed");
        var detail = anna.get(path + "?lang=en&m=changed");
        assertThat(detail.body()).contains("Your order has been changed", "€12.45").doesNotContain("Kartoffeln");
        assertThat(orderLong("total_cents", number)).isEqualTo(1245);
        assertThat(orderLong("change_seq", number)).as("the API's change feed sees the change").isGreaterThan(seqBefore);
        // the page was English, but the mail is in Anna's language (none stored: the shop's German)
        Mails.Mail mail = Mails.awaitMailTo("anna@example.org", m -> m.subject().contains("Bestellung geändert " + number),
                Duration.ofSeconds(20));
        assertThat(mail.body()).contains("5 Bund Möhren").doesNotContain("Kartoffeln");

        // the same form again (double click, reload): the change is done once
        var twice = anna.post(path, change);
        assertThat(twice.status()).isEqualTo(303);
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM outbox_mail WHERE subject LIKE ?",
                "%Bestellung geändert " + number + "%")).isEqualTo(1);
        // a form made before the change, asking for something else, changes nothing
        var stale = anna.post(path + "?lang=en", form(csrf(page), "action", "change", "version", version,
                "qty_" + carrots, "7", "price_" + carrots, "249", "qty_" + potatoes, "0", "price_" + potatoes, "320"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("changed in the meantime");
        assertThat(orderLong("total_cents", number)).isEqualTo(1245);
    }

    /**
     * A product sold by weight (Hokkaido-Kürbis: 3.50 per kg, about 1.2 kg a piece) is ordered at its estimate: the
     * line keeps the price per kg and the weight it was ordered at, and the customer's pages say "approx." / "ca."
     * until the farm has weighed it; then they show the weighed weight and amount, and the order is no longer changed
     * by the customer (it is being packed).
     */
    @Test
    void myOrdersShowAnEstimateUntilTheLineSoldByWeightIsWeighed() {
        Http anna = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        Map<String, Integer> lines = new LinkedHashMap<>();
        lines.put(productId(anna, "sonnenhof", "kuerbis"), 2);
        lines.put(productId(anna, "sonnenhof", "moehren"), 1);
        String number = placeOrder(anna, "sonnenhof", lines);
        String path = "s/sonnenhof/account/orders/" + number;
        long order = orderLong("id", number);
        assertThat(org.farmstand.testing.ItEnvironment.queryString("SELECT CONCAT(quantity, ':', unit_price_cents, ':',"
                + " line_total_cents, ':', price_per_kg_cents, ':', approx_weight_g, ':', IFNULL(weighed_g, '-'))"
                + " FROM order_line WHERE order_id = ? AND price_per_kg_cents IS NOT NULL", order))
                .isEqualTo("2:420:840:350:1200:-");
        assertThat(orderLong("total_cents", number)).isEqualTo(1089);
        Mails.Mail mail = Mails.awaitMailTo("anna@example.org", m -> m.subject().contains("Bestellbestätigung " + number),
                Duration.ofSeconds(20));
        assertThat(mail.body().replace('\u00a0', ' ')).contains("2 Stück Hokkaido-Kürbis  ca. 8,40 €", "ca. 10,89 €");

        assertThat(anna.get(path + "?lang=en").body()).contains("approx. 2.4 kg", "€3.50 / kg", "approx. €8.40",
                "approx. €10.89", "Charged by actual weight", "Change this order");
        assertThat(anna.get("s/sonnenhof/account/orders?lang=en").body()).contains("approx. €10.89");
        assertThat(anna.get(path + "?lang=de").body()).contains("ca. 2,4 kg", "ca. 10,89")
                // the change form's price of a piece is an estimate too (it read "4,20 € / Stück")
                .containsPattern("Hokkaido-Kürbis</label></td>\\s*<td class=\"amount\">\\s*ca\\. 4,20[\\s\u00a0]€ / Stück");

        // packed: 2.65 kg at 3.50 per kg = 9.275, rounded half up (what the admin's weighing writes)
        org.farmstand.testing.ItEnvironment.update("UPDATE order_line SET weighed_g = 2650, line_total_cents = 928"
                + " WHERE order_id = ? AND price_per_kg_cents IS NOT NULL", order);
        org.farmstand.testing.ItEnvironment.update("UPDATE customer_order SET total_cents = 1177, version = version + 1"
                + " WHERE id = ?", order);
        var weighed = anna.get(path + "?lang=en").body();
        assertThat(weighed).contains("weighed 2.65 kg", "€9.28", "€11.77")
                .doesNotContain("approx.", "Charged by actual weight", "Change this order");
        assertThat(anna.get("s/sonnenhof/account/orders?lang=en").body()).contains("€11.77")
                .doesNotContain("approx. €11.77");
        assertThat(anna.get(path + "?lang=de").body()).contains("gewogen 2,65 kg", "11,77").doesNotContain("ca. ");

        // the farm clears the weight, entered by mistake (what the admin's OrderAdminService.clearWeight writes): the
        // estimate again, and before the cut-off the customer may change the order again (the weighed line was what
        // stopped it; nothing else of the order changed)
        org.farmstand.testing.ItEnvironment.update("UPDATE order_line SET weighed_g = NULL, line_total_cents = 840"
                + " WHERE order_id = ? AND price_per_kg_cents IS NOT NULL", order);
        org.farmstand.testing.ItEnvironment.update("UPDATE customer_order SET total_cents = 1089, version = version + 1"
                + " WHERE id = ?", order);
        assertThat(anna.get(path + "?lang=en").body()).contains("approx. 2.4 kg", "approx. €10.89",
                "Charged by actual weight", "Change this order").doesNotContain("weighed 2.65 kg");
    }

    /**
     * The cart and the checkout say that a line sold by weight, and so the total, is an estimate (they showed
     * "€4.20 / piece" and "Total: €10.89" like fixed prices, while the product page said "charged by actual weight").
     */
    @Test
    void theCartAndTheCheckoutShowALineSoldByWeightAsAnEstimate() {
        Http anna = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        String token = csrf(anna.get("s/sonnenhof/products/moehren"));
        assertThat(anna.post("s/sonnenhof/cart", form(token, "action", "add", "productId",
                productId(anna, "sonnenhof", "moehren"), "quantity", "1")).status()).isIn(302, 303);
        assertThat(anna.get("s/sonnenhof/cart?lang=en").body()).as("no line sold by weight: no estimate")
                .doesNotContain("approx.", "Charged by actual weight");
        assertThat(anna.post("s/sonnenhof/cart", form(token, "action", "add", "productId",
                productId(anna, "sonnenhof", "kuerbis"), "quantity", "2")).status()).isIn(302, 303);

        String cart = anna.get("s/sonnenhof/cart?lang=en").body().replace("&nbsp;", " ").replace("\u00a0", " ");
        assertThat(cart).contains("approx. €4.20 / piece", "€3.50 / kg", "approx. €8.40", "approx. €10.89",
                "Charged by actual weight", "€2.49");
        assertThat(cart).doesNotContain("approx. €2.49");
        String checkout = anna.get("s/sonnenhof/checkout?lang=en").body();
        assertThat(checkout).contains("approx. €8.40", "approx. €10.89", "Charged by actual weight");
        assertThat(anna.get("s/sonnenhof/checkout?lang=de").body().replace("&nbsp;", "\u00a0"))
                .contains("ca. 8,40\u00a0€", "ca. 10,89\u00a0€");
    }

    @Test
    void aChangedOrderIsRecheckedAndTamperedFormsChangeNothing() {
        Http anna = signedIn("sonnenhof", "anna@example.org", "anna-demo");
        String carrots = productId(anna, "sonnenhof", "moehren");
        String number = placeOrder(anna, "sonnenhof", Map.of(carrots, 6));
        String path = "s/sonnenhof/account/orders/" + number;
        var page = anna.get(path + "?lang=en");
        String token = csrf(page);
        String version = Http.hiddenField(page.body(), "version");
        long total = orderLong("total_cents", number);
        long seq = orderLong("change_seq", number);
        java.util.function.BiConsumer<Map<String, String>, String> refused = (f, message) -> {
            var response = anna.post(path + "?lang=en", f);
            assertThat(response.status()).as("%s: %s", f, response.body()).isEqualTo(409);
            assertThat(response.body()).contains(message);
            assertThat(orderLong("total_cents", number)).isEqualTo(total);
            assertThat(orderLong("change_seq", number)).isEqualTo(seq);
        };
        // a price that is not today's (tampered, or changed meanwhile)
        refused.accept(form(token, "action", "change", "version", version, "qty_" + carrots, "8", "price_" + carrots, "1"),
                "Prices have changed in the meantime");
        // below the shop's minimum order value
        refused.accept(form(token, "action", "change", "version", version, "qty_" + carrots, "2", "price_" + carrots, "249"),
                "minimum order value");
        // a product that is not in the order, a negative or huge quantity, nothing left, a non-number
        String potatoes = productId(anna, "sonnenhof", "kartoffeln");
        refused.accept(form(token, "action", "change", "version", version, "qty_" + potatoes, "1", "price_" + potatoes, "320"),
                "not filled in correctly");
        refused.accept(form(token, "action", "change", "version", version, "qty_" + carrots, "-3", "price_" + carrots, "249"),
                "from 0 to 99");
        refused.accept(form(token, "action", "change", "version", version, "qty_" + carrots, "1000", "price_" + carrots, "249"),
                "from 0 to 99");
        refused.accept(form(token, "action", "change", "version", version, "qty_" + carrots, "0", "price_" + carrots, "249"),
                "at least one item");
        refused.accept(form(token, "action", "change", "version", "x", "qty_" + carrots, "7", "price_" + carrots, "249"),
                "not filled in correctly");
        // another shop's date, and a date of the tour that is full
        long lindenhofDate = org.farmstand.testing.ItEnvironment.queryLong("SELECT d.id FROM tour_date d JOIN tenant t ON t.id = d.tenant_id"
                + " WHERE t.slug = 'lindenhof' AND d.cutoff_at > NOW() LIMIT 1");
        refused.accept(form(token, "action", "change", "version", version, "qty_" + carrots, "7", "price_" + carrots, "249",
                "tourDateId", String.valueOf(lindenhofDate)), "not available for your address");
        long oldDate = orderLong("tour_date_id", number);
        long tour = org.farmstand.testing.ItEnvironment.queryLong("SELECT tour_id FROM tour_date WHERE id = ?", oldDate);
        int ahead = 70 + new java.util.Random().nextInt(200);
        long full = newTourDate(tour, 0, ahead);
        long bookedBefore = booked(oldDate);
        refused.accept(form(token, "action", "change", "version", version, "qty_" + carrots, "7", "price_" + carrots, "249",
                "tourDateId", String.valueOf(full)), "is fully booked");
        assertThat(orderLong("tour_date_id", number)).isEqualTo(oldDate);
        assertThat(booked(oldDate)).isEqualTo(bookedBefore);

        // another customer of the shop, and a customer of another shop, do not find the order at all
        Http ben = signedIn("sonnenhof", "ben@example.org", "ben-demo");
        assertThat(ben.get(path).status()).isEqualTo(404);
        assertThat(ben.post(path, form(csrf(ben.get("s/sonnenhof/account/login")), "action", "change", "version", version,
                "qty_" + carrots, "7", "price_" + carrots, "249")).status()).isEqualTo(404);
        Http clara = signedIn("lindenhof", "clara@example.org", "clara-demo");
        assertThat(clara.post("s/lindenhof/account/orders/" + number, form(csrf(clara.get("s/lindenhof/account/login")), "action", "change",
                "version", version, "qty_" + carrots, "7", "price_" + carrots, "249")).status()).isEqualTo(404);
        assertThat(orderLong("total_cents", number)).isEqualTo(total);

        // moving to another date of the tour: the new place is booked, the old one freed, in one go
        long other = newTourDate(tour, 3, ahead + 1);
        var moved = anna.post(path, form(token, "action", "change", "version", version, "qty_" + carrots, "6",
                "price_" + carrots, "249", "tourDateId", String.valueOf(other)));
        assertThat(moved.status()).as(moved.body()).isEqualTo(303);
        assertThat(orderLong("tour_date_id", number)).isEqualTo(other);
        assertThat(booked(other)).isEqualTo(1);
        assertThat(booked(oldDate)).isEqualTo(bookedBefore - 1);

        // stock per date: 7 on the new date, 6 of them taken by this order: 8 is more than is left, nothing changes
        org.farmstand.testing.ItEnvironment.update("INSERT INTO product_date_stock (tenant_id, product_id, tour_date_id,"
                + " available, stock, sold) SELECT tenant_id, id, ?, TRUE, 7, 6 FROM product WHERE id = ?", other, carrots);
        try {
            String current = Http.hiddenField(anna.get(path).body(), "version");
            long movedSeq = orderLong("change_seq", number);
            var tooMany = anna.post(path + "?lang=en", form(token, "action", "change", "version", current,
                    "qty_" + carrots, "8", "price_" + carrots, "249"));
            assertThat(tooMany.status()).isEqualTo(409);
            assertThat(tooMany.body()).contains("no longer available in this quantity");
            assertThat(orderLong("change_seq", number)).isEqualTo(movedSeq);
            assertThat(orderLong("total_cents", number)).isEqualTo(total);
            assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT sold FROM product_date_stock"
                    + " WHERE tour_date_id = ? AND product_id = ?", other, carrots)).isEqualTo(6);
            assertThat(orderLong("tour_date_id", number)).isEqualTo(other);
        } finally {
            org.farmstand.testing.ItEnvironment.update("DELETE FROM product_date_stock WHERE tour_date_id = ? AND product_id = ?",
                    other, carrots);
        }

        // after the cut-off of its date the order cannot be changed any more, and the page offers no form
        org.farmstand.testing.ItEnvironment.update("UPDATE tour_date SET cutoff_at = NOW() - INTERVAL 1 MINUTE WHERE id = ?", other);
        var late = anna.get(path + "?lang=en");
        assertThat(late.body()).doesNotContain("Change this order");
        var refusedLate = anna.post(path + "?lang=en", form(token, "action", "change", "version",
                version, "qty_" + carrots, "7", "price_" + carrots, "249"));
        assertThat(refusedLate.status()).isEqualTo(409);
        assertThat(refusedLate.body()).contains("can no longer be changed");
        assertThat(orderLong("total_cents", number)).isEqualTo(total);
    }

    // --- capped intake --------------------------------------------------------------------------------------------

    /** A new shop with capped intake (1 new customer a week), one tour for postcode 12345 with a date, one product. */
    static String cappedShop() {
        String slug = "kappen-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        org.farmstand.testing.ItEnvironment.update("INSERT INTO tenant (slug, name, customer_policy, weekly_intake) VALUES (?, 'Kappenhof', 'CAPPED', 1)", slug);
        long tenant = org.farmstand.testing.ItEnvironment.queryLong("SELECT id FROM tenant WHERE slug = ?", slug);
        org.farmstand.testing.ItEnvironment.update("INSERT INTO tour (tenant_id, name, weekday, postcodes, capacity) VALUES (?, 'Montag Kappe', 1, '12345', 10)", tenant);
        long tour = org.farmstand.testing.ItEnvironment.queryLong("SELECT id FROM tour WHERE tenant_id = ?", tenant);
        org.farmstand.testing.ItEnvironment.update("INSERT INTO tour_date (tenant_id, tour_id, delivery_date, capacity, cutoff_at)"
                + " VALUES (?, ?, CURDATE() + INTERVAL 10 DAY, 10, NOW() + INTERVAL 7 DAY)", tenant, tour);
        org.farmstand.testing.ItEnvironment.update("INSERT INTO product (tenant_id, slug, name, unit, price_cents) VALUES (?, 'brot', 'Dinkelbrot', 'PIECE', 450)", tenant);
        return slug;
    }

    @Test
    void cappedIntakeAdmitsTheWaitingNewCustomersInOrderWhenANewWeekStarts() {
        String shop = cappedShop();
        long tenant = org.farmstand.testing.ItEnvironment.queryLong("SELECT id FROM tenant WHERE slug = ?", shop);
        String[] emails = {uniqueEmail("first"), uniqueEmail("second"), uniqueEmail("third")};
        String[] verified = new String[3];
        for (int i = 0; i < 3; i++) {
            Http http = http();
            assertThat(register(http, shop, emails[i], "correct-horse-9", "12345").status()).isEqualTo(303);
            verified[i] = http.get(linkIn(Mails.awaitMailTo(emails[i], Duration.ofSeconds(20)),
                    "/account/verify?token=")).body();
        }
        // the week's one place goes to the first; the others wait in order and see their position
        assertThat(verified[0]).contains("your account is active");
        assertThat(verified[1]).contains("waiting list of your tour: position 1");
        assertThat(verified[2]).contains("waiting list of your tour: position 2");
        Http second = http();
        var waiting = second.post("s/" + shop + "/account/login?lang=en", form(csrf(second.get("s/" + shop + "/account/login?lang=en")),
                "email", emails[1], "password", "correct-horse-9"));
        assertThat(waiting.status()).isEqualTo(403);
        assertThat(waiting.body()).contains("position 1");

        // a new week: this week's admissions now lie in the last one; the admission job admits the next one only
        org.farmstand.testing.ItEnvironment.update("UPDATE customer SET activated_at = activated_at - INTERVAL 8 DAY"
                + " WHERE tenant_id = ? AND activated_at IS NOT NULL", tenant);
        Mails.Mail welcome = Mails.awaitMailTo(emails[1], m -> m.subject().startsWith("Welcome"), Duration.ofSeconds(30));
        assertThat(welcome.body()).contains("You can order now").doesNotContain("Hallo");
        sleep(1500); // a few more rounds of the job (every 0.5 s in the tests): still only one admitted this week
        assertThat(org.farmstand.testing.ItEnvironment.queryLong("SELECT COUNT(*) FROM customer WHERE tenant_id = ?"
                + " AND activated_at >= NOW() - INTERVAL 1 DAY", tenant)).isEqualTo(1);
        assertThat(org.farmstand.testing.ItEnvironment.queryString("SELECT status FROM customer WHERE tenant_id = ? AND email = ?",
                tenant, emails[2])).isEqualTo("PENDING");
        Http third = http();
        var stillWaiting = third.post("s/" + shop + "/account/login?lang=en", form(csrf(third.get("s/" + shop + "/account/login")),
                "email", emails[2], "password", "correct-horse-9"));
        assertThat(stillWaiting.body()).contains("position 1");

        // the admitted customer signs in and orders
        Http admitted = signedIn(shop, emails[1], "correct-horse-9");
        String number = placeOrder(admitted, shop, Map.of(productId(admitted, shop, "brot"), 2));
        assertThat(Mails.awaitMailTo(emails[1], m -> m.subject().contains(number), Duration.ofSeconds(20)).body()).contains("Dinkelbrot");
    }

    /**
     * The shop switched from a capped intake to approval: a customer in line is told at sign-in that the shop approves
     * new customers (not a place in a line that no longer moves); switched to open registration, the admission job lets
     * them in (the admin's policy form does it at once, see AdminIT).
     */
    @Test
    void aCustomerInLineFollowsTheShopsNewPolicy() {
        String shop = cappedShop();
        long tenant = org.farmstand.testing.ItEnvironment.queryLong("SELECT id FROM tenant WHERE slug = ?", shop);
        String[] emails = {uniqueEmail("first"), uniqueEmail("second")};
        for (String email : emails) {
            Http http = http();
            assertThat(register(http, shop, email, "correct-horse-9", "12345").status()).isEqualTo(303);
            http.get(linkIn(Mails.awaitMailTo(email, Duration.ofSeconds(20)), "/account/verify?token="));
        }
        org.farmstand.testing.ItEnvironment.update("UPDATE tenant SET customer_policy = 'APPROVAL',"
                + " content_version = content_version + 1 WHERE id = ?", tenant);
        sleep(1500); // the node's view of the shop follows within a second
        Http second = http();
        var pending = second.post("s/" + shop + "/account/login?lang=en", form(csrf(second.get("s/" + shop
                + "/account/login?lang=en")), "email", emails[1], "password", "correct-horse-9"));
        assertThat(pending.status()).isEqualTo(403);
        assertThat(pending.body()).contains("waiting for approval by the shop").doesNotContain("position");

        org.farmstand.testing.ItEnvironment.update("UPDATE tenant SET customer_policy = 'OPEN',"
                + " content_version = content_version + 1 WHERE id = ?", tenant);
        assertThat(Mails.awaitMailTo(emails[1], m -> m.subject().startsWith("Welcome"), Duration.ofSeconds(30))
                .body()).contains("You can order now");
        signedIn(shop, emails[1], "correct-horse-9");
    }

    // --- stale forms ----------------------------------------------------------------------------------------------

    @Test
    void aStaleOrTamperedFormGetsAFriendlyPageAndKeepsTheCart() {
        Http http = http();
        String carrots = productId(http, "sonnenhof", "moehren");
        String token = csrf(http.get("s/sonnenhof/account/login"));
        assertThat(http.post("s/sonnenhof/cart", form(token, "action", "add", "productId", carrots, "quantity", "3")).status()).isIn(302, 303);

        // a form posted with view state of a view the server no longer has (e.g. from before a restart)
        var expired = http.post("s/sonnenhof/cart?lang=en", form(token, "action", "add", "productId", carrots, "quantity", "1",
                Http.VIEW_STATE, "-4242424242424242424:1234567890123456789"));
        assertThat(expired.status()).as(expired.body()).isEqualTo(409);
        assertThat(expired.body()).contains("This page has expired", "your cart is kept").doesNotContain("Exception", "at org.");
        // tampered hidden fields: an unknown product, a huge quantity
        // (plain posts, applied by the shop router; a refusal is rendered by the cart page)
        var unknown = http.post("s/sonnenhof/cart?lang=en", form(token, "action", "add", "productId", "999999999", "quantity", "1"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("This product does not exist in this shop.", "Möhren");
        var huge = http.post("s/sonnenhof/cart?lang=en", form(token, "action", "add", "productId", carrots, "quantity", "100000"));
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body()).contains("Please enter a quantity from 1 to 99.");

        String cart = http.get("s/sonnenhof/cart?lang=en").body();
        assertThat(cart).contains("Möhren");
        assertThat(Pattern.compile("name=\"quantity\"[^>]*value=\"([0-9]+)\"").matcher(cart).results()
                .map(m -> m.group(1)).toList()).containsAnyOf("3", "4");
    }

    /** Adding beyond the 99 a line holds fills the line and says so, instead of "added". */
    @Test
    void addingBeyondTheMostALineHoldsSaysSo() {
        Http http = http();
        String carrots = productId(http, "sonnenhof", "moehren");
        String token = csrf(http.get("s/sonnenhof/account/login"));
        var first = http.post("s/sonnenhof/cart", form(token, "action", "add", "productId", carrots, "quantity", "60"));
        assertThat(first.location().orElseThrow().toString()).endsWith("m=added");
        var second = http.post("s/sonnenhof/cart", form(token, "action", "add", "productId", carrots, "quantity", "60"));
        assertThat(second.location().orElseThrow().toString()).endsWith("m=capped");
        String cart = http.get(second.location().orElseThrow().toString() + "&lang=en").body();
        assertThat(cart).contains("A cart holds at most 99 of a product", "value=\"99\"",
                "Quantity: <span lang=\"de\">Möhren</span>");
    }
}
