package org.farmstand.system;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.farmstand.testing.Browser;
import org.farmstand.testing.Http;
import org.farmstand.testing.Mails;
import org.farmstand.testing.RequiresBrowser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.farmstand.testing.ItEnvironment.queryLong;
import static org.farmstand.testing.ItEnvironment.queryString;
import static org.farmstand.testing.ItEnvironment.update;

/**
 * The main journeys across both applications, in two real browsers (a customer's and a producer's) against the
 * platform as {@code ./run.sh} starts it (storefront at /, admin at /admin on one Payara Micro), the tests' MariaDB
 * and a real SMTP server (GreenMail): what the producer does in the admin is checked on the storefront's pages, and
 * what the customer does in the shop is checked in the admin, the mails and the database.
 */
@RequiresBrowser
class ShopJourneysIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration MAIL = Duration.ofSeconds(60);

    @RegisterExtension
    static final Browser customer = new Browser();

    @RegisterExtension
    static final Browser producer = new Browser();

    static Platform platform;
    static long sonnenhof;

    @BeforeAll
    static void start() {
        platform = Platform.get();
        sonnenhof = queryLong("SELECT id FROM tenant WHERE slug = 'sonnenhof'");
    }

    // ------------------------------------------------------------------------------------------------- journeys

    /**
     * Browse → register → confirm the e-mail → wait for approval → the producer approves in the admin → the customer
     * orders for a tour date → confirmation mail → cancels before the cut-off, which frees the place.
     */
    @Test
    void newCustomerIsApprovedByTheProducerOrdersAndCancels() {
        String email = "journey-" + System.nanoTime() + "@example.org";
        String lastName = "Journey" + ThreadLocalRandom.current().nextInt(100_000, 999_999);

        // browses anonymously (choosing German: the test browser asks for English), then registers (sonnenhof
        // requires approval)
        WebDriver c = customer.open(platform.storefront("sonnenhof/?lang=de"));
        assertThat(c.findElements(By.cssSelector("a[href*='/products/']"))).isNotEmpty();
        customer.open(platform.storefront("sonnenhof/products/gemuesekiste"));
        assertThat(c.findElement(By.tagName("h1")).getText()).isNotBlank();
        customer.open(platform.storefront("sonnenhof/account/register"));
        c.findElement(By.id("email")).sendKeys(email);
        c.findElement(By.id("password")).sendKeys("journey-secret-1");
        c.findElement(By.id("firstName")).sendKeys("Jana");
        c.findElement(By.id("lastName")).sendKeys(lastName);
        c.findElement(By.id("street")).sendKeys("Wiesenweg 7");
        c.findElement(By.id("postcode")).sendKeys("79102");
        c.findElement(By.id("city")).sendKeys("Freiburg");
        c.findElement(By.cssSelector("form.register button[type=submit]")).click();
        customer.waitUntil(WAIT, d -> !d.findElements(By.cssSelector(".register-sent")).isEmpty());

        // confirms the address through the link in the mail: pending until the producer approves
        var verification = Mails.awaitMailTo(email, m -> m.body().contains("/account/verify"), MAIL);
        // registered on the shop's German page: the mail is German only
        assertThat(verification.subject()).isEqualTo("E-Mail-Adresse bestätigen – Sonnenhof");
        assertThat(verification.body()).startsWith("Hallo Jana,").doesNotContain("Hello");
        customer.open(link(verification.body(), "/s/sonnenhof/account/verify"));
        assertThat(queryString("SELECT status FROM customer WHERE tenant_id = ? AND email = ?", sonnenhof, email))
                .isEqualTo("PENDING");
        signIn(email, "journey-secret-1");
        assertThat(c.getCurrentUrl()).contains("/account/login");
        assertThat(c.findElement(By.tagName("main")).getText()).containsAnyOf("approval", "Freischaltung");
        customer.clearConsole(); // the refused sign-in answers 403, which Chromium logs as a failed resource

        // the producer approves the new customer in the admin's queue
        signInToAdmin("owner@sonnenhof.example", "sonnenhof-demo");
        producer.open(platform.admin("customers/list"));
        WebElement row = producer.driver().findElement(By.xpath(
                "//form[@id='queue']//tr[.//a[contains(., '" + lastName + "')]]"));
        row.findElement(By.cssSelector("button.approve")).click();
        producer.waitUntil(WAIT, d -> d.findElements(By.xpath(
                "//form[@id='queue']//tr[.//a[contains(., '" + lastName + "')]]")).isEmpty());
        assertThat(Mails.awaitMailTo(email, m -> m.subject().startsWith("Willkommen"), MAIL).body())
                .startsWith("Hallo Jana,").contains("Sie können jetzt bestellen");
        assertThat(queryString("SELECT status FROM customer WHERE tenant_id = ? AND email = ?", sonnenhof, email))
                .isEqualTo("ACTIVE");

        // now the customer can order: cart → tour date → confirm
        signIn(email, "journey-secret-1");
        customer.open(platform.storefront("sonnenhof/products/gemuesekiste"));
        c.findElement(By.cssSelector("form.add-to-cart button[type=submit]")).click();
        customer.waitUntil(WAIT, d -> d.getCurrentUrl().contains("/cart"));
        customer.open(platform.storefront("sonnenhof/checkout"));
        WebElement date = c.findElements(By.cssSelector("form.checkout input[name=tourDateId]")).stream()
                .filter(WebElement::isEnabled).findFirst().orElseThrow();
        long dateId = Long.parseLong(date.getAttribute("value"));
        long bookedBefore = queryLong("SELECT booked FROM tour_date WHERE id = ?", dateId);
        date.click();
        c.findElement(By.cssSelector("form.checkout button[type=submit]")).click();
        customer.waitUntil(WAIT, d -> d.getCurrentUrl().contains("/confirmation"));
        String number = matcher("/orders/([A-Z0-9-]+)/confirmation", c.getCurrentUrl()).group(1);
        assertThat(queryLong("SELECT booked FROM tour_date WHERE id = ?", dateId)).isEqualTo(bookedBefore + 1);
        Mails.awaitMailTo(email, m -> m.body().contains(number), MAIL);

        // the producer sees the order on the date's list
        producer.open(platform.admin("orders/date?id=" + dateId));
        assertThat(producer.driver().findElement(By.id("orders")).getText()).contains(number);

        // the customer cancels before the cut-off: the place is free again
        customer.open(platform.storefront("sonnenhof/account/orders/" + number));
        c.findElement(By.cssSelector("form.order-cancel button[type=submit]")).click();
        customer.waitUntil(WAIT, d -> "CANCELLED".equals(
                queryString("SELECT status FROM customer_order WHERE tenant_id = ? AND order_number = ?", sonnenhof, number)));
        assertThat(queryLong("SELECT booked FROM tour_date WHERE id = ?", dateId)).isEqualTo(bookedBefore);
        customer.assertNoJavaScriptErrors();
        producer.assertNoJavaScriptErrors();
    }

    /** The producer creates a product with an image; the shop shows it with the image; a price change shows within a second. */
    @Test
    void productCreatedWithAnImageShowsInTheShopAndAPriceChangeShowsWithinASecond() throws IOException {
        String name = "Kürbis Journey " + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        Path image = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "pumpkin", ".png");
        try {
            writePng(image, 640, 480);
            signInToAdmin("owner@sonnenhof.example", "sonnenhof-demo");
            WebDriver a = producer.open(platform.admin("products/edit"));
            a.findElement(By.id("product:name")).sendKeys(name);
            new Select(a.findElement(By.id("product:category"))).selectByIndex(1);
            a.findElement(By.id("product:price")).sendKeys("4.80");
            WebElement active = a.findElement(By.id("product:active"));
            if (!active.isSelected()) {
                active.click();
            }
            a.findElement(By.id("product:image")).sendKeys(image.toAbsolutePath().toString());
            a.findElement(By.id("product:save")).click();
            producer.waitUntil(WAIT, d -> !d.getCurrentUrl().contains("products/edit") || !d.findElements(
                    By.cssSelector(".ui-messages-info, .ui-growl-message")).isEmpty());
        } finally {
            Files.deleteIfExists(image);
        }
        String slug = queryString("SELECT slug FROM product WHERE tenant_id = ? AND name = ?", sonnenhof, name);
        long productId = queryLong("SELECT id FROM product WHERE tenant_id = ? AND name = ?", sonnenhof, name);

        // the shop's product page shows it, with a real image (not the placeholder) that loads
        WebDriver c = customer.open(platform.storefront("sonnenhof/products/" + slug));
        assertThat(c.findElement(By.tagName("h1")).getText()).isEqualTo(name);
        assertThat(c.findElement(By.tagName("main")).getText()).containsAnyOf("4.80", "4,80");
        WebElement img = c.findElement(By.cssSelector("main img"));
        customer.waitUntil(WAIT, d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", img));
        assertThat(img.getAttribute("alt")).isNotBlank();
        assertThat(img.getAttribute("src")).doesNotContain("placeholder");
        // and so does the catalog search
        customer.open(platform.storefront("sonnenhof/products?q=" + name.split(" ")[2]));
        assertThat(c.findElement(By.tagName("main")).getText()).contains(name);

        // a new price in the admin is in the storefront within a second (it reads the shop's version once a second)
        WebDriver a = producer.open(platform.admin("products/edit?id=" + productId));
        WebElement price = a.findElement(By.id("product:price"));
        price.clear();
        price.sendKeys("5.35");
        a.findElement(By.id("product:save")).click();
        producer.waitUntil(WAIT, d -> queryLong("SELECT price_cents FROM product WHERE id = ?", productId) == 535);
        String page = new Http(platform.base()).getUntil("s/sonnenhof/products/" + slug,
                p -> p.body().contains("5,35") || p.body().contains("5.35"), Duration.ofSeconds(3)).body();
        assertThat(page).containsAnyOf("5.35", "5,35").doesNotContain("4,80").doesNotContain("4.80");
        customer.open(platform.storefront("sonnenhof/products/" + slug));
        assertThat(c.findElement(By.tagName("main")).getText()).containsAnyOf("5.35", "5,35");
        producer.assertNoJavaScriptErrors();
        customer.assertNoJavaScriptErrors();
    }

    /** The producer creates a tour; its generated dates are offered in the shop for a postcode it serves. */
    @Test
    void tourCreatedInTheAdminShowsItsDatesInTheShop() {
        String name = "Samstag Journey " + ThreadLocalRandom.current().nextInt(1000, 9999);
        String postcode = "88" + ThreadLocalRandom.current().nextInt(100, 999);
        signInToAdmin("owner@sonnenhof.example", "sonnenhof-demo");
        WebDriver a = producer.open(platform.admin("tours/edit"));
        a.findElement(By.id("tour:name")).sendKeys(name);
        new Select(a.findElement(By.id("tour:weekday"))).selectByValue("6");
        type(a.findElement(By.id("tour:postcodes")), postcode);
        type(a.findElement(By.id("tour:capacity")), "12");
        type(a.findElement(By.id("tour:cutoffDays")), "2");
        type(a.findElement(By.id("tour:cutoffTime")), "18:00");
        type(a.findElement(By.id("tour:weeksAhead")), "4");
        WebElement active = a.findElement(By.id("tour:active"));
        if (!active.isSelected()) {
            active.click();
        }
        a.findElement(By.id("tour:save")).click();
        producer.waitUntil(WAIT, d -> d.getCurrentUrl().contains("tours/dates"));
        long tourId = queryLong("SELECT id FROM tour WHERE tenant_id = ? AND name = ?", sonnenhof, name);
        long dates = queryLong("SELECT COUNT(*) FROM tour_date WHERE tour_id = ? AND delivery_date >= CURDATE()", tourId);
        assertThat(dates).isGreaterThanOrEqualTo(3);
        assertThat(a.findElements(By.cssSelector("input[data-date-id]"))).hasSizeGreaterThanOrEqualTo(3);

        // an anonymous customer checks the postcode in the shop
        WebDriver c = customer.open(platform.storefront("sonnenhof/delivery?postcode=" + postcode));
        String text = c.findElement(By.tagName("main")).getText();
        assertThat(text).contains(name);
        // the next date that can still be ordered, as the page writes dates (long format, German or English)
        LocalDate first = LocalDate.parse(queryString("SELECT MIN(delivery_date) FROM tour_date"
                + " WHERE tour_id = ? AND cutoff_at > NOW()", tourId));
        assertThat(text).containsAnyOf(
                first.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(Locale.GERMANY)),
                first.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(Locale.UK)),
                first.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(Locale.US)));
        assertThat(text).containsAnyOf("12 places", "12 Plätze", "12");
        customer.assertNoJavaScriptErrors();
        producer.assertNoJavaScriptErrors();
    }

    /** A full date with a waiting customer: the producer raises its capacity, the customer receives an offer mail. */
    @Test
    void raisingCapacityOffersThePlaceToTheFirstWaitingCustomer() {
        long tour = queryLong("SELECT home_tour_id FROM customer WHERE tenant_id = ? AND email = 'anna@example.org'", sonnenhof);
        long dateId = queryLong("SELECT id FROM tour_date WHERE tour_id = ? AND status = 'OPEN' AND extra = FALSE"
                + " AND booked + held + 5 < capacity AND cutoff_at > NOW() + INTERVAL 2 DAY"
                + " ORDER BY delivery_date LIMIT 1 OFFSET 2", tour);
        long productId = queryLong("SELECT id FROM product WHERE tenant_id = ? AND slug = 'gemuesekiste'", sonnenhof);
        // Ben books the date, then it is full
        order(new Http(platform.base()), "ben@example.org", "ben-demo", dateId, productId);
        update("UPDATE tour_date SET capacity = booked + held WHERE id = ?", dateId);
        int capacity = (int) queryLong("SELECT capacity FROM tour_date WHERE id = ?", dateId);

        // Anna wants the box on that date and joins its waiting list
        Http anna = signedIn(new Http(platform.base()), "anna@example.org", "anna-demo");
        assertThat(anna.post("s/sonnenhof/cart", Map.of("_csrf", csrf(anna), "action", "add",
                "productId", String.valueOf(productId), "quantity", "1")).status()).isEqualTo(303);
        var joined = anna.post("s/sonnenhof/account/waitlist", Map.of("_csrf", csrf(anna), "action", "join",
                "tourDateId", String.valueOf(dateId)));
        assertThat(joined.status()).as(joined.body()).isEqualTo(303);
        assertThat(queryLong("SELECT COUNT(*) FROM waitlist_entry w JOIN customer c ON c.id = w.customer_id"
                + " WHERE w.tour_date_id = ? AND c.email = 'anna@example.org' AND w.status = 'WAITING'", dateId)).isOne();

        // the producer raises the date's capacity by one in the admin
        signInToAdmin("owner@sonnenhof.example", "sonnenhof-demo");
        WebDriver a = producer.open(platform.admin("tours/dates?id=" + tour));
        WebElement field = a.findElement(By.cssSelector("input[data-date-id='" + dateId + "']"));
        type(field, String.valueOf(capacity + 1));
        field.findElement(By.xpath("following-sibling::input[@type='submit']")).click();
        producer.waitUntil(WAIT, d -> queryLong("SELECT capacity FROM tour_date WHERE id = ?", dateId) == capacity + 1);

        // the first in line is offered the place by mail, and it is held for her
        var offer = Mails.awaitMailTo("anna@example.org",
                m -> m.subject().startsWith("Ein Platz ist frei") && m.body().contains("/s/sonnenhof/offers/"), MAIL);
        assertThat(offer.body()).contains("/s/sonnenhof/offers/");
        assertThat(queryLong("SELECT held FROM tour_date WHERE id = ?", dateId)).isOne();
        assertThat(queryString("SELECT w.status FROM waitlist_entry w JOIN customer c ON c.id = w.customer_id"
                + " WHERE w.tour_date_id = ? AND c.email = 'anna@example.org' ORDER BY w.id DESC LIMIT 1", dateId))
                .isEqualTo("OFFERED");
        // and the admin's waiting list shows the offer
        producer.open(platform.admin("waitlists/date?id=" + dateId));
        assertThat(a.findElement(By.tagName("main")).getText()).contains("Schmidt");
        producer.assertNoJavaScriptErrors();

        // the box sells out on that date before she accepts: the offer page names it, nothing is taken, the place stays
        String token = matcher("/s/sonnenhof/offers/([A-Za-z0-9_-]+)", offer.body()).group(1);
        String boxName = queryString("SELECT name FROM product WHERE id = ?", productId);
        update("INSERT INTO product_date_stock (tenant_id, product_id, tour_date_id, available, stock, sold)"
                + " VALUES (?, ?, ?, TRUE, 0, 0) ON DUPLICATE KEY UPDATE stock = sold", sonnenhof, productId, dateId);
        String page = anna.get("s/sonnenhof/offers/" + token).body();
        Map<String, String> accept = Map.of("_csrf", csrf(anna), "key", Http.hiddenField(page, "key"));
        var refused = anna.post("s/sonnenhof/offers/" + token, accept);
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(matcher("id=\"offer-stock-error\"[^>]*>([^<]*)<", refused.body()).group(1)).contains(boxName);
        assertThat(queryLong("SELECT held FROM tour_date WHERE id = ?", dateId)).isOne();

        // with the box available again, the same offer becomes her order
        update("DELETE FROM product_date_stock WHERE product_id = ? AND tour_date_id = ?", productId, dateId);
        var accepted = anna.post("s/sonnenhof/offers/" + token, accept);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(303);
        assertThat(accepted.location().orElseThrow().toString()).contains("/confirmation");
        assertThat(queryLong("SELECT COUNT(*) FROM customer_order o JOIN customer c ON c.id = o.customer_id"
                + " WHERE o.tour_date_id = ? AND c.email = 'anna@example.org'", dateId)).isOne();
    }

    /** The producer downloads a date's picking list as CSV and PDF: both list the ordered products and quantities. */
    @Test
    void pickingListDownloadsAsCsvAndPdf() throws Exception {
        long tour = queryLong("SELECT home_tour_id FROM customer WHERE tenant_id = ? AND email = 'anna@example.org'", sonnenhof);
        long dateId = queryLong("SELECT id FROM tour_date WHERE tour_id = ? AND status = 'OPEN' AND extra = FALSE"
                + " AND booked + held + 5 < capacity AND cutoff_at > NOW() + INTERVAL 2 DAY"
                + " ORDER BY delivery_date LIMIT 1 OFFSET 1", tour);
        long box = queryLong("SELECT id FROM product WHERE tenant_id = ? AND slug = 'gemuesekiste'", sonnenhof);
        String boxName = queryString("SELECT name FROM product WHERE id = ?", box);
        order(new Http(platform.base()), "ben@example.org", "ben-demo", dateId, box);
        order(new Http(platform.base()), "anna@example.org", "anna-demo", dateId, box);
        long expected = queryLong("SELECT COALESCE(SUM(l.quantity), 0) FROM order_line l JOIN customer_order o"
                + " ON o.id = l.order_id WHERE o.tour_date_id = ? AND o.status <> 'CANCELLED' AND l.product_id = ?", dateId, box);
        assertThat(expected).isGreaterThanOrEqualTo(2);

        signInToAdmin("owner@sonnenhof.example", "sonnenhof-demo");
        WebDriver a = producer.open(platform.admin("orders/date?id=" + dateId));
        String csvUrl = a.findElement(By.id("pickingCsv")).getAttribute("href");
        String pdfUrl = a.findElement(By.id("pickingPdf")).getAttribute("href");

        Download csv = downloadAsProducer(csvUrl);
        assertThat(csv.status()).as(csv.contentType()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.disposition()).contains("attachment");
        String csvText = new String(csv.body(), StandardCharsets.UTF_8);
        // product; unit; quantity; weight (empty: the box is not sold by weight)
        assertThat(csvText).containsPattern(Pattern.quote(csvName(boxName)) + ";[^;\r\n]+;" + expected + ";\r\n");

        Download pdf = downloadAsProducer(pdfUrl);
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        PdfReader reader = new PdfReader(pdf.body());
        StringBuilder text = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            text.append(new PdfTextExtractor(reader).getTextFromPage(page)).append('\n');
        }
        reader.close();
        // the extractor joins a row's cells: "Gemüsekiste kleinbox2"
        assertThat(text.toString()).containsPattern(Pattern.quote(boxName) + "\\s*\\p{L}*\\s*" + expected + "\\b");

        // another shop's producer gets a 404 for the same lists
        signInToAdmin("owner@lindenhof.example", "lindenhof-demo");
        assertThat(downloadAsProducer(csvUrl).status()).isEqualTo(404);
        assertThat(downloadAsProducer(pdfUrl).status()).isEqualTo(404);
        producer.clearConsole(); // Chromium logs the two expected 404s as failed resources
        producer.assertNoJavaScriptErrors();
    }

    /** Branding and a date's capacity changed in the admin are what the storefront serves at the next request. */
    @Test
    void brandingAndCapacityChangesShowOnTheNextStorefrontRequest() {
        long lindenhof = queryLong("SELECT id FROM tenant WHERE slug = 'lindenhof'");
        Http anonymous = new Http(platform.base());
        assertThat(anonymous.get("s/lindenhof/").body()).contains("--brand: #6d4c41");

        signInToAdmin("owner@lindenhof.example", "lindenhof-demo");
        WebDriver a = producer.open(platform.admin("settings/shop"));
        String tagline = "Frisch vom Hof " + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        type(a.findElement(By.id("settings:primaryColor")), "#1a5276");
        type(a.findElement(By.id("settings:tagline")), tagline);
        a.findElement(By.id("settings:save")).click();
        producer.waitUntil(WAIT, d -> "#1a5276".equals(
                queryString("SELECT primary_color FROM tenant WHERE id = ?", lindenhof)));
        String home = anonymous.get("s/lindenhof/").body();
        assertThat(home).contains("--brand: #1a5276").contains(tagline);

        // a date's capacity: the delivery page shows the new number of places left
        long tour = queryLong("SELECT id FROM tour WHERE tenant_id = ? ORDER BY id LIMIT 1", lindenhof);
        long dateId = queryLong("SELECT id FROM tour_date WHERE tour_id = ? AND status = 'OPEN' AND cutoff_at > NOW()"
                + " ORDER BY delivery_date LIMIT 1", tour);
        long taken = queryLong("SELECT booked + held FROM tour_date WHERE id = ?", dateId);
        producer.open(platform.admin("tours/dates?id=" + tour));
        WebElement field = a.findElement(By.cssSelector("input[data-date-id='" + dateId + "']"));
        type(field, String.valueOf(taken + 7));
        field.findElement(By.xpath("following-sibling::input[@type='submit']")).click();
        producer.waitUntil(WAIT, d -> queryLong("SELECT capacity FROM tour_date WHERE id = ?", dateId) == taken + 7);
        String delivery = anonymous.get("s/lindenhof/delivery?postcode=80331").body();
        assertThat(delivery).containsAnyOf("noch 7 Plätze frei", "7 places left");
        assertThat(anonymous.cookie("JSESSIONID")).as("browsing creates no session").isEmpty();
        producer.assertNoJavaScriptErrors();
    }

    /**
     * A customer changes their e-mail address in the shop: once they confirm it with the link mailed to the new
     * address, the producer's management system finds the customer again in the API's customer feed (JSON and CSV,
     * from the cursor it had) with the new address, and the admin's customer page shows it.
     */
    @Test
    void aChangedEmailAddressReachesTheApisCustomerFeedAndTheAdmin() {
        String suffix = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
        String old = "jonas-" + suffix + "@example.org";
        String changed = "jonas.neu-" + suffix + "@example.org";
        // a customer like Anna (her password, her tour) with an address of their own
        update("INSERT INTO customer (tenant_id, email, password_hash, first_name, last_name, street, postcode, city,"
                + " phone, status, email_verified, home_tour_id, locale, registered_at, activated_at, updated_at)"
                + " SELECT tenant_id, ?, password_hash, 'Jonas', 'Wechsel', street, postcode, city, phone, 'ACTIVE', TRUE,"
                + " home_tour_id, locale, registered_at, activated_at, updated_at FROM customer"
                + " WHERE tenant_id = ? AND email = 'anna@example.org'", old, sonnenhof);
        long id = queryLong("SELECT id FROM customer WHERE tenant_id = ? AND email = ?", sonnenhof, old);
        long cursor = queryLong("SELECT seq FROM customer_change_counter WHERE tenant_id = ?", sonnenhof);

        Http jonas = signedIn(new Http(platform.base()), old, "anna-demo");
        jonas.get("s/sonnenhof/account/email");
        var asked = jonas.post("s/sonnenhof/account/email", Map.of("_csrf", csrf(jonas), "email", changed,
                "current", "anna-demo"));
        assertThat(asked.status()).as(asked.body()).isEqualTo(303);
        String link = link(Mails.awaitMailTo(changed, MAIL).body(), "/account/email/confirm?token=");
        jonas.get(link);
        var confirmed = jonas.post("s/sonnenhof/account/email/confirm", Map.of("_csrf", csrf(jonas),
                "token", matcher("[?&]token=([A-Za-z0-9_-]+)", link).group(1)));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(303);

        String token = "Bearer fs_demo_sonnenhof_readwrite_token";
        var feed = jonas.send(jonas.request("admin/api/v1/customers?since=" + cursor + "&limit=200")
                .header("Authorization", token).GET());
        assertThat(feed.status()).as(feed.body()).isEqualTo(200);
        assertThat(feed.body()).contains("\"email\":\"" + changed + "\"").doesNotContain(old);
        var csv = jonas.send(jonas.request("admin/api/v1/customers.csv?since=" + cursor)
                .header("Authorization", token).GET());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains(id + "," + changed + ",Jonas,Wechsel").doesNotContain(old);

        signInToAdmin("owner@sonnenhof.example", "sonnenhof-demo");
        WebDriver a = producer.open(platform.admin("customers/detail?id=" + id));
        assertThat(a.findElement(By.tagName("main")).getText()).contains(changed).doesNotContain(old);
        producer.assertNoJavaScriptErrors();
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private void signIn(String email, String password) {
        WebDriver c = customer.open(platform.storefront("sonnenhof/account/login"));
        c.findElement(By.id("email")).sendKeys(email);
        c.findElement(By.id("password")).sendKeys(password);
        c.findElement(By.cssSelector("form.login button[type=submit]")).click();
        customer.waitUntil(WAIT, d -> ((JavascriptExecutor) d).executeScript("return document.readyState").equals("complete"));
    }

    /** Signs the producer's browser in (signing out whoever was signed in before). */
    private void signInToAdmin(String email, String password) {
        producer.driver().manage().deleteAllCookies();
        WebDriver a = producer.open(platform.admin("login"));
        a.findElement(By.id("login:email")).sendKeys(email);
        a.findElement(By.id("login:password")).sendKeys(password);
        a.findElement(By.id("login:submit")).click();
        producer.waitUntil(WAIT, d -> !d.getCurrentUrl().contains("/login"));
    }

    /** A download made by the producer's browser itself (fetch with its own cookies), without following redirects. */
    private Download downloadAsProducer(String url) {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) ((JavascriptExecutor) producer.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin', redirect: 'manual'}).then(async r => {"
                        + "  const bytes = new Uint8Array(await r.arrayBuffer()); let s = '';"
                        + "  for (let i = 0; i < bytes.length; i++) { s += String.fromCharCode(bytes[i]); }"
                        + "  done({status: r.status, type: r.headers.get('Content-Type') || '',"
                        + "        disposition: r.headers.get('Content-Disposition') || '', body: btoa(s)});"
                        + "}).catch(e => done({status: -1, type: String(e), disposition: '', body: ''}));", url);
        return new Download(((Number) r.get("status")).intValue(), (String) r.get("type"),
                (String) r.get("disposition"), Base64.getDecoder().decode((String) r.get("body")));
    }

    /** status 0: a redirect (not followed). */
    private record Download(int status, String contentType, String disposition, byte[] body) {
    }

    private static Http signedIn(Http http, String email, String password) {
        String login = http.get("s/sonnenhof/account/login").body();
        var signedIn = http.post("s/sonnenhof/account/login", Map.of("_csrf", Http.hiddenField(login, "_csrf"),
                "next", "", "email", email, "password", password));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
        return http;
    }

    private static String csrf(Http http) {
        return http.cookie("fs_csrf").orElseThrow().getValue();
    }

    /** Signs in over HTTP and orders one piece of the product for the date; returns the order number. */
    private static String order(Http http, String email, String password, long dateId, long productId) {
        signedIn(http, email, password);
        assertThat(http.post("s/sonnenhof/cart", Map.of("_csrf", csrf(http), "action", "add",
                "productId", String.valueOf(productId), "quantity", "1")).status()).isEqualTo(303);
        String checkout = http.get("s/sonnenhof/checkout").body();
        var placed = http.post("s/sonnenhof/checkout", Map.of("_csrf", csrf(http), "key", Http.hiddenField(checkout, "key"),
                "expectedTotal", Http.hiddenField(checkout, "expectedTotal"), "tourDateId", String.valueOf(dateId)));
        assertThat(placed.status()).as(placed.body()).isEqualTo(303);
        return matcher("/orders/([A-Z0-9-]+)/confirmation", placed.location().orElseThrow().toString()).group(1);
    }

    private static String link(String mailBody, String path) {
        Matcher m = matcher("(https?://[^\\s\"<>]*" + Pattern.quote(path) + "[^\\s\"<>]*)", mailBody);
        return m.group(1).replace("&amp;", "&");
    }

    private static Matcher matcher(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return m;
    }

    private static void type(WebElement field, String value) {
        field.clear();
        field.sendKeys(value);
    }

    /** CSV cell as the lists write it: quoted when it contains ; " or a line break. */
    private static String csvName(String name) {
        return name.matches(".*[;\"\\r\\n].*") ? '"' + name.replace("\"", "\"\"") + '"' : name;
    }

    private static void writePng(Path file, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(230, 120, 20));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(40, 120, 40));
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
