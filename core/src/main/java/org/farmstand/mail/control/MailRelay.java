package org.farmstand.mail.control;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.farmstand.platform.concurrent.ManagedTasks;
import org.farmstand.platform.persistence.DataSources;
import org.farmstand.platform.persistence.SchemaMigrator;

import javax.naming.NamingException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the mails of the outbox (table outbox_mail), in the background on every node. Each round claims a batch of due
 * mails across all shops with plain JDBC ({@code FOR UPDATE SKIP LOCKED}, so nodes never take the same mail), commits
 * the claim, then sends outside any transaction and marks each mail SENT or schedules the next attempt
 * ({@link Backoff}). A claim lapses after {@link #CLAIM_MINUTES} minutes, so the mails of a node that died mid-round
 * are sent by another. Web requests only insert rows; they never wait for SMTP.
 * <p>
 * {@code farmstand.mail.mode=log} writes each mail to the server log instead of SMTP (local runs).
 */
@ApplicationScoped
public class MailRelay {

    private static final Logger LOG = Logger.getLogger(MailRelay.class.getName());
    static final int CLAIM_MINUTES = 5;
    static final int TIMEOUT_MS = 10_000;

    @Inject
    DataSources dataSources;

    @Inject
    @ConfigProperty(name = "farmstand.mail.mode", defaultValue = "log")
    String mode;

    @Inject
    @ConfigProperty(name = "farmstand.mail.smtp-host", defaultValue = "127.0.0.1")
    String smtpHost;

    @Inject
    @ConfigProperty(name = "farmstand.mail.smtp-port", defaultValue = "25")
    int smtpPort;

    @Inject
    @ConfigProperty(name = "farmstand.mail.from", defaultValue = "shop@farmstand.example")
    String from;

    @Inject
    @ConfigProperty(name = "farmstand.mail.relay-interval-ms", defaultValue = "2000")
    long intervalMs;

    @Inject
    @ConfigProperty(name = "farmstand.mail.batch-size", defaultValue = "50")
    int batchSize;

    @Inject
    @ConfigProperty(name = "farmstand.mail.per-minute", defaultValue = "600")
    int perMinute;

    final String node = nodeName();
    private RateLimiter limiter;
    private ScheduledFuture<?> task;

    /** What one round did. */
    public record Round(int claimed, int sent, int retried, int failed) {
    }

    void start(@Observes SchemaMigrator.SchemaReady ready) {
        try {
            task = ManagedTasks.everyMillis(intervalMs, this::relayQuietly);
            LOG.info(() -> "Mail relay started on " + node + " (mode " + mode + ", every " + intervalMs + " ms)");
        } catch (NamingException e) {
            LOG.log(Level.WARNING, "No managed scheduler: mails stay in the outbox", e);
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void relayQuietly() {
        try {
            relayOnce();
        } catch (RuntimeException | SQLException e) {
            LOG.log(Level.WARNING, "Mail relay round failed; the next round retries", e);
        }
    }

    /** One round: claim due mails (within the rate limit), send them, record the outcome. */
    public synchronized Round relayOnce() throws SQLException {
        long now = System.currentTimeMillis();
        if (limiter == null) {
            limiter = new RateLimiter(perMinute, now);
        }
        int limit = Math.min(batchSize, limiter.available(now));
        if (limit <= 0) {
            return new Round(0, 0, 0, 0);
        }
        List<Claimed> batch = claim(limit);
        if (batch.isEmpty()) {
            return new Round(0, 0, 0, 0);
        }
        limiter.take(batch.size(), System.currentTimeMillis());
        int sent = 0;
        int retried = 0;
        int failed = 0;
        List<Outcome> outcomes = "smtp".equalsIgnoreCase(mode) ? sendSmtp(batch) : logAll(batch);
        for (Outcome outcome : outcomes) {
            if (outcome.error == null) {
                sent++;
            } else if (Backoff.giveUp(outcome.mail.attempts + 1)) {
                failed++;
            } else {
                retried++;
            }
        }
        record(outcomes);
        return new Round(batch.size(), sent, retried, failed);
    }

    record Claimed(long id, long tenantId, String recipient, String subject, String body, int attempts) {
    }

    record Outcome(Claimed mail, String error) {
    }

    List<Claimed> claim(int limit) throws SQLException {
        List<Claimed> batch = new ArrayList<>();
        try (Connection c = dataSources.get().getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT id, tenant_id, recipient, subject, body, attempts FROM outbox_mail"
                                + " WHERE status = 'PENDING' AND next_attempt <= NOW(3)"
                                + " AND (claimed_until IS NULL OR claimed_until < NOW(3))"
                                + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                    s.setInt(1, limit);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            batch.add(new Claimed(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                    rs.getString(5), rs.getInt(6)));
                        }
                    }
                }
                if (!batch.isEmpty()) {
                    try (PreparedStatement u = c.prepareStatement("UPDATE outbox_mail SET claimed_by = ?,"
                            + " claimed_until = NOW(3) + INTERVAL " + CLAIM_MINUTES + " MINUTE WHERE id = ?")) {
                        for (Claimed mail : batch) {
                            u.setString(1, node);
                            u.setLong(2, mail.id);
                            u.addBatch();
                        }
                        u.executeBatch();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
        return batch;
    }

    List<Outcome> logAll(List<Claimed> batch) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Claimed mail : batch) {
            LOG.info(() -> "Mail (mode log) #" + mail.id + " from " + from + " to " + mail.recipient + "\nSubject: "
                    + mail.subject + "\n\n" + mail.body);
            outcomes.add(new Outcome(mail, null));
        }
        return outcomes;
    }

    List<Outcome> sendSmtp(List<Claimed> batch) {
        Properties props = new Properties();
        props.put("mail.transport.protocol", "smtp");
        props.put("mail.smtp.host", smtpHost);
        props.put("mail.smtp.port", String.valueOf(smtpPort));
        props.put("mail.smtp.connectiontimeout", String.valueOf(TIMEOUT_MS));
        props.put("mail.smtp.timeout", String.valueOf(TIMEOUT_MS));
        props.put("mail.smtp.writetimeout", String.valueOf(TIMEOUT_MS));
        Session session = Session.getInstance(props);
        List<Outcome> outcomes = new ArrayList<>();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (Claimed mail : batch) {
                try {
                    MimeMessage message = new MimeMessage(session);
                    message.setFrom(new InternetAddress(from));
                    message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.recipient, true));
                    message.setSubject(mail.subject, StandardCharsets.UTF_8.name());
                    message.setText(mail.body, StandardCharsets.UTF_8.name());
                    message.setSentDate(new Date());
                    message.saveChanges();
                    transport.sendMessage(message, message.getAllRecipients());
                    outcomes.add(new Outcome(mail, null));
                } catch (MessagingException | RuntimeException e) {
                    outcomes.add(new Outcome(mail, describe(e)));
                }
            }
        } catch (MessagingException e) {
            // no connection (or it broke): every mail not yet sent is tried again later
            String error = describe(e);
            LOG.warning(() -> "SMTP " + smtpHost + ":" + smtpPort + " not usable: " + error);
            List<Long> done = outcomes.stream().map(o -> o.mail.id).toList();
            for (Claimed mail : batch) {
                if (!done.contains(mail.id)) {
                    outcomes.add(new Outcome(mail, error));
                }
            }
        }
        return outcomes;
    }

    void record(List<Outcome> outcomes) throws SQLException {
        try (Connection c = dataSources.get().getConnection();
             PreparedStatement sent = c.prepareStatement("UPDATE outbox_mail SET status = 'SENT', sent_at = NOW(3),"
                     + " attempts = attempts + 1, last_error = NULL, claimed_by = NULL, claimed_until = NULL,"
                     + " version = version + 1 WHERE id = ? AND claimed_by = ?");
             PreparedStatement retry = c.prepareStatement("UPDATE outbox_mail SET status = ?,"
                     + " attempts = attempts + 1, last_error = ?, next_attempt = NOW(3) + INTERVAL ? SECOND,"
                     + " claimed_by = NULL, claimed_until = NULL, version = version + 1 WHERE id = ? AND claimed_by = ?")) {
            // committed explicitly: whatever the pool's default, a sent mail must be recorded as SENT
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            for (Outcome outcome : outcomes) {
                if (outcome.error == null) {
                    sent.setLong(1, outcome.mail.id);
                    sent.setString(2, node);
                    sent.executeUpdate();
                } else {
                    int attempts = outcome.mail.attempts + 1;
                    retry.setString(1, Backoff.giveUp(attempts) ? "FAILED" : "PENDING");
                    retry.setString(2, truncate(outcome.error, 500));
                    retry.setLong(3, Backoff.delayAfter(attempts).toSeconds());
                    retry.setLong(4, outcome.mail.id);
                    retry.setString(5, node);
                    retry.executeUpdate();
                }
            }
            c.commit();
            c.setAutoCommit(autoCommit);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        return e.getClass().getSimpleName() + ": " + message
                + (cause != null && cause.getMessage() != null ? " (" + cause.getMessage() + ")" : "");
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        String id = host + "-" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() <= 64 ? id : id.substring(id.length() - 64);
    }
}
