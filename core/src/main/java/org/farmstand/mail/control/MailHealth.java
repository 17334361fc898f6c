package org.farmstand.mail.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.farmstand.platform.persistence.DataSources;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The mail outbox in {@code /health} and {@code /health/live}, for monitoring a backlog: mails waiting (PENDING) and
 * how long the oldest has waited, mails given up on (FAILED, until the housekeeping deletes them) and how many of
 * those failed for their recipient ({@code failedRecipient}: refused for good by the SMTP server, or no usable address;
 * the others ran out of attempts, i.e. the SMTP server was unusable for about two days), and why this node's relay
 * sends nothing if its configuration is unusable. Always UP: a mail server that is down or a wrong setting is
 * not fixed by restarting the node, and the shop keeps taking orders (the mails wait in the outbox). Counts are over
 * all shops (no addresses, no shop names).
 */
@Liveness
@ApplicationScoped
public class MailHealth implements HealthCheck {

    @Inject
    DataSources dataSources;

    @Inject
    MailRelay relay;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("mail").up();
        String error = relay.configurationError();
        response.withData("relayConfigured", error == null);
        if (error != null) {
            response.withData("relayConfigurationError", error);
        }
        try (Connection c = dataSources.get().getConnection()) {
            Outbox outbox = outbox(c);
            response.withData("pending", outbox.pending())
                    .withData("oldestPendingSeconds", outbox.oldestPendingSeconds())
                    .withData("failed", outbox.failed())
                    .withData("failedRecipient", outbox.failedRecipient());
        } catch (SQLException e) {
            response.withData("outbox", "unknown: the database did not answer");
        }
        return response.build();
    }

    /** The outbox's numbers over all shops; {@code failedRecipient} is the part of {@code failed} given up early. */
    record Outbox(long pending, long oldestPendingSeconds, long failed, long failedRecipient) {
    }

    /**
     * Reads the outbox's numbers. A mail given up before its last attempt failed for its recipient (the relay gives
     * up early for nothing else, see MailRelay.Outcome#failed).
     */
    static Outbox outbox(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT"
                + " (SELECT COUNT(*) FROM outbox_mail WHERE status = 'PENDING'),"
                + " (SELECT COALESCE(TIMESTAMPDIFF(SECOND, MIN(created_at), NOW(3)), 0)"
                + "  FROM outbox_mail WHERE status = 'PENDING'),"
                + " (SELECT COUNT(*) FROM outbox_mail WHERE status = 'FAILED'),"
                + " (SELECT COUNT(*) FROM outbox_mail WHERE status = 'FAILED' AND attempts < ?)")) {
            s.setInt(1, Backoff.MAX_ATTEMPTS);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Outbox(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }
}
