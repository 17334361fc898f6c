package org.farmstand.storefront;

import org.farmstand.platform.web.SessionBudget;
import org.farmstand.testing.Http;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In the container: a full customer journey (sign in, cart changes, checkout, orders), then every session attribute
 * that was stored must have serialized (sessions replicate in a cluster) and Farmstand's own ones must be small.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionBudgetIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return StorefrontDeployment.war().addClasses(SessionBudgetProbe.class);
    }

    /** {checked, largest, violations} as the server's guard saw them. */
    String[] guard() throws Exception {
        return get("_test/session-budget").body().split("\n", -1);
    }

    @ArquillianResource
    URL base;

    final CookieManager cookies = new CookieManager();
    final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

    URI uri(String path) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return URI.create(root).resolve(path);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static java.util.List<String> productIds(String html) {
        Matcher m = Pattern.compile("name=\"productId\" value=\"(\\d+)\"").matcher(html);
        java.util.List<String> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void aFullJourneyKeepsSessionsSerializableAndSmall() throws Exception {
        int before = Integer.parseInt(guard()[0]);
        String login = get("s/sonnenhof/account/login").body();
        String csrf = Http.hiddenField(login, "_csrf");
        assertEquals(303, post("s/sonnenhof/account/login", Map.of("_csrf", csrf, "next", "",
                "email", "ben@example.org", "password", "ben-demo")).statusCode());
        Map<String, String> lines = new LinkedHashMap<>();
        for (String slug : new String[]{"moehren", "kartoffeln", "kuerbis", "salat", "aepfel", "gemuesekiste"}) {
            String page = get("s/sonnenhof/products/" + slug).body();
            String id = productIds(page).get(0);
            lines.put(slug, id);
            assertEquals(303, post("s/sonnenhof/cart", Map.of("_csrf", csrf, "action", "add", "productId", id,
                    "quantity", "3")).statusCode());
        }
        assertEquals(303, post("s/sonnenhof/cart", Map.of("_csrf", csrf, "action", "update",
                "productId", lines.get("salat"), "quantity", "7")).statusCode());
        String checkout = get("s/sonnenhof/checkout").body();
        Matcher date = Pattern.compile("id=\"d-(\\d+)\"[^>]*checked=\"checked\"").matcher(checkout);
        assertTrue(date.find(), "a date to choose");
        var placed = post("s/sonnenhof/checkout", Map.of("_csrf", csrf, "key", Http.hiddenField(checkout, "key"),
                "expectedTotal", Http.hiddenField(checkout, "expectedTotal"), "tourDateId", date.group(1)));
        assertEquals(303, placed.statusCode(), placed.body());
        assertEquals(200, get("s/sonnenhof/account/orders").statusCode());

        String[] after = guard();
        assertTrue(Integer.parseInt(after[0]) > before, "the journey stored session attributes");
        assertEquals("", after[2], "violations");
        int largest = Integer.parseInt(after[1]);
        assertTrue(largest > 0 && largest <= SessionBudget.MAX_BYTES, "largest farmstand.* attribute: " + largest + " bytes");
    }
}
