package org.farmstand.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The application's data source for the few places that need JDBC (Flyway, health, the mail relay, the reads of
 * {@link #first}). Looked up when
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

    /** Reads one row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * The first row of {@code sql} with {@code params}, read by {@code row}; empty when there is none. Plain JDBC on
     * the pool, no interceptor, no EntityManager, no transaction of its own: for the small reads of every request
     * (the shop's head, a signed-in customer's credential stamp). A multitenant table needs its tenant in the query.
     */
    public <T> Optional<T> first(String sql, Row<T> row, Object... params) {
        try (Connection c = get().getConnection(); PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                query.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(row.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + sql, e);
        }
    }
}
