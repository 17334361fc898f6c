package org.farmstand.admin.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

/** The shop's tours with their upcoming dates: capacity, booked, held, status, cut-off. */
@Path("tours")
@RequestScoped
public class ToursResource {

    @Inject
    ApiService api;

    @Inject
    ApiJson json;

    @Schema(name = "Tours")
    public record Tours(List<ApiService.TourDto> tours) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The shop's tours with their upcoming dates.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Tours")))
    public Response tours(@Context Request request) {
        return json.conditional(request, new Tours(api.tours()));
    }
}
