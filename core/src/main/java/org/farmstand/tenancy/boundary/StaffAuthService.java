package org.farmstand.tenancy.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.platform.security.LoginThrottle;
import org.farmstand.platform.security.PasswordHasher;
import org.farmstand.tenancy.entity.StaffUser;
import org.farmstand.tenancy.entity.TenantStatus;
import org.farmstand.tenancy.entity.Tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Signs staff and hosters in. After {@link #FREE_ATTEMPTS} failures an account is locked for a time that doubles
 * with each further failure (capped), and every lock is reported in the log.
 */
@ApplicationScoped
@Transactional(dontRollbackOn = StaffAuthService.LoginThrottled.class)
public class StaffAuthService {

    private static final Logger LOG = Logger.getLogger(StaffAuthService.class.getName());
    static final int FREE_ATTEMPTS = LoginThrottle.ACCOUNT.freeAttempts();

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    public Optional<StaffPrincipal> authenticate(String email, String password) {
        if (email == null || password == null || email.length() > 190 || password.length() > 200) {
            return Optional.empty();
        }
        Optional<StaffUser> found = em.createNamedQuery(StaffUser.FIND_BY_EMAIL, StaffUser.class)
                .setParameter("email", email.strip().toLowerCase(Locale.ROOT))
                .getResultStream().findFirst();
        if (found.isEmpty()) {
            hasher.burn(password);
            return Optional.empty();
        }
        StaffUser user = found.get();
        Instant now = Instant.now();
        Duration lock = lockFor(user.getFailedLogins());
        if (user.getLastFailedAt() != null && now.isBefore(user.getLastFailedAt().plus(lock))) {
            throw new LoginThrottled(Duration.between(now, user.getLastFailedAt().plus(lock)));
        }
        if (!user.isActive() || !hasher.verify(password, user.getPasswordHash()) || suspended(user)) {
            user.setFailedLogins(user.getFailedLogins() + 1);
            user.setLastFailedAt(now);
            if (user.getFailedLogins() >= FREE_ATTEMPTS) {
                LOG.warning(() -> "Repeated failed admin logins for " + user.getEmail() + " ("
                        + user.getFailedLogins() + "); locked for " + lockFor(user.getFailedLogins()).toSeconds() + " s");
            }
            return Optional.empty();
        }
        user.setFailedLogins(0);
        user.setLastFailedAt(null);
        return Optional.of(new StaffPrincipal(user.getId(), user.getTenantId(), user.getEmail(),
                user.getDisplayName(), user.getRole()));
    }

    /**
     * The signed-in staff member as they are now: empty when the account was deactivated or removed (the session
     * must end), otherwise with the current role and name (a role changed by the owner applies at the next request).
     */
    public Optional<StaffPrincipal> current(StaffPrincipal principal) {
        StaffUser user = em.find(StaffUser.class, principal.userId());
        if (user == null || !user.isActive() || !java.util.Objects.equals(user.getTenantId(), principal.tenantId())) {
            return Optional.empty();
        }
        if (user.getRole() == principal.role() && user.getEmail().equals(principal.email())
                && user.getDisplayName().equals(principal.displayName())) {
            return Optional.of(principal);
        }
        return Optional.of(new StaffPrincipal(user.getId(), user.getTenantId(), user.getEmail(), user.getDisplayName(),
                user.getRole()));
    }

    /** Whether a set-password link (invitation or reset) is open. */
    public boolean passwordLinkValid(String token) {
        return linkUser(token).isPresent();
    }

    /**
     * Sets the password of the account a set-password link belongs to and uses the link up; empty for an unknown or
     * expired link or an invalid password. Returns who it was (for the audit log).
     */
    public Optional<StaffPrincipal> setPasswordWithLink(String token, String password) {
        if (!StaffAdminService.passwordOk(password)) {
            return Optional.empty();
        }
        return linkUser(token).map(user -> {
            user.setPasswordHash(hasher.hash(password));
            user.setPasswordToken(null, null);
            user.setFailedLogins(0);
            user.setLastFailedAt(null);
            return new StaffPrincipal(user.getId(), user.getTenantId(), user.getEmail(), user.getDisplayName(),
                    user.getRole());
        });
    }

    private Optional<StaffUser> linkUser(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return em.createNamedQuery(StaffUser.FIND_BY_PASSWORD_TOKEN, StaffUser.class)
                .setParameter("token", org.farmstand.platform.security.Tokens.sha256Hex(token))
                .getResultStream().findFirst()
                .filter(u -> u.getPasswordTokenUntil() != null && u.getPasswordTokenUntil().isAfter(Instant.now())
                        && u.isActive() && !suspended(u));
    }

    private boolean suspended(StaffUser user) {
        if (user.getTenantId() == null) {
            return false;
        }
        Tenant tenant = em.find(Tenant.class, user.getTenantId());
        return tenant == null || tenant.getStatus() != TenantStatus.ACTIVE;
    }

    /** No lock for the first failures, then 2, 4, 8 ... seconds up to 15 minutes ({@link LoginThrottle#ACCOUNT}). */
    static Duration lockFor(int failures) {
        return LoginThrottle.ACCOUNT.lockFor(failures);
    }

    /** Too many failed attempts: try again after {@code retryAfter}. */
    public static class LoginThrottled extends RuntimeException {
        private final Duration retryAfter;

        public LoginThrottled(Duration retryAfter) {
            super("login throttled");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
