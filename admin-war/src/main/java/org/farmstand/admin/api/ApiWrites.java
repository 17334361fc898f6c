package org.farmstand.admin.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.farmstand.api.boundary.IdempotentWrites;
import org.farmstand.platform.security.Tokens;
import org.farmstand.platform.web.Causes;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The API's writes: {@link #put} checks the {@code Idempotency-Key}, reads and validates the JSON body and runs the
 * write once per key, replaying the stored answer afterwards.
 */
@ApplicationScoped
public class ApiWrites {

    public static final String HEADER = "Idempotency-Key";

    /** What {@code If-Match} does on the writes that take it (the others refuse it: {@link ApiPreconditionCheck}). */
    public static final String IF_MATCH = "Optional: the ETag of the resource as its GET answered it (GET"
            + " /products/{id}, GET /orders/{number}). The write is made only while the resource is unchanged since"
            + " (an order that took stock changes the product), else a 412 problem and nothing is written; e.g. a"
            + " stock counted from a product read earlier is not set over orders placed since.";
    /**
     * Attempts of a write that meets concurrent writes of the same row, each after a short random pause (any other
     * failure is tried twice: the second attempt finds a concurrent twin's stored answer).
     */
    static final int ATTEMPTS = 5;
    private static final Logger LOG = Logger.getLogger(ApiWrites.class.getName());

    @Inject
    IdempotentWrites idempotent;

    @Inject
    ApiJson json;

    /** The current request (CDI's built-in bean): its caller, as {@link ApiAuthFilter} left it. */
    @Inject
    jakarta.servlet.http.HttpServletRequest request;

    /**
     * A PUT of a JSON body of the given type: the key is checked before anything else (400 problem), then the body is
     * read and validated (400 / 422 problems), then {@code write} runs with it under the key: its answer is stored
     * and, for a repeated key with the same request, replayed without running it again.
     */
    public <T> Response put(String key, UriInfo uri, String body, Class<T> type,
                            Function<T, IdempotentWrites.Stored> write) {
        requireKey(key);
        String text = withoutByteOrderMark(body);
        T change = json.read(text, type);
        return run(key, "PUT", uri, text, () -> write.apply(change));
    }

    /**
     * The body without a leading UTF-8 byte order mark, which JSON allows a reader to ignore (RFC 8259, 8.1) and
     * Windows software often writes: with it the body was a 400 "not valid JSON (line 1, column 1)". The same write
     * with and without the mark is the same request for its Idempotency-Key.
     */
    static String withoutByteOrderMark(String body) {
        return body != null && body.startsWith("\uFEFF") ? body.substring(1) : body;
    }

    /** For {@link #put}: 200 with the written resource as JSON, or a 404 problem saying {@code notFound}. */
    public IdempotentWrites.Stored okOrNotFound(Optional<?> written, String notFound) {
        return written.map(value -> new IdempotentWrites.Stored(200, json.write(value)))
                .orElseThrow(() -> Problem.of(Response.Status.NOT_FOUND, notFound).exception());
    }

    /**
     * For a write that honours {@code If-Match} (its resource method takes the header): when the request has one,
     * {@code current} reads the resource as its GET answers it, with a lock that holds until the write commits (call
     * this inside {@link #put}'s write), and a 412 problem is thrown when its ETag does not match (nothing is written;
     * a 404 problem saying {@code notFound} when there is no such resource). Without the header nothing is read.
     */
    public void precondition(String ifMatch, Request request, Supplier<Optional<?>> current, String notFound) {
        if (ifMatch == null) {
            return;
        }
        Object now = current.get().orElseThrow(() -> Problem.of(Response.Status.NOT_FOUND, notFound).exception());
        if (request.evaluatePreconditions(json.tag(now)) != null) {
            throw Problem.of(412, "precondition-failed", "Precondition failed", "The resource has changed: its ETag"
                    + " does not match If-Match; nothing was written. Read it again and decide anew.").exception();
        }
    }

    /** Checks the key before anything else is looked at; a missing or oversized key is a 400 problem. */
    static String requireKey(String key) {
        if (key == null || key.isBlank() || key.length() > IdempotentWrites.MAX_KEY_LENGTH) {
            throw Problem.of(400, "idempotency-key-required", "Idempotency-Key required",
                    "Every write needs an Idempotency-Key header (1 to " + IdempotentWrites.MAX_KEY_LENGTH
                            + " characters), unique per intended change.").exception();
        }
        return key;
    }

    private Response run(String key, String method, UriInfo uri, String body, Supplier<IdempotentWrites.Stored> work) {
        String hash = Tokens.sha256Hex(method + " " + uri.getPath() + "\n" + (body == null ? "" : body.strip()));
        IdempotentWrites.Stored stored = null;
        for (int attempt = 1; stored == null; attempt++) {
            try {
                stored = idempotent.run(tokenId(), key, hash, work);
            } catch (WebApplicationException | IdempotentWrites.KeyReused
                     | jakarta.validation.ConstraintViolationException e) {
                throw e;
            } catch (RuntimeException e) {
                // a concurrent twin with the same key committed first (its stored answer is ours, found by the next
                // attempt), or a concurrent write changed the same row (the next attempt reads it anew): a management
                // system pushing prices in parallel must not get a 500 for that
                boolean conflict = Causes.optimisticLock(e);
                if (attempt == ATTEMPTS || !conflict && attempt == 2) {
                    if (conflict) {
                        throw Problem.of(409, "concurrent-change", "Changed concurrently", "The resource was changed"
                                + " by concurrent requests; nothing was written. Send the request again.").exception();
                    }
                    throw e;
                }
                LOG.log(Level.FINE, "Idempotent write failed, trying again", e);
                pause(attempt);
            }
        }
        Response.ResponseBuilder b = Response.status(stored.status()).entity(stored.body())
                .type(stored.status() >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON_TYPE);
        if (stored.replayed()) {
            b.header("Idempotent-Replayed", "true");
        }
        return b.build();
    }

    /** The id of the API token that sent the write: its Idempotency-Keys are its own. */
    private long tokenId() {
        if (request.getAttribute(ApiAuthFilter.CALLER) instanceof org.farmstand.api.boundary.ApiTokenLookup.Caller c) {
            return c.tokenId();
        }
        throw new IllegalStateException("an API write without an authenticated caller");
    }

    /** Up to 10, 20, ... ms, random: concurrent writers that met each other should not meet again in step. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 10L * attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
