package org.farmstand.tenancy.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.audit.boundary.Actor;
import org.farmstand.platform.security.PasswordHasher;
import org.farmstand.tenancy.control.FirstHoster;
import org.farmstand.tenancy.entity.StaffRole;
import org.farmstand.tenancy.entity.StaffUser;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * The hosters' own accounts: the first one, made from the configuration at start ({@link HosterBootstrap}), and the
 * signed-in hoster's change of their own password (/admin/hoster/account). Hosters belong to no tenant and do not
 * appear in any shop's staff list or audit log; what happens to their accounts is written to the server log.
 */
@ApplicationScoped
@Transactional
public class HosterAccounts {

    private static final Logger LOG = Logger.getLogger(HosterAccounts.class.getName());

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    public enum PasswordChange { DONE, WRONG_PASSWORD, INVALID, THROTTLED }

    public boolean activeHosterExists() {
        return em.createQuery("SELECT COUNT(s) FROM StaffUser s WHERE s.role = :hoster AND s.active = TRUE", Long.class)
                .setParameter("hoster", StaffRole.HOSTER).getSingleResult() > 0;
    }

    /**
     * Makes the first hoster, unless an active one exists by now (checked again in this transaction): a new account
     * with {@code email}, or an inactive hoster with that address reactivated with the new password. When nodes
     * start at once, two may both find no hoster and insert: the unique address lets one commit, the other's insert
     * fails (the caller sees the exception); a reactivation takes the row's lock and checks again.
     *
     * @param email        normalized ({@link FirstHoster#normalize}) and valid
     * @param passwordHash the configured password, hashed as staff passwords are
     */
    public FirstHoster.Action createFirst(String email, String passwordHash) {
        if (activeHosterExists()) {
            return FirstHoster.Action.NOTHING;
        }
        Optional<StaffUser> holder = em.createNamedQuery(StaffUser.FIND_BY_EMAIL, StaffUser.class)
                .setParameter("email", email).getResultStream().findFirst();
        FirstHoster.Action action = FirstHoster.decide(false, holder.map(StaffUser::getRole).orElse(null),
                holder.map(StaffUser::isActive).orElse(false));
        switch (action) {
            case CREATE -> {
                em.persist(new StaffUser(null, email, "Hoster", passwordHash, StaffRole.HOSTER));
                em.flush();
            }
            case REACTIVATE -> {
                StaffUser user = em.find(StaffUser.class, holder.get().getId(), LockModeType.PESSIMISTIC_WRITE);
                if (user.isActive() || activeHosterExists()) {
                    return FirstHoster.Action.NOTHING;
                }
                user.setActive(true);
                user.newPassword(passwordHash);
                em.flush();
            }
            default -> {
            }
        }
        return action;
    }

    /**
     * The signed-in hoster (the thread's {@link Actor} with the role {@link StaffRole#HOSTER}) sets a new password,
     * giving the current one. Their other sessions end at their next request (the credential stamp rises).
     */
    public PasswordChange changeOwnPassword(String current, String next) {
        StaffAccess.require(StaffRole.HOSTER);
        Long userId = Actor.current().map(Actor::userId).orElse(null);
        StaffUser user = userId == null ? null : em.find(StaffUser.class, userId);
        if (user == null || user.getRole() != StaffRole.HOSTER || !user.isActive()) {
            throw new StaffAccess.Forbidden(StaffRole.HOSTER, user == null ? null : user.getRole());
        }
        if (!StaffAdminService.passwordOk(next)) {
            return PasswordChange.INVALID;
        }
        // guesses at the current password count against the account as failed sign-ins do (and share their lock):
        // a borrowed session must not be a way to try passwords at full speed
        java.time.Instant now = java.time.Instant.now();
        if (!user.lockRemaining(now).isZero()) {
            return PasswordChange.THROTTLED;
        }
        if (current == null || current.length() > 200 || !hasher.verify(current, user.getPasswordHash())) {
            user.signInFailed(now);
            return PasswordChange.WRONG_PASSWORD;
        }
        user.newPassword(hasher.hash(next));
        em.flush();
        LOG.info(() -> "Hoster " + user.getEmail() + " changed their password");
        return PasswordChange.DONE;
    }
}
