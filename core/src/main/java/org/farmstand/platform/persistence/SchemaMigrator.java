package org.farmstand.platform.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Migrates the schema with Flyway when the application starts (both WARs do; Flyway's lock lets one win), then
 * announces {@link SchemaReady} so seeders and relays start only on a migrated database.
 */
@ApplicationScoped
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = "java:app/jdbc/farmstand")
    DataSource dataSource;

    @Inject
    Event<SchemaReady> ready;

    private volatile boolean migrated;
    private volatile String failure;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            migrate();
            ready.fire(new SchemaReady());
        } catch (RuntimeException e) {
            failure = e.getMessage();
            LOG.log(Level.SEVERE, "Schema migration failed; the application stays not ready", e);
        }
    }

    public synchronized void migrate() {
        if (migrated) {
            return;
        }
        var result = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info(() -> "Schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied)");
        migrated = true;
    }

    public boolean isMigrated() {
        return migrated;
    }

    public String failure() {
        return failure;
    }

    /** Fired once the schema is migrated. */
    public record SchemaReady() {
    }
}
