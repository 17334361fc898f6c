package org.farmstand.admin.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

import java.util.Map;

/**
 * REST API for producers' management systems, at /admin/api/v1. Authenticated by API tokens
 * ({@link ApiAuthFilter}), not by the staff sign-in: AdminAuthFilter lets /api/* through. Payara serves the
 * OpenAPI document at /openapi.
 */
@ApplicationPath("api/v1")
@OpenAPIDefinition(
        info = @Info(title = "Farmstand API for management systems", version = "1",
                description = "Tours, the order and customer change feeds (cursor paging: continue with 'cursor'"
                        + " until 'hasMore' is false), orders per date, one order by number, the shop's products"
                        + " (ids, externalId, unit, stock), waiting lists, prices, availability and stock"
                        + " per tour date of one shop, the weighed weights of order lines sold by weight, the language of a customer's mails (a customer's 'locale': one"
                        + " of the shop's languages, or null for the shop's default); the same orders and customers"
                        + " as CSV (orders.csv,"
                        + " customers.csv). Every request needs 'Authorization: Bearer <token>' (the shop's owner"
                        + " creates tokens in the admin under API tokens); every write an 'Idempotency-Key' header:"
                        + " a write sent again with the same key and body gets the first answer again and changes"
                        + " nothing more, for at least 24 hours (7 days with the default settings); keys are the"
                        + " token's own (another token of the shop may use the same keys for its own writes)."
                        + " Reads answer If-None-Match with 304; the writes of a product and of an order take"
                        + " If-Match with the ETag of GET /products/{id} or /orders/{number} (412 and nothing written"
                        + " when the resource changed since, e.g. an order took stock), the other writes refuse it."
                        + " Errors are application/problem+json (RFC 9457)."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
public class ApiApplication extends Application {

    /**
     * No WADL: Jersey would answer OPTIONS (and /application.wadl) with a description of every resource. OPTIONS
     * still answers, with the allowed methods in {@code Allow}.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
