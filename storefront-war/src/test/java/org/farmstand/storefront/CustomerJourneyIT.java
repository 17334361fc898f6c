package org.farmstand.storefront;

import org.farmstand.testing.Browser;
import org.farmstand.testing.Http;
import org.farmstand.testing.ItEnvironment;
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
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.farmstand.testing.ItEnvironment.queryLong;

/**
 * The customer's main journeys in a real browser (headless Chromium) against the real WAR, MariaDB and SMTP
 * (GreenMail): a full tour date → waiting list → a cancellation elsewhere → offer mail → accept → order.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@RequiresBrowser
class CustomerJourneyIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return StorefrontDeployment.war();
    }

    @ArquillianResource
    URL base;

    /** Ben signs in over HTTP and orders the vegetable box for the given date; returns the order number. */
    String benOrders(Http ben, long dateId, long productId) {
        String login = ben.get("s/sonnenhof/account/login").body();
        var signedIn = ben.post("s/sonnenhof/account/login", Map.of("_csrf", Http.hiddenField(login, "_csrf"), "next", "",
                "email", "ben@example.org", "password", "ben-demo"));
        assertThat(signedIn.status()).isEqualTo(303);
        String csrf = ben.cookie("fs_csrf").orElseThrow().getValue();
        assertThat(ben.post("s/sonnenhof/cart", Map.of("_csrf", csrf, "action", "add",
                "productId", String.valueOf(productId), "quantity", "1")).status()).isEqualTo(303);
        String checkout = ben.get("s/sonnenhof/checkout").body();
        var placed = ben.post("s/sonnenhof/checkout", Map.of("_csrf", csrf, "key", Http.hiddenField(checkout, "key"),
                "expectedTotal", Http.hiddenField(checkout, "expectedTotal"), "tourDateId", String.valueOf(dateId)));
        assertThat(placed.status()).as(placed.body()).isEqualTo(303);
        Matcher number = Pattern.compile("/orders/([A-Z0-9-]+)/confirmation").matcher(placed.location().orElseThrow().toString());
        assertThat(number.find()).isTrue();
        return number.group(1);
    }

    @Test
    void fullDateWaitingListOfferAcceptOrder() throws Exception {
        long tenant = queryLong("SELECT id FROM tenant WHERE slug = 'sonnenhof'");
        long tour = queryLong("SELECT home_tour_id FROM customer WHERE tenant_id = ? AND email = 'anna@example.org'", tenant);
        long dateId = queryLong("SELECT id FROM tour_date WHERE tour_id = ? AND status = 'OPEN'"
                + " AND extra = FALSE AND booked + held + 5 < capacity"
                + " AND cutoff_at > NOW() + INTERVAL 2 DAY ORDER BY delivery_date LIMIT 1 OFFSET 2", tour);
        long productId = queryLong("SELECT id FROM product WHERE tenant_id = ? AND slug = 'gemuesekiste'", tenant);
        // Ben books the date, then it is full (capacity = what is booked)
        Http ben = new Http(URI.create(base.toString()));
        String bensOrder = benOrders(ben, dateId, productId);
        ItEnvironment.update("UPDATE tour_date SET capacity = booked + held WHERE id = ?", dateId);

        // Anna signs in in the browser, puts the box in her cart and finds the date full at checkout
        WebDriver driver = browser.open(base, "s/sonnenhof/account/login");
        driver.findElement(By.id("email")).sendKeys("anna@example.org");
        driver.findElement(By.id("password")).sendKeys("anna-demo");
        driver.findElement(By.cssSelector("form.login button[type=submit]")).click();
        // (the sign-in page's own address contains "/account/" too: wait until it has been left)
        browser.waitUntil(Duration.ofSeconds(20), d -> d.getCurrentUrl().contains("/account/")
                && !d.getCurrentUrl().contains("/account/login"));
        browser.open(base, "s/sonnenhof/products/gemuesekiste");
        driver.findElement(By.cssSelector("form.add-to-cart button[type=submit]")).click();
        browser.waitUntil(Duration.ofSeconds(20), d -> d.getCurrentUrl().contains("/cart"));
        browser.open(base, "s/sonnenhof/checkout");
        driver.findElement(By.id("join-" + dateId)).click();
        browser.waitUntil(Duration.ofSeconds(20), d -> d.getCurrentUrl().contains("/account/waitlist"));
        assertThat(driver.findElement(By.cssSelector("tr.entry-WAITING td.position")).getText()).isEqualTo("1");

        // Ben cancels: the place is offered to Anna by mail and held for her
        String orderPage = ben.get("s/sonnenhof/account/orders/" + bensOrder).body();
        var cancelled = ben.post("s/sonnenhof/account/orders/" + bensOrder,
                Map.of("_csrf", Http.hiddenField(orderPage, "_csrf"), "action", "cancel"));
        assertThat(cancelled.status()).isEqualTo(303);
        var offerMail = Mails.awaitMailTo("anna@example.org", m -> m.subject().startsWith("Ein Platz ist frei"),
                Duration.ofSeconds(30));
        Matcher token = Pattern.compile("/s/sonnenhof/offers/([A-Za-z0-9_-]{16,64})").matcher(offerMail.body());
        assertThat(token.find()).as(offerMail.body()).isTrue();

        // Anna follows the link and accepts: an order on the date she waited for
        browser.open(base, "s/sonnenhof/offers/" + token.group(1));
        // what accepting orders, and its total, before the button
        assertThat(driver.findElement(By.cssSelector(".offer-lines")).getText()).contains("Gemüsekiste");
        assertThat(driver.findElement(By.cssSelector(".offer-total")).getText()).contains("€");
        driver.findElement(By.id("accept-offer")).click();
        browser.waitUntil(Duration.ofSeconds(20), d -> d.getCurrentUrl().contains("/confirmation"));
        assertThat(queryLong("SELECT COUNT(*) FROM waitlist_entry w JOIN customer_order o ON o.id = w.order_id"
                + " WHERE w.tour_date_id = ? AND w.status = 'ACCEPTED' AND o.status = 'PLACED'", dateId)).isEqualTo(1);
        assertThat(queryLong("SELECT booked FROM tour_date WHERE id = ?", dateId))
                .isEqualTo(queryLong("SELECT capacity FROM tour_date WHERE id = ?", dateId));
        assertThat(queryLong("SELECT held FROM tour_date WHERE id = ?", dateId)).isZero();
        browser.assertNoJavaScriptErrors();
    }
}
