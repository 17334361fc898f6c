package org.farmstand.platform.persistence;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.farmstand.platform.concurrent.ManagedTasks;
import org.farmstand.platform.security.LoginFailures;

import javax.naming.NamingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the tables that every request may add to from growing without bound: deletes, across all shops, what has
 * expired in
 * <ul>
 *     <li>{@code login_throttle}: counts of failed sign-ins whose last failure is older than
 *     {@code farmstand.housekeeping.login-throttle-hours}, never less than {@link LoginFailures#FORGET_AFTER}
 *     (such a row already counts for nothing: deleting it changes no throttling);</li>
 *     <li>{@code outbox_mail}: SENT mails sent more than {@code farmstand.housekeeping.sent-mail-days} ago (their
 *     bodies hold sign-in and password-reset links; no page lists sent mails), and FAILED mails, which the relay has
 *     given up on, older than {@code farmstand.housekeeping.failed-mail-days}, counted from their {@code next_attempt}
 *     (the time of the last attempt plus the last back-off, which no relay round uses any more). PENDING mails are
 *     never deleted, whatever their age;</li>
 *     <li>{@code idempotency_record}: stored answers of API writes older than
 *     {@code farmstand.housekeeping.idempotency-days}, never less than {@link #IDEMPOTENCY_WINDOW}: a retried API
 *     write is answered from its record for at least that long. (Orders keep their own idempotency key in
 *     {@code customer_order}, which is part of the order and not touched here.)</li>
 * </ul>
 * Each table is cleaned in batches of {@code farmstand.housekeeping.batch-size} rows, repeated until a batch finds
 * fewer: the batch's keys are read through an index on the time column (V6, V1's ix_outbox_due, V13), then one
 * autocommitted {@code DELETE} by key removes them, in READ COMMITTED (no gap locks). Every batch is a short
 * transaction of its own that locks only the rows it deletes, so it never holds locks for long nor blocks the
 * requests that write these tables. Plain JDBC on the pool, like the mail relay:
 * the tables hold the rows of all shops, and no tenant is set.
 * <p>
 * Runs every {@code farmstand.housekeeping.interval-ms} on every node (and in each WAR): the deletes are idempotent, so
 * rounds of several nodes at once only share the work (at worst a batch waits for another node's batch).
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    /** How long an API write's Idempotency-Key is honoured at least (the retry window promised to clients). */
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofDays(1);

    @Inject
    DataSources dataSources;

    @Inject
    @ConfigProperty(name = "farmstand.housekeeping.interval-ms", defaultValue = "600000")
    long intervalMs;

    @Inject
    @ConfigProperty(name = "farmstand.housekeeping.batch-size", defaultValue = "1000")
    int batchSize;

    @Inject
    @ConfigProperty(name = "farmstand.housekeeping.login-throttle-hours", defaultValue = "24")
    long loginThrottleHours;

    @Inject
    @ConfigProperty(name = "farmstand.housekeeping.sent-mail-days", defaultValue = "30")
    long sentMailDays;

    @Inject
    @ConfigProperty(name = "farmstand.housekeeping.failed-mail-days", defaultValue = "30")
    long failedMailDays;

    @Inject
    @ConfigProperty(name = "farmstand.housekeeping.idempotency-days", defaultValue = "7")
    long idempotencyDays;

    private volatile boolean stopping;
    private ScheduledFuture<?> task;

    /**
     * What expires in one table: the rows of {@code table} that match {@code expired} (a condition with the cut-off as
     * its one parameter) through index {@code index}, where the time column is older than {@code keep} (never less
     * than {@code minimum}); {@code key} is the table's primary key.
     */
    record Rule(String name, String table, String key, String index, String expired, Duration keep,
                Duration minimum) {

        /** Rows older than this are deleted at {@code now}. */
        Instant cutoff(Instant now) {
            return now.minus(keep.compareTo(minimum) < 0 ? minimum : keep);
        }

        /** The keys of the next batch (parameters: cut-off, batch size). */
        String select() {
            return "SELECT " + key + " FROM " + table + " FORCE INDEX (" + index + ") WHERE " + expired + " LIMIT ?";
        }

        /** Deletes {@code n} of them that are still expired (parameters: cut-off, then the keys). */
        String delete(int n) {
            return "DELETE FROM " + table + " WHERE " + expired + " AND " + key + " IN ("
                    + String.join(", ", Collections.nCopies(n, "?")) + ")";
        }
    }

    /** What one rule deleted in one round, in how many batches (the last one deleting fewer than a full batch). */
    public record Purged(String name, int rows, int batches) {
    }

    void start(@Observes SchemaMigrator.SchemaReady ready) {
        try {
            task = ManagedTasks.everyMillis(intervalMs, this::purgeQuietly);
        } catch (NamingException e) {
            LOG.log(Level.WARNING, "No managed scheduler; expired sign-in counts, mails and idempotency records stay", e);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (task != null) {
            task.cancel(false);
        }
    }

    /** The rules with the configured retention periods. */
    List<Rule> rules() {
        return List.of(
                new Rule("login_throttle", "login_throttle", "subject", "ix_login_throttle_last",
                        "last_failed_at < ?", Duration.ofHours(loginThrottleHours), LoginFailures.FORGET_AFTER),
                new Rule("outbox_mail SENT", "outbox_mail", "id", "ix_outbox_sent",
                        "status = 'SENT' AND sent_at < ?", Duration.ofDays(sentMailDays), Duration.ZERO),
                new Rule("outbox_mail FAILED", "outbox_mail", "id", "ix_outbox_due",
                        "status = 'FAILED' AND next_attempt < ?", Duration.ofDays(failedMailDays), Duration.ZERO),
                new Rule("idempotency_record", "idempotency_record", "id", "ix_idempotency_created",
                        "created_at < ?", Duration.ofDays(idempotencyDays), IDEMPOTENCY_WINDOW));
    }

    void purgeQuietly() {
        Instant now = Instant.now();
        for (Rule rule : rules()) {
            if (stopping) {
                return;
            }
            try {
                Purged purged = purge(rule, now);
                if (purged.rows() > 0) {
                    LOG.info(() -> "Housekeeping deleted " + purged.rows() + " expired row(s) of " + purged.name());
                }
            } catch (RuntimeException | SQLException e) {
                LOG.log(Level.WARNING, "Housekeeping of " + rule.name() + " failed; next round retries", e);
            }
        }
    }

    /** One round over all tables; the first failure ends it. */
    public List<Purged> purgeOnce() throws SQLException {
        Instant now = Instant.now();
        List<Purged> done = new ArrayList<>();
        for (Rule rule : rules()) {
            done.add(purge(rule, now));
        }
        return done;
    }

    /**
     * Deletes the rows that {@code rule} lets expire at {@code now}, batch after batch until a batch finds fewer than
     * a full batch. Each batch reads the keys through the rule's index (a plain read, no locks), then deletes those
     * rows by key if they are still expired: the DELETE locks exactly the rows it deletes. (A {@code DELETE ... LIMIT}
     * alone let MariaDB 11.4 pick V1's status-only index for SENT mails, which reads every SENT row; a single-table
     * DELETE takes index hints only from MariaDB 11.8.)
     */
    Purged purge(Rule rule, Instant now) throws SQLException {
        int limit = Math.max(1, batchSize);
        Timestamp cutoff = Timestamp.from(rule.cutoff(now));
        int rows = 0;
        int batches = 0;
        try (Connection c = dataSources.get().getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(true); // each statement commits on its own
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try (PreparedStatement select = c.prepareStatement(rule.select())) {
                List<Object> keys;
                do {
                    keys = new ArrayList<>();
                    select.setTimestamp(1, cutoff);
                    select.setInt(2, limit);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            keys.add(rs.getObject(1));
                        }
                    }
                    batches++;
                    if (!keys.isEmpty()) {
                        try (PreparedStatement delete = c.prepareStatement(rule.delete(keys.size()))) {
                            delete.setTimestamp(1, cutoff);
                            for (int i = 0; i < keys.size(); i++) {
                                delete.setObject(i + 2, keys.get(i));
                            }
                            rows += delete.executeUpdate();
                        }
                    }
                } while (keys.size() == limit && !stopping);
            } finally {
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
        }
        return new Purged(rule.name(), rows, batches);
    }
}
