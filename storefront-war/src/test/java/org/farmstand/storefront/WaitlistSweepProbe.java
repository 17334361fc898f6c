package org.farmstand.storefront;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.waitlist.control.WaitlistSweeper;

import java.io.IOException;
import java.sql.SQLException;

/** Test-only servlet deployed with StorefrontIT: runs one waiting-list sweep now (as every node does on its timer). */
@WebServlet("/_test/waitlist-sweep")
public class WaitlistSweepProbe extends HttpServlet {

    @Inject
    WaitlistSweeper sweeper;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            int handled = sweeper.sweep();
            response.setContentType("text/plain");
            response.getWriter().print(handled);
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}
