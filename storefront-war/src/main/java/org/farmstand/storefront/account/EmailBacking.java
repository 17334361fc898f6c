package org.farmstand.storefront.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.customers.boundary.CustomerAuthService;
import org.farmstand.customers.boundary.CustomerAuthService.SignIn;
import org.farmstand.customers.boundary.CustomerService;
import org.farmstand.customers.boundary.CustomerService.InvalidInput;
import org.farmstand.customers.boundary.CustomerService.PendingEmail;
import org.farmstand.customers.boundary.CustomerService.Profile;
import org.farmstand.platform.web.ClientAddress;
import org.farmstand.storefront.cart.CustomerLogin;
import org.farmstand.storefront.web.Pages;
import org.farmstand.storefront.web.Shop;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * /account/email: a signed-in customer asks to change their e-mail address (their sign-in name) with the current
 * password. The password is checked as a sign-in is (same throttle as the password change), and only for a new
 * address without visible faults; whether another customer of the shop has the address is told only after it. The
 * address changes when the customer opens the link mailed to it ({@link EmailConfirmBacking}); until then the page
 * shows the change waiting.
 */
@Named
@RequestScoped
public class EmailBacking {

    @Inject
    CustomerAuthService auth;

    @Inject
    CustomerService customers;

    @Inject
    Shop shop;

    private Profile profile;
    private PendingEmail pending;
    private String email;
    private Map<String, String> errors = Map.of();
    private long waitSeconds;

    public void handle() {
        CustomerLogin login = Pages.login();
        profile = login == null ? null : customers.profile(login.customerId()).orElse(null);
        if (profile == null) {
            Pages.redirect(shop, "/account/login");
            return;
        }
        if (Pages.isPost() && requested(login)) {
            return;
        }
        pending = customers.pendingEmailChange(login.customerId()).orElse(null);
    }

    /** Handles the form's post; whether the change was requested (and the answer is a redirect). */
    private boolean requested(CustomerLogin login) {
        email = AccountForm.raw("email");
        String current = Pages.request().getParameter("current");
        Map<String, String> found = new LinkedHashMap<>(customers.emailChangeProblems(login.customerId(), email));
        if (current == null || current.isEmpty()) {
            found.put("current", "currentMissing");
        }
        if (!found.isEmpty()) {
            // no password check (and no throttle count) for a form that cannot pass
            fail(found, HttpServletResponse.SC_BAD_REQUEST);
            return false;
        }
        SignIn check = auth.signIn(login.email(), current, ClientAddress.of(Pages.request()));
        if (check instanceof SignIn.Throttled throttled) {
            waitSeconds = LoginBacking.retryAfter(throttled.retryAfter());
            fail(Map.of("current", "currentThrottled"), 429);
            return false;
        }
        if (!(check instanceof SignIn.Success success) || success.customer().id() != login.customerId()) {
            fail(Map.of("current", "currentWrong"), HttpServletResponse.SC_BAD_REQUEST);
            return false;
        }
        try {
            customers.requestEmailChange(shop.getTenant(), login.customerId(), email);
            Pages.redirect(shop, "/account/email?m=sent");
            return true;
        } catch (InvalidInput e) {
            fail(e.fields(), HttpServletResponse.SC_BAD_REQUEST);
            return false;
        }
    }

    private void fail(Map<String, String> fields, int status) {
        errors = fields;
        Pages.status(status);
    }

    public String error(String field) {
        return AccountForm.errorKey(errors, field);
    }

    public boolean isSent() {
        return "sent".equals(Pages.param("m")) && pending != null;
    }

    public Profile getProfile() {
        return profile;
    }

    /** The change waiting for its link to be opened, or null. */
    public PendingEmail getPending() {
        return pending;
    }

    /** The new address as typed, for redisplay after a refused post. */
    public String getEmail() {
        return email;
    }

    public long getWaitSeconds() {
        return waitSeconds;
    }
}
