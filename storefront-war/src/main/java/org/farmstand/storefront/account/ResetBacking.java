package org.farmstand.storefront.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.customers.boundary.CustomerService;
import org.farmstand.customers.boundary.CustomerService.InvalidInput;
import org.farmstand.storefront.cart.CustomerLogin;
import org.farmstand.storefront.web.Pages;
import org.farmstand.storefront.web.Shop;

import java.util.Map;

/** /account/reset?token=...: sets a new password with the link of the reset mail (valid one hour, used once). */
@Named
@RequestScoped
public class ResetBacking {

    @Inject
    CustomerService customers;

    @Inject
    Shop shop;

    private String token;
    private boolean tokenValid;
    private Map<String, String> errors = Map.of();

    public void handle() {
        if ("done".equals(Pages.param("m"))) {
            return;
        }
        token = Pages.param("token");
        tokenValid = token != null && token.matches("[A-Za-z0-9_-]{16,64}") && customers.resetTokenValid(token);
        if (!tokenValid) {
            Pages.status(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (!Pages.isPost()) {
            return;
        }
        try {
            CustomerService.PasswordReset reset =
                    customers.resetPassword(token, Pages.request().getParameter("password"));
            // the session that set the new password stays signed in (its stamp is the new one); others end
            CustomerLogin login = Pages.login();
            if (login != null && login.customerId() == reset.customerId()) {
                Pages.request().changeSessionId();
                Pages.session(true).setAttribute(CustomerLogin.attributeName(login.tenantId()),
                        login.withCredentialStamp(reset.credentialStamp()));
            }
            Pages.redirect(shop, "/account/reset?m=done");
        } catch (InvalidInput e) {
            errors = e.fields();
            Pages.status(HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    public boolean isDone() {
        return "done".equals(Pages.param("m"));
    }

    public String getToken() {
        return token;
    }

    public boolean isTokenValid() {
        return tokenValid;
    }

    public String error(String field) {
        return AccountForm.errorKey(errors, field);
    }
}
