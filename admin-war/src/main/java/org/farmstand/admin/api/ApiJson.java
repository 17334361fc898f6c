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
        T value = null;
        try {
            if (body != null && !body.isBlank()) {
                checkStrictly(body, type);
                value = jsonb.fromJson(body, type);
            }
        } catch (jakarta.ws.rs.WebApplicationException e) {
            throw e;
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
     * A request field that must be in the body even where null is a valid value: a missing one would mean null
     * silently ({@code {}} as a stock change would lift the limit).
     */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.FIELD)
    public @interface Present {
    }

    /**
     * What JSON-B's binding would let through silently, refused before it binds: a property given twice, a property
     * the request type does not have (a typo such as {@code "Stock"} would otherwise leave the field null: "no limit"), a number for a
     * whole-number field that is not whole or does not fit ({@code 1.5}, {@code 1e400}, {@code 4294967301} were cut
     * or wrapped to 1, 0, 5), and anything but {@code true}/{@code false} for a yes/no field ({@code "yes"} and
     * {@code 1} became false). Wrong JSON types are 400 problems, values out of range 422 ones, as from validation.
     */
    static void checkStrictly(String body, Class<?> type) {
        jakarta.json.JsonValue parsed;
        try (jakarta.json.stream.JsonParser parser = jakarta.json.Json.createParser(new java.io.StringReader(body))) {
            parser.next();
            parsed = parser.getValue();
            // JSON-B binds the first value and ignores the rest: {"stock":5}{"stock":null} would set 5
            if (parser.hasNext()) {
                throw ProblemMappers.malformed().withErrors(List.of(
                        new Problem.FieldError("body", "has more after the JSON object"))).exception();
            }
        }
        if (!(parsed instanceof jakarta.json.JsonObject object)) {
            throw ProblemMappers.malformed()
                    .withErrors(List.of(new Problem.FieldError("body", "must be a JSON object"))).exception();
        }
        List<Problem.FieldError> wrongType = new java.util.ArrayList<>();
        List<Problem.FieldError> invalid = new java.util.ArrayList<>();
        // the parsed object keeps the last of two equal names: {"stock":5,"stock":null} lifted the limit
        givenTwice(body).forEach(name -> invalid.add(new Problem.FieldError(name, "is given more than once")));
        for (var entry : object.entrySet()) {
            String name = entry.getKey();
            Class<?> fieldType = publicFieldType(type, name);
            jakarta.json.JsonValue v = entry.getValue();
            if (fieldType == null) {
                invalid.add(new Problem.FieldError(name, "is not a property of this request"));
            } else if (v.getValueType() == jakarta.json.JsonValue.ValueType.NULL) {
                continue; // validation decides whether null is allowed
            } else if (fieldType == Long.class || fieldType == long.class || fieldType == Integer.class
                    || fieldType == int.class) {
                if (!(v instanceof jakarta.json.JsonNumber number)) {
                    wrongType.add(new Problem.FieldError(name, "has the wrong type"));
                    continue;
                }
                java.math.BigDecimal decimal = number.bigDecimalValue();
                boolean isLong = fieldType == Long.class || fieldType == long.class;
                if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
                    invalid.add(new Problem.FieldError(name, "must be a whole number"));
                } else if (decimal.abs().compareTo(java.math.BigDecimal.valueOf(isLong ? Long.MAX_VALUE
                        : Integer.MAX_VALUE)) > 0) {
                    invalid.add(new Problem.FieldError(name, "is out of range"));
                }
            } else if (fieldType == Boolean.class || fieldType == boolean.class) {
                if (v.getValueType() != jakarta.json.JsonValue.ValueType.TRUE
                        && v.getValueType() != jakarta.json.JsonValue.ValueType.FALSE) {
                    wrongType.add(new Problem.FieldError(name, "has the wrong type"));
                }
            } else if (fieldType == String.class && !(v instanceof jakarta.json.JsonString)) {
                wrongType.add(new Problem.FieldError(name, "has the wrong type"));
            }
        }
        for (java.lang.reflect.Field field : type.getFields()) {
            if (field.isAnnotationPresent(Present.class) && !object.containsKey(field.getName())) {
                invalid.add(new Problem.FieldError(field.getName(), "must be given (null where null is meant)"));
            }
        }
        if (!wrongType.isEmpty()) {
            throw ProblemMappers.malformed().withErrors(wrongType).exception();
        }
        if (!invalid.isEmpty()) {
            throw ProblemMappers.invalid(invalid).exception();
        }
    }

    /** The names of the body's object given more than once (the body is one object, parsed already). */
    private static java.util.Set<String> givenTwice(String body) {
        java.util.Set<String> names = new java.util.HashSet<>();
        java.util.Set<String> twice = new java.util.TreeSet<>();
        try (jakarta.json.stream.JsonParser parser = jakarta.json.Json.createParser(new java.io.StringReader(body))) {
            int depth = 0;
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case KEY_NAME -> {
                        if (depth == 1 && !names.add(parser.getString())) {
                            twice.add(parser.getString());
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return twice;
    }

    private static Class<?> publicFieldType(Class<?> type, String name) {
        try {
            java.lang.reflect.Field field = type.getField(name);
            return java.lang.reflect.Modifier.isStatic(field.getModifiers()) ? null : field.getType();
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

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

    /** The strong ETag of the value's JSON: what {@link #conditional} answers with it. */
    public EntityTag tag(Object value) {
        return tag(write(value));
    }

    private static EntityTag tag(String body) {
        return new EntityTag(Tokens.sha256Hex(body).substring(0, 32));
    }

    /** 200 with the body and a strong ETag of it, or 304 when the client's If-None-Match matches. */
    public Response conditional(Request request, Object value, Response.ResponseBuilder... extra) {
        String body = write(value);
        EntityTag tag = tag(body);
        Response.ResponseBuilder precondition = request.evaluatePreconditions(tag);
        Response.ResponseBuilder b;
        if (precondition == null) {
            b = Response.ok(body, MediaType.APPLICATION_JSON_TYPE);
        } else {
            Response failed = precondition.build(); // (build() resets the builder)
            if (failed.getStatus() == Response.Status.PRECONDITION_FAILED.getStatusCode()) {
                // an If-Match that does not match: a problem like every other error (the answer has no body, and
                // the container would send its HTML error page)
                throw Problem.of(412, "precondition-failed", "Precondition failed",
                        "The resource has changed: its ETag does not match If-Match.").exception();
            }
            b = Response.fromResponse(failed);
        }
        return b.tag(tag).header("Cache-Control", "private, no-cache").build();
    }

    /** {@link #conditional} of the value, or a 404 problem saying {@code notFound} when there is none. */
    public Response conditionalOrNotFound(Request request, Optional<?> value, String notFound) {
        return value.map(v -> conditional(request, v))
                .orElseThrow(() -> Problem.of(Response.Status.NOT_FOUND, notFound).exception());
    }
}
