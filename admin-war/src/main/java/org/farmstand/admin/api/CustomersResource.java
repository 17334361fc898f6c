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
import jakarta.ws.rs.core.UriInfo;
import org.farmstand.api.boundary.ApiService;

import java.util.List;

/**
 * Customers for management systems. {@code GET /customers?since=<cursor>&limit=N} is the customer change feed: every
 * customer registered or changed after the cursor (master data, verification, status changes: admission, rejection,
 * blocking), oldest change first, each with its status history; continue with the returned {@code cursor} (also in
 * the {@code next} link) until {@code hasMore} is false, and keep the cursor for the next poll. Numbers are taken
 * under a per-shop counter row that stays locked until the writer commits, so a change made while paging is never
 * skipped: it shows up on a later page.
 */
@Path("customers")
@RequestScoped
public class CustomersResource {

    @Inject
    ApiService api;

    @Inject
    ApiJson json;

    public record Feed(List<ApiService.CustomerDto> customers, String cursor, boolean hasMore, String next) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response customers(@QueryParam("since") String since, @QueryParam("limit") String limit,
                              @Context Request request, @Context UriInfo uri) {
        return FeedPages.page(json, request, uri, since, limit, api::customerChanges, Feed::new);
    }
}
