package org.farmstand.waitlist.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.farmstand.platform.concurrent.ManagedTasks;
import org.farmstand.platform.persistence.DataSources;
import org.farmstand.platform.persistence.SchemaMigrator;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.waitlist.boundary.WaitlistService;

import javax.naming.NamingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs on every node: ends offers that ran out, offers free places that no event offered (a node died between
 * commit and offer, a raised capacity), and ends the lists of dates whose order cut-off has passed (those still
 * waiting are told that no place became free). Finds the work across shops with plain JDBC, then does it per shop
 * (as that shop's tenant) through {@link WaitlistService}, whose conditional updates make concurrent sweeps on several
 * nodes harmless.
 */
@ApplicationScoped
public class WaitlistSweeper {

    private static final Logger LOG = Logger.getLogger(WaitlistSweeper.class.getName());

    @Inject
    DataSources dataSources;

    @Inject
    WaitlistService waitlist;

    @Inject
    @ConfigProperty(name = "farmstand.waitlist.sweep-interval-ms", defaultValue = "30000")
    long intervalMs;

    private ScheduledFuture<?> task;

    void start(@Observes SchemaMigrator.SchemaReady ready) {
        try {
            task = ManagedTasks.everyMillis(intervalMs, this::sweepQuietly);
        } catch (NamingException e) {
            LOG.log(Level.WARNING, "No managed scheduler; waiting-list offers only expire when swept by hand", e);
        }
    }

    void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException | SQLException e) {
            LOG.log(Level.WARNING, "Waiting-list sweep failed; next round retries", e);
        }
    }

    /** One round; returns the number of entries and dates handled. */
    public int sweep() throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        List<long[]> expired = new ArrayList<>();
        List<long[]> free = new ArrayList<>();
        List<long[]> closed = new ArrayList<>();
        try (Connection c = dataSources.get().getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT tenant_id, id FROM waitlist_entry"
                    + " WHERE status = 'OFFERED' AND offered_until <= ? ORDER BY offered_until LIMIT 200")) {
                s.setTimestamp(1, now);
                collect(s, expired);
            }
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT w.tenant_id, w.tour_date_id"
                    + " FROM waitlist_entry w JOIN tour_date d ON d.id = w.tour_date_id AND d.tenant_id = w.tenant_id"
                    + " WHERE w.status = 'WAITING' AND d.status = 'OPEN' AND d.booked + d.held < d.capacity"
                    + " AND d.cutoff_at > ? LIMIT 200")) {
                s.setTimestamp(1, now);
                collect(s, free);
            }
            // live entries of open dates past their cut-off (a cancelled date's list ends with the cancellation)
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT w.tenant_id, w.tour_date_id"
                    + " FROM waitlist_entry w JOIN tour_date d ON d.id = w.tour_date_id AND d.tenant_id = w.tenant_id"
                    + " WHERE w.status IN ('WAITING', 'OFFERED') AND d.status = 'OPEN' AND d.cutoff_at <= ? LIMIT 200")) {
                s.setTimestamp(1, now);
                collect(s, closed);
            }
        }
        for (long[] row : expired) {
            TenantContext.runAs(row[0], () -> waitlist.expire(row[1]));
        }
        for (long[] row : free) {
            TenantContext.runAs(row[0], () -> waitlist.offerFreedPlaces(row[1]));
        }
        for (long[] row : closed) {
            try {
                TenantContext.runAs(row[0], () -> waitlist.closeAtCutoff(row[1]));
            } catch (RuntimeException e) {
                // one date's failure (its transaction rolled back) must not keep the other dates' lists open
                LOG.log(Level.WARNING, "Closing the waiting list of tour date " + row[1] + " (tenant " + row[0]
                        + ") failed; next round retries", e);
            }
        }
        return expired.size() + free.size() + closed.size();
    }

    private static void collect(PreparedStatement statement, List<long[]> into) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                into.add(new long[]{rs.getLong(1), rs.getLong(2)});
            }
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
