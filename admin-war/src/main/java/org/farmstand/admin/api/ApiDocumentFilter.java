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
 * filters' 400, 401, 422 (ApiQueryCheck) and 429 on every operation, {@link ApiWrites}' 403, 404, 409, 413, 415 and 422 on every PUT,
 * {@link ApiJson#conditional}'s 304 and 412 on every JSON read; and gives the schemas' properties the JSON types the
 * API writes ({@link #typeProperties}). The answers go to {@code components.responses}; a
 * resource method refers to them by name for what only it gives (a read's 404 or 422).
 */
public class ApiDocumentFilter implements OASFilter {

    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    /** Status, name in components.responses, description. */
    private static final List<Shared> SHARED = List.of(
            new Shared("304", "NotModified", "If-None-Match matches the current ETag; no body."),
            new Shared("400", "BadRequest", "An Accept, Content-Type or If-None-Match header that cannot be read; for a"
                    + " write also a missing Idempotency-Key, a body that is not one JSON object with fields of the"
                    + " right types, If-None-Match, or If-Match on a write that does not take it."),
            new Shared("401", "Unauthorized", "No API token, or an unknown or revoked one."),
            new Shared("403", "Forbidden", "The API token may only read; writing needs the write scope."),
            new Shared("404", "NotFound", "No such resource in the token's shop."),
            new Shared("409", "Conflict", "Concurrent requests changed the resource and nothing was written (send it"
                    + " again); for an order's status also a change its current status does not allow, for a line's weight a line"
                    + " not sold by weight or a cancelled order."),
            new Shared("412", "PreconditionFailed", "If-Match does not match the current ETag; a write was not made."),
            new Shared("413", "TooLarge", "The request body is larger than the configured limit."),
            new Shared("415", "UnsupportedEncoding", "A request body with a Content-Encoding other than identity:"
                    + " bodies are taken uncompressed."),
            new Shared("422", "Invalid", "Invalid fields of the body or query, listed in 'errors' (also a query"
                    + " parameter the request does not take, or a body property given twice); for a write also an"
                    + " Idempotency-Key already used for a different request."),
            new Shared("429", "TooManyRequests", "Too many requests for this token or client; retry after Retry-After"
                    + " seconds."));

    private static final List<String> EVERY = List.of("400", "401", "422", "429");
    private static final List<String> WRITE = List.of("403", "404", "409", "413", "415", "422");
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

    /**
     * The classes whose nested types (and themselves) carry the {@code @Schema} names of the document's schemas; their
     * Java field types say what the JSON types are ({@link #typeProperties}).
     */
    private static final List<Class<?>> SCHEMA_OWNERS = List.of(ApiService.class, OrdersResource.class,
            ProductsResource.class, CustomersResource.class, StockResource.class, ToursResource.class,
            WaitlistsResource.class, Problem.class);

    /** {@code @Pattern} of a request field that lists the values it takes (A|B|C): its enum. */
    private static final java.util.regex.Pattern ALTERNATIVES = java.util.regex.Pattern.compile("[A-Z_]+(\\|[A-Z_]+)*");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.getComponents().removeSchema(CoreRecords.NAME);
        typeProperties(api.getComponents().getSchemas());
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
                    if (takesIfMatch(operation)) {
                        add(operation, List.of("412"));
                    }
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

    /**
     * Payara types a {@code long} as "number" (a float to client generators: amounts in cents and ids would become
     * doubles) and an {@code Instant} or {@code LocalDate} as an object without properties (a client cannot read the
     * ISO strings the API sends), says every property is not nullable, and marks no request field required. Here each
     * property gets its type from the Java field: whole numbers integer (int64 / int32), instants string date-time
     * (UTC, e.g. 2026-12-08T17:00:00Z), dates string date; an answer's fields are all present and, unless primitive
     * or a list, may be null; a request's fields that must be given are required, and a field whose pattern lists
     * its values gets them as an enum.
     */
    static void typeProperties(java.util.Map<String, Schema> schemas) {
        if (schemas == null) {
            return;
        }
        for (Class<?> owner : SCHEMA_OWNERS) {
            List<Class<?>> types = new java.util.ArrayList<>(List.of(owner.getDeclaredClasses()));
            types.add(owner);
            for (Class<?> type : types) {
                var named = type.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
                Schema schema = named == null ? null : schemas.get(named.name());
                if (schema == null || schema.getProperties() == null) {
                    continue;
                }
                if (type.isRecord()) {
                    for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
                        Schema property = schema.getProperties().get(c.getName());
                        if (property != null && property.getRef() == null) {
                            type(property, c.getType());
                            property.setNullable(!c.getType().isPrimitive() && !List.class.isAssignableFrom(c.getType()));
                        }
                    }
                    if (type != Problem.class && type != Problem.FieldError.class) {
                        schema.setRequired(java.util.Arrays.stream(type.getRecordComponents())
                                .map(java.lang.reflect.RecordComponent::getName)
                                .filter(schema.getProperties()::containsKey)
                                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new)));
                    }
                } else {
                    List<String> required = new java.util.ArrayList<>();
                    for (java.lang.reflect.Field f : type.getFields()) {
                        Schema property = schema.getProperties().get(f.getName());
                        if (property == null || property.getRef() != null
                                || java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                            continue;
                        }
                        type(property, f.getType());
                        boolean notNull = f.isAnnotationPresent(jakarta.validation.constraints.NotNull.class);
                        property.setNullable(!notNull && !f.getType().isPrimitive());
                        if (notNull || f.isAnnotationPresent(ApiJson.Present.class)) {
                            required.add(f.getName());
                        }
                        var pattern = f.getAnnotation(jakarta.validation.constraints.Pattern.class);
                        if (pattern != null && ALTERNATIVES.matcher(pattern.regexp()).matches()) {
                            property.setEnumeration(new java.util.ArrayList<>(List.of((Object[]) pattern.regexp().split("\\|"))));
                        }
                    }
                    schema.setRequired(required.isEmpty() ? null : required);
                }
            }
        }
    }

    private static void type(Schema property, Class<?> type) {
        if (type == long.class || type == Long.class) {
            property.type(Schema.SchemaType.INTEGER).format("int64");
        } else if (type == int.class || type == Integer.class) {
            property.type(Schema.SchemaType.INTEGER).format("int32");
        } else if (type == java.time.Instant.class) {
            property.type(Schema.SchemaType.STRING).format("date-time").properties(null);
        } else if (type == java.time.LocalDate.class) {
            property.type(Schema.SchemaType.STRING).format("date").properties(null);
        }
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
            } else if (parameter.getIn() == Parameter.In.QUERY && QUERY_NUMBERS.containsKey(name)) {
                // taken as Strings to answer a bad value with a problem; whole numbers in these ranges
                long[] range = QUERY_NUMBERS.get(name);
                parameter.setSchema(OASFactory.createSchema().type(Schema.SchemaType.INTEGER).format("int64")
                        .minimum(java.math.BigDecimal.valueOf(range[0]))
                        .maximum(java.math.BigDecimal.valueOf(range[1])));
            }
        }
    }

    /** Query parameters that are whole numbers, with their ranges (OrdersResource.number's bounds). */
    private static final java.util.Map<String, long[]> QUERY_NUMBERS = java.util.Map.of(
            "since", new long[] {0, Long.MAX_VALUE},
            "limit", new long[] {1, ApiService.MAX_PAGE},
            "tourDate", new long[] {1, Long.MAX_VALUE});

    /** A write that honours If-Match (ApiWrites.precondition) documents the header. */
    private static boolean takesIfMatch(Operation operation) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(p.getName()));
    }

    private static boolean answersJson(Operation operation) {
        APIResponse ok = operation.getResponses().getAPIResponse("200");
        return ok != null && ok.getContent() != null && ok.getContent().hasMediaType("application/json");
    }
}
