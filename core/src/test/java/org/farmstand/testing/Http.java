package org.farmstand.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A small HTTP client for integration tests: one cookie jar per instance (so one instance is one visitor with one
 * session), redirects <em>not</em> followed unless asked for, bodies as strings.
 * <pre>
 * Http http = new Http(URI.create(baseUrl));          // e.g. Arquillian's &#64;ArquillianResource URL
 * Http.Response page = http.get("login.xhtml");
 * Map&lt;String, String&gt; form = Http.extractHiddenInputs(page.body(), "login");
 * form.put("login:email", "anna@example.org");
 * Http.Response posted = http.post("login.xhtml", form);
 * assertThat(posted.status()).isEqualTo(302);
 * </pre>
 */
public final class Http {

    public static final String VIEW_STATE = "jakarta.faces.ViewState";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern FORM_START = Pattern.compile("<form\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([A-Za-z_:][-A-Za-z0-9_:.]*)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))");

    private final URI base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;

    /** Redirects are not followed. */
    public Http(URI base) {
        this(base, false);
    }

    public Http(URI base, boolean followRedirects) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .connectTimeout(TIMEOUT)
                .followRedirects(followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .build();
    }

    /** GET {@code path}, relative to the base URI (or absolute). */
    public Response get(String path) {
        return send(HttpRequest.newBuilder(resolve(path)).GET());
    }

    /**
     * GET {@code path} again, 50 ms apart, until {@code done} holds for the answer or {@code timeout} has passed; the
     * last answer either way (the caller asserts on it). For what becomes true within a known time: a change another
     * WAR or node reads within a second, a turn in the admission queue.
     */
    public Response getUntil(String path, java.util.function.Predicate<Response> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Response response = get(path);
        while (!done.test(response) && System.nanoTime() - deadline < 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            response = get(path);
        }
        return response;
    }

    /** POST {@code application/x-www-form-urlencoded}, fields in the map's order. */
    public Response post(String path, Map<String, String> form) {
        return send(HttpRequest.newBuilder(resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form))));
    }

    /** Any request, e.g. JSON: {@code http.send(http.request("api/x").PUT(ofString(json)).header(...))}. */
    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers(), response.body(), response.uri());
        } catch (IOException e) {
            throw new UncheckedIOException(request.build().method() + " " + request.build().uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request builder for {@code path} (relative to the base URI), for {@link #send}. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(resolve(path));
    }

    public URI resolve(String path) {
        return base.resolve(path.startsWith("/") && !path.startsWith("//") ? path.substring(1) : path);
    }

    /** The cookies this visitor holds, e.g. to check that {@code JSESSIONID} is HttpOnly. */
    public List<HttpCookie> cookies() {
        return cookies.getCookieStore().getCookies();
    }

    public Optional<HttpCookie> cookie(String name) {
        return cookies().stream().filter(cookie -> cookie.getName().equals(name)).findFirst();
    }

    /**
     * A plain (non-Faces) form for {@link #post}: {@code _csrf} first, then the name/value pairs in order, e.g.
     * {@code form(hiddenField(page.body(), "_csrf"), "email", email, "password", password)}. The map is mutable.
     */
    public static Map<String, String> form(String csrfToken, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Names and values come in pairs: " + Arrays.toString(namesAndValues));
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", csrfToken);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    public static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The value of the first {@code <input name="NAME" value="...">} in the page (plain forms: _csrf, key, ...). */
    public static String hiddenField(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("No field " + name + " in " + abbreviate(html));
        }
        return unescape(m.group(1));
    }

    /** The first {@code jakarta.faces.ViewState} in the page. */
    public static String extractViewState(String html) {
        Matcher input = INPUT.matcher(html);
        while (input.find()) {
            Map<String, String> attributes = attributes(input.group());
            if (VIEW_STATE.equals(attributes.get("name"))) {
                return attributes.getOrDefault("value", "");
            }
        }
        throw new AssertionError("No " + VIEW_STATE + " in the page:\n" + abbreviate(html));
    }

    /**
     * Name and value of every hidden input of the form with the given id (the Faces form marker
     * {@code formId=formId}, {@code jakarta.faces.ViewState}, a {@code _csrf} token, ...), in document order; the
     * returned map is mutable, so add the visible fields and post it.
     */
    public static Map<String, String> extractHiddenInputs(String html, String formId) {
        String form = formBody(html, formId);
        Map<String, String> hidden = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(form);
        while (input.find()) {
            Map<String, String> attributes = attributes(input.group());
            if ("hidden".equalsIgnoreCase(attributes.get("type")) && attributes.containsKey("name")) {
                hidden.put(attributes.get("name"), attributes.getOrDefault("value", ""));
            }
        }
        return hidden;
    }

    private static String formBody(String html, String formId) {
        Matcher start = FORM_START.matcher(html);
        while (start.find()) {
            if (formId.equals(attributes(start.group()).get("id"))) {
                int end = html.toLowerCase(java.util.Locale.ROOT).indexOf("</form", start.end());
                return html.substring(start.end(), end < 0 ? html.length() : end);
            }
        }
        throw new AssertionError("No <form id=\"" + formId + "\"> in the page:\n" + abbreviate(html));
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher attribute = ATTRIBUTE.matcher(tag);
        while (attribute.find()) {
            String value = attribute.group(2) != null ? attribute.group(2)
                    : attribute.group(3) != null ? attribute.group(3) : attribute.group(4);
            attributes.put(attribute.group(1).toLowerCase(java.util.Locale.ROOT), unescape(value));
        }
        return attributes;
    }

    private static String unescape(String value) {
        if (value.indexOf('&') < 0) {
            return value;
        }
        Matcher entity = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);").matcher(value);
        StringBuilder result = new StringBuilder();
        while (entity.find()) {
            String name = entity.group(1);
            String replacement = switch (name) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> new String(Character.toChars(name.startsWith("#x")
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1))));
            };
            entity.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        entity.appendTail(result);
        return result.toString();
    }

    private static String abbreviate(String html) {
        return html.length() > 2000 ? html.substring(0, 2000) + "..." : html;
    }

    /** Status, headers and body of one response (not following redirects: a 302 is a 302). */
    public record Response(int status, HttpHeaders headers, String body, URI uri) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The {@code Location} header, resolved against the request URI. */
        public Optional<URI> location() {
            return header("Location").map(uri::resolve);
        }

        @Override
        public String toString() {
            return status + " " + uri + " " + headers.map() + "\n" + abbreviate(body);
        }
    }
}
