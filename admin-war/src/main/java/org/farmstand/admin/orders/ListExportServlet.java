package org.farmstand.admin.orders;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.admin.web.Formats;
import org.farmstand.ordering.boundary.OrderAdminService;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Picking and delivery lists of a tour date as CSV or PDF: /orders/export/{picking|delivery}.{csv|pdf}?date=N.
 * Behind AdminAuthFilter (the tenant is the signed-in staff member's); another shop's date is a 404.
 */
@WebServlet("/orders/export/*")
public class ListExportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient OrderAdminService orders;

    @Inject
    transient org.farmstand.tenancy.boundary.TenantService tenants;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        long dateId;
        try {
            dateId = Long.parseLong(request.getParameter("date"));
        } catch (NumberFormatException e) {
            response.sendError(404);
            return;
        }
        var date = orders.date(dateId);
        if (date.isEmpty() || !path.matches("/(picking|delivery)\\.(csv|pdf)")) {
            response.sendError(404);
            return;
        }
        Locale locale = org.farmstand.admin.web.Staff.language(request.getLocales().asIterator());
        ResourceBundle i18n = ResourceBundle.getBundle("org.farmstand.admin.i18n.Messages", locale);
        boolean picking = path.startsWith("/picking");
        boolean csv = path.endsWith(".csv");

        List<String> header;
        List<List<String>> rows = new ArrayList<>();
        float[] widths;
        if (picking) {
            header = List.of(i18n.getString("lists.product"), i18n.getString("lists.unit"), i18n.getString("lists.quantity"),
                    i18n.getString("lists.weight"));
            widths = new float[]{6, 2, 2, 2};
            for (var line : orders.pickingList(dateId)) {
                rows.add(List.of(line.productName(), i18n.getString("Unit." + line.unit().name()),
                        String.valueOf(line.quantity()), line.grams() == null ? ""
                                : approx(line.estimated(), i18n) + Formats.kg(line.grams(), locale)));
            }
        } else {
            header = List.of(i18n.getString("lists.stop"), i18n.getString("orders.number"), i18n.getString("lists.name"),
                    i18n.getString("lists.address"), i18n.getString("lists.phone"), i18n.getString("lists.note"),
                    i18n.getString("lists.items"), i18n.getString("lists.total"));
            widths = new float[]{1, 2.4f, 3, 4.4f, 2.6f, 3.6f, 6, 2};
            String currency = tenants.byId(org.farmstand.platform.persistence.TenantContext.require())
                    .map(org.farmstand.tenancy.boundary.TenantInfo::currency).orElse(null);
            int n = 1;
            for (var stop : orders.deliveryList(dateId)) {
                List<String> items = stop.items().stream().map(item -> item.grams() == null ? item.text()
                        : item.text() + " (" + approx(item.estimated(), i18n) + Formats.kg(item.grams(), locale) + ")")
                        .toList();
                rows.add(List.of(String.valueOf(n++), stop.orderNumber(), stop.customerName(),
                        stop.street() + ", " + stop.postcode() + " " + stop.city(),
                        stop.phone() == null ? "" : stop.phone(), stop.note() == null ? "" : stop.note(),
                        String.join(", ", items),
                        approx(stop.estimated(), i18n) + Formats.money(stop.totalCents(), currency, locale)));
            }
        }
        String day = date.get().date().format(DateTimeFormatter.ISO_LOCAL_DATE);
        String name = (picking ? "picking" : "delivery") + "-" + day + "-" + dateId;
        String title = i18n.getString(picking ? "orders.picking" : "orders.delivery") + " – " + date.get().tourName()
                + " – " + org.farmstand.admin.web.Formats.date(date.get().date(), locale);
        byte[] body = csv ? ListExport.csv(header, rows) : ListExport.pdf(title, header, widths, rows);
        response.setContentType(csv ? "text/csv; charset=UTF-8" : "application/pdf");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + (csv ? ".csv" : ".pdf") + "\"");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** "approx. " / "ca. " before a weight or an amount that is an estimate (sold by weight, not weighed yet). */
    private static String approx(boolean estimated, ResourceBundle i18n) {
        return estimated ? i18n.getString("orders.approx") + " " : "";
    }
}
