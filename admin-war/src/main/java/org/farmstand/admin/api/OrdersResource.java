package org.farmstand.admin.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.farmstand.api.boundary.ApiService;
import org.farmstand.api.boundary.IdempotentWrites;
import org.farmstand.ordering.entity.OrderStatus;

import java.util.List;

/**
 * Orders for management systems. {@code GET /orders?since=<cursor>&limit=N} is the change feed: every order created
 * or changed (cancellations included) after the cursor, oldest change first; continue with the returned
 * {@code cursor} (also in the {@code next} link) until {@code hasMore} is false, and keep the cursor for the next
 * poll. {@code GET /orders?tourDate=<id>} lists the orders on one date, {@code GET /orders/{number}} reads one. {@code PUT /orders/{number}/status} and
 * {@code PUT /orders/{number}/lines/{lineId}/weight} write.
 */
@Path("orders")
@RequestScoped
public class OrdersResource {

    public static final int DEFAULT_LIMIT = 50;

    @Inject
    ApiService api;

    @Inject
    ApiJson json;

    @Inject
    ApiWrites writes;

    @Schema(name = "OrderFeed")
    public record Feed(List<ApiService.OrderDto> orders, String cursor, boolean hasMore, String next) {
    }

    @Schema(name = "Orders")
    public record Orders(List<ApiService.OrderDto> orders) {
    }

    /** A class, not a record: see ProductsResource.PriceChange. */
    @Schema(name = "StatusChange")
    public static class StatusChange {
        @NotNull
        @Pattern(regexp = "PACKED|DELIVERED", message = "must be PACKED or DELIVERED")
        public String status;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "One page of the order change feed (Feed), or with tourDate"
            + " the orders on that date (Orders), all in one answer (since and limit are refused with tourDate).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "OrderFeed")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "Invalid")
    public Response orders(@QueryParam("since") String since, @QueryParam("limit") String limit,
                           @QueryParam("tourDate") String tourDate, @Context Request request,
                           @Context UriInfo uri) {
        if (tourDate != null) {
            long dateId = number("tourDate", tourDate, 1, Long.MAX_VALUE);
            // the orders of a date come in one answer; a cursor or page size would be ignored without a word
            List<Problem.FieldError> paging = new java.util.ArrayList<>();
            if (since != null) {
                paging.add(new Problem.FieldError("since", "pages the change feed; not with tourDate"));
            }
            if (limit != null) {
                paging.add(new Problem.FieldError("limit", "pages the change feed; not with tourDate"));
            }
            if (!paging.isEmpty()) {
                throw ProblemMappers.invalid(paging).exception();
            }
            return json.conditionalOrNotFound(request, api.ordersOn(dateId).map(Orders::new), "No such tour date.");
        }
        return FeedPages.page(json, request, uri, since, limit, api::changes, Feed::new);
    }

    /** One order by its number, as in the feed (a management system that was told a number, or checks one). */
    @GET
    @Path("{number}")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The order as in the feed.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "OrderDto")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response order(@PathParam("number") String number, @Context Request request) {
        return json.conditionalOrNotFound(request, api.order(number), "No such order.");
    }

    @PUT
    @Path("{number}/status")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "StatusChange")))
    @APIResponse(responseCode = "200", description = "The order as in the feed.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "OrderDto")))
    public Response status(@PathParam("number") String number,
                           @Parameter(required = true) @HeaderParam(ApiWrites.HEADER) String key,
                           @Parameter(description = ApiWrites.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @Context Request request, @Context UriInfo uri, String body) {
        return writes.put(key, uri, body, StatusChange.class, change -> {
            writes.precondition(ifMatch, request, () -> api.lockedOrder(number), "No such order.");
            OrderStatus to = OrderStatus.valueOf(change.status); // validated: PACKED or DELIVERED
            ApiService.StatusResult result = api.setOrderStatus(number, to);
            if (result instanceof ApiService.StatusResult.Changed c) {
                return new IdempotentWrites.Stored(200, json.write(c.order()));
            }
            if (result instanceof ApiService.StatusResult.NotAllowed na) {
                Problem p = Problem.of(409, "status-not-allowed", "Status change not allowed",
                        "An order in status " + na.from() + " cannot become " + to + ".");
                return new IdempotentWrites.Stored(409, p.json());
            }
            throw Problem.of(Response.Status.NOT_FOUND, "No such order.").exception();
        });
    }

    /**
     * What a line sold by weight weighed, all its units together, in grams (more than 0, at most five times the
     * line's estimate and never over 1,000 kg); null clears a weight sent by mistake, the line is an estimate again.
     * The field must be given ({@code {}} would clear silently). A class with a public field, not a record: see
     * ProductsResource.
     */
    @Schema(name = "WeightChange", description = "weighedGrams: what the line weighed, all its units together, in"
            + " whole grams: more than 0 and at most five times the line's estimate (quantity x approxWeightGrams),"
            + " never over 1,000,000; a value out of these bounds is a 422 problem. null clears the weight: the line"
            + " is an estimate again. Must be given. A line priced per unit (no pricePerKgCents), or a cancelled"
            + " order, is a 409 problem; nothing is written then.")
    public static class WeightChange {
        @ApiJson.Present
        public Integer weighedGrams;
    }

    /**
     * Sets what a line sold by weight weighed (the management system weighs when packing), or clears it with null:
     * the same rule as the admin's order page (bounds, every status but cancelled, audited with the token's name,
     * the line's amount weight x price per kg as ordered, the total follows, the order goes to the end of the change
     * feed). Answers the order as in the feed. {@code lineId} is a line's {@code id} in the order's answers.
     */
    @PUT
    @Path("{number}/lines/{lineId}/weight")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "WeightChange")))
    @APIResponse(responseCode = "200", description = "The order as in the feed, with the line's weighedGrams,"
            + " amount and the new total.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "OrderDto")))
    public Response weight(@PathParam("number") String number, @PathParam("lineId") long lineId,
                           @Parameter(required = true) @HeaderParam(ApiWrites.HEADER) String key,
                           @Parameter(description = ApiWrites.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @Context Request request, @Context UriInfo uri, String body) {
        return writes.put(key, uri, body, WeightChange.class, change -> {
            writes.precondition(ifMatch, request, () -> api.lockedOrder(number), "No such order or line.");
            ApiService.WeightResult result = api.setWeight(number, lineId, change.weighedGrams);
            if (result instanceof ApiService.WeightResult.Written w) {
                return new IdempotentWrites.Stored(200, json.write(w.order()));
            }
            if (result instanceof ApiService.WeightResult.NotAllowed na) {
                throw Problem.of(409, "weighing-not-allowed", "Weighing not allowed",
                        "An order in status " + na.status() + " cannot be weighed.").exception();
            }
            if (result instanceof ApiService.WeightResult.NotByWeight) {
                throw Problem.of(409, "not-sold-by-weight", "Line not sold by weight",
                        "The line is priced per unit: it has no weight to set.").exception();
            }
            if (result instanceof ApiService.WeightResult.OutOfBounds b) {
                throw ProblemMappers.invalid(List.of(new Problem.FieldError("weighedGrams",
                        "must be from 1 to " + b.maxGrams() + " (five times the line's estimate, at most 1,000,000)"
                                + " or null"))).exception();
            }
            throw Problem.of(Response.Status.NOT_FOUND, "No such order or line.").exception();
        });
    }

    static long number(String name, String value, long min, long max) {
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemMappers.invalid(List.of(new Problem.FieldError(name,
                "must be a whole number from " + min + " to " + max))).exception();
    }
}
