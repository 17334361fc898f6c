package org.farmstand.storefront;

import org.farmstand.testing.Browser;
import org.farmstand.testing.Http;
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
        return StorefrontDeployment.war();
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
}
