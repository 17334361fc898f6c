package org.farmstand.admin.api;

import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.farmstand.api.boundary.ApiService;

import java.net.URI;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One page of a change feed as JSON ({@code GET /orders?since=<cursor>&limit=N}, {@code GET /customers?since=...}):
 * the cursor and the page size from the query (422 problems when they are no numbers in range), the {@code next}
 * link (in the body and as a Link header) and the ETag / If-None-Match 304 of {@link ApiJson#conditional}.
 */
final class FeedPages {

    /** The JSON body of a page: the items under the feed's own name, then cursor, hasMore and the next link. */
    @FunctionalInterface
    interface Body<T> {
        Object of(List<T> items, String cursor, boolean hasMore, String next);
    }

    private FeedPages() {
    }

    static <T> Response page(ApiJson json, Request request, UriInfo uri, String since, String limit,
                             BiFunction<Long, Integer, ApiService.FeedPage<T>> changes, Body<T> body) {
        long cursor = since == null ? 0 : OrdersResource.number("since", since, 0, Long.MAX_VALUE);
        int size = limit == null ? OrdersResource.DEFAULT_LIMIT
                : (int) OrdersResource.number("limit", limit, 1, ApiService.MAX_PAGE);
        ApiService.FeedPage<T> page = changes.apply(cursor, size);
        URI next = uri.getAbsolutePathBuilder().replaceQuery(null)
                .queryParam("since", page.cursor()).queryParam("limit", size).build();
        Object feed = body.of(page.items(), Long.toString(page.cursor()), page.more(), next.toString());
        return Response.fromResponse(json.conditional(request, feed)).link(next, "next").build();
    }
}
