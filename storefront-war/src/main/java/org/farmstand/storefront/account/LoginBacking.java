package org.farmstand.storefront.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.farmstand.customers.boundary.CustomerAuthService;
import org.farmstand.customers.boundary.CustomerAuthService.CustomerIdentity;
import org.farmstand.customers.boundary.CustomerAuthService.SignIn;
import org.farmstand.customers.boundary.CustomerService;
import org.farmstand.customers.entity.CustomerStatus;
import org.farmstand.storefront.cart.CustomerLogin;
import org.farmstand.platform.web.ClientAddress;
import org.farmstand.storefront.web.CustomerSessions;
import org.farmstand.storefront.web.Pages;
import org.farmstand.storefront.web.Shop;

import java.util.Map;
import java.util.Optional;

/** Sign-in and sign-out of customers (plain POST forms; the session id changes at sign-in). */
@Named
@RequestScoped
public class LoginBacking {

    /** Where to go after sign-in: only these, never a URL from the request. */
    static final Map<String, String> NEXT = Map.of("checkout", "/checkout", "orders", "/account/orders", "cart", "/cart",
            "waitlist", "/account/waitlist");

    /** Where to go after sign-in: only known pages of this shop (no open redirect), or a waiting-list offer. */
    static String nextPath(String next) {
        if (next != null && next.matches("offers/[A-Za-z0-9_-]{16,64}")) {
            return "/" + next;
        }
        return NEXT.getOrDefault(String.valueOf(next), "/account/orders");
    }

    @Inject
    CustomerAuthService auth;

    @Inject
    CustomerService customers;

    @Inject
    Shop shop;

    private String error;
    private long waitSeconds;
    private int position;
    private String email;

    public void login() {
        if (!Pages.isPost()) {
            return;
        }
        email = Pages.request().getParameter("email");
        String password = Pages.request().getParameter("password");
        SignIn attempt = auth.signIn(email, password, ClientAddress.of(Pages.request()));
        if (attempt instanceof SignIn.Throttled throttled) {
            error = "login.error.throttled";
            waitSeconds = retryAfter(throttled.retryAfter());
            Pages.status(429);
            return;
        }
        if (!(attempt instanceof SignIn.Success success)) {
            error = "login.error.invalid";
            Pages.status(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        Optional<CustomerIdentity> found = Optional.of(success.customer());
        if (!found.get().emailVerified()) {
            error = "login.error.unverified";
            Pages.status(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        if (found.get().status() == CustomerStatus.PENDING) {
            position = customers.profile(found.get().id()).map(CustomerService.Profile::waitingPosition).orElse(0);
            error = position > 0 ? "login.error.waiting" : "login.error.pending";
            Pages.status(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        if (!found.get().active()) {
            // a blocked or rejected account is not one that waits for activation: each is told so, no more
            error = switch (found.get().status()) {
                case BLOCKED -> "login.error.blocked";
                case REJECTED -> "login.error.rejected";
                default -> "login.error.notActive";
            };
            Pages.status(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        CustomerIdentity c = found.get();
        HttpSession session = Pages.session(true);
        Pages.request().changeSessionId(); // no session fixation: a new id from the moment of sign-in
        long tenantId = Pages.tenantId();
        session.setAttribute(CustomerLogin.attributeName(tenantId),
                new CustomerLogin(c.id(), tenantId, c.name(), c.email(), c.credentialStamp()));
        Pages.redirect(shop, nextPath(Pages.param("next")));
    }

    /** Answers a throttled attempt's Retry-After (whole seconds, rounded up, at least 1); returns the seconds. */
    static long retryAfter(java.time.Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
        ((HttpServletResponse) Pages.external().getResponse()).setHeader("Retry-After", String.valueOf(seconds));
        return seconds;
    }

    public void logout() {
        if (!Pages.isPost()) {
            return;
        }
        HttpSession session = Pages.session(false);
        if (session != null) {
            // the cart goes with the sign-in: on a shared computer the next person would see what was in it
            session.removeAttribute(CustomerLogin.attributeName(Pages.tenantId()));
            session.removeAttribute(org.farmstand.storefront.cart.Cart.attributeName(Pages.tenantId()));
            Pages.request().changeSessionId();
        }
        Pages.redirect(shop, "/");
    }

    public String getNext() {
        String next = Pages.param("next");
        return next != null && (NEXT.containsKey(next) || next.matches("offers/[A-Za-z0-9_-]{16,64}")) ? next : "";
    }

    public boolean isLoggedIn() {
        return Pages.login() != null;
    }

    public CustomerLogin getCustomer() {
        return Pages.login();
    }

    /** The session's sign-in was ended because the password was changed since (see CustomerSessions). */
    public boolean isSignedOut() {
        return CustomerSessions.SIGNED_OUT.equals(Pages.param("m"));
    }

    /** The session's sign-in was ended because the account's e-mail address was changed since. */
    public boolean isEmailChanged() {
        return CustomerSessions.EMAIL_CHANGED.equals(Pages.param("m"));
    }

    public String getError() {
        return error;
    }

    /** Seconds to wait before the next attempt (throttled sign-in). */
    public long getWaitSeconds() {
        return waitSeconds;
    }

    /** Position on the new-customer waiting list (capped intake). */
    public int getPosition() {
        return position;
    }

    public String getEmail() {
        return email;
    }
}
