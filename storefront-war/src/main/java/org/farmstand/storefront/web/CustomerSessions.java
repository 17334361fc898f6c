package org.farmstand.storefront.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.farmstand.platform.persistence.DataSources;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.storefront.cart.Cart;
import org.farmstand.storefront.cart.CustomerLogin;


/**
 * Ends a customer's sign-in once their password was reset or changed elsewhere. Payara's session store has no index by
 * user, so the sessions are not found at the change; instead each sign-in keeps the account's credential stamp, and the
 * shop router compares it on every shop page of a session signed in to this shop: one read of one column by primary
 * key (anonymous pages, the cached catalog among them, read nothing). A customer's page ({@link Route#forCustomer()})
 * then sends them to the sign-in; any other page goes on without the sign-in.
 */
@ApplicationScoped
public class CustomerSessions {

    /** The sign-in page's {@code m} parameter after a sign-in was ended here. */
    public static final String SIGNED_OUT = "password-changed";

    private static final String STAMP = "SELECT credential_stamp FROM customer WHERE id = ? AND tenant_id = ?";

    @Inject
    DataSources dataSources;

    /**
     * Whether the request's session is signed in to this shop with a stamp that is no longer the account's (a new
     * password since). The thread's tenant must be set (the router's).
     */
    public boolean stale(HttpServletRequest request) {
        CustomerLogin login = Pages.login(request);
        return login != null && passwordChangedSince(login.customerId(), login.credentialStamp());
    }

    /**
     * Whether the customer's stamp is no longer {@code credentialStamp}; false for a customer who is gone (the pages
     * and services refuse them already). Plain JDBC on the pooled data source, like the shop lookup: it runs on every
     * checkout request, where an intercepted, transactional JPA query cost several times as much; the tenant is in
     * the query itself (EclipseLink's tenant filter does not apply here).
     */
    boolean passwordChangedSince(long customerId, int credentialStamp) {
        return dataSources.first(STAMP, row -> row.getInt(1), customerId, TenantContext.require())
                .map(stamp -> stamp != credentialStamp).orElse(false);
    }

    /**
     * Signs the session out of this shop (the sign-in and the cart, which may have been filled by whoever held the old
     * sign-in) and gives it a new id.
     */
    public void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        long tenantId = Pages.tenantId(request);
        session.removeAttribute(CustomerLogin.attributeName(tenantId));
        session.removeAttribute(Cart.attributeName(tenantId));
        request.changeSessionId();
    }

    /**
     * The sign-in page to send an ended sign-in to, with the message and, where the sign-in page knows it, the page
     * to return to.
     */
    static String signInPath(ShopRequest shop) {
        String next = switch (shop.route()) {
            case CHECKOUT -> "checkout";
            case WAITLIST -> "waitlist";
            case OFFER -> "offers/" + shop.param("token");
            default -> "orders";
        };
        return "/account/login?m=" + SIGNED_OUT + "&next=" + next;
    }
}
