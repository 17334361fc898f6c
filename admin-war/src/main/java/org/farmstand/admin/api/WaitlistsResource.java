package org.farmstand.admin.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
 * Waiting lists per tour date. {@code GET /waitlists}: the upcoming dates that have a list, with how many wait and
 * how many hold an offer. {@code GET /waitlists/{tourDateId}}: that date's list in order (waiting entries by
 * position, then offers and closed entries), each with the customer, the wished items and the offer state
 * ({@code status} OFFERED with {@code offeredUntil}).
 */
@Path("waitlists")
@RequestScoped
public class WaitlistsResource {

    @Inject
    ApiService api;

    @Inject
    ApiJson json;

    @Schema(name = "WaitlistDates")
    public record Dates(List<ApiService.WaitlistDateDto> dates) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The upcoming dates that have a waiting list.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "WaitlistDates")))
    public Response waitlistDates(@Context Request request) {
        return json.conditional(request, new Dates(api.waitlists()));
    }

    @GET
    @Path("{tourDateId}")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The date's waiting list in order.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "WaitlistDto")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "Invalid")
    public Response list(@PathParam("tourDateId") String tourDateId, @Context Request request) {
        long id = OrdersResource.number("tourDateId", tourDateId, 1, Long.MAX_VALUE);
        return json.conditionalOrNotFound(request, api.waitlist(id), "No such tour date.");
    }
}
