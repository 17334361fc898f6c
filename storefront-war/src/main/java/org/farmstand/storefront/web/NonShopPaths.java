package org.farmstand.storefront.web;

import jakarta.servlet.ServletContext;

import java.util.HashSet;
import java.util.Set;

/**
 * The paths of the storefront's web application that are not shop pages and pass both storefront filters untouched:
 * Faces resources and static files, the favicon, MicroProfile Health, Payara's MicroProfile OpenAPI and Metrics
 * endpoints (added to the application at the root context, i.e. this WAR when both run together), and the exact
 * paths of the WAR's own servlets (e.g. a test probe). One list for the shop router ({@link TenantFilter}) and the
 * surge gate ({@link AdmissionFilter}): monitoring that reads {@code /metrics} or {@code /health} in a surge must get
 * its answer, not the queue page.
 */
final class NonShopPaths {

    /**
     * Payara's MicroProfile OpenAPI servlet ({@code /openapi/*}, the merged document of every deployed WAR, the
     * admin's REST API included): it must pass, or the API's document would be a shop 404.
     */
    static final String OPENAPI = "/openapi";

    /**
     * Payara's MicroProfile Metrics endpoint ({@code /metrics}, {@code /metrics?scope=application}): the hoster's
     * monitoring reads the admission gauges there.
     */
    static final String METRICS = "/metrics";

    private final Set<String> servletPaths;

    NonShopPaths(Set<String> servletPaths) {
        this.servletPaths = Set.copyOf(servletPaths);
    }

    /** With the exact paths ({@code /x}, no wildcard, not {@code /}) the application's servlets are mapped to. */
    static NonShopPaths of(ServletContext context) {
        Set<String> paths = new HashSet<>();
        context.getServletRegistrations().values().forEach(r -> r.getMappings().stream()
                .filter(m -> m.startsWith("/") && !m.contains("*") && !m.equals("/"))
                .forEach(paths::add));
        return new NonShopPaths(paths);
    }

    /** Whether the path (below the context path) is one of these. */
    boolean contains(String path) {
        return path.startsWith("/jakarta.faces.resource/") || path.startsWith("/resources/") || path.equals("/favicon.ico")
                || under(path, "/health") || under(path, OPENAPI) || under(path, METRICS) || servletPaths.contains(path);
    }

    private static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
