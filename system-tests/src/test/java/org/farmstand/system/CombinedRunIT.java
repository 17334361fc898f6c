package org.farmstand.system;

import org.farmstand.testing.Http;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only shows when both WARs share one Payara Micro (storefront at the root context, admin at /admin), as with
 * {@code ./run.sh}: Payara's own endpoints that the root application could shadow, and both applications answering
 * side by side. No browser needed.
 */
class CombinedRunIT {

    @Test
    void theOpenApiDocumentDescribesTheAdminApiDespiteTheStorefrontAtTheRoot() {
        Http http = new Http(Platform.get().base());
        var yaml = http.get("openapi");
        assertThat(yaml.status()).as(yaml.body()).isEqualTo(200);
        assertThat(yaml.body()).contains("openapi:", "/api/v1/orders", "/api/v1/customers", "/api/v1/tours");
        var json = http.get("openapi?format=json");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.body().strip()).startsWith("{").contains("\"/api/v1/orders\"");
        // every operation has its own id (clients generate a method per id; duplicates make the document invalid)
        var ids = java.util.regex.Pattern.compile("\"operationId\"\\s*:\\s*\"([^\"]+)\"").matcher(json.body()).results()
                .map(m -> m.group(1)).toList();
        assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
        // the storefront's part of the merged document adds no schemas of its own, nor unfiltered copies of the API's
        assertThat(json.body()).doesNotContain("Backing").doesNotContainPattern("\"maxProperties\"\\s*:\\s*0");
        assertThat(http.cookie("JSESSIONID")).as("no session for the document").isEmpty();
    }

    @Test
    void payarasMetricsShowTheAdmissionGaugesDespiteTheStorefrontAtTheRoot() {
        Http http = new Http(Platform.get().base());
        assertThat(http.get("s/sonnenhof/").status()).isEqualTo(200); // the storefront's gauges exist from its first request
        var metrics = http.get("metrics?scope=application");
        assertThat(metrics.status()).as(metrics.body()).isEqualTo(200);
        assertThat(metrics.body()).contains("farmstand_admission_limit", "farmstand_admission_inFlight")
                .doesNotContain("<html");
        assertThat(http.cookie("JSESSIONID")).as("no session for the metrics").isEmpty();
    }

    @Test
    void storefrontAdminApiAndHealthAnswerOnOneServer() {
        Http http = new Http(Platform.get().base());
        assertThat(http.get("health/ready").body()).containsPattern("\"status\"\\s*:\\s*\"UP\"");
        assertThat(http.get("s/sonnenhof/").status()).isEqualTo(200);
        assertThat(http.get("s/lindenhof/products").status()).isEqualTo(200);
        assertThat(http.get("admin/login").status()).isEqualTo(200);
        var unauthorized = http.get("admin/api/v1/tours");
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
        var tours = http.send(http.request("admin/api/v1/tours")
                .header("Authorization", "Bearer fs_demo_sonnenhof_readwrite_token"));
        assertThat(tours.status()).isEqualTo(200);
        assertThat(tours.body()).contains("Dienstag Nord").doesNotContain("Mittwoch Stadt");
    }

    @Test
    void sessionCookiesCarryTheirSameSiteAttribute() {
        // Payara 6 ignores <cookie-config><attribute> in web.xml; WEB-INF/payara-web.xml sets it (Payara writes the
        // attribute twice, once in lower case: both say the same)
        var admin = new Http(Platform.get().base()).get("admin/login");
        assertThat(admin.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("JSESSIONID="))
                .singleElement().satisfies(c -> assertThat(c).contains("HttpOnly").containsIgnoringCase("SameSite=Strict")
                        .doesNotContainIgnoringCase("SameSite=Lax"));
        Http customer = new Http(Platform.get().base());
        String page = customer.get("s/lindenhof/account/login").body();
        var login = customer.post("s/lindenhof/account/login", java.util.Map.of("_csrf", Http.hiddenField(page, "_csrf"),
                "email", "clara@example.org", "password", "clara-demo"));
        assertThat(login.status()).as(login.body()).isIn(302, 303);
        assertThat(login.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("JSESSIONID="))
                .singleElement().satisfies(c -> assertThat(c).contains("HttpOnly").containsIgnoringCase("SameSite=Lax")
                        .doesNotContainIgnoringCase("SameSite=Strict").doesNotContain("Secure"));
    }

    /**
     * Behind a balancer that ends TLS (X-Forwarded-Proto: https) the session and the shop's own cookies are flagged
     * Secure, so a browser never sends them over plain HTTP; without it they are not (a plain-HTTP install works).
     */
    @Test
    void overHttpsAsTheBalancerSaysCookiesAreSecure() {
        Http customer = new Http(Platform.get().base());
        var page = customer.send(customer.request("s/lindenhof/account/login").header("X-Forwarded-Proto", "https"));
        assertThat(page.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("fs_csrf="))
                .singleElement().satisfies(c -> assertThat(c).contains("Secure"));
        // (the client's cookie store keeps a Secure cookie from plain HTTP: it is sent by hand)
        var login = customer.send(customer.request("s/lindenhof/account/login").header("X-Forwarded-Proto", "https")
                .header("Cookie", "fs_csrf=" + Http.hiddenField(page.body(), "_csrf"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Http.formEncode(java.util.Map.of(
                        "_csrf", Http.hiddenField(page.body(), "_csrf"), "email", "clara@example.org",
                        "password", "clara-demo")))));
        assertThat(login.status()).as(login.body()).isIn(302, 303);
        assertThat(login.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("JSESSIONID="))
                .singleElement().satisfies(c -> assertThat(c).contains("Secure", "HttpOnly"));
        var switched = new Http(Platform.get().base()).send(new Http(Platform.get().base())
                .request("s/lindenhof/?lang=en").header("X-Forwarded-Proto", "https"));
        assertThat(switched.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("fs_lang="))
                .singleElement().satisfies(c -> assertThat(c).contains("Secure"));
    }
}
