package org.farmstand.admin.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import org.farmstand.customers.boundary.CustomerAdminService;

import java.util.List;

/**
 * Customers for management systems. {@code GET /customers?since=<cursor>&limit=N} is the customer change feed: every
 * customer registered or changed after the cursor (master data, verification, status changes: admission, rejection,
 * blocking), oldest change first, each with its status history; continue with the returned {@code cursor} (also in
 * the {@code next} link) until {@code hasMore} is false, and keep the cursor for the next poll. Numbers are taken
 * under a per-shop counter row that stays locked until the writer commits, so a change made while paging is never
 * skipped: it shows up on a later page. {@code GET /customers/{id}} reads one. Each customer carries {@code locale}, the language of their mails (null: the
 * shop's default); {@code PUT /customers/{id}/locale} sets it.
 */
@Path("customers")
@RequestScoped
public class CustomersResource {

    @Inject
    ApiService api;

    @Inject
    ApiJson json;

    @Inject
    CustomerAdminService customers;

    @Inject
    ApiWrites writes;

    /**
     * {@code locale}: one of the shop's languages (as in the shop's settings, e.g. "de" or "en"), or null for none:
     * the customer's mails are then in the shop's default language; the field must be given ({@code {}} would reset
     * it silently). A class with a public field, not a record: see ProductsResource.
     */
    @Schema(name = "LocaleChange")
    public static class LocaleChange {
        @ApiJson.Present
        @Size(max = 10)
        public String locale;
    }

    @Schema(name = "CustomerFeed")
    public record Feed(List<ApiService.CustomerDto> customers, String cursor, boolean hasMore, String next) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "One page of the customer change feed.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CustomerFeed")))
    @APIResponse(responseCode = "422", ref = "Invalid")
    public Response customers(@QueryParam("since") String since, @QueryParam("limit") String limit,
                              @Context Request request, @Context UriInfo uri) {
        return FeedPages.page(json, request, uri, since, limit, api::customerChanges, Feed::new);
    }

    /**
     * One customer as in the feed (an order names its customer by id: the delivery address is the customer's), with
     * its status history.
     */
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The customer as in the feed.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CustomerDto")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response customer(@PathParam("id") long id, @Context Request request) {
        return json.conditionalOrNotFound(request, api.customer(id), "No such customer.");
    }

    /**
     * Sets the language of the customer's mails (a management system that knows it, for a customer the shop did not
     * register itself); answers the customer as in the feed. A language the shop does not offer is a 422 problem
     * naming the field; the customer moves to the end of the change feed.
     */
    @PUT
    @Path("{id}/locale")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "LocaleChange")))
    @APIResponse(responseCode = "200", description = "The customer as in the feed.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "CustomerDto")))
    public Response locale(@PathParam("id") long id,
                           @Parameter(required = true) @HeaderParam(ApiWrites.HEADER) String key,
                           @Context UriInfo uri, String body) {
        return writes.put(key, uri, body, LocaleChange.class, change -> {
            if (customers.setLanguage(id, change.locale) == CustomerAdminService.LanguageChange.NOT_OFFERED) {
                throw ProblemMappers.invalid(List.of(new Problem.FieldError("locale",
                        "must be one of the shop's languages (" + String.join(", ", customers.languages())
                                + ") or null for the shop's default"))).exception();
            }
            return writes.okOrNotFound(api.customer(id), "No such customer.");
        });
    }
}
