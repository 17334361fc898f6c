package org.farmstand.admin.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * An error answer as {@code application/problem+json} (RFC 9457). {@code type} is {@code about:blank} when the HTTP
 * status says it all, else a {@code urn:farmstand:problem:<name>}; {@code errors} lists field problems of a request
 * body. Never carries a stack trace or exception text.
 */
@Schema(name = "Problem")
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    @Schema(name = "FieldError")
    public record FieldError(String field, String message) {
    }

    public static Problem of(Response.Status status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null);
    }

    public static Problem of(int status, String name, String title, String detail) {
        return new Problem("urn:farmstand:problem:" + name, title, status, detail, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, fieldErrors);
    }

    public String json() {
        return JSON.toJson(this);
    }

    public Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(json()).build();
    }

    /** Throws this problem as the answer of the current request. */
    public WebApplicationException exception() {
        return new WebApplicationException(detail, response());
    }
}
