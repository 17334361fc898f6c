package org.farmstand.admin.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * A write with {@code If-Match} or {@code If-None-Match} whose resource method does not take If-Match (see
 * {@link ApiWrites#precondition}) is a 400 problem: made anyway, it would tell a client that relies on the condition
 * that it held. After authentication, so a caller without a valid token learns nothing.
 */
@Provider
@Priority(Priorities.HEADER_DECORATOR)
public class ApiPreconditionCheck implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!"PUT".equals(request.getMethod()) || request.getHeaderString(HttpHeaders.IF_MATCH) == null
                && request.getHeaderString(HttpHeaders.IF_NONE_MATCH) == null) {
            return;
        }
        Method method = resource.getResourceMethod();
        if (method != null && !takesIfMatch(method) || request.getHeaderString(HttpHeaders.IF_NONE_MATCH) != null) {
            request.abortWith(Problem.of(400, "precondition-not-supported", "Precondition not supported",
                    (request.getHeaderString(HttpHeaders.IF_NONE_MATCH) != null ? "If-None-Match"
                            : "If-Match") + " is not supported on this write (only If-Match, on the writes of a"
                            + " product and of an order); nothing was written.").response());
        }
    }

    static boolean takesIfMatch(Method method) {
        return Arrays.stream(method.getParameterAnnotations()).flatMap(Arrays::stream)
                .anyMatch(a -> a instanceof HeaderParam h && h.value().equalsIgnoreCase(HttpHeaders.IF_MATCH));
    }
}
