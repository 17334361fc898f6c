package org.farmstand.storefront;

import jakarta.inject.Inject;
import org.farmstand.platform.persistence.DataSources;
import org.farmstand.platform.persistence.Housekeeping;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * In the container: the housekeeping bean as deployed (retention periods from core's microprofile-config.properties,
 * connections from the application's pool) deletes what expired and keeps the rest. The rules in detail, batches and
 * all: core's HousekeepingIT.
 */
@ExtendWith(ArquillianExtension.class)
class HousekeepingIT {

    @Deployment
    static WebArchive deployment() {
        File war = new File(System.getProperty("farmstand.it.build-dir", "target"), "storefront.war");
        return ShrinkWrap.createFromZipFile(WebArchive.class, war).addClasses(HousekeepingIT.class);
    }

    @Inject
    Housekeeping housekeeping;

    @Inject
    DataSources dataSources;

    @Test
    void theDeployedJobDeletesExpiredRowsThroughThePoolWithTheShippedRetentionPeriods() throws SQLException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String oldSubject = "client:hk-old-" + run;
        String youngSubject = "client:hk-young-" + run;
        update("INSERT INTO login_throttle (subject, failures, last_failed_at) VALUES (?, 9, NOW(3) - INTERVAL 25 HOUR)",
                oldSubject);
        update("INSERT INTO login_throttle (subject, failures, last_failed_at) VALUES (?, 9, NOW(3) - INTERVAL 23 HOUR)",
                youngSubject);
        long shop = longs("SELECT id FROM tenant WHERE slug = 'sonnenhof'").get(0);
        long sentOld = mail(shop, "SENT", "sent_at = NOW(3) - INTERVAL 31 DAY", run);
        long sentYoung = mail(shop, "SENT", "sent_at = NOW(3) - INTERVAL 29 DAY", run);
        long pendingOld = mail(shop, "PENDING", "next_attempt = NOW(3) + INTERVAL 1 DAY, attempts = 40", run);

        List<Housekeeping.Purged> round = housekeeping.purgeOnce();

        // (AssertJ is not in the deployment: JUnit's assertions, as in WaitlistIT)
        assertEquals(List.of("login_throttle", "outbox_mail SENT", "outbox_mail FAILED", "idempotency_record"),
                round.stream().map(Housekeeping.Purged::name).toList());
        assertEquals(List.of(0L), longs("SELECT COUNT(*) FROM login_throttle WHERE subject = ?", oldSubject));
        assertEquals(List.of(9L), longs("SELECT failures FROM login_throttle WHERE subject = ?", youngSubject));
        assertEquals(List.of(sentYoung, pendingOld),
                longs("SELECT id FROM outbox_mail WHERE recipient = ? ORDER BY id", run + "@example.org"),
                "the mail sent 31 days ago (" + sentOld + ") is deleted, the younger one and the pending one stay");
    }

    private long mail(long shop, String status, String set, String run) throws SQLException {
        long id;
        try (Connection c = dataSources.get().getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO outbox_mail (tenant_id, recipient, subject, body, status, created_at)"
                        + " VALUES (?, ?, 'Housekeeping', 'Body', ?, NOW(3) - INTERVAL 60 DAY)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, shop);
            s.setString(2, run + "@example.org");
            s.setString(3, status);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        update("UPDATE outbox_mail SET " + set + " WHERE id = ?", id);
        return id;
    }

    private void update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSources.get().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }

    private List<Long> longs(String sql, Object... params) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Connection c = dataSources.get().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getLong(1));
                }
            }
        }
        return values;
    }
}
