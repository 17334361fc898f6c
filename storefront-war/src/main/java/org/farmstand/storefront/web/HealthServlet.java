package org.farmstand.storefront.web;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.io.IOException;
import java.lang.annotation.Annotation;

/**
 * MicroProfile Health at {@code /health}, {@code /health/ready} and {@code /health/live} for the storefront. Payara's
 * own endpoint is shadowed when the storefront is deployed at the root context ("/"), so the storefront answers
 * these paths itself, with the same checks and the same JSON format. The first plain-HTTP request here starts the
 * node's warm-up on its local port ({@link WarmUp}): it is the readiness probe of whoever sends the node traffic.
 */
@WebServlet(urlPatterns = {"/health", "/health/*"})
public class HealthServlet extends HttpServlet {

    @Inject
    @Any
    Instance<HealthCheck> checks;

    @Inject
    WarmUp warmUp;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Annotation qualifier = switch (path) {
            case "/ready" -> Readiness.Literal.INSTANCE;
            case "/live" -> Liveness.Literal.INSTANCE;
            case "", "/" -> null;
            default -> {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                yield Readiness.Literal.INSTANCE;
            }
        };
        if (response.isCommitted()) {
            return;
        }
        warmUp.probed(request);
        Instance<HealthCheck> selected = qualifier == null ? checks : checks.select(qualifier);
        boolean up = true;
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (HealthCheck check : selected) {
            HealthCheckResponse result = check.call();
            up &= result.getStatus() == HealthCheckResponse.Status.UP;
            JsonObjectBuilder item = Json.createObjectBuilder()
                    .add("name", result.getName())
                    .add("status", result.getStatus().name());
            result.getData().ifPresent(data -> {
                JsonObjectBuilder d = Json.createObjectBuilder();
                data.forEach((k, v) -> d.add(k, String.valueOf(v)));
                item.add("data", d);
            });
            array.add(item);
        }
        response.setStatus(up ? 200 : 503);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Json.createObjectBuilder()
                .add("status", up ? "UP" : "DOWN").add("checks", array).build().toString());
    }
}
