package org.farmstand.customers.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.customers.control.CustomerEmail;
import org.farmstand.customers.entity.Customer;
import org.farmstand.customers.entity.CustomerStatus;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.platform.security.LoginFailures;
import org.farmstand.platform.security.LoginThrottle;
import org.farmstand.platform.security.PasswordHasher;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Signs customers of the thread's shop in. An unknown email still spends one hash, so timing tells nothing. Failed
 * attempts are counted per e-mail address (in this shop) and per client address; beyond the free attempts of
 * {@link LoginThrottle} the next attempt has to wait a doubling time (no password is checked meanwhile), and the
 * lock is logged.
 */
@ApplicationScoped
@Transactional
@Tenanted
public class CustomerAuthService {

    private static final Logger LOG = Logger.getLogger(CustomerAuthService.class.getName());

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    Clock clock = Clock.systemUTC();

    /**
     * What the web tier keeps of a signed-in customer; {@code credentialStamp} is the account's stamp at sign-in
     * (a new password raises it; the storefront then ends older sign-ins).
     */
    public record CustomerIdentity(long id, String name, String email, CustomerStatus status, Long homeTourId,
                                   boolean emailVerified, int credentialStamp)
            implements Serializable {
        public boolean active() {
            return status == CustomerStatus.ACTIVE;
        }
    }

    /** Outcome of a sign-in attempt. */
    public sealed interface SignIn {
        /** E-mail and password match (any status; the caller decides what PENDING etc. may do). */
        record Success(CustomerIdentity customer) implements SignIn { }

        /** Wrong e-mail or password. */
        record Failed() implements SignIn { }

        /** Too many failures for this e-mail address or client address: nothing was checked; wait this long. */
        record Throttled(Duration retryAfter) implements SignIn { }
    }

    /**
     * Checks e-mail and password unless the address or the client is locked by earlier failures.
     *
     * @param clientAddress the client's IP address as the server sees it (may be null)
     */
    public SignIn signIn(String email, String password, String clientAddress) {
        String normalized = CustomerEmail.normalized(email);
        if (normalized.length() > 190) {
            normalized = normalized.substring(0, 190);
        }
        String account = LoginFailures.customerSubject(TenantContext.require(), normalized);
        String client = LoginFailures.clientSubject(clientAddress);
        Instant now = clock.instant();
        Duration wait = LoginThrottle.longer(LoginFailures.remaining(em, account, LoginThrottle.ACCOUNT, now),
                LoginFailures.remaining(em, client, LoginThrottle.CLIENT, now));
        if (!wait.isZero()) {
            return new SignIn.Throttled(wait);
        }
        Optional<CustomerIdentity> found = authenticate(email, password);
        if (found.isPresent()) {
            LoginFailures.clear(em, account);
            return new SignIn.Success(found.get());
        }
        int accountFailures = LoginFailures.record(em, account, now);
        int clientFailures = LoginFailures.record(em, client, now);
        if (accountFailures >= LoginThrottle.ACCOUNT.freeAttempts() || clientFailures >= LoginThrottle.CLIENT.freeAttempts()) {
            LOG.warning(() -> "Repeated failed customer sign-ins in shop " + TenantContext.require() + " for "
                    + normalizedForLog(email) + " (" + accountFailures + ") from " + clientAddress + " ("
                    + clientFailures + "); next attempt in "
                    + LoginThrottle.longer(LoginThrottle.ACCOUNT.lockFor(accountFailures),
                            LoginThrottle.CLIENT.lockFor(clientFailures)).toSeconds() + " s");
        }
        return new SignIn.Failed();
    }

    private static String normalizedForLog(String email) {
        return email == null ? "(none)" : email.strip().replaceAll("[\\r\\n]", "_");
    }


    /** The customer if email and password match (any status), without throttling: use {@link #signIn}. */
    Optional<CustomerIdentity> authenticate(String email, String password) {
        if (email == null || password == null || email.isBlank() || email.length() > 190 || password.length() > 200) {
            if (password != null && password.length() <= 200) {
                hasher.burn(password);
            }
            return Optional.empty();
        }
        Optional<Customer> found = em.createNamedQuery(Customer.FIND_BY_EMAIL, Customer.class)
                .setParameter("email", CustomerEmail.normalized(email))
                .getResultStream().findFirst();
        if (found.isEmpty() || found.get().getPasswordHash() == null) {
            hasher.burn(password);
            return Optional.empty();
        }
        Customer c = found.get();
        if (!hasher.verify(password, c.getPasswordHash())) {
            return Optional.empty();
        }
        return Optional.of(identity(c));
    }

    /** The current facts of a customer of this shop (status and home tour may change after sign-in). */
    public Optional<CustomerIdentity> byId(long customerId) {
        return Optional.ofNullable(em.find(Customer.class, customerId)).map(CustomerAuthService::identity);
    }

    private static CustomerIdentity identity(Customer c) {
        return new CustomerIdentity(c.getId(), c.fullName(), c.getEmail(), c.getStatus(), c.getHomeTourId(),
                c.isEmailVerified(), c.getCredentialStamp());
    }
}
