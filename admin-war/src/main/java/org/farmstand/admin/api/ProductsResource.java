package org.farmstand.admin.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
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

import java.util.List;

/**
 * Price, active flag, stock and availability/stock per tour date pushed by the management system; each write needs
 * an Idempotency-Key. The product's {@code stock} is the quantity on hand, counted down by every order and given back
 * by cancellations (see {@link StockChange}); each answer with the product shows what is left now.
 */
@Path("products/{id}")
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

    @Schema(name = "PriceChange")
    public static class PriceChange {
        @NotNull
        @PositiveOrZero
        @Max(100_000_000L)
        public Long priceCents;
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

    /** The product's availability and stock per tour date (dates without a setting are not limited). */
    @GET
    @Path("dates")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The product's tour dates with a setting.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "DateStocks")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response productDates(@PathParam("id") long id, @Context Request request) {
        return json.conditionalOrNotFound(request, api.dateStocksOf(id).map(list -> new DateStocks(id, list)),
                NO_SUCH_PRODUCT);
    }

    @PUT
    @Path("dates/{tourDateId}")
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
    @Path("price")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "PriceChange")))
    @APIResponse(responseCode = "200", description = PRODUCT_WRITTEN, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ProductDto")))
    public Response price(@PathParam("id") long id,
                          @Parameter(required = true) @HeaderParam(ApiWrites.HEADER) String key,
                          @Context UriInfo uri, String body) {
        return writes.put(key, uri, body, PriceChange.class,
                change -> writes.okOrNotFound(api.setPrice(id, change.priceCents), NO_SUCH_PRODUCT));
    }

    @PUT
    @Path("active")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "ActiveChange")))
    @APIResponse(responseCode = "200", description = PRODUCT_WRITTEN, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ProductDto")))
    public Response active(@PathParam("id") long id,
                           @Parameter(required = true) @HeaderParam(ApiWrites.HEADER) String key,
                           @Context UriInfo uri, String body) {
        return writes.put(key, uri, body, ActiveChange.class,
                change -> writes.okOrNotFound(api.setActive(id, change.active), NO_SUCH_PRODUCT));
    }

    @PUT
    @Path("stock")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "StockChange")))
    @APIResponse(responseCode = "200", description = PRODUCT_WRITTEN, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ProductDto")))
    public Response stock(@PathParam("id") long id,
                          @Parameter(required = true) @HeaderParam(ApiWrites.HEADER) String key,
                          @Context UriInfo uri, String body) {
        return writes.put(key, uri, body, StockChange.class,
                change -> writes.okOrNotFound(api.setStock(id, change.stock), NO_SUCH_PRODUCT));
    }
}
