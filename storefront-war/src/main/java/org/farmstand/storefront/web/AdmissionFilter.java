package org.farmstand.storefront.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.farmstand.platform.web.AdmissionGate;
import org.farmstand.platform.web.AdmissionTickets;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Surge protection of the storefront (first filter of every request): at most the gate's limit of shop requests are
 * processed at once on this node; visitors beyond the ordinary share get a light "you are in the queue" page (HTTP
 * 200, {@code Retry-After}, refreshing itself) and a signed queue ticket, and are let in in the order of their
 * tickets (see {@link AdmissionGate}). Signed-in customers (a customer login in their session: checkout) may use the
 * reserved share {@code farmstand.admission.reserved}. The limit is {@code farmstand.admission.max-in-flight}, or with
 * {@code farmstand.admission.adaptive} (the default) adapts below it to the service time of the admitted requests,
 * which this filter measures around the rest of the chain (see {@link AdmissionControl}).
 * The admin and its API are a separate web application and not counted here. Static resources, media, health
 * checks and monitoring ({@link NonShopPaths}) pass, and so do the node's own warm-up requests ({@link WarmUp}: not
 * visitors; their cold-node service times must not teach the adaptive limit). The queue page creates no session and
 * needs no database.
 */
@WebFilter(filterName = "AdmissionFilter", urlPatterns = "/*")
public class AdmissionFilter extends HttpFilter {

    /** Servlet context attribute holding this WAR's gate (for monitoring and tests). */
    public static final String GATE_ATTRIBUTE = AdmissionGate.class.getName();
    public static final String QUEUE_HEADER = "X-Farmstand-Queue";
    static final Duration TICKET_LIFETIME = Duration.ofMinutes(30);

    @Inject
    AdmissionControl admission;

    @Inject
    WarmUp warmUp;

    private AdmissionGate gate;
    private AdmissionTickets tickets;
    private NonShopPaths nonShopPaths = new NonShopPaths(Set.of());

    @Override
    public void init() throws ServletException {
        gate = admission.gate();
        tickets = AdmissionTickets.withRandomKey(TICKET_LIFETIME);
        getServletContext().setAttribute(GATE_ATTRIBUTE, gate);
        nonShopPaths = NonShopPaths.of(getServletContext());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (exempt(path) || warmUp.isOwn(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (isForm(request)) {
            // the form is read before a place is taken: a client that sends its body slowly (or never) must not hold
            // one of the few places for the read timeout, nor teach the adaptive limit its waiting as service time
            request.getParameterMap();
        }
        String ticketValue = cookie(request, AdmissionTickets.COOKIE);
        OptionalLong ticket = ticketValue == null ? OptionalLong.empty() : tickets.verify(ticketValue);
        AdmissionGate.Decision decision = gate.tryEnter(privileged(request), ticket.orElse(AdmissionGate.NO_TICKET));
        if (!decision.admitted()) {
            queuePage(request, response, decision, ticket.isPresent() ? ticketValue : tickets.issue(decision.number()));
            return;
        }
        try {
            if (ticketValue != null) {
                // let in: the ticket is used up
                response.addHeader("Set-Cookie", ticketCookie("", 0, request.isSecure()));
            }
            chain.doFilter(request, response);
        } finally {
            gate.release(decision); // with its service time: an adaptive limit learns from an ordinary one
        }
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return "POST".equals(request.getMethod()) && type != null
                && type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33);
    }

    /** What the shop router lets through untouched ({@link NonShopPaths}: monitoring included) and media. */
    private boolean exempt(String path) {
        return nonShopPaths.contains(path) || path.contains("/media/");
    }

    /** A signed-in customer (of any shop on this node): checkout keeps working in a surge. */
    private static boolean privileged(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return false;
        }
        try {
            for (String name : Collections.list(session.getAttributeNames())) {
                if (name.startsWith("farmstand.customer.")) {
                    return true;
                }
            }
        } catch (IllegalStateException invalidated) {
            return false;
        }
        return false;
    }

    private static String cookie(HttpServletRequest request, String name) {
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (name.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /**
     * The ticket cookie's {@code Set-Cookie} header (written directly: {@link Cookie} formats an {@code Expires} date
     * per call, and the queue page is the most frequent answer in a surge; {@code Max-Age} suffices). The value is a
     * ticket this node signed or one that passed {@link AdmissionTickets#verify}, or empty.
     */
    private static String ticketCookie(String value, long maxAgeSeconds, boolean secure) {
        return AdmissionTickets.COOKIE + "=" + value + "; Max-Age=" + maxAgeSeconds + "; Path=/; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }

    /** The queue page ({@link QueuePage}) with its ticket, status 200, {@code Retry-After} and the queue header. */
    private void queuePage(HttpServletRequest request, HttpServletResponse response, AdmissionGate.Decision decision,
                           String ticket) throws IOException {
        int retry = gate.retryAfterSeconds(decision.position());
        String target = QueuePage.onThisSite(request.getRequestURI())
                + ("GET".equals(request.getMethod()) && request.getQueryString() != null ? "?" + request.getQueryString() : "");
        byte[] body = QueuePage.render(Shop.resolveLocale(request, null), target, decision.position(), retry);
        response.addHeader("Set-Cookie", ticketCookie(ticket, TICKET_LIFETIME.toSeconds(), request.isSecure()));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Retry-After", String.valueOf(retry));
        response.setHeader(QUEUE_HEADER, String.valueOf(decision.position()));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
