package org.farmstand.storefront;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.platform.web.SessionBudget;

import java.io.IOException;

/** Test-only servlet deployed with SessionBudgetIT: reports what the session guard saw, one value per line. */
@WebServlet("/_test/session-budget")
public class SessionBudgetProbe extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write(SessionBudget.checked() + "\n" + SessionBudget.largest() + "\n"
                + String.join(" | ", SessionBudget.violations()) + "\n");
    }
}
