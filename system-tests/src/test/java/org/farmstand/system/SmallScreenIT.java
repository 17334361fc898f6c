package org.farmstand.system;

import org.farmstand.testing.Browser;
import org.farmstand.testing.RequiresBrowser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.farmstand.testing.ItEnvironment.insert;
import static org.farmstand.testing.ItEnvironment.queryLong;
import static org.farmstand.testing.ItEnvironment.queryString;
import static org.farmstand.testing.ItEnvironment.update;

/**
 * Both applications on a phone: every page of the admin (as the owner, the hoster's as the hoster) and the shop's
 * pages a customer uses, in German (the longer words) in Chromium emulating a 390 x 844 phone, as a tester found
 * them. On each page nothing needs scrolling sideways (a wide table scrolls in its own box, the page does not) and
 * no table header is broken inside a word; the confirmation dialog of the tour dates page and of an order's page
 * lies within the screen, its "Yes" button too.
 *
 * <p>In mobile emulation the browser widens its layout viewport to a page that is too wide (and zooms out), so
 * "fits" means: the window is still 390 CSS pixels wide and the document no wider.
 */
@RequiresBrowser
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the shop's run places the order the admin's run opens
class SmallScreenIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int WIDTH = 390;
    private static final int HEIGHT = 844;

    /**
     * What keeps a page from fitting: its width and the window's, the outermost elements that reach past the window
     * and are not inside a box that scrolls them, the boxes that scroll sideways but cannot be reached by keyboard or
     * have no name, every rendered table header cell with a word broken over two lines (a word's text covers more
     * than one line box) or cut off (its content wider than the cell), and every amount in a table cell broken over
     * two lines.
     */
    private static final String LAYOUT = """
            const width = innerWidth, de = document.documentElement;
            const rendered = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
            const scrolledAway = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; }
                return false; };
            const wide = [];
            document.querySelectorAll('body *').forEach(el => {
                if (wide.length < 5 && rendered(el) && el.getBoundingClientRect().right > width + 0.5 && !scrolledAway(el)
                        && !(el.parentElement && wide.includes(el.parentElement))) wide.push(el); });
            const headers = [];
            document.querySelectorAll('th').forEach(th => {
                // (not the headers kept for screen readers only: a stacking table's thead, clipped to 1 px)
                const hidden = th.closest('thead') && getComputedStyle(th.closest('thead')).position === 'absolute';
                if (!rendered(th) || hidden || th.closest('.visually-hidden')) return;
                const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    if (node.parentElement.closest('.visually-hidden') || !rendered(node.parentElement)) continue;
                    const re = /\\S+/g; let m;
                    while ((m = re.exec(node.data)) !== null) {
                        const range = document.createRange();
                        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                        if (lines.size > 1) headers.push('"' + th.textContent.trim() + '" breaks "' + m[0] + '"');
                    }
                }
                if (th.scrollWidth > th.clientWidth + 1) headers.push('"' + th.textContent.trim() + '" is cut off');
            });
            // an amount in a table cell on one line: "12,50 €" broken as "12,5" / "0 €" next to a long name is misread
            document.querySelectorAll('td, th').forEach(cell => {
                if (!rendered(cell)) return;
                const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    if (!rendered(node.parentElement)) continue;
                    const re = /€[\\s\\u00a0]?\\d[\\d.,]*|\\d[\\d.,]*[\\s\\u00a0]?€/g; let m;
                    while ((m = re.exec(node.data)) !== null) {
                        const range = document.createRange();
                        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                        if (lines.size > 1) headers.push('the amount "' + m[0] + '" is broken over ' + lines.size + ' lines');
                    }
                }
            });
            // a box that scrolls sideways must be reachable by keyboard (arrow keys scroll it) and say what it is
            const unreachable = [];
            document.querySelectorAll('body *').forEach(el => { const o = getComputedStyle(el).overflowX;
                if ((o === 'auto' || o === 'scroll') && rendered(el) && el.tagName !== 'TEXTAREA'
                        && el.scrollWidth > el.clientWidth + 1
                        && (el.getAttribute('tabindex') !== '0' || !el.getAttribute('aria-label')))
                    unreachable.push(el.tagName.toLowerCase() + '.' + String(el.className).trim().split(/\\s+/).join('.')); });
            return {window: width, page: de.scrollWidth, unreachable: unreachable,
                    wide: wide.map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                        + (el.className && el.className.baseVal === undefined ? '.' + String(el.className).trim().split(/\\s+/).join('.') : '')
                        + ' (right edge ' + Math.round(el.getBoundingClientRect().right) + ')'),
                    headers: headers};
            """;

    @RegisterExtension
    static final Browser customer = new Browser();

    @RegisterExtension
    static final Browser producer = new Browser();

    static Platform platform;
    static long sonnenhof;
    /** The order Anna places in the shop's run, its number. */
    static String order;

    private final List<String> problems = new ArrayList<>();

    /** The emulated phone's width in CSS pixels: {@value #WIDTH}, a few checks 320. */
    private static int width = WIDTH;

    @BeforeAll
    static void start() {
        platform = Platform.get();
        sonnenhof = queryLong("SELECT id FROM tenant WHERE slug = 'sonnenhof'");
    }

    @Order(1)
    @Test
    void theShopsPagesFitAPhoneAndTheirTableHeadersKeepTheirWords() {
        WebDriver c = customer.driver();
        c.manage().deleteAllCookies();
        phone(c);
        String category = queryString("SELECT slug FROM category WHERE tenant_id = ? ORDER BY id LIMIT 1", sonnenhof);

        check(customer, "home", shop("?lang=de"));
        check(customer, "products", shop("products"));
        check(customer, "category", shop("products?category=" + category));
        check(customer, "product", shop("products/gemuesekiste"));
        check(customer, "delivery", shop("delivery?postcode=79098"));
        check(customer, "sign-in", shop("account/login"));
        check(customer, "registration", shop("account/register"));

        customer.open(shop("account/login"));
        c.findElement(By.id("email")).sendKeys("anna@example.org");
        c.findElement(By.id("password")).sendKeys("anna-demo");
        c.findElement(By.cssSelector("form.login button[type=submit]")).click();
        customer.waitUntil(WAIT, d -> !d.getCurrentUrl().contains("/account/login"));
        customer.open(shop("products/gemuesekiste"));
        c.findElement(By.cssSelector("form.add-to-cart button[type=submit]")).click();
        customer.waitUntil(WAIT, d -> d.getCurrentUrl().contains("/cart"));
        check(customer, "cart", null);
        check(customer, "checkout", shop("checkout"));
        WebElement date = c.findElements(By.cssSelector("form.checkout input[name=tourDateId]")).stream()
                .filter(WebElement::isEnabled).findFirst().orElseThrow();
        js(c, "arguments[0].click()", date);
        js(c, "arguments[0].click()", c.findElement(By.cssSelector("form.checkout button[type=submit]")));
        customer.waitUntil(WAIT, d -> d.getCurrentUrl().contains("/confirmation"));
        order = c.getCurrentUrl().replaceAll(".*/orders/([A-Z0-9-]+)/confirmation.*", "$1");
        // a long product name on this order alone (the line keeps the name it was ordered under): the table has to
        // share out its narrow width, where the headers broke ("Meng|e") while the name did not
        update("UPDATE order_line SET product_name = ? WHERE order_id = (SELECT id FROM customer_order WHERE tenant_id"
                + " = ? AND order_number = ?)", "Rohmilchbergkäsehartkäsespezialitätenauswahlpaket", sonnenhof, order);
        check(customer, "my orders", shop("account/orders"));
        check(customer, "an order (the tester's 'Meng|e', 'Betra|g')", shop("account/orders/" + order));
        // the narrowest phones: the long name shares 320 px with the amounts, which must not break inside
        width = 320;
        phone(c);
        check(customer, "an order at 320 px (amounts broken inside: '12,5' / '0 €')", null);
        check(customer, "the order's confirmation at 320 px", shop("orders/" + order + "/confirmation"));
        width = WIDTH;
        phone(c);
        check(customer, "waiting list", shop("account/waitlist"));
        check(customer, "profile", shop("account/profile"));

        assertThat(problems).as("pages that do not fit a %d px phone", WIDTH).isEmpty();
        customer.assertNoJavaScriptErrors();
    }

    @Order(2)
    @Test
    void everyAdminPageFitsAPhoneAndItsConfirmationDialogsStayOnTheScreen() {
        assertThat(order).as("the shop's run placed an order").isNotNull();
        long orderId = queryLong("SELECT id FROM customer_order WHERE tenant_id = ? AND order_number = ?", sonnenhof,
                order);
        long dateId = queryLong("SELECT tour_date_id FROM customer_order WHERE id = ?", orderId);
        long tour = queryLong("SELECT tour_id FROM tour_date WHERE id = ?", dateId);
        long product = queryLong("SELECT id FROM product WHERE tenant_id = ? AND slug = 'gemuesekiste'", sonnenhof);
        long anna = queryLong("SELECT id FROM customer WHERE tenant_id = ? AND email = 'anna@example.org'", sonnenhof);
        long staff = queryLong("SELECT id FROM staff_user WHERE tenant_id = ? AND email = 'staff@sonnenhof.example'",
                sonnenhof);
        // the tester's ~2000 px audit log: one long value without a break (as an article number or a pasted link)
        insert("INSERT INTO audit_event (tenant_id, actor, entity, entity_id, action, detail) VALUES (?, ?, 'product',"
                + " ?, 'updated', ?)", sonnenhof, "owner@sonnenhof.example", product, "HOFKAESE_" + "0123456789".repeat(30));
        WebDriver a = signInToAdmin("owner@sonnenhof.example", "sonnenhof-demo");

        check(producer, "dashboard", platform.admin(""));
        check(producer, "products", platform.admin("products/list"));
        check(producer, "product: edit", platform.admin("products/edit?id=" + product));
        check(producer, "product: new", platform.admin("products/edit"));
        check(producer, "categories", platform.admin("products/categories"));
        check(producer, "tours", platform.admin("tours/list"));
        check(producer, "tour: edit", platform.admin("tours/edit?id=" + tour));
        check(producer, "tour: dates", platform.admin("tours/dates?id=" + tour));
        // "Termin absagen": the dialog (842 px wide for the tester, "Yes" at x 818) within the screen
        dialogWithin("tour: dates", a.findElement(By.cssSelector("[id$=':cancel']")));
        check(producer, "orders", platform.admin("orders/list"));
        check(producer, "orders of a date", platform.admin("orders/date?id=" + dateId));
        check(producer, "order", platform.admin("orders/detail?id=" + orderId));
        dialogWithin("order", a.findElement(By.cssSelector("form#status button.ui-button-danger")));
        check(producer, "customers", platform.admin("customers/list"));
        check(producer, "customer", platform.admin("customers/detail?id=" + anna));
        check(producer, "waiting lists", platform.admin("waitlists/list"));
        check(producer, "waiting list of a date", platform.admin("waitlists/date?id=" + dateId));
        check(producer, "settings", platform.admin("settings/shop"));
        check(producer, "API tokens", platform.admin("settings/tokens"));
        check(producer, "staff", platform.admin("staff/list"));
        check(producer, "staff member", platform.admin("staff/edit?id=" + staff));
        check(producer, "audit log", platform.admin("audit/list"));
        // the long value wraps in its cell (its text covers more than one line), which does not cut it off either
        assertThat(js(a, """
                const td = [...document.querySelectorAll('#events td')].find(td => td.textContent.includes('HOFKAESE_0123'));
                const range = document.createRange();
                range.selectNodeContents(td);
                const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                return lines.size > 1 && td.scrollWidth <= td.clientWidth;""")).as("the long audit value wraps in its cell")
                .isEqualTo(true);

        signInToAdmin("hoster@farmstand.example", "hoster-demo");
        check(producer, "hoster: shops", platform.admin("hoster/tenants"));
        check(producer, "hoster: a shop", platform.admin("hoster/tenant?id=" + sonnenhof));
        check(producer, "hoster: account", platform.admin("hoster/account"));

        assertThat(problems).as("admin pages that do not fit a %d px phone", WIDTH).isEmpty();
        producer.assertNoJavaScriptErrors();
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** Opens {@code url} (null: the page the browser is on) and notes what keeps it from fitting the phone. */
    @SuppressWarnings("unchecked")
    private void check(Browser browser, String name, String url) {
        WebDriver driver = url == null ? browser.driver() : browser.open(url);
        Map<String, Object> layout = (Map<String, Object>) js(driver, LAYOUT);
        long window = ((Number) layout.get("window")).longValue();
        long page = ((Number) layout.get("page")).longValue();
        if (window != width || page > window) {
            problems.add(String.format("%s (%s): %d px wide in a %d px window; too wide: %s", name,
                    driver.getCurrentUrl(), page, window, layout.get("wide")));
        }
        List<String> unreachable = (List<String>) layout.get("unreachable");
        if (!unreachable.isEmpty()) {
            problems.add(String.format("%s (%s): boxes that scroll sideways without a tab stop and a name: %s", name,
                    driver.getCurrentUrl(), unreachable));
        }
        List<String> headers = (List<String>) layout.get("headers");
        if (!headers.isEmpty()) {
            problems.add(String.format("%s (%s): table headers and amounts %s", name, driver.getCurrentUrl(), headers));
        }
    }

    /**
     * Opens the confirmation dialog with {@code button}, notes whether it and its "Yes" button lie within the screen,
     * and closes it with "No" (nothing is cancelled).
     */
    private void dialogWithin(String name, WebElement button) {
        try {
            measureDialog(name, button);
        } catch (TimeoutException e) {
            problems.add(String.format("%s: the confirmation dialog did not open, come to rest or close again (%s)",
                    name, e.getMessage().lines().findFirst().orElse("")));
        }
    }

    @SuppressWarnings("unchecked")
    private void measureDialog(String name, WebElement button) {
        WebDriver driver = producer.driver();
        js(driver, "arguments[0].scrollIntoView({block: 'center', inline: 'center'})", button);
        button.click();
        WebElement dialog = producer.waitUntil(WAIT, d -> d.findElements(By.cssSelector(".ui-confirm-dialog")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        // PrimeFaces fades the dialog in and centres it: measured once it has stopped moving
        Map<String, Object> rects = producer.waitUntil(WAIT, d -> {
            Map<String, Object> now = (Map<String, Object>) js(d, """
                    const box = el => { const r = el.getBoundingClientRect();
                        return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
                    return {dialog: box(arguments[0]), yes: box(document.getElementById('confirmYes')),
                            opacity: getComputedStyle(arguments[0]).opacity, width: innerWidth, height: innerHeight};""",
                    dialog);
            sleepBriefly();
            Map<String, Object> later = (Map<String, Object>) js(d, """
                    const r = arguments[0].getBoundingClientRect(); return {left: r.left, top: r.top};""", dialog);
            boolean still = ((Map<String, Object>) now.get("dialog")).get("left").equals(later.get("left"))
                    && ((Map<String, Object>) now.get("dialog")).get("top").equals(later.get("top"));
            return still && "1".equals(String.valueOf(now.get("opacity"))) ? now : null;
        });
        double width = ((Number) rects.get("width")).doubleValue();
        double height = ((Number) rects.get("height")).doubleValue();
        for (String part : new String[]{"dialog", "yes"}) {
            Map<String, Object> r = (Map<String, Object>) rects.get(part);
            double left = ((Number) r.get("left")).doubleValue();
            double top = ((Number) r.get("top")).doubleValue();
            double right = ((Number) r.get("right")).doubleValue();
            double bottom = ((Number) r.get("bottom")).doubleValue();
            if (left < 0 || top < 0 || right > width || bottom > height || width != WIDTH) {
                problems.add(String.format("%s: the confirmation %s reaches outside the %.0f x %.0f screen: %s", name,
                        part, width, height, r));
            }
        }
        driver.findElement(By.id("confirmNo")).click();
        producer.waitUntil(WAIT, d -> !dialog.isDisplayed());
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A phone of {@link #width} x {@value #HEIGHT} CSS pixels, as Chromium's device emulation has it. */
    private static void phone(WebDriver driver) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", true));
    }

    /** Signs the producer's browser in, in German, on the phone. */
    private WebDriver signInToAdmin(String email, String password) {
        WebDriver a = producer.driver();
        a.manage().deleteAllCookies();
        ((ChromeDriver) a).executeCdpCommand("Network.enable", Map.of());
        ((ChromeDriver) a).executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Accept-Language", "de")));
        phone(a);
        producer.open(platform.admin("login"));
        a.findElement(By.id("login:email")).sendKeys(email);
        a.findElement(By.id("login:password")).sendKeys(password);
        a.findElement(By.id("login:submit")).click();
        producer.waitUntil(WAIT, d -> !d.getCurrentUrl().contains("/login"));
        return a;
    }

    private static String shop(String path) {
        return platform.storefront("sonnenhof/" + path);
    }

    private static Object js(WebDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }
}
