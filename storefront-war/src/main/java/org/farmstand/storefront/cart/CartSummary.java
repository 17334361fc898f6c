package org.farmstand.storefront.cart;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.farmstand.storefront.web.ShopRequest;

/** Header facts (items in cart, signed in) read without ever creating a session. */
@Named
@RequestScoped
public class CartSummary {

    private HttpSession session() {
        return ((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest()).getSession(false);
    }

    private long tenantId() {
        ShopRequest shop = ShopRequest.of((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest());
        return shop == null ? -1 : shop.tenant().id();
    }

    public int getCount() {
        HttpSession session = session();
        if (session == null) {
            return 0;
        }
        Cart cart = (Cart) session.getAttribute(Cart.attributeName(tenantId()));
        return cart == null ? 0 : cart.itemCount();
    }

    public boolean isLoggedIn() {
        HttpSession session = session();
        return session != null && session.getAttribute(CustomerLogin.attributeName(tenantId())) != null;
    }
}
