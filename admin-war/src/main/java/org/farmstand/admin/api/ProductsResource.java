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
import org.farmstand.api.boundary.ApiService;
import org.farmstand.api.boundary.IdempotentWrites;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Price, active flag, stock and availability/stock per tour date pushed by the management system; each write needs
 * an Idempotency-Key.
 */
@Path("products/{id}")
@RequestScoped
public class ProductsResource {

    @Inject
    ApiService api;

    @Inject
    ApiJson json;

    @Inject
    ApiWrites writes;

    // Request bodies are classes with public fields, not records: Payara's OpenAPI generator fails (NPE) on Bean
    // Validation annotations of record components, and /openapi answers 500.

    public static class PriceChange {
        @NotNull
        @PositiveOrZero
        @Max(100_000_000L)
        public Long priceCents;
    }

    public static class ActiveChange {
        @NotNull
        public Boolean active;
    }

    /** {@code stock: null} means the stock is not tracked (unlimited). */
    public static class StockChange {
        @PositiveOrZero
        @Max(1_000_000)
        public Integer stock;
    }

    /**
     * Availability and stock of the product on one tour date. {@code available: false} closes the product for that
     * date; {@code stock} is the quantity for the date in total (what orders hold counts against it), null for no
     * limit. Missing {@code available} means true.
     */
    public static class DateStockChange {
        public Boolean available;

        @PositiveOrZero
        @Max(1_000_000)
        public Integer stock;
    }

    public record DateStocks(long productId, List<ApiService.DateStockDto> dates) {
    }

    /** The product's availability and stock per tour date (dates without a setting are not limited). */
    @GET
    @Path("dates")
    @Produces(MediaType.APPLICATION_JSON)
    public Response dates(@PathParam("id") long id, @Context Request request) {
        return api.dateStocksOf(id).map(list -> json.conditional(request, new DateStocks(id, list)))
                .orElseThrow(() -> Problem.of(Response.Status.NOT_FOUND, "No such product.").exception());
    }

    @PUT
    @Path("dates/{tourDateId}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response dateStock(@PathParam("id") long id, @PathParam("tourDateId") long tourDateId,
                              @HeaderParam(ApiWrites.HEADER) String key, @Context UriInfo uri, String body) {
        ApiWrites.requireKey(key);
        DateStockChange change = json.read(body, DateStockChange.class);
        boolean available = change.available == null || change.available;
        return writes.run(key, "PUT", uri, body, () -> api.setDateStock(id, tourDateId, available, change.stock)
                .map(s -> new IdempotentWrites.Stored(200, json.write(s)))
                .orElseThrow(() -> Problem.of(Response.Status.NOT_FOUND, "No such product or tour date.").exception()));
    }

    @PUT
    @Path("price")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response price(@PathParam("id") long id, @HeaderParam(ApiWrites.HEADER) String key,
                          @Context UriInfo uri, String body) {
        ApiWrites.requireKey(key);
        PriceChange change = json.read(body, PriceChange.class);
        return write(key, uri, body, () -> api.setPrice(id, change.priceCents));
    }

    @PUT
    @Path("active")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response active(@PathParam("id") long id, @HeaderParam(ApiWrites.HEADER) String key,
                           @Context UriInfo uri, String body) {
        ApiWrites.requireKey(key);
        ActiveChange change = json.read(body, ActiveChange.class);
        return write(key, uri, body, () -> api.setActive(id, change.active));
    }

    @PUT
    @Path("stock")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response stock(@PathParam("id") long id, @HeaderParam(ApiWrites.HEADER) String key,
                          @Context UriInfo uri, String body) {
        ApiWrites.requireKey(key);
        StockChange change = json.read(body, StockChange.class);
        return write(key, uri, body, () -> api.setStock(id, change.stock));
    }

    private Response write(String key, UriInfo uri, String body, Supplier<Optional<ApiService.ProductDto>> change) {
        return writes.run(key, "PUT", uri, body, () -> change.get()
                .map(p -> new IdempotentWrites.Stored(200, json.write(p)))
                .orElseThrow(() -> Problem.of(Response.Status.NOT_FOUND, "No such product.").exception()));
    }
}
