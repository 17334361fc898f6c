package org.farmstand.customers.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.customers.entity.Customer;
import org.farmstand.customers.entity.CustomerStatus;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.platform.security.PasswordHasher;

import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;

/** Signs customers of the thread's shop in. An unknown email still spends one hash, so timing tells nothing. */
@ApplicationScoped
@Transactional
@Tenanted
public class CustomerAuthService {

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    /** What the web tier keeps of a signed-in customer. */
    public record CustomerIdentity(long id, String name, String email, CustomerStatus status, Long homeTourId,
                                   boolean emailVerified)
            implements Serializable {
        public boolean active() {
            return status == CustomerStatus.ACTIVE;
        }
    }

    /** The customer if email and password match (any status; the caller decides what PENDING etc. may do). */
    public Optional<CustomerIdentity> authenticate(String email, String password) {
        if (email == null || password == null || email.isBlank() || email.length() > 190 || password.length() > 200) {
            if (password != null && password.length() <= 200) {
                hasher.burn(password);
            }
            return Optional.empty();
        }
        Optional<Customer> found = em.createNamedQuery(Customer.FIND_BY_EMAIL, Customer.class)
                .setParameter("email", email.strip().toLowerCase(Locale.ROOT))
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
                c.isEmailVerified());
    }
}
