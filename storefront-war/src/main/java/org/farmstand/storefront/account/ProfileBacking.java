package org.farmstand.storefront.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.customers.boundary.CustomerService;
import org.farmstand.customers.boundary.CustomerService.Held;
import org.farmstand.customers.boundary.CustomerService.InvalidInput;
import org.farmstand.customers.boundary.CustomerService.MoveRefused;
import org.farmstand.customers.boundary.CustomerService.Profile;
import org.farmstand.customers.boundary.CustomerService.Registration;
import org.farmstand.mail.control.MailText;
import org.farmstand.storefront.cart.CustomerLogin;
import org.farmstand.storefront.web.Pages;
import org.farmstand.storefront.web.Shop;

import java.util.List;
import java.util.Map;

/**
 * /account/profile: the signed-in customer's name, address and phone; a new postcode moves them to its tour. A second
 * form ({@code action=language}) sets the language of their mails.
 */
@Named
@RequestScoped
public class ProfileBacking {

    @Inject
    CustomerService customers;

    @Inject
    Shop shop;

    private Profile profile;
    private Registration input;
    private Map<String, String> errors = Map.of();
    private List<Held> held = List.of();

    public void handle() {
        CustomerLogin login = Pages.login();
        if (login == null) {
            Pages.redirect(shop, "/account/login");
            return;
        }
        profile = customers.profile(login.customerId()).orElse(null);
        if (profile == null) {
            Pages.redirect(shop, "/account/login");
            return;
        }
        input = new Registration(profile.email(), null, profile.firstName(), profile.lastName(), profile.street(),
                profile.postcode(), profile.city(), profile.phone(), null);
        if (!Pages.isPost()) {
            return;
        }
        if ("language".equals(Pages.param("action"))) {
            if (customers.setMailLanguage(login.customerId(), Pages.param("mailLanguage"))) {
                Pages.redirect(shop, "/account/profile?m=language");
            } else {
                errors = Map.of("mailLanguage", "mailLanguage");
                Pages.status(HttpServletResponse.SC_BAD_REQUEST);
            }
            return;
        }
        input = AccountForm.read(profile.email(), null, null);
        try {
            Profile saved = customers.updateProfile(login.customerId(), input);
            // the header greets the signed-in customer by the name kept in the session: the new one from now on
            Pages.session(true).setAttribute(CustomerLogin.attributeName(login.tenantId()),
                    login.withName(saved.firstName() + " " + saved.lastName()));
            Pages.redirect(shop, "/account/profile?m=saved");
        } catch (InvalidInput e) {
            errors = e.fields();
            if (e instanceof MoveRefused refused) {
                held = refused.held();
            }
            Pages.status(HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    public boolean isSaved() {
        return "saved".equals(Pages.param("m"));
    }

    public boolean isLanguageSaved() {
        return "language".equals(Pages.param("m"));
    }

    /** The language the customer's mails are written in: their own choice, else the shop's default (as MailText). */
    public String getMailLanguage() {
        return MailText.forRecipient(profile.locale(), shop.getTenant()).language().getLanguage();
    }

    public boolean isPasswordChanged() {
        return "password".equals(Pages.param("m"));
    }

    public Profile getProfile() {
        return profile;
    }

    public Registration getInput() {
        return input;
    }

    /** The open orders and waiting-list places that keep the customer from moving to the postcode just sent. */
    public List<Held> getHeld() {
        return held;
    }

    public String error(String field) {
        return AccountForm.errorKey(errors, field);
    }
}
