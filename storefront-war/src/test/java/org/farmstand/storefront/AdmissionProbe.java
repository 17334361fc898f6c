package org.farmstand.storefront;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.platform.web.AdmissionGate;
import org.farmstand.storefront.web.AdmissionFilter;

import java.io.IOException;

/**
 * Test-only servlet deployed with StorefrontIT: sets the admission limits of the running storefront
 * ({@code ?max=&reserved=}) and reports them with the gate's counters:
 * {@code <max> <reserved> <in flight> <waiting> <current limit> <current reserved share>}.
 */
@WebServlet("/_test/admission")
public class AdmissionProbe extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AdmissionGate gate = (AdmissionGate) getServletContext().getAttribute(AdmissionFilter.GATE_ATTRIBUTE);
        String max = request.getParameter("max");
        if (max != null) {
            gate.configure(Integer.parseInt(max), Integer.parseInt(request.getParameter("reserved")));
        }
        response.setContentType("text/plain");
        response.getWriter().write(gate.maxInFlight() + " " + gate.reserved() + " " + gate.inFlight() + " "
                + gate.waiting() + " " + gate.limit() + " " + gate.reservedShare() + "\n");
    }
}
