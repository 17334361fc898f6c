package org.farmstand.storefront.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.customers.boundary.CustomerService;
import org.farmstand.customers.boundary.CustomerService.InvalidInput;
import org.farmstand.customers.boundary.CustomerService.Registration;
import org.farmstand.storefront.web.Pages;
import org.farmstand.storefront.web.Shop;

import java.util.Map;

/** /account/register: a plain POST form; on success a verification mail goes out and the page says so. */
@Named
@RequestScoped
public class RegisterBacking {

    @Inject
    CustomerService customers;

    @Inject
    Shop shop;

    private Registration input;
    private Map<String, String> errors = Map.of();

    public void handle() {
        if (!Pages.isPost()) {
            return;
        }
        input = AccountForm.read(AccountForm.raw("email"), Pages.request().getParameter("password"), shop.getLanguage());
        try {
            customers.register(shop.getTenant(), input);
            Pages.redirect(shop, "/account/register?m=sent");
        } catch (InvalidInput e) {
            errors = e.fields();
            Pages.status(HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    public boolean isSent() {
        return "sent".equals(Pages.param("m"));
    }

    public Registration getInput() {
        return input;
    }

    public boolean isInvalid() {
        return !errors.isEmpty();
    }

    /** The bundle key of the field's error, or null. */
    public String error(String field) {
        return AccountForm.errorKey(errors, field);
    }
}
