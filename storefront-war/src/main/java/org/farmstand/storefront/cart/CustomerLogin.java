package org.farmstand.storefront.cart;

import java.io.Serializable;

/**
 * The signed-in customer of one shop, kept in the session: ids and a name, nothing more, and the account's credential
 * stamp at sign-in (a password reset raises it; {@link org.farmstand.storefront.web.CustomerSessions} then ends this
 * sign-in).
 */
public record CustomerLogin(long customerId, long tenantId, String name, String email, int credentialStamp)
        implements Serializable {

    public static String attributeName(long tenantId) {
        return "farmstand.customer." + tenantId;
    }

    public CustomerLogin withName(String newName) {
        return new CustomerLogin(customerId, tenantId, newName, email, credentialStamp);
    }

    public CustomerLogin withEmail(String newEmail, int stamp) {
        return new CustomerLogin(customerId, tenantId, name, newEmail, stamp);
    }

    public CustomerLogin withCredentialStamp(int stamp) {
        return new CustomerLogin(customerId, tenantId, name, email, stamp);
    }
}
