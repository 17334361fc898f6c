package org.farmstand.admin.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.farmstand.api.boundary.ApiService;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The order and customer data of the JSON API as CSV files, for management systems that import files:
 * {@code GET /orders.csv?tourDate=<id>} (the orders on a date) or {@code GET /orders.csv?since=<cursor>} (the order
 * change feed), one row per order line; {@code GET /customers.csv?since=<cursor>} (the customer change feed), one row
 * per customer with its status history and, last, the language of its mails (empty: the shop's default; a column added
 * at the end, so importers that read by position keep working). Feeds answer at most {@value #MAX_ROWS} orders or customers; the headers
 * {@code Feed-Cursor} and {@code Feed-Has-More} (and a {@code next} link) say where to continue.
 */
@Path("")
@RequestScoped
public class ExportResource {

    static final int MAX_ROWS = 10_000;

    /** What the files do to text a spreadsheet would run as a formula (see CsvField), for the OpenAPI document. */
    static final String FORMULAS = "A text field that starts with = + - @, TAB or CR (a formula to a spreadsheet) is"
            + " written with a leading apostrophe; numbers, dates and codes are written as they are.";

    @Inject
    ApiService api;

    static final List<String> ORDER_HEADER = List.of("order_number", "status", "change_seq", "tour_date_id",
            "delivery_date", "customer_id", "customer_name", "customer_email", "order_total_cents", "created_at",
            "updated_at", "product_id", "product_name", "unit", "quantity", "unit_price_cents", "line_total_cents",
            "weighed_g", "final_line_total_cents");

    static final List<String> CUSTOMER_HEADER = List.of("id", "email", "first_name", "last_name", "street",
            "postcode", "city", "phone", "status", "email_verified", "home_tour_id", "external_id", "registered_at",
            "activated_at", "updated_at", "change_seq", "status_history", "locale");

    @GET
    @Path("orders.csv")
    @Produces("text/csv")
    @APIResponse(responseCode = "200", description = "One row per order line, with a header row. " + FORMULAS,
            content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "Invalid")
    public Response ordersCsv(@QueryParam("since") String since, @QueryParam("tourDate") String tourDate,
                           @Context UriInfo uri) {
        Csv csv = new Csv(ORDER_HEADER);
        if (tourDate != null) {
            long dateId = OrdersResource.number("tourDate", tourDate, 1, Long.MAX_VALUE);
            List<ApiService.OrderDto> orders = api.ordersOn(dateId)
                    .orElseThrow(() -> Problem.of(Response.Status.NOT_FOUND, "No such tour date.").exception());
            orders.forEach(o -> orderRows(csv, o));
            return file(csv, "orders-" + dateId + ".csv").build();
        }
        ApiService.FeedPage<ApiService.OrderDto> last = drain(since, api::changes, o -> orderRows(csv, o));
        return feed(file(csv, "orders-since-" + (since == null ? "0" : since) + ".csv"), uri, last).build();
    }

    @GET
    @Path("customers.csv")
    @Produces("text/csv")
    @APIResponse(responseCode = "200", description = "One row per customer, with a header row. " + FORMULAS,
            content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "422", ref = "Invalid")
    public Response customersCsv(@QueryParam("since") String since, @Context UriInfo uri) {
        Csv csv = new Csv(CUSTOMER_HEADER);
        ApiService.FeedPage<ApiService.CustomerDto> last = drain(since, api::customerChanges, c -> csv.row(List.of(
                c.id(), c.email(), c.firstName(), c.lastName(), c.street(), c.postcode(), c.city(), nz(c.phone()),
                c.status(), c.emailVerified(), nz(c.homeTourId()), nz(c.externalId()), nz(c.registeredAt()),
                nz(c.activatedAt()), nz(c.updatedAt()), c.changeSeq(),
                c.statusChanges().stream().map(s -> s.status() + "@" + s.at()).collect(Collectors.joining(";")),
                nz(c.locale()))));
        return feed(file(csv, "customers-since-" + (since == null ? "0" : since) + ".csv"), uri, last).build();
    }

    /**
     * Pages through a change feed from {@code since} (0 without) until it has no more or {@value #MAX_ROWS} items
     * were given to {@code row}; returns the last page (its cursor and whether there is more).
     */
    private static <T> ApiService.FeedPage<T> drain(String since,
                                                    BiFunction<Long, Integer, ApiService.FeedPage<T>> changes,
                                                    Consumer<T> row) {
        long cursor = since == null ? 0 : OrdersResource.number("since", since, 0, Long.MAX_VALUE);
        ApiService.FeedPage<T> page = new ApiService.FeedPage<>(List.of(), cursor, true);
        int rows = 0;
        while (page.more() && rows < MAX_ROWS) {
            page = changes.apply(page.cursor(), Math.min(ApiService.MAX_PAGE, MAX_ROWS - rows));
            page.items().forEach(row);
            rows += page.items().size();
        }
        return page;
    }

    private static void orderRows(Csv csv, ApiService.OrderDto o) {
        List<Object> order = List.of(o.number(), o.status(), o.changeSeq(), o.tourDateId(), o.deliveryDate(),
                o.customerId(), o.customerName(), o.customerEmail(), o.totalCents(), nz(o.createdAt()),
                nz(o.updatedAt()));
        if (o.lines().isEmpty()) {
            List<Object> row = new ArrayList<>(order);
            row.addAll(List.of("", "", "", "", "", "", "", ""));
            csv.row(row);
        }
        for (ApiService.LineDto l : o.lines()) {
            List<Object> row = new ArrayList<>(order);
            row.addAll(List.of(l.productId(), l.productName(), l.unit(), l.quantity(), l.unitPriceCents(),
                    l.lineTotalCents(), nz(l.weighedGrams()), nz(l.finalLineTotalCents())));
            csv.row(row);
        }
    }

    private static Object nz(Object value) {
        return value == null ? "" : value;
    }

    private static Response.ResponseBuilder file(Csv csv, String name) {
        return Response.ok(csv.toString().getBytes(StandardCharsets.UTF_8), Csv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .header("Cache-Control", "private, no-store");
    }

    private static Response.ResponseBuilder feed(Response.ResponseBuilder b, UriInfo uri,
                                                 ApiService.FeedPage<?> last) {
        URI next = uri.getAbsolutePathBuilder().replaceQuery(null).queryParam("since", last.cursor()).build();
        return b.header("Feed-Cursor", last.cursor()).header("Feed-Has-More", last.more()).link(next, "next");
    }
}
