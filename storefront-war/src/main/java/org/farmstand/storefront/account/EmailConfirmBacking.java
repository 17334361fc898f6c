package org.farmstand.storefront.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.customers.boundary.CustomerService;
import org.farmstand.customers.boundary.CustomerService.EmailConfirmation;
import org.farmstand.customers.boundary.CustomerService.EmailTaken;
import org.farmstand.customers.boundary.CustomerService.PendingEmail;
import org.farmstand.storefront.cart.CustomerLogin;
import org.farmstand.storefront.web.Pages;
import org.farmstand.storefront.web.Shop;

/**
 * /account/email/confirm?token=...: the link mailed to a new address. Opening it asks first (a GET changes nothing:
 * mail scanners open links too); the form's post changes the address. Works signed in or not, on any device; the
 * token belongs to this shop (another shop's finds nothing here), expires and works once. A session signed in as
 * this customer stays signed in (with the new address and credential stamp); the account's other sessions end.
 */
@Named
@RequestScoped
public class EmailConfirmBacking {

    @Inject
    CustomerService customers;

    @Inject
    Shop shop;

    private String token;
    private PendingEmail pending;
    private String takenEmail;

    public void handle() {
        if (isDone()) {
            return;
        }
        token = Pages.param("token");
        boolean wellFormed = token != null && token.matches("[A-Za-z0-9_-]{16,64}");
        if (!Pages.isPost()) {
            pending = wellFormed ? customers.emailChangeFor(token).orElse(null) : null;
            if (pending == null) {
                Pages.status(HttpServletResponse.SC_NOT_FOUND);
            }
            return;
        }
        EmailConfirmation outcome;
        try {
            outcome = wellFormed ? customers.confirmEmailChange(shop.getTenant(), token) : new EmailConfirmation.Invalid();
        } catch (EmailTaken e) {
            outcome = new EmailConfirmation.Taken(e.email());
        }
        if (outcome instanceof EmailConfirmation.Changed changed) {
            CustomerLogin login = Pages.login();
            if (login != null && login.customerId() == changed.customerId()) {
                Pages.request().changeSessionId();
                Pages.session(true).setAttribute(CustomerLogin.attributeName(login.tenantId()),
                        login.withEmail(changed.email(), changed.credentialStamp()));
            }
            Pages.redirect(shop, "/account/email/confirm?m=done");
        } else if (outcome instanceof EmailConfirmation.Taken taken) {
            takenEmail = taken.email();
            Pages.status(HttpServletResponse.SC_CONFLICT);
        } else {
            Pages.status(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    public boolean isDone() {
        return "done".equals(Pages.param("m"));
    }

    public String getToken() {
        return token;
    }

    /** The change the link confirms (on the page that asks), or null. */
    public PendingEmail getPending() {
        return pending;
    }

    /** The address another customer took meanwhile, or null. */
    public String getTakenEmail() {
        return takenEmail;
    }

    /** Whether the link is unknown, used, replaced or expired. */
    public boolean isInvalid() {
        return !isDone() && pending == null && takenEmail == null;
    }

    public boolean isSignedIn() {
        return Pages.login() != null;
    }
}
