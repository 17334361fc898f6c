package org.farmstand.storefront.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.farmstand.customers.boundary.CustomerService;
import org.farmstand.storefront.web.Pages;
import org.farmstand.storefront.web.Shop;

/** /account/forgot: asks for a reset link; the answer is the same whether the address is known or not. */
@Named
@RequestScoped
public class ForgotBacking {

    @Inject
    CustomerService customers;

    @Inject
    Shop shop;

    public void handle() {
        if (!Pages.isPost()) {
            return;
        }
        customers.requestPasswordReset(shop.getTenant(), Pages.param("email"));
        Pages.redirect(shop, "/account/forgot?m=sent");
    }

    public boolean isSent() {
        return "sent".equals(Pages.param("m"));
    }
}
