package org.farmstand.admin.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.farmstand.api.boundary.ApiTokenLookup;
import org.farmstand.platform.persistence.TenantContext;

import java.util.Optional;
import java.util.Set;

/**
 * The API's only authentication: {@code Authorization: Bearer <token>}. Unknown, revoked or missing tokens get 401,
 * too many requests per token 429 ({@link ApiRateLimiter}), writes with a read-only token 403. The token's shop
 * becomes the request's tenant (never a request parameter); the response filter, and {@link ApiTenantCleanup} as a
 * last resort, take it off the thread again.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiAuthFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String CALLER = ApiAuthFilter.class.getName() + ".caller";
    static final String TENANT_SCOPE = ApiAuthFilter.class.getName() + ".tenantScope";
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    ApiTokenLookup tokens;

    @Inject
    ApiRateLimiter rateLimiter;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<ApiTokenLookup.Caller> caller = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? tokens.find(header.substring(7).strip())
                : Optional.empty();
        if (caller.isEmpty()) {
            request.abortWith(Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED,
                            header == null ? "An API token is required: Authorization: Bearer <token>."
                                    : "The API token is unknown or revoked.").response())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"farmstand\"").build());
            return;
        }
        long wait = rateLimiter.acquire(caller.get().tokenId());
        if (wait > 0) {
            request.abortWith(Response.fromResponse(Problem.of(429, "rate-limited", "Too many requests",
                            "This API token sent too many requests; retry after " + wait + " s.").response())
                    .header(HttpHeaders.RETRY_AFTER, wait).build());
            return;
        }
        if (!READ_METHODS.contains(request.getMethod()) && !caller.get().write()) {
            request.abortWith(Problem.of(Response.Status.FORBIDDEN,
                    "This API token may only read; writing needs a token with the write scope.").response());
            return;
        }
        request.setProperty(CALLER, caller.get());
        request.setProperty(TENANT_SCOPE, new ApiTenantCleanup.OnceScope(TenantContext.enter(caller.get().tenantId())));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        ApiTenantCleanup.close(request.getProperty(TENANT_SCOPE));
    }
}
