package org.farmstand.storefront;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.ordering.control.PlacementGate;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test-only servlet deployed with StorefrontIT: {@code ?hold=N} takes N permits of the placement gate (threads that
 * wait inside it, at most 60 s), {@code ?release} lets them go; answers how many it holds.
 */
@WebServlet("/_test/placements")
public class PlacementProbe extends HttpServlet {

    private static volatile CountDownLatch release = new CountDownLatch(0);
    private static final java.util.concurrent.atomic.AtomicInteger HELD = new java.util.concurrent.atomic.AtomicInteger();

    @Inject
    PlacementGate gate;

    @Resource
    ManagedThreadFactory threads;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getParameter("release") != null) {
            release.countDown();
        }
        String hold = request.getParameter("hold");
        if (hold != null) {
            CountDownLatch latch = new CountDownLatch(1);
            release = latch;
            int n = Integer.parseInt(hold);
            CountDownLatch inside = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                threads.newThread(() -> gate.call(() -> {
                    HELD.incrementAndGet();
                    inside.countDown();
                    try {
                        latch.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return HELD.decrementAndGet();
                })).start();
            }
            try {
                inside.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        response.setContentType("text/plain");
        response.getWriter().write(HELD.get() + "\n");
    }
}
