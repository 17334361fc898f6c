package org.farmstand.tenancy.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.platform.security.LoginFailures;
import org.farmstand.platform.security.LoginThrottle;
import org.farmstand.platform.security.PasswordHasher;
import org.farmstand.platform.security.Tokens;
import org.farmstand.tenancy.entity.StaffUser;
import org.farmstand.tenancy.entity.TenantStatus;
import org.farmstand.tenancy.entity.Tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Signs staff and hosters in. After {@link #FREE_ATTEMPTS} failures an account, or an address that belongs to no
 * account, is locked for a time that doubles with each further failure (capped, {@link LoginThrottle#ACCOUNT}); failures
 * from one client address are counted as well ({@link LoginThrottle#CLIENT}), so one client cannot try a few passwords
 * on every account. Every lock is reported in the log.
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

    /**
     * Checks e-mail and password unless the account (or the unknown address) or the client is locked by earlier
     * failures: then {@link LoginThrottled} and nothing is checked. Known and unknown addresses answer alike: the same
     * failure, the same lock after the same number of attempts, and one password hash each.
     *
     * @param clientAddress the client's IP address as the server sees it (may be null)
     */
    public Optional<StaffPrincipal> authenticate(String email, String password, String clientAddress) {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        boolean usable = email != null && password != null && normalized.length() <= 190 && password.length() <= 200;
        Optional<StaffUser> found = usable
                ? em.createNamedQuery(StaffUser.FIND_BY_EMAIL, StaffUser.class).setParameter("email", normalized)
                        .getResultStream().findFirst()
                : Optional.empty();
        String unknownAccount = LoginFailures.staffSubject(normalized);
        String client = LoginFailures.staffClientSubject(clientAddress);
        Instant now = Instant.now();
        Duration wait = LoginThrottle.longer(LoginFailures.remaining(em, client, LoginThrottle.CLIENT, now), found
                .map(u -> u.lockRemaining(now))
                .orElseGet(() -> LoginFailures.remaining(em, unknownAccount, LoginThrottle.ACCOUNT, now)));
        if (!wait.isZero()) {
            throw new LoginThrottled(wait);
        }
        int accountFailures;
        if (found.isEmpty()) {
            hasher.burn(password == null || password.length() > 200 ? "" : password);
            accountFailures = LoginFailures.record(em, unknownAccount, now);
        } else {
            StaffUser user = found.get();
            // the password is checked for a deactivated account too: answering it sooner would tell that it exists
            boolean passwordRight = password != null && hasher.verify(password, user.getPasswordHash());
            if (user.isActive() && passwordRight && !suspended(user)) {
                user.signInSucceeded();
                return Optional.of(new StaffPrincipal(user.getId(), user.getTenantId(), user.getEmail(),
                        user.getDisplayName(), user.getRole()));
            }
            user.signInFailed(now);
            accountFailures = user.getFailedLogins();
        }
        int clientFailures = LoginFailures.record(em, client, now);
        if (accountFailures >= FREE_ATTEMPTS || clientFailures >= LoginThrottle.CLIENT.freeAttempts()) {
            LOG.warning(() -> "Repeated failed admin logins for " + normalized.replaceAll("[\\r\\n]", "_")
                    + (found.isEmpty() ? " (no such account)" : "") + " (" + accountFailures + ") from "
                    + clientAddress + " (" + clientFailures + "); next attempt in "
                    + LoginThrottle.longer(lockFor(accountFailures), LoginThrottle.CLIENT.lockFor(clientFailures))
                    .toSeconds() + " s");
        }
        return Optional.empty();
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
            user.newPassword(hasher.hash(password));
            return new StaffPrincipal(user.getId(), user.getTenantId(), user.getEmail(), user.getDisplayName(),
                    user.getRole());
        });
    }

    private Optional<StaffUser> linkUser(String token) {
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        return em.createNamedQuery(StaffUser.FIND_BY_PASSWORD_TOKEN, StaffUser.class)
                .setParameter("token", Tokens.sha256Hex(token))
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
