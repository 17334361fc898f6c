package org.farmstand.admin.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
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

import java.util.List;

/**
 * The shop's products ({@code GET /products}, {@code GET /products/{id}}: ids, external ids, unit, price, stock) and
 * price, active flag, stock and availability/stock per tour date pushed by the management system; each write needs
 * an Idempotency-Key. The product's {@code stock} is the quantity on hand, counted down by every order and given back
 * by cancellations (see {@link StockChange}); each answer with the product shows what is left now.
 */
@Path("products")
@RequestScoped
public class ProductsResource {

    private static final String NO_SUCH_PRODUCT = "No such product.";
    private static final String PRODUCT_WRITTEN = "The product as written.";

    @Inject
    ApiService api;

    @Inject
    ApiJson json;

    @Inject
    ApiWrites writes;

    // Request bodies are classes with public fields, not records: Payara's OpenAPI generator fails (NPE) on Bean
    // Validation annotations of record components, and /openapi answers 500.

    /**
     * Exactly one of the two: {@code priceCents} for a product priced per unit (with unit kg: its price per kg),
     * {@code pricePerKgCents} for a product sold by weight (its estimated unit price follows). A unit price for a
     * product sold by weight is refused (409): it is an estimate there, made from the price per kg the shop charges by.
     */
    @Schema(name = "PriceChange", description = "Exactly one of priceCents and pricePerKgCents. priceCents: the"
            + " price of one unit of a product priced per unit (with unit KG the price per kg). pricePerKgCents: the"
            + " price per kg of a product sold by weight (ProductDto.pricePerKgCents set); its priceCents, the estimate"
            + " of one unit, follows from it and the unit's approximate weight. priceCents for a product sold by"
            + " weight, or pricePerKgCents for one priced per piece, bunch or box, is a 409 problem and changes"
            + " nothing.")
    public static class PriceChange {
        // more than 0: the shop has no free products (a forgotten price must not make one free; the admin's form
        // refuses 0 too, catalog.control.Pricing)
        @Positive
        @Max(100_000_000L)
        public Long priceCents;

        @Positive
        @Max(100_000_000L)
        public Long pricePerKgCents;
    }

    @Schema(name = "ActiveChange")
    public static class ActiveChange {
        @NotNull
        public Boolean active;
    }

    /**
     * The product's stock: the quantity on hand now. Every order takes its quantity from it (an order is refused when
     * less is left), a cancellation, or a change that lowers a quantity or removes the line, gives back what the
     * order took, a change that raises a quantity takes more; it never goes below 0. The product's answer shows what
     * is left. {@code stock: null} means the stock is not tracked (unlimited; orders take nothing); the field must be
     * given. Orders placed while the stock was not tracked give nothing back. Both this and a stock per tour date
     * (PUT dates/{tourDateId}) apply when both are set.
     */
    @Schema(name = "StockChange", description = "stock: the quantity on hand now (0 to 1,000,000). Every order"
            + " takes from it, cancellations and lowered quantities give back, never below 0; an order is refused when"
            + " less is left. null: not tracked, orders are not limited.")
    public static class StockChange {
        @ApiJson.Present
        @PositiveOrZero
        @Max(1_000_000)
        public Integer stock;
    }

    /**
     * Availability and stock of the product on one tour date. {@code available: false} closes the product for that
     * date; {@code stock} is the quantity for the date in total (what orders hold counts against it), null for no
     * limit, and must be given ({@code {"available": false}} alone would drop a stored stock). Missing
     * {@code available} means true.
     */
    @Schema(name = "DateStockChange")
    public static class DateStockChange {
        public Boolean available;

        @ApiJson.Present
        @PositiveOrZero
        @Max(1_000_000)
        public Integer stock;
    }

    @Schema(name = "DateStocks")
    public record DateStocks(long productId, List<ApiService.DateStockDto> dates) {
    }

    @Schema(name = "Products")
    public record Products(List<ApiService.ProductDto> products) {
    }

    /**
     * Every product of the shop, active or not, by id: what a management system maps its articles to (by
     * {@code externalId} where the shop stores one) before it pushes prices and stock.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The shop's products (active or not) by id; with externalId"
            + " only the product that carries it (an empty list when none does).", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Products")))
    @APIResponse(responseCode = "422", ref = "Invalid")
    public Response products(@QueryParam("externalId") String externalId, @Context Request request) {
        if (externalId != null && (externalId.isBlank() || externalId.length() > 80)) {
            throw ProblemMappers.invalid(List.of(new Problem.FieldError("externalId",
                    "must be 1 to 80 characters"))).exception();
        }
        return json.conditional(request, new Products(api.products(externalId)));
    }

    /** One product as the writes answer it (stock: what is left now). */
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The product.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ProductDto")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response product(@PathParam("id") long id, @Context Request request) {
        return json.conditionalOrNotFound(request, api.product(id), NO_SUCH_PRODUCT);
    }

    /** The product's availability and stock per tour date (dates without a setting are not limited). */
    @GET
    @Path("{id}/dates")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The product's tour dates with a setting.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "DateStocks")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response productDates(@PathParam("id") long id, @Context Request request) {
        return json.conditionalOrNotFound(request, api.dateStocksOf(id).map(list -> new DateStocks(id, list)),
                NO_SUCH_PRODUCT);
    }

    @PUT
    @Path("{id}/dates/{tourDateId}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "DateStockChange")))
    @APIResponse(responseCode = "200", description = "The product's setting for the date as written.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "DateStockDto")))
    public Response dateStock(@PathParam("id") long id, @PathParam("tourDateId") long tourDateId,
                              @Parameter(required = true) @HeaderParam(ApiWrites.HEADER) String key,
                              @Context UriInfo uri, String body) {
        return writes.put(key, uri, body, DateStockChange.class, change -> writes.okOrNotFound(
                api.setDateStock(id, tourDateId, change.available == null || change.available, change.stock),
                "No such product or tour date."));
    }

    @PUT
    @Path("{id}/price")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "PriceChange")))
    @APIResponse(responseCode = "200", description = PRODUCT_WRITTEN, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ProductDto")))
    public Response price(@PathParam("id") long id,
                          @Parameter(required = true) @HeaderParam(ApiWrites.HEADER) String key,
                          @Parameter(description = ApiWrites.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @Context Request request, @Context UriInfo uri, String body) {
        return writes.put(key, uri, body, PriceChange.class, change -> {
            writes.precondition(ifMatch, request, () -> api.lockedProduct(id), NO_SUCH_PRODUCT);
            if ((change.priceCents == null) == (change.pricePerKgCents == null)) {
                String message = "give exactly one of priceCents and pricePerKgCents";
                throw Problem.of(422, "validation", "Validation failed", "Give exactly one of priceCents (a product priced"
                        + " per unit) and pricePerKgCents (a product sold by weight).").withErrors(List.of(
                        new Problem.FieldError("priceCents", message),
                        new Problem.FieldError("pricePerKgCents", message))).exception();
            }
            ApiService.PriceResult result = api.setPrice(id, change.priceCents, change.pricePerKgCents);
            if (result instanceof ApiService.PriceResult.Written w) {
                return new IdempotentWrites.Stored(200, json.write(w.product()));
            }
            if (result instanceof ApiService.PriceResult.Refused r) {
                throw Problem.of(409, r.problem(), "Price does not fit the product",
                        r.detail()).exception();
            }
            throw Problem.of(Response.Status.NOT_FOUND, NO_SUCH_PRODUCT).exception();
        });
    }

    @PUT
    @Path("{id}/active")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "ActiveChange")))
    @APIResponse(responseCode = "200", description = PRODUCT_WRITTEN, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ProductDto")))
    public Response active(@PathParam("id") long id,
                           @Parameter(required = true) @HeaderParam(ApiWrites.HEADER) String key,
                           @Parameter(description = ApiWrites.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @Context Request request, @Context UriInfo uri, String body) {
        return writes.put(key, uri, body, ActiveChange.class, change -> {
            writes.precondition(ifMatch, request, () -> api.lockedProduct(id), NO_SUCH_PRODUCT);
            return writes.okOrNotFound(api.setActive(id, change.active), NO_SUCH_PRODUCT);
        });
    }

    @PUT
    @Path("{id}/stock")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "StockChange")))
    @APIResponse(responseCode = "200", description = PRODUCT_WRITTEN, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ProductDto")))
    public Response stock(@PathParam("id") long id,
                          @Parameter(required = true) @HeaderParam(ApiWrites.HEADER) String key,
                          @Parameter(description = ApiWrites.IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @Context Request request, @Context UriInfo uri, String body) {
        return writes.put(key, uri, body, StockChange.class, change -> {
            // with If-Match: the stock is set only if no order took from it since the management system read it
            writes.precondition(ifMatch, request, () -> api.lockedProduct(id), NO_SUCH_PRODUCT);
            return writes.okOrNotFound(api.setStock(id, change.stock), NO_SUCH_PRODUCT);
        });
    }
}
