package org.farmstand.system;

import org.farmstand.testing.Browser;
import org.farmstand.testing.Mails;
import org.farmstand.testing.RequiresBrowser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.farmstand.testing.ItEnvironment.insert;
import static org.farmstand.testing.ItEnvironment.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.farmstand.testing.ItEnvironment.queryString;

/**
 * An automated accessibility audit of the main pages of both applications, in German and in English, on the
 * platform as {@code ./run.sh} starts it with the demo shops: each page is loaded in headless Chromium and the
 * script {@code a11y-audit.js} (next to this class in the test resources; no third-party checker) returns what it
 * finds. A failure lists every violation with the page, the rule and the element's HTML.
 *
 * <p>The rules are kept to things that are clearly wrong for someone using a screen reader or a keyboard, not
 * style opinions. "Rendered" below means: the element has a box (not {@code display:none}), is not
 * {@code visibility:hidden} and is not inside {@code aria-hidden="true"}; visually hidden text (clipped to 1px)
 * counts, since screen readers read it.
 * <ol>
 * <li><b>html-lang</b>: {@code <html lang>} is present and its language is the page's language (screen readers
 *     choose their voice and pronunciation from it).</li>
 * <li><b>document-title</b>: a non-empty {@code <title>} (the first thing read, and the tab's name).</li>
 * <li><b>one-h1</b>: exactly one rendered, non-empty {@code <h1>}. Every page has one heading that names it, and
 *     screen-reader users jump to it (NVDA/JAWS key "1") to skip the header; a second h1 (e.g. the shop's name in
 *     the header) makes that jump land in the wrong place, none leaves them without it.</li>
 * <li><b>main-landmark</b>: exactly one rendered {@code <main>} or {@code role="main"} (the skip link and the
 *     landmark navigation go there).</li>
 * <li><b>control-name</b>: every rendered form control a user types in, selects or ticks has an accessible name:
 *     {@code input} (except hidden, submit, button, image, reset), {@code select}, {@code textarea}, and focusable
 *     elements with a widget role (textbox, combobox, listbox, spinbutton, checkbox, radio, switch, slider, as
 *     PrimeFaces renders some of its inputs). A name is a {@code <label for>} or a wrapping label with text,
 *     {@code aria-labelledby} pointing at existing non-empty text, {@code aria-label} or {@code title}. A placeholder
 *     is not a name (it disappears while typing).
 *     <b>label-for</b>: a {@code <label for>} points at an existing element that can be labelled (input, select,
 *     textarea, button, meter, output, progress), otherwise it labels nothing; PrimeFaces' {@code p:outputLabel}
 *     for a {@code p:selectOneMenu} points at a span, and that menu's combobox is named after its selected option
 *     instead. <b>aria-reference</b>: every id in {@code aria-labelledby} and {@code aria-describedby} exists.
 *     <b>generic-name</b>: no {@code aria-label}/{@code aria-labelledby} on a {@code div}, {@code span} or
 *     {@code p} without a role: ARIA 1.2 prohibits naming them and screen readers drop such names, so what they
 *     were meant to say is lost. Exemption: PrimeFaces' paginator, whose own script puts {@code aria-label} on its
 *     inner {@code div.ui-paginator-center-content} (no page attribute changes that); the enclosing paginator has
 *     {@code role="navigation"}, which is what is announced.</li>
 * <li><b>img-alt</b>: every {@code <img>} has an {@code alt} attribute (empty is allowed: decorative), every
 *     {@code <input type=image>} a non-empty one.</li>
 * <li><b>action-name</b>: every rendered link ({@code a[href]}), button ({@code button}, input buttons,
 *     {@code role="button"}/{@code "link"}) has an accessible name: text (without aria-hidden parts; the alt of an
 *     image inside counts), {@code aria-label}, {@code aria-labelledby}, {@code title} or an input button's value.
 *     <b>href-hash</b>: no rendered {@code <a href="#">} without a role and without an {@code onclick} attribute
 *     (such a link pretends to go somewhere; handlers attached by script cannot be seen from here).</li>
 * <li><b>duplicate-id</b>: ids are unique on the page ({@code label for}, {@code aria-describedby} and
 *     {@code aria-labelledby} pick the first one). <b>positive-tabindex</b>: no {@code tabindex} above 0 (it
 *     breaks the reading order of the keyboard).</li>
 * <li><b>error-message</b> and <b>aria-invalid</b>: what the shop's plain forms already do (the {@code field} tag
 *     file and the delivery page): a field error message ({@code .field-error} in the shop,
 *     {@code .ui-message-error} of PrimeFaces in the admin) is either inside a live region ({@code role="alert"},
 *     {@code role="status"}, {@code aria-live}) or referenced by its control's {@code aria-describedby}, so it is
 *     announced; and a control marked invalid ({@code .field.invalid} in the shop, PrimeFaces' {@code ui-state-error})
 *     has {@code aria-invalid="true"}.</li>
 * <li><b>click-not-focusable</b>: an element with an {@code onclick} attribute is natively interactive (link,
 *     button, form control, label, summary) or has both a {@code role} and a {@code tabindex}: otherwise a keyboard
 *     cannot reach what the mouse can.</li>
 * <li><b>text-contrast</b> (WCAG 1.4.3): visible text has a contrast of 4.5:1 with what is behind it, large text
 *     (24 px, or 18.66 px bold) 3:1, computed from the styles as the browser applies them: the text colour blended by
 *     its opacity and its ancestors', the first opaque background colour up the tree with translucent ones blended
 *     in. Text on a background image, disabled controls and visually hidden text are not checked.</li>
 * <li><b>page-overflow</b> (WCAG 1.4.10): the page is no wider than the window, so nothing needs scrolling
 *     sideways; the storefront's pages are also checked at 320 CSS pixels (a small phone), where this rule alone is
 *     run.</li>
 * <li><b>focus-visible</b> (WCAG 2.4.7, 1.4.11): the page is walked with the Tab key (up to {@value #TAB_STOPS}
 *     stops, script {@code a11y-focus.js}); each focused element (for a PrimeFaces widget whose focus is in a hidden
 *     input: the widget marked {@code ui-state-focus}) shows an outline or a ring (box-shadow spread of 2 px or more)
 *     of which one colour contrasts 3:1 with the background around it, and a two-colour ring's colours 3:1 with each
 *     other. The browser's own ring ({@code outline-style: auto}) passes.</li>
 * </ol>
 * The storefront runs in the language given by its {@code ?lang=} parameter (remembered in a cookie), the admin in
 * the browser's {@code Accept-Language} (set through the DevTools protocol). With
 * {@code -Dfarmstand.a11y.dump=true} the HTML and a screenshot of every audited page are written under
 * {@code target/it/screenshots}.
 */
@RequiresBrowser
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the shop's run places the order the admin's shows
class AccessibilityIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration MAIL = Duration.ofSeconds(60);
    /** The scripts, each after the colour arithmetic they share. */
    private static final String AUDIT = read("a11y-colours.js") + read("a11y-audit.js");
    private static final String FOCUS = read("a11y-colours.js") + read("a11y-focus.js");
    /** At most this many Tab key presses per page. */
    static final int TAB_STOPS = 40;

    @RegisterExtension
    static final Browser customer = new Browser();

    @RegisterExtension
    static final Browser producer = new Browser();

    static Platform platform;
    static long sonnenhof;
    /** The password reset link mailed to Anna (valid for longer than the test runs). */
    static String resetLink;

    @BeforeAll
    static void start() {
        platform = Platform.get();
        sonnenhof = queryLong("SELECT id FROM tenant WHERE slug = 'sonnenhof'");
    }

    /** The audit is no empty promise: on a page that breaks every rule once, it reports every rule. */
    @Order(0)
    @Test
    void theAuditFindsEveryRuleOnABrokenPage() {
        String page = """
                <!DOCTYPE html><html lang="fr"><head><meta charset="UTF-8"></head><body>
                <h1>One</h1><h1>Two</h1>
                <form>
                  <input type="text" name="nameless">
                  <div role="combobox" tabindex="0"></div>
                  <label for="menu">Status</label><span id="menu" role="combobox" tabindex="0" aria-label="All">All</span>
                  <input type="text" aria-label="Postcode" aria-describedby="gone">
                  <p class="field invalid"><label for="e">E-mail</label><input id="e" name="e">
                    <span class="field-error">Not an e-mail address</span></p>
                  <button type="submit"></button>
                </form>
                <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
                <input type="image" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
                <a href="/somewhere"></a> <a href="#">nowhere</a>
                <span id="twice">a</span><span id="twice">b</span>
                <span class="badge" aria-label="items in cart">2</span>
                <a href="/first" tabindex="2">first</a>
                <div onclick="void 0">click me</div>
                <p style="color:#aaaaaa">faint text</p>
                <button type="button" style="outline:none">no focus ring</button>
                <div style="width:3000px">too wide</div>
                </body></html>""";
        WebDriver driver = producer.driver();
        driver.get("data:text/html;charset=utf-8," + java.net.URLEncoder.encode(page, StandardCharsets.UTF_8)
                .replace("+", "%20"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> found = new ArrayList<>((List<Map<String, Object>>) js(driver, AUDIT, "de"));
        found.addAll(focusWalk(driver));
        assertThat(found.stream().map(v -> (String) v.get("rule")).distinct())
                .as("%s", found)
                .containsExactlyInAnyOrder("html-lang", "document-title", "one-h1", "main-landmark", "control-name",
                        "label-for", "aria-reference", "generic-name", "img-alt", "action-name", "href-hash", "duplicate-id", "positive-tabindex", "error-message",
                        "aria-invalid", "click-not-focusable", "text-contrast", "page-overflow", "focus-visible");
        assertThat(found.stream().filter(v -> "control-name".equals(v.get("rule")))).hasSize(2);
        assertThat(found.stream().filter(v -> "img-alt".equals(v.get("rule")))).hasSize(2);
        assertThat(found.stream().filter(v -> "action-name".equals(v.get("rule")))).hasSize(2);
        assertThat(found.stream().filter(v -> "text-contrast".equals(v.get("rule")))).hasSize(1);
        // the button without a ring; the empty link and the empty combobox show no focus either (nothing to see)
        assertThat(found.stream().filter(v -> "focus-visible".equals(v.get("rule")))
                .map(v -> (String) v.get("element"))).hasSize(3).anyMatch(e -> e.startsWith("no outline or ring") && e.contains("no focus ring"));
    }

    @Order(1)
    @ParameterizedTest
    @ValueSource(strings = {"de", "en"})
    void storefrontPagesPassTheAudit(String lang) {
        Audit audit = new Audit(customer, lang, true);
        customer.driver().manage().deleteAllCookies();
        String category = queryString("SELECT slug FROM category WHERE tenant_id = ? ORDER BY id LIMIT 1", sonnenhof);

        audit.page("home", shop("", lang));
        audit.page("products", shop("products", lang));
        audit.page("category", shop("products?category=" + category, lang));
        audit.page("product", shop("products/gemuesekiste", lang));
        audit.page("search", shop("products?q=kiste", lang));
        audit.page("delivery", shop("delivery", lang));
        audit.page("delivery with a postcode", shop("delivery?postcode=79098", lang));
        audit.page("delivery with an invalid postcode", shop("delivery?postcode=x", lang));
        audit.page("sign-in", shop("account/login", lang));
        audit.page("registration", shop("account/register", lang));
        audit.page("password forgotten", shop("account/forgot", lang));
        // the reset page of a real link: the forgotten-password form sent for Anna, the link from her mail
        WebDriver c = customer.open(shop("account/forgot", lang));
        c.findElement(By.id("email")).sendKeys("anna@example.org");
        c.findElement(By.cssSelector("form.forgot button[type=submit]")).click();
        customer.waitUntil(WAIT, d -> !d.findElements(By.cssSelector(".forgot-sent")).isEmpty());
        audit.current("password forgotten, sent");
        // (a second request within a minute sends no second mail: the English run opens the German run's link)
        if (resetLink == null) {
            resetLink = link(Mails.awaitMailTo("anna@example.org", m -> m.body().contains("/account/reset"), MAIL)
                    .body());
        }
        // (the link names the language of Anna's mail: this run's language replaces it)
        audit.page("password reset", resetLink.replaceFirst("([?&])lang=[a-z]+", "$1lang=" + lang));

        // the registration sent empty: the page with field errors (the browser's own checks switched off)
        customer.open(shop("account/register", lang));
        js(c, "document.querySelector('form.register').noValidate = true");
        c.findElement(By.cssSelector("form.register button[type=submit]")).click();
        customer.waitUntil(WAIT, d -> !d.findElements(By.cssSelector(".field.invalid")).isEmpty());
        audit.current("registration sent empty");
        customer.clearConsole(); // the invalid form is answered with 400, which Chromium logs as a failed resource

        // signed in as Anna: cart with an item, checkout, the order placed, the account pages
        signIn(lang);
        customer.open(shop("products/gemuesekiste", lang));
        c.findElement(By.cssSelector("form.add-to-cart button[type=submit]")).click();
        customer.waitUntil(WAIT, d -> d.getCurrentUrl().contains("/cart"));
        audit.current("cart with an item");
        audit.page("checkout", shop("checkout", lang));
        WebElement date = c.findElements(By.cssSelector("form.checkout input[name=tourDateId]")).stream()
                .filter(WebElement::isEnabled).findFirst().orElseThrow();
        date.click();
        c.findElement(By.cssSelector("form.checkout button[type=submit]")).click();
        customer.waitUntil(WAIT, d -> d.getCurrentUrl().contains("/confirmation"));
        audit.current("order confirmation");
        String order = c.getCurrentUrl().replaceAll(".*/orders/([A-Z0-9-]+)/confirmation.*", "$1");
        audit.page("account: orders", shop("account/orders", lang));
        audit.page("account: an order", shop("account/orders/" + order, lang));
        audit.page("account: waiting list", shop("account/waitlist", lang));
        audit.page("account: profile", shop("account/profile", lang));
        audit.page("account: e-mail address", shop("account/email", lang));

        audit.assertNone();
        customer.assertNoJavaScriptErrors();
    }

    @Order(2)
    @ParameterizedTest
    @ValueSource(strings = {"de", "en"})
    void adminPagesPassTheAudit(String lang) {
        Audit audit = new Audit(producer, lang, false);
        WebDriver a = producer.driver();
        a.manage().deleteAllCookies();
        ((ChromeDriver) a).executeCdpCommand("Network.enable", Map.of());
        ((ChromeDriver) a).executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Accept-Language", lang)));

        audit.page("sign-in", platform.admin("login"));
        a.findElement(By.id("login:email")).sendKeys("owner@sonnenhof.example");
        a.findElement(By.id("login:password")).sendKeys("sonnenhof-demo");
        a.findElement(By.id("login:submit")).click();
        producer.waitUntil(WAIT, d -> !d.getCurrentUrl().contains("/login"));

        long product = queryLong("SELECT id FROM product WHERE tenant_id = ? AND slug = 'gemuesekiste'", sonnenhof);
        long tour = queryLong("SELECT id FROM tour WHERE tenant_id = ? ORDER BY id LIMIT 1", sonnenhof);
        long date = queryLong("SELECT id FROM tour_date WHERE tour_id = ? AND cutoff_at > NOW()"
                + " ORDER BY delivery_date LIMIT 1", tour);
        long anna = queryLong("SELECT id FROM customer WHERE tenant_id = ? AND email = 'anna@example.org'", sonnenhof);
        audit.page("dashboard", platform.admin(""));
        audit.page("products", platform.admin("products/list"));
        audit.page("product: edit", platform.admin("products/edit?id=" + product));
        audit.page("product: new", platform.admin("products/edit"));
        a.findElement(By.id("product:save")).click();
        producer.waitUntil(WAIT, d -> !d.findElements(By.cssSelector(".ui-message-error, .ui-messages-error")).isEmpty());
        audit.current("product: new, saved empty");
        audit.page("categories", platform.admin("products/categories"));
        audit.page("tours", platform.admin("tours/list"));
        audit.page("tour: edit", platform.admin("tours/edit?id=" + tour));
        audit.page("tour: dates", platform.admin("tours/dates?id=" + tour));
        audit.page("customers", platform.admin("customers/list"));
        audit.page("customer", platform.admin("customers/detail?id=" + anna));
        audit.page("orders", platform.admin("orders/list"));
        audit.page("orders of a date", platform.admin("orders/date?id=" + date));
        Long order = firstOrder(); // the shop's run placed one; the demo data has none (this test run alone)
        if (order != null) {
            audit.page("order", platform.admin("orders/detail?id=" + order));
        }
        audit.page("waiting lists", platform.admin("waitlists/list"));
        audit.page("waiting list of a date", platform.admin("waitlists/date?id=" + date));
        audit.page("settings", platform.admin("settings/shop"));
        audit.page("API tokens", platform.admin("settings/tokens"));

        audit.assertNone();
        producer.assertNoJavaScriptErrors();
    }

    /**
     * A producer's own colours are the shop's, and long names (an article number without a break, a long German
     * compound) wrap: no page needs scrolling sideways at 320 px, the cart's table included.
     */
    @Order(3)
    @Test
    void aShopsOwnColoursAndLongNamesKeepItsPagesReadableOnASmallScreen() {
        String slug = "lange-namen-" + UUID.randomUUID().toString().substring(0, 8);
        long shop = insert("INSERT INTO tenant (slug, name, primary_color, accent_color) VALUES (?, ?, '#6d4c41',"
                + " '#8bc34a')", slug, "Rinderweidewirtschaftsgenossenschaft Oberlindenhof");
        long category = insert("INSERT INTO category (tenant_id, slug, name) VALUES (?, 'kaese', ?)", shop,
                "Rohmilchweichkäsespezialitäten");
        insert("INSERT INTO product (tenant_id, slug, name, category_id, unit, price_cents) VALUES (?, 'kaese', ?, ?,"
                + " 'PIECE', 450)", shop, "Rohmilchbergkäsehartkäsespezialitätenauswahlpaket", category);
        insert("INSERT INTO product (tenant_id, slug, name, category_id, unit, price_cents) VALUES (?, 'nummer', ?, ?,"
                + " 'PIECE', 300)", shop, "HOFKAESE_" + "0123456789".repeat(9), category);
        Audit audit = new Audit(customer, "de", true);
        customer.driver().manage().deleteAllCookies();
        String base = platform.storefront(slug + "/");

        audit.page("home, long names", base + "?lang=de");
        audit.page("products, long names", base + "products");
        audit.page("category, long names", base + "products?category=kaese");
        audit.page("product, long name", base + "products/nummer");
        WebDriver c = customer.driver();
        c.findElement(By.cssSelector("form.add-to-cart button[type=submit]")).click();
        customer.waitUntil(WAIT, d -> d.getCurrentUrl().contains("/cart"));
        customer.open(base + "products/kaese");
        c.findElement(By.cssSelector("form.add-to-cart button[type=submit]")).click();
        customer.waitUntil(WAIT, d -> d.getCurrentUrl().contains("/cart"));
        audit.current("cart with long names");
        // Anna's orders at the Sonnenhof (the storefront's run placed one)
        signIn("de");
        audit.page("account: orders", shop("account/orders", "de"));
        audit.assertNone();

        // the header is in the shop's brown, its badge in the shop's green (not the platform's default colours)
        customer.open(base);
        assertThat(js(c, "return getComputedStyle(document.querySelector('.site-header')).backgroundColor"))
                .isEqualTo("rgb(109, 76, 65)");
        assertThat(js(c, "return getComputedStyle(document.querySelector('.badge')).backgroundColor"))
                .isEqualTo("rgb(139, 195, 74)");
        customer.assertNoJavaScriptErrors();
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /**
     * Walks the current page with the Tab key from where its focus starts and checks the focus indicator of every
     * stop ({@code a11y-focus.js}); ends when the focus leaves the page or comes round again.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> focusWalk(WebDriver driver) {
        List<Map<String, Object>> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < TAB_STOPS; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            Map<String, Object> stop = (Map<String, Object>) js(driver, FOCUS);
            if (stop == null || !seen.add((String) stop.get("key"))) {
                break;
            }
            if (stop.get("violation") != null) {
                found.add((Map<String, Object>) stop.get("violation"));
            }
        }
        return found;
    }

    /** The page's layout at {@code width} CSS pixels (a phone's), until {@link #desktop}. */
    static void narrow(WebDriver driver, int width) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", false));
    }

    static void desktop(WebDriver driver) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    private static String shop(String path, String lang) {
        return platform.storefront("sonnenhof/" + path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
    }

    private static Long firstOrder() {
        try {
            return queryLong("SELECT id FROM customer_order WHERE tenant_id = ? ORDER BY id LIMIT 1", sonnenhof);
        } catch (RuntimeException | AssertionError none) {
            return null;
        }
    }

    private void signIn(String lang) {
        WebDriver c = customer.open(shop("account/login", lang));
        c.findElement(By.id("email")).sendKeys("anna@example.org");
        c.findElement(By.id("password")).sendKeys("anna-demo");
        c.findElement(By.cssSelector("form.login button[type=submit]")).click();
        customer.waitUntil(WAIT, d -> !d.getCurrentUrl().contains("/account/login"));
    }

    private static String link(String mailBody) {
        Matcher m = Pattern.compile("(https?://[^\\s\"<>]*/account/reset[^\\s\"<>]*)").matcher(mailBody);
        assertThat(m.find()).as(mailBody).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    private static Object js(WebDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static String read(String script) {
        try (InputStream in = AccessibilityIT.class.getResourceAsStream(script)) {
            return new String(Objects.requireNonNull(in, script).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects the violations of the pages of one browser in one language; fails once, listing all of them. */
    private static final class Audit {

        private final Browser browser;
        private final String lang;
        /** Also at 320 px (the storefront's pages): the page-overflow rule. */
        private final boolean narrowToo;
        private final List<String> violations = new ArrayList<>();
        private int pages;

        Audit(Browser browser, String lang, boolean narrowToo) {
            this.browser = browser;
            this.lang = lang;
            this.narrowToo = narrowToo;
        }

        void page(String name, String url) {
            browser.open(url);
            current(name);
        }

        @SuppressWarnings("unchecked")
        void current(String name) {
            pages++;
            WebDriver driver = browser.driver();
            if (Boolean.getBoolean("farmstand.a11y.dump")) { // every audited page's HTML and screenshot, to review
                browser.screenshot(String.format("a11y-%s-%02d-%s", lang, pages, name.replaceAll("\\W+", "-")));
            }
            List<Map<String, Object>> found = new ArrayList<>((List<Map<String, Object>>) js(driver, AUDIT, lang));
            found.addAll(focusWalk(driver));
            for (Map<String, Object> v : found) {
                violations.add(String.format("[%s] %s (%s)%n    %s: %s", lang, name, driver.getCurrentUrl(),
                        v.get("rule"), v.get("element")));
            }
            if (narrowToo) {
                narrow(driver, 320);
                try {
                    for (Map<String, Object> v : (List<Map<String, Object>>) js(driver, AUDIT, lang, "layout")) {
                        violations.add(String.format("[%s] %s at 320 px (%s)%n    %s: %s", lang, name,
                                driver.getCurrentUrl(), v.get("rule"), v.get("element")));
                    }
                } finally {
                    desktop(driver);
                }
            }
        }

        void assertNone() {
            if (!violations.isEmpty()) {
                throw new AssertionError(violations.size() + " accessibility violations on " + pages + " pages ["
                        + lang + "]:\n" + String.join("\n", violations));
            }
        }
    }
}
