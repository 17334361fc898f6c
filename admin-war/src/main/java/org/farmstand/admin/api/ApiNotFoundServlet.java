package org.farmstand.admin.api;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

import java.io.IOException;

/**
 * Paths under {@code /api/} outside the API's version ({@code /api/}, {@code /api/v2/tours}) answer a 404 problem like
 * the API's own unknown paths, not the admin's HTML page: a management system with a wrong base URL reads a problem.
 * The API's servlet ({@code /api/v1/*}) is the longer mapping and keeps its paths.
 */
@WebServlet("/api/*")
public class ApiNotFoundServlet extends HttpServlet {

    private static final String BODY = Problem.of(Response.Status.NOT_FOUND,
            "There is no API here; this platform's API is at /api/v1.").json();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType(Problem.MEDIA_TYPE + ";charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(BODY);
    }
}
