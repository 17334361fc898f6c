package org.farmstand.tenancy.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
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
    static final int FREE_ATTEMPTS = 5;

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

    private boolean suspended(StaffUser user) {
        if (user.getTenantId() == null) {
            return false;
        }
        Tenant tenant = em.find(Tenant.class, user.getTenantId());
        return tenant == null || tenant.getStatus() != TenantStatus.ACTIVE;
    }

    /** No lock for the first failures, then 2, 4, 8 ... seconds up to 15 minutes. */
    static Duration lockFor(int failures) {
        if (failures < FREE_ATTEMPTS) {
            return Duration.ZERO;
        }
        int exponent = Math.min(failures - FREE_ATTEMPTS + 1, 10);
        return Duration.ofSeconds(Math.min(1L << exponent, 900));
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
