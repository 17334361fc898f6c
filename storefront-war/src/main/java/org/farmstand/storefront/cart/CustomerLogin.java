package org.farmstand.storefront.cart;

import java.io.Serializable;

/** The signed-in customer of one shop, kept in the session: ids and a name, nothing more. */
public record CustomerLogin(long customerId, long tenantId, String name, String email) implements Serializable {

    public static String attributeName(long tenantId) {
        return "farmstand.customer." + tenantId;
    }
}
