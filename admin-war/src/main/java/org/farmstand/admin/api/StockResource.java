package org.farmstand.admin.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.farmstand.api.boundary.ApiService;

import java.util.List;

/**
 * {@code GET /stock?tourDate=<id>}: availability and stock per product on one tour date (only products that have a
 * setting for it; the others are available without limit). Written with {@code PUT /products/{id}/dates/{tourDateId}}.
 */
@Path("stock")
@RequestScoped
public class StockResource {

    @Inject
    ApiService api;

    @Inject
    ApiJson json;

    @Schema(name = "DateStock")
    public record DateStock(long tourDateId, List<ApiService.DateStockDto> products) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The products with a setting for the date.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "DateStock")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "Invalid")
    public Response stockOn(@QueryParam("tourDate") String tourDate, @Context Request request) {
        if (tourDate == null) {
            throw ProblemMappers.invalid(List.of(new Problem.FieldError("tourDate", "is required"))).exception();
        }
        long id = OrdersResource.number("tourDate", tourDate, 1, Long.MAX_VALUE);
        return json.conditionalOrNotFound(request, api.dateStocksOn(id).map(list -> new DateStock(id, list)),
                "No such tour date.");
    }
}
