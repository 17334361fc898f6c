package org.farmstand.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The application's data source for the few places that need JDBC (Flyway, health, the mail relay). Looked up when
 * first used: Payara binds {@code @DataSourceDefinition} resources of library jars after CDI validates injection
 * points, so {@code @Resource(lookup=...)} on a bean in core fails at deployment.
 */
@ApplicationScoped
public class DataSources {

    private volatile DataSource dataSource;

    public DataSource get() {
        DataSource ds = dataSource;
        if (ds == null) {
            try {
                ds = InitialContext.doLookup(FarmstandDataSource.JNDI_NAME);
            } catch (NamingException e) {
                throw new IllegalStateException("Data source " + FarmstandDataSource.JNDI_NAME + " not bound", e);
            }
            dataSource = ds;
        }
        return ds;
    }
}
