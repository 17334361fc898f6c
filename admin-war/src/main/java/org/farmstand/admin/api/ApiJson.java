package org.farmstand.admin.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.farmstand.platform.security.Tokens;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON in and out of the API: request bodies are read here (so a malformed body is a 400 problem and the raw text is
 * at hand for the idempotency hash) and validated (422 with the fields); list answers carry an ETag and answer a
 * matching If-None-Match with 304.
 */
@ApplicationScoped
public class ApiJson {

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    @Inject
    Validator validator;

    public <T> T read(String body, Class<T> type) {
        T value;
        try {
            value = body == null || body.isBlank() ? null : jsonb.fromJson(body, type);
        } catch (RuntimeException e) {
            throw ProblemMappers.malformed().withErrors(List.of(where(e))).exception();
        }
        if (value == null) {
            throw ProblemMappers.malformed()
                    .withErrors(List.of(new Problem.FieldError("body", "must be a JSON object"))).exception();
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw ProblemMappers.invalid(ProblemMappers.errors(violations)).exception();
        }
        return value;
    }

    private static final Pattern PROPERTY = Pattern.compile("property '?([A-Za-z0-9_]+)'?");

    /**
     * Where a body failed to parse, as a field error: the property whose value has the wrong type, or the line and
     * column of a syntax error. Only names and positions, never the parser's own text.
     */
    static Problem.FieldError where(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParsingException p && p.getLocation() != null) {
                return new Problem.FieldError("body", "is not valid JSON (line " + p.getLocation().getLineNumber()
                        + ", column " + p.getLocation().getColumnNumber() + ")");
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = t.getMessage() == null ? null : PROPERTY.matcher(t.getMessage());
            if (m != null && m.find()) {
                return new Problem.FieldError(m.group(1), "has the wrong type");
            }
        }
        return new Problem.FieldError("body", "is not valid JSON of the expected shape");
    }

    public String write(Object value) {
        return jsonb.toJson(value);
    }

    /** 200 with the body and a strong ETag of it, or 304 when the client's If-None-Match matches. */
    public Response conditional(Request request, Object value, Response.ResponseBuilder... extra) {
        String body = write(value);
        EntityTag tag = new EntityTag(Tokens.sha256Hex(body).substring(0, 32));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        Response.ResponseBuilder b = notModified != null ? notModified
                : Response.ok(body, MediaType.APPLICATION_JSON_TYPE);
        return b.tag(tag).header("Cache-Control", "private, no-cache").build();
    }

    /** {@link #conditional} of the value, or a 404 problem saying {@code notFound} when there is none. */
    public Response conditionalOrNotFound(Request request, Optional<?> value, String notFound) {
        return value.map(v -> conditional(request, v))
                .orElseThrow(() -> Problem.of(Response.Status.NOT_FOUND, notFound).exception());
    }
}
