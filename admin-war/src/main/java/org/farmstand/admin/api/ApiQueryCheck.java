package org.farmstand.admin.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A query parameter the matched resource method does not take is a 422 problem naming it, as an unknown property of
 * a body is: ignored, a typo ({@code ?tourdate=6}, {@code ?sinse=120}) or a filter the API does not have
 * ({@code ?status=CANCELLED}) would be answered with something else than was asked for (the whole change feed
 * instead of a date's orders) without a word. After authentication, so a caller without a valid token learns nothing.
 */
@Provider
@Priority(Priorities.HEADER_DECORATOR + 10)
public class ApiQueryCheck implements ContainerRequestFilter {

    /** Each resource method's query parameters, read by reflection once (the annotations are copied per call). */
    private static final Map<Method, Set<String>> TAKEN = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        Set<String> given = request.getUriInfo().getQueryParameters().keySet();
        if (method == null || given.isEmpty()) {
            return;
        }
        Set<String> taken = TAKEN.computeIfAbsent(method, ApiQueryCheck::taken);
        String message = taken.isEmpty() ? "is not a parameter of this request (it takes none)"
                : "is not a parameter of this request (it takes " + String.join(", ", taken) + ")";
        List<Problem.FieldError> unknown = given.stream().filter(name -> !taken.contains(name)).sorted()
                .map(name -> new Problem.FieldError(name, message)).toList();
        if (!unknown.isEmpty()) {
            request.abortWith(ProblemMappers.invalid(unknown).response());
        }
    }

    /** The names of the method's {@code @QueryParam}s, sorted. */
    static Set<String> taken(Method method) {
        return Arrays.stream(method.getParameterAnnotations()).flatMap(Arrays::stream)
                .filter(QueryParam.class::isInstance).map(a -> ((QueryParam) a).value())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
