package org.farmstand.storefront.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.customers.boundary.CustomerAuthService;
import org.farmstand.customers.boundary.CustomerAuthService.SignIn;
import org.farmstand.customers.boundary.CustomerService;
import org.farmstand.customers.boundary.CustomerService.InvalidInput;
import org.farmstand.platform.web.ClientAddress;
import org.farmstand.storefront.cart.CustomerLogin;
import org.farmstand.storefront.web.Pages;
import org.farmstand.storefront.web.Shop;

import java.util.Map;

/**
 * /account/password: a signed-in customer changes their password with the current one. The current password is
 * checked as a sign-in is (same throttle: a session left open on a shared computer cannot be used to guess it); the
 * new one raises the credential stamp, so other sessions end, this one stays signed in; a mail tells the customer.
 */
@Named
@RequestScoped
public class PasswordBacking {

    @Inject
    CustomerAuthService auth;

    @Inject
    CustomerService customers;

    @Inject
    Shop shop;

    private Map<String, String> errors = Map.of();
    private long waitSeconds;

    public void handle() {
        CustomerLogin login = Pages.login();
        if (login == null) {
            Pages.redirect(shop, "/account/login");
            return;
        }
        if (!Pages.isPost()) {
            return;
        }
        String current = Pages.request().getParameter("current");
        String password = Pages.request().getParameter("password");
        if (current == null || current.isEmpty()) {
            fail(Map.of("current", "currentMissing"), HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        String problem = CustomerService.passwordProblem(password);
        if (problem != null) {
            // the new password's rules first: no password check (and no throttle count) for a form that cannot pass
            fail(Map.of("password", problem), HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        SignIn check = auth.signIn(login.email(), current, ClientAddress.of(Pages.request()));
        if (check instanceof SignIn.Throttled throttled) {
            waitSeconds = LoginBacking.retryAfter(throttled.retryAfter());
            fail(Map.of("current", "currentThrottled"), 429);
            return;
        }
        if (!(check instanceof SignIn.Success success) || success.customer().id() != login.customerId()) {
            fail(Map.of("current", "currentWrong"), HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        try {
            CustomerService.PasswordReset changed = customers.changePassword(shop.getTenant(), login.customerId(),
                    password);
            Pages.request().changeSessionId();
            Pages.session(true).setAttribute(CustomerLogin.attributeName(login.tenantId()),
                    login.withCredentialStamp(changed.credentialStamp()));
            Pages.redirect(shop, "/account/profile?m=password");
        } catch (InvalidInput e) {
            fail(e.fields(), HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    private void fail(Map<String, String> fields, int status) {
        errors = fields;
        Pages.status(status);
    }

    public String error(String field) {
        return AccountForm.errorKey(errors, field);
    }

    public long getWaitSeconds() {
        return waitSeconds;
    }
}
