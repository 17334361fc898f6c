package org.farmstand.platform.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The housekeeping against a real MariaDB with the migrated schema, without a container (like MailRelayIT): rows of
 * every shop past their retention go, in batches until none is left; young rows, mails not yet delivered and
 * everything else stay.
 */
class HousekeepingIT {

    static MigratedDatabase db;
    static DataSource dataSource;

    @BeforeAll
    static void start() throws SQLException {
        db = MigratedDatabase.start("housekeeping");
        dataSource = db.dataSource();
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    /** The job as configured by default (microprofile-config.properties), with batches of {@code batchSize}. */
    static Housekeeping housekeeping(int batchSize) {
        Housekeeping h = new Housekeeping();
        h.dataSources = new DataSources() {
            @Override
            public DataSource get() {
                return dataSource;
            }
        };
        h.batchSize = batchSize;
        h.loginThrottleHours = 24;
        h.sentMailDays = 30;
        h.failedMailDays = 30;
        h.idempotencyDays = 7;
        return h;
    }

    @Test
    void expiredRowsOfEveryShopGoInBatchesWhileYoungRowsUndeliveredMailsAndOtherTablesStay() throws Exception {
        long a = insert("INSERT INTO tenant (slug, name) VALUES ('hk-a', 'A')");
        long b = insert("INSERT INTO tenant (slug, name) VALUES ('hk-b', 'B')");

        // failed sign-ins: five counts whose last failure is over a day old (of both shops, a client, staff), two young
        for (String subject : List.of("customer:" + a + ":old@example.org", "customer:" + b + ":old@example.org",
                "client:192.0.2.1", "staff:old@example.org", "staff-client:192.0.2.1")) {
            update("INSERT INTO login_throttle (subject, failures, last_failed_at) VALUES (?, 7,"
                    + " NOW(3) - INTERVAL 25 HOUR)", subject);
        }
        update("INSERT INTO login_throttle (subject, failures, last_failed_at) VALUES (?, 3, NOW(3) - INTERVAL 23 HOUR)",
                "customer:" + a + ":young@example.org");
        update("INSERT INTO login_throttle (subject, failures, last_failed_at) VALUES (?, 1, NOW(3))", "client:192.0.2.2");

        // mails: sent over 30 days ago (both shops), sent recently, given up long ago and recently, and undelivered
        // ones of every age: pending for 60 days, pending and claimed by a relay right now
        long sentOldA = mail(a, "SENT", "sent_at = NOW(3) - INTERVAL 31 DAY");
        long sentOldB = mail(b, "SENT", "sent_at = NOW(3) - INTERVAL 400 DAY");
        long sentYoung = mail(a, "SENT", "sent_at = NOW(3) - INTERVAL 29 DAY");
        long failedOld = mail(b, "FAILED", "next_attempt = NOW(3) - INTERVAL 31 DAY, attempts = 48");
        long failedYoung = mail(a, "FAILED", "next_attempt = NOW(3) - INTERVAL 2 DAY, attempts = 48");
        long pendingOld = mail(b, "PENDING", "next_attempt = NOW(3) - INTERVAL 59 DAY, attempts = 47,"
                + " last_error = 'SMTP down'");
        long pendingClaimed = mail(a, "PENDING", "next_attempt = NOW(3) - INTERVAL 40 DAY,"
                + " claimed_by = 'node-1', claimed_until = NOW(3) + INTERVAL 5 MINUTE");

        // API idempotency records: two past the 7 days (both shops), two within
        long recordOldA = record(a, "key-old", "NOW(3) - INTERVAL 8 DAY");
        long recordOldB = record(b, "key-old", "NOW(3) - INTERVAL 100 DAY");
        long recordYoungA = record(a, "key-young", "NOW(3) - INTERVAL 6 DAY");
        long recordYoungB = record(b, "key-young", "NOW(3) - INTERVAL 1 HOUR");

        // an old order (with its own idempotency key) and an old audit event: nothing of housekeeping's business
        long tour = insert("INSERT INTO tour (tenant_id, name, weekday, postcodes, capacity) VALUES (" + a
                + ", 'Tue', 2, '12345', 10)");
        long date = insert("INSERT INTO tour_date (tenant_id, tour_id, delivery_date, capacity, cutoff_at) VALUES ("
                + a + ", " + tour + ", CURDATE() - INTERVAL 1 YEAR, 10, NOW(3) - INTERVAL 1 YEAR)");
        long customer = insert("INSERT INTO customer (tenant_id, email, password_hash, first_name, last_name, street,"
                + " postcode, city, status) VALUES (" + a + ", 'c@example.org', 'x', 'C', 'D', 'S 1', '12345', 'T',"
                + " 'ACTIVE')");
        long order = insert("INSERT INTO customer_order (tenant_id, order_number, customer_id, tour_date_id, status,"
                + " total_cents, idempotency_key, created_at) VALUES (" + a + ", 'A-1', " + customer + ", " + date
                + ", 'DELIVERED', 500, 'key-old', NOW(3) - INTERVAL 1 YEAR)");
        long audit = insert("INSERT INTO audit_event (tenant_id, actor, action, entity, created_at) VALUES (" + a
                + ", 'owner', 'x', 'Product', NOW(3) - INTERVAL 1 YEAR)");

        List<Housekeeping.Purged> round = housekeeping(2).purgeOnce();

        // batches of 2 until one deletes fewer: 5 rows take 2 + 2 + 1, 2 rows take 2 + 0
        assertThat(round).containsExactly(
                new Housekeeping.Purged("login_throttle", 5, 3),
                new Housekeeping.Purged("outbox_mail SENT", 2, 2),
                new Housekeeping.Purged("outbox_mail FAILED", 1, 1),
                new Housekeeping.Purged("idempotency_record", 2, 2));
        assertThat(strings("SELECT subject FROM login_throttle ORDER BY subject"))
                .containsExactly("client:192.0.2.2", "customer:" + a + ":young@example.org");
        assertThat(ids("SELECT id FROM outbox_mail ORDER BY id"))
                .containsExactly(sentYoung, failedYoung, pendingOld, pendingClaimed)
                .doesNotContain(sentOldA, sentOldB, failedOld);
        // the undelivered mails are untouched, claim included
        assertThat(strings("SELECT CONCAT(status, '/', attempts, '/', COALESCE(claimed_by, '-')) FROM outbox_mail"
                + " WHERE id IN (" + pendingOld + ", " + pendingClaimed + ") ORDER BY id"))
                .containsExactly("PENDING/47/-", "PENDING/0/node-1");
        assertThat(ids("SELECT id FROM idempotency_record ORDER BY id"))
                .containsExactly(recordYoungA, recordYoungB)
                .doesNotContain(recordOldA, recordOldB);
        assertThat(ids("SELECT id FROM customer_order")).containsExactly(order);
        assertThat(strings("SELECT idempotency_key FROM customer_order")).containsExactly("key-old");
        assertThat(ids("SELECT id FROM audit_event")).containsExactly(audit);
        assertThat(ids("SELECT id FROM tenant ORDER BY id")).containsExactly(a, b);

        // the next round (on this node or another) finds nothing more: one empty batch per rule
        assertThat(housekeeping(1000).purgeOnce()).containsExactly(
                new Housekeeping.Purged("login_throttle", 0, 1),
                new Housekeeping.Purged("outbox_mail SENT", 0, 1),
                new Housekeeping.Purged("outbox_mail FAILED", 0, 1),
                new Housekeeping.Purged("idempotency_record", 0, 1));
        assertThat(ids("SELECT id FROM outbox_mail ORDER BY id"))
                .containsExactly(sentYoung, failedYoung, pendingOld, pendingClaimed);
    }

    @Test
    void theDeletesUseAnIndexInsteadOfScanningTheTable() throws Exception {
        // EXPLAIN of each rule's batch read: a range of the index it names (V6, V1's ix_outbox_due, V13), no scan
        Housekeeping h = housekeeping(100);
        List<String> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (Housekeeping.Rule rule : h.rules()) {
                try (PreparedStatement explain = c.prepareStatement("EXPLAIN " + rule.select())) {
                    explain.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.now()));
                    explain.setInt(2, 100);
                    try (ResultSet rs = explain.executeQuery()) {
                        rs.next();
                        keys.add(rule.name() + ": " + rs.getString("type") + " " + rs.getString("key"));
                    }
                }
            }
        }
        assertThat(keys).containsExactly(
                "login_throttle: range ix_login_throttle_last",
                "outbox_mail SENT: range ix_outbox_sent",
                "outbox_mail FAILED: range ix_outbox_due",
                "idempotency_record: range ix_idempotency_created");
    }

    private static long mail(long tenant, String status, String set) throws SQLException {
        long id = insert("INSERT INTO outbox_mail (tenant_id, recipient, subject, body, status, created_at) VALUES ("
                + tenant + ", 'to@example.org', 'Subject', 'Reset your password: https://shop/reset?t=secret', '"
                + status + "', NOW(3) - INTERVAL 60 DAY)");
        update("UPDATE outbox_mail SET " + set + " WHERE id = " + id);
        return id;
    }

    private static long record(long tenant, String key, String createdAt) throws SQLException {
        return insert("INSERT INTO idempotency_record (tenant_id, idem_key, request_hash, response_status,"
                + " response_body, created_at) VALUES (" + tenant + ", '" + key + "', REPEAT('a', 64), 200, '{}', "
                + createdAt + ")");
    }

    private static long insert(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql, Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }

    private static List<Long> ids(String sql) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
