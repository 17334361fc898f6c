package org.farmstand.tenancy.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.tenancy.entity.StaffUser;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether an admin session may go on. A session keeps the account's credential stamp from its sign-in; a new password
 * (set by the owner, or with a set-password link) raises the stamp, and the admin's sign-in filter then ends every
 * session signed in before — as it does for a deactivated or removed account. One read by primary key per request,
 * the one the filter made before.
 */
@ApplicationScoped
@Transactional
public class StaffSessions {

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    /** The account's credential stamp now (to keep in a session at sign-in); 0 for an unknown account. */
    public int credentialStamp(long userId) {
        StaffUser user = em.find(StaffUser.class, userId);
        return user == null ? 0 : user.getCredentialStamp();
    }

    /**
     * The signed-in staff member as they are now: empty when the account was deactivated or removed, or its password
     * changed since the session's sign-in ({@code credentialStamp}) — the session must end; otherwise with the
     * current role and name (a role changed by the owner applies at the next request).
     */
    public Optional<StaffPrincipal> current(StaffPrincipal principal, int credentialStamp) {
        StaffUser user = em.find(StaffUser.class, principal.userId());
        if (user == null || !user.isActive() || !Objects.equals(user.getTenantId(), principal.tenantId())
                || user.getCredentialStamp() != credentialStamp) {
            return Optional.empty();
        }
        if (user.getRole() == principal.role() && user.getEmail().equals(principal.email())
                && user.getDisplayName().equals(principal.displayName())) {
            return Optional.of(principal);
        }
        return Optional.of(new StaffPrincipal(user.getId(), user.getTenantId(), user.getEmail(), user.getDisplayName(),
                user.getRole()));
    }
}
