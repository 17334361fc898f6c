package org.farmstand.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Migrates the schema with Flyway when the web application starts (both WARs do; Flyway's lock lets one win), then
 * announces {@link SchemaReady} so seeders and relays start only on a migrated database.
 */
@ApplicationScoped
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Inject
    DataSources dataSources;

    @Inject
    Event<SchemaReady> ready;

    private volatile boolean migrated;
    private volatile String failure;

    /** Called by {@link StartupListener} once the web application's naming context (java:app) exists. */
    void onStart() {
        ensureMigrated();
    }

    /** Migrates if not done yet; false (and not ready) while the database is not there. Retried by the health check. */
    public synchronized boolean ensureMigrated() {
        if (migrated) {
            return true;
        }
        try {
            migrate();
            ready.fire(new SchemaReady());
            return true;
        } catch (RuntimeException e) {
            failure = e.getMessage();
            LOG.log(Level.WARNING, "Schema migration not done yet (will retry): " + e.getMessage());
            return false;
        }
    }

    private synchronized void migrate() {
        if (migrated) {
            return;
        }
        var result = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSources.get())
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
