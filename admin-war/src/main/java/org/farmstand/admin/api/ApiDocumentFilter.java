package org.farmstand.admin.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.farmstand.api.boundary.ApiService;

import java.util.List;

/**
 * Completes Payara's OpenAPI document (mp.openapi.filter): types path ids as integers and adds the error answers that
 * every operation of a kind gives, written once here because MicroProfile OpenAPI has no meta-annotations: the
 * filters' 400, 401 and 429 on every operation, {@link ApiWrites}' 403, 404, 409, 413 and 422 on every PUT,
 * {@link ApiJson#conditional}'s 304 and 412 on every JSON read. The answers go to {@code components.responses}; a
 * resource method refers to them by name for what only it gives (a read's 404 or 422).
 */
public class ApiDocumentFilter implements OASFilter {

    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    /** Status, name in components.responses, description. */
    private static final List<Shared> SHARED = List.of(
            new Shared("304", "NotModified", "If-None-Match matches the current ETag; no body."),
            new Shared("400", "BadRequest", "An Accept, Content-Type or If-None-Match header that cannot be read; for a"
                    + " write also a missing Idempotency-Key or a body that is not one JSON object with fields of the"
                    + " right types."),
            new Shared("401", "Unauthorized", "No API token, or an unknown or revoked one."),
            new Shared("403", "Forbidden", "The API token may only read; writing needs the write scope."),
            new Shared("404", "NotFound", "No such resource in the token's shop."),
            new Shared("409", "Conflict", "Concurrent requests changed the resource and nothing was written (send it"
                    + " again); for an order's status also a change its current status does not allow, for a line's weight a line"
                    + " not sold by weight or a cancelled order."),
            new Shared("412", "PreconditionFailed", "If-Match does not match the current ETag."),
            new Shared("413", "TooLarge", "The request body is larger than the configured limit."),
            new Shared("422", "Invalid", "Invalid fields of the body or query, listed in 'errors'; for a write also an"
                    + " Idempotency-Key already used for a different request."),
            new Shared("429", "TooManyRequests", "Too many requests for this token or client; retry after Retry-After"
                    + " seconds."));

    private static final List<String> EVERY = List.of("400", "401", "429");
    private static final List<String> WRITE = List.of("403", "404", "409", "413", "422");
    private static final List<String> JSON_READ = List.of("304", "412");

    private record Shared(String status, String name, String description) {
    }

    /**
     * Core's records that no API class's field reaches, only method annotations: Payara left them out of
     * {@code components.schemas} (dangling $refs) even with core scanned; a schema of this record makes it generate
     * them. The record's own schema is taken out again in {@link #filterOpenAPI}.
     */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = CoreRecords.NAME)
    record CoreRecords(ApiService.ProductDto product, ApiService.WaitlistDto waitlist) {
        static final String NAME = "CoreRecords";
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.getComponents().removeSchema(CoreRecords.NAME);
        SHARED.forEach(shared -> api.getComponents().addResponse(shared.name(), response(shared)));
        for (PathItem item : api.getPaths().getPathItems().values()) {
            item.getOperations().forEach((method, operation) -> {
                typeIds(operation);
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                        && operation.getRequestBody().getContent().hasMediaType("application/json")) {
                    // the String parameter the resource reads the body into, which Payara documents as well
                    operation.getRequestBody().getContent().removeMediaType("*/*");
                }
                add(operation, EVERY);
                if (method == PathItem.HttpMethod.PUT) {
                    add(operation, WRITE);
                } else if (method == PathItem.HttpMethod.GET && answersJson(operation)) {
                    add(operation, JSON_READ);
                }
            });
        }
    }

    /**
     * A schema from an annotation carries every attribute's default, among them {@code maxProperties: 0} (an object
     * without properties); a reference carries them, and at times another schema's properties, beside its
     * {@code $ref}. Those are taken out; the other defaults ({@code nullable: false}, ...) are harmless.
     */
    @Override
    public Schema filterSchema(Schema schema) {
        if (schema.getRef() != null) {
            schema.setType(null);
            schema.setProperties(null);
        }
        if (Integer.valueOf(0).equals(schema.getMaxProperties())) {
            schema.setMaxProperties(null);
        }
        return schema;
    }

    private static APIResponse response(Shared shared) {
        APIResponse response = OASFactory.createAPIResponse().description(shared.description());
        if (!shared.status().equals("304")) {
            response.content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE.toString(),
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA))));
        }
        return response;
    }

    /** Adds the shared answers the method does not document itself. */
    private static void add(Operation operation, List<String> statuses) {
        APIResponses responses = operation.getResponses();
        for (Shared shared : SHARED) {
            if (statuses.contains(shared.status()) && !responses.hasAPIResponse(shared.status())) {
                responses.addAPIResponse(shared.status(), OASFactory.createAPIResponse().ref(shared.name()));
            }
        }
    }

    /**
     * Path ids ({@code id}, {@code tourDateId}) are whole numbers: Payara types a {@code long} as "number", and
     * resources that answer a bad id with a problem take it as a String.
     */
    private static void typeIds(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            String name = parameter.getName();
            if (parameter.getIn() == Parameter.In.PATH && (name.equals("id") || name.endsWith("Id"))) {
                parameter.setSchema(OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int64"));
            }
        }
    }

    private static boolean answersJson(Operation operation) {
        APIResponse ok = operation.getResponses().getAPIResponse("200");
        return ok != null && ok.getContent() != null && ok.getContent().hasMediaType("application/json");
    }
}
