package org.farmstand.admin.api;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.farmstand.api.boundary.IdempotentWrites;

import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every error of the API as application/problem+json, never with a stack trace. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    static Problem malformed() {
        return Problem.of(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON of the expected shape.");
    }

    static Problem invalid(List<Problem.FieldError> errors) {
        return Problem.of(422, "validation", "Validation failed", "Some fields of the request are invalid.")
                .withErrors(errors);
    }

    static List<Problem.FieldError> errors(java.util.Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
    }

    /** JAX-RS' own answers (404 for unknown paths, 405, 406, 415, ...) and problems thrown as exceptions. */
    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response r = e.getResponse();
            if (r != null && r.getMediaType() != null && r.getMediaType().isCompatible(Problem.MEDIA_TYPE)) {
                return r;
            }
            int status = r == null ? 500 : r.getStatus();
            Response.Status known = Response.Status.fromStatusCode(status);
            String title = known != null ? known.getReasonPhrase() : "Error";
            Response.ResponseBuilder b = Response.status(status).type(Problem.MEDIA_TYPE)
                    .entity(new Problem("about:blank", title, status, title, null).json());
            if (r != null) {
                r.getHeaders().forEach((name, values) -> {
                    if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                        values.forEach(v -> b.header(name, v));
                    }
                });
            }
            return b.build();
        }
    }

    @Provider
    public static class KeyReused implements ExceptionMapper<IdempotentWrites.KeyReused> {
        @Override
        public Response toResponse(IdempotentWrites.KeyReused e) {
            return Problem.of(422, "idempotency-key-reused", "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different request.").response();
        }
    }

    @Provider
    public static class Jsonb implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return malformed().response();
        }
    }

    @Provider
    public static class JsonParsing implements ExceptionMapper<JsonParsingException> {
        @Override
        public Response toResponse(JsonParsingException e) {
            return malformed().response();
        }
    }

    @Provider
    public static class Processing implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            // a body that could not be read, or a header JAX-RS could not parse (an unquoted If-None-Match)
            return Problem.of(400, "malformed-request", "Malformed request",
                    "The request body or one of its headers could not be read.").response();
        }
    }

    @Provider
    public static class Validation implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            return invalid(errors(e.getConstraintViolations())).response();
        }
    }

    /** Anything else: 500 with a neutral text; the details go to the log only. */
    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            LOG.log(Level.WARNING, "API request failed", e);
            return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "The request could not be processed.")
                    .response();
        }
    }
}
