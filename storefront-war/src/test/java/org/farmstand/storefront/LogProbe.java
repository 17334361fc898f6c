package org.farmstand.storefront;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * Test-only servlet deployed with StorefrontIT: counts the web container's warnings that a request's character
 * encoding was set too late ({@code AS-WEB-CORE-00059}) since the deployment, and answers the count.
 */
@WebServlet(urlPatterns = "/_test/encoding-warnings", loadOnStartup = 1)
public class LogProbe extends HttpServlet {

    private static final Logger WEB_CORE = Logger.getLogger("jakarta.enterprise.web.core");
    private static final EncodingWarnings HANDLER = new EncodingWarnings();

    @Override
    public void init() {
        WEB_CORE.addHandler(HANDLER);
    }

    @Override
    public void destroy() {
        WEB_CORE.removeHandler(HANDLER);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write(HANDLER.count() + "\n");
    }
}
