package org.farmstand.tenancy.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.farmstand.platform.persistence.SchemaMigrator;
import org.farmstand.platform.security.PasswordHasher;
import org.farmstand.tenancy.control.FirstHoster;

import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Creates the platform's first hoster account from {@code farmstand.bootstrap.hoster-email} and
 * {@code farmstand.bootstrap.hoster-password} (FARMSTAND_BOOTSTRAP_HOSTER_EMAIL / _PASSWORD) once the schema is
 * migrated, if no active hoster account exists yet; otherwise it does nothing, so the configured password never
 * overwrites one the hoster has changed since. An inactive hoster account with the configured address is reactivated
 * with the configured password (the way back in for a hoster locked out: deactivate the hosters in the database,
 * configure, restart). Runs before the demo seeding (which adds its own demo hoster), in each WAR of each node: one
 * of them creates the account, the others find it. Never fails the start; problems go to the server log.
 */
@ApplicationScoped
public class HosterBootstrap {

    private static final Logger LOG = Logger.getLogger(HosterBootstrap.class.getName());

    @Inject
    @ConfigProperty(name = "farmstand.bootstrap.hoster-email")
    Optional<String> email;

    @Inject
    @ConfigProperty(name = "farmstand.bootstrap.hoster-password")
    Optional<String> password;

    /** The demo seeding adds its demo hoster right after this: no warning about a missing hoster then. */
    @Inject
    @ConfigProperty(name = "farmstand.demo.seed", defaultValue = "false")
    boolean demoSeed;

    @Inject
    HosterAccounts accounts;

    @Inject
    PasswordHasher hasher;

    void onSchemaReady(@Observes @Priority(Interceptor.Priority.APPLICATION) SchemaMigrator.SchemaReady ready) {
        try {
            run(email.orElse(null), password.orElse(null));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Hoster bootstrap failed: " + e, e);
        }
    }

    /** The bootstrap with these values (null = not configured); what it did. */
    public FirstHoster.Action run(String configuredEmail, String configuredPassword) {
        boolean emailSet = configuredEmail != null && !configuredEmail.isBlank();
        boolean passwordSet = configuredPassword != null && !configuredPassword.isEmpty();
        if (!emailSet && !passwordSet) {
            if (!demoSeed && !accounts.activeHosterExists()) {
                LOG.warning("No hoster account exists, so nobody can create shops: set farmstand.bootstrap.hoster-email"
                        + " and farmstand.bootstrap.hoster-password (FARMSTAND_BOOTSTRAP_HOSTER_EMAIL / _PASSWORD)"
                        + " and restart");
            }
            return FirstHoster.Action.NOTHING;
        }
        if (accounts.activeHosterExists()) {
            LOG.info("farmstand.bootstrap.hoster-* is set, but an active hoster account exists: nothing changed (the"
                    + " configured password is not applied; the settings can be removed)");
            return FirstHoster.Action.NOTHING;
        }
        String mail = FirstHoster.normalize(configuredEmail);
        List<String> problems = FirstHoster.problems(mail, configuredPassword);
        if (!problems.isEmpty()) {
            LOG.severe("No hoster account created: " + String.join("; ", problems));
            return FirstHoster.Action.NOTHING;
        }
        FirstHoster.Action action;
        try {
            action = accounts.createFirst(mail, hasher.hash(configuredPassword));
        } catch (RuntimeException e) {
            if (accounts.activeHosterExists()) {
                LOG.info("Hoster account not created here: another node or WAR created it at the same time");
                return FirstHoster.Action.NOTHING;
            }
            throw e;
        }
        switch (action) {
            case CREATE -> LOG.info(() -> "Created the hoster account " + mail
                    + " from farmstand.bootstrap.hoster-email; it signs in at /admin (the settings can be removed)");
            case REACTIVATE -> LOG.warning(() -> "Reactivated the hoster account " + mail
                    + " with the password from farmstand.bootstrap.hoster-password (no active hoster existed)");
            case ADDRESS_TAKEN -> LOG.severe(() -> "No hoster account created: " + mail
                    + " (farmstand.bootstrap.hoster-email) already belongs to a shop's staff account; configure"
                    + " another address");
            default -> LOG.info("Hoster account not created here: another node or WAR created it at the same time");
        }
        return action;
    }
}
