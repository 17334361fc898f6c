package org.farmstand.customers.control;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.farmstand.customers.boundary.CustomerService;
import org.farmstand.platform.concurrent.ManagedTasks;
import org.farmstand.platform.persistence.DataSources;
import org.farmstand.platform.persistence.SchemaMigrator;
import org.farmstand.platform.persistence.TenantContext;

import javax.naming.NamingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs on every node: admits new customers waiting in line at shops with capped intake whenever the week's intake
 * has room again (at the start of a new week, or after the producer raised it), and all of them at a shop that has
 * opened its registration since ({@link Admission#roomForThoseInLine}; the admin's policy form admits them at once,
 * this round is the safety net). Finds the shops with plain JDBC,
 * then admits per shop through {@link CustomerService#admitWaiting()}, which locks the shop's row: rounds running on
 * several nodes at once take turns and never admit more than the week's intake.
 */
@ApplicationScoped
public class NewCustomerAdmitter {

    private static final Logger LOG = Logger.getLogger(NewCustomerAdmitter.class.getName());

    @Inject
    DataSources dataSources;

    @Inject
    CustomerService customers;

    @Inject
    @ConfigProperty(name = "farmstand.customers.admission-interval-ms", defaultValue = "300000")
    long intervalMs;

    private ScheduledFuture<?> task;

    void start(@Observes SchemaMigrator.SchemaReady ready) {
        try {
            task = ManagedTasks.everyMillis(intervalMs, this::admitQuietly);
        } catch (NamingException e) {
            LOG.log(Level.WARNING, "No managed scheduler; waiting new customers are only admitted by hand", e);
        }
    }

    void admitQuietly() {
        try {
            int admitted = admitAll();
            if (admitted > 0) {
                LOG.info(() -> "Admitted " + admitted + " waiting new customer(s)");
            }
        } catch (RuntimeException | SQLException e) {
            LOG.log(Level.WARNING, "Admission round failed; next round retries", e);
        }
    }

    /** One round over all shops; returns the number of customers admitted. */
    public int admitAll() throws SQLException {
        List<Long> shops = new ArrayList<>();
        try (Connection c = dataSources.get().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT DISTINCT t.id FROM tenant t"
                     + " JOIN waitlist_entry w ON w.tenant_id = t.id AND w.kind = 'ADMISSION' AND w.status = 'WAITING'"
                     + " WHERE t.customer_policy IN ('CAPPED', 'OPEN') AND t.status = 'ACTIVE' LIMIT 500");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                shops.add(rs.getLong(1));
            }
        }
        int admitted = 0;
        for (long shop : shops) {
            try {
                admitted += TenantContext.callAs(shop, () -> customers.admitWaiting());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Admission failed for shop " + shop + "; next round retries", e);
            }
        }
        return admitted;
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
