package org.farmstand.storefront;

import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.farmstand.platform.web.AdmissionGate;
import org.farmstand.storefront.web.AdmissionFilter;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only servlet deployed with WarmUpIT: {@code <sessions created since deployment> <requests the admission gate
 * admitted>}, the first counted by {@link Sessions}, a session listener in the same WAR.
 */
@WebServlet("/_test/warm-up")
public class WarmUpProbe extends HttpServlet {

    static final AtomicInteger CREATED = new AtomicInteger();

    /** Counts every HTTP session the storefront creates. */
    @WebListener
    public static class Sessions implements HttpSessionListener {
        @Override
        public void sessionCreated(HttpSessionEvent event) {
            CREATED.incrementAndGet();
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AdmissionGate gate = (AdmissionGate) getServletContext().getAttribute(AdmissionFilter.GATE_ATTRIBUTE);
        response.setContentType("text/plain");
        response.getWriter().write(CREATED.get() + " " + gate.admittedCount() + "\n");
    }
}
