package org.farmstand.admin.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * REST API for producers' management systems, at /admin/api/v1. Authenticated by API tokens
 * ({@link ApiAuthFilter}), not by the staff sign-in: AdminAuthFilter lets /api/* through. Payara serves the
 * OpenAPI document at /openapi.
 */
@ApplicationPath("api/v1")
@OpenAPIDefinition(
        info = @Info(title = "Farmstand API for management systems", version = "1",
                description = "Tours, the order change feed, prices, availability and stock of one shop. Every"
                        + " request needs 'Authorization: Bearer <token>'; every write an 'Idempotency-Key' header."
                        + " Errors are application/problem+json (RFC 9457)."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
public class ApiApplication extends Application {
}
