package org.farmstand.platform.persistence;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Starts the schema migration when a WAR starts. A servlet listener rather than a CDI startup observer: only here is
 * the data source that the web fragment defines already bound under java:app.
 */
@WebListener
public class StartupListener implements ServletContextListener {

    @Inject
    SchemaMigrator migrator;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        migrator.onStart();
    }
}
