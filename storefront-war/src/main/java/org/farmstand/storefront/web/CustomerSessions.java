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
 * Ends a customer's sign-in once their password was reset or changed elsewhere, or their e-mail address changed. Payara's session store has no index by
 * user, so the sessions are not found at the change; instead each sign-in keeps the account's credential stamp, and the
 * shop router compares it on every shop page of a session signed in to this shop: one read of one column by primary
 * key (anonymous pages, the cached catalog among them, read nothing). A customer's page ({@link Route#forCustomer()})
 * then sends them to the sign-in; any other page goes on without the sign-in.
 */
@ApplicationScoped
public class CustomerSessions {

    /** The sign-in page's {@code m} parameter after a sign-in was ended here. */
    public static final String SIGNED_OUT = "password-changed";

    /** The same after a sign-in was ended because the account's e-mail address (its sign-in name) changed since. */
    public static final String EMAIL_CHANGED = "email-changed";

    private static final String STAMP = "SELECT credential_stamp, email FROM customer WHERE id = ? AND tenant_id = ?";

    @Inject
    DataSources dataSources;

    /**
     * Why the request's session, signed in to this shop with a stamp that is no longer the account's, is over:
     * {@link #EMAIL_CHANGED} when the account's address is no longer the one signed in with, else {@link #SIGNED_OUT}
     * (a new password since); null while the sign-in holds, or without one. The thread's tenant must be set (the
     * router's).
     */
    public String ended(HttpServletRequest request) {
        CustomerLogin login = Pages.login(request);
        return login == null ? null : endedSince(login.customerId(), login.credentialStamp(), login.email());
    }

    /**
     * The same for a sign-in with {@code credentialStamp} and {@code email}; null for a customer who is gone (the pages
     * and services refuse them already). Plain JDBC on the pooled data source, like the shop lookup: it runs on every
     * checkout request, where an intercepted, transactional JPA query cost several times as much; the tenant is in
     * the query itself (EclipseLink's tenant filter does not apply here).
     */
    String endedSince(long customerId, int credentialStamp, String email) {
        return dataSources.first(STAMP, row -> row.getInt(1) == credentialStamp ? ""
                                : row.getString(2).equals(email) ? SIGNED_OUT : EMAIL_CHANGED,
                        customerId, TenantContext.require())
                .filter(reason -> !reason.isEmpty()).orElse(null);
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
     * The sign-in page to send a sign-in ended for {@code reason} ({@link #ended}) to, with the message and, where the
     * sign-in page knows it, the page to return to.
     */
    static String signInPath(ShopRequest shop, String reason) {
        String next = switch (shop.route()) {
            case CHECKOUT -> "checkout";
            case WAITLIST -> "waitlist";
            case OFFER -> "offers/" + shop.param("token");
            default -> "orders";
        };
        return "/account/login?m=" + reason + "&next=" + next;
    }
}
