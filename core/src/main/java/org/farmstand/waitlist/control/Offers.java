package org.farmstand.waitlist.control;

import jakarta.persistence.EntityManager;
import org.farmstand.waitlist.entity.WaitlistEntry;

import java.util.Optional;

/** A waiting-list offer found by the token of its link: for showing it and for accepting it alike. */
public final class Offers {

    private Offers() {
    }

    /** Whether a token from a request can be one at all (checked before any query). */
    public static boolean plausibleToken(String token) {
        return token != null && token.length() <= 64;
    }

    /** The entry with this offer token, only if it is this customer's (in the caller's transaction). */
    public static Optional<WaitlistEntry> byToken(EntityManager em, long customerId, String token) {
        if (!plausibleToken(token)) {
            return Optional.empty();
        }
        return em.createNamedQuery(WaitlistEntry.FIND_BY_TOKEN, WaitlistEntry.class).setParameter("token", token)
                .getResultStream().filter(w -> w.getCustomerId() == customerId).findFirst();
    }
}
