package org.farmstand.admin.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A {@code Content-Encoding} other than identity is a 415 problem (with {@code Accept-Encoding: identity}, RFC 9110
 * 15.5.16), before anything reads the body. A {@code Content-Type} that cannot be parsed is a 400 problem. A servlet filter, not a JAX-RS one: Jersey reads the
 * header while it builds the request, before any of its filters, and answers with the container's HTML 400 page (or
 * 500 for a quality parameter, which it tries to read as a number; a quality means nothing in a Content-Type and is
 * refused here too).
 */
@WebFilter(filterName = "ApiContentTypeCheck", urlPatterns = "/api/*")
public class ApiContentTypeCheck extends HttpFilter {

    /** type/subtype as RFC 9110 tokens, then the end or parameters. */
    private static final Pattern TYPE = Pattern.compile(
            "\\s*[-!#$%&'*+.^_`|~0-9A-Za-z]+/[-!#$%&'*+.^_`|~0-9A-Za-z]+\\s*(;|$)");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !ok(contentType)) {
            answer(response, malformed(HttpHeaders.CONTENT_TYPE));
            return;
        }
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            // nothing decodes it: a compressed body was read as text and answered "not valid JSON (line 1, column
            // 1)", an uncompressed one with the header was taken as it came
            response.setHeader("Accept-Encoding", "identity");
            answer(response, Problem.of(415, "unsupported-content-encoding", "Unsupported Content-Encoding",
                    "Request bodies are taken uncompressed only: send the body without Content-Encoding."));
            return;
        }
        chain.doFilter(request, response);
    }

    private static void answer(HttpServletResponse response, Problem problem) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE.toString());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(problem.json());
    }

    static boolean ok(String contentType) {
        if (!TYPE.matcher(contentType).lookingAt()) {
            return false;
        }
        try {
            return !MediaType.valueOf(contentType).getParameters().containsKey("q");
        } catch (RuntimeException e) {
            return false;
        }
    }

    static Problem malformed(String header) {
        return Problem.of(400, "malformed-header", "Malformed header",
                "The " + header + " header cannot be read as media types.");
    }
}
