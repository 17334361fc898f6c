package org.farmstand.admin.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.farmstand.api.boundary.ApiTokenLookup;
import org.farmstand.audit.boundary.Actor;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.platform.web.ClientAddress;

import java.util.Optional;
import java.util.Set;

/**
 * The API's only authentication: {@code Authorization: Bearer <token>}. Unknown, revoked or missing tokens get 401,
 * too many requests per token 429 ({@link ApiRateLimiter}), writes with a read-only token 403. A client address that
 * sent too many requests without a valid token gets 429 before its token is looked up. The token's shop
 * becomes the request's tenant (never a request parameter), the token (by its name) the actor the audit log names;
 * the response filter, and {@link ApiTenantCleanup} as a last resort, take both off the thread again.
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

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String client = ClientAddress.of(servletRequest);
        long refused = rateLimiter.unauthenticatedWait(client);
        if (refused > 0) {
            // before the token is looked up: a flood of made-up tokens must not reach the database
            request.abortWith(tooMany(refused, "This client sent too many requests without a valid API token;"
                    + " retry after " + refused + " s."));
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<ApiTokenLookup.Caller> caller = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? tokens.find(header.substring(7).strip())
                : Optional.empty();
        if (caller.isEmpty()) {
            rateLimiter.failedAuthentication(client);
            request.abortWith(Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED,
                            header == null ? "An API token is required: Authorization: Bearer <token>."
                                    : "The API token is unknown or revoked.").response())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"farmstand\"").build());
            return;
        }
        long wait = rateLimiter.acquire(caller.get().tokenId());
        if (wait > 0) {
            request.abortWith(tooMany(wait, "This API token sent too many requests; retry after " + wait + " s."));
            return;
        }
        if (!READ_METHODS.contains(request.getMethod()) && !caller.get().write()) {
            request.abortWith(Problem.of(Response.Status.FORBIDDEN,
                    "This API token may only read; writing needs a token with the write scope.").response());
            return;
        }
        request.setProperty(CALLER, caller.get());
        // the token is the actor of what the request changes: the audit log names it ("API: PCG")
        TenantContext.Scope tenant = TenantContext.enter(caller.get().tenantId());
        TenantContext.Scope actor = Actor.enter(new Actor(null, actorName(caller.get())));
        request.setProperty(TENANT_SCOPE, new ApiTenantCleanup.OnceScope(() -> {
            actor.close();
            tenant.close();
        }));
    }

    /** How the audit log names a change made through the API: "API: " and the token's name. */
    static String actorName(ApiTokenLookup.Caller caller) {
        return "API: " + (caller.name() == null || caller.name().isBlank() ? "#" + caller.tokenId() : caller.name());
    }

    private static Response tooMany(long retryAfter, String detail) {
        return Response.fromResponse(Problem.of(429, "rate-limited", "Too many requests", detail).response())
                .header(HttpHeaders.RETRY_AFTER, retryAfter).build();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        ApiTenantCleanup.close(request.getProperty(TENANT_SCOPE));
    }
}
