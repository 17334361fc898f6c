package org.farmstand.mail.control;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.farmstand.embeddeddb.EmbeddedMariaDb;
import org.farmstand.platform.persistence.DataSources;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

import javax.sql.DataSource;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay against a real MariaDB and SMTP server, without a container: retries while SMTP is down, then sends. */
class MailRelayIT {

    static EmbeddedMariaDb db;
    static GreenMail smtp;
    static DataSource dataSource;

    @BeforeAll
    static void start() throws SQLException {
        Path dir = Path.of(System.getProperty("farmstand.it.work-dir", "target/it"), "mail-relay-db");
        db = EmbeddedMariaDb.start(dir, 0, "farmstand_mail");
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:db/migration").cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:db/migration").load().migrate();
        MariaDbDataSource ds = new MariaDbDataSource(db.jdbcUrl());
        ds.setUser(db.user());
        ds.setPassword(db.password());
        dataSource = ds;
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterAll
    static void stop() {
        if (smtp != null) {
            smtp.stop();
        }
        if (db != null) {
            db.close();
        }
    }

    MailRelay relay(int port) {
        MailRelay relay = new MailRelay();
        relay.dataSources = new DataSources() {
            @Override
            public DataSource get() {
                return dataSource;
            }
        };
        relay.mode = "smtp";
        relay.smtpHost = "127.0.0.1";
        relay.smtpPort = port;
        relay.from = "shop@farmstand.example";
        relay.batchSize = 50;
        relay.perMinute = 600;
        return relay;
    }

    @Test
    void aMailWrittenWhileSmtpIsDownIsRetriedAndSentLater() throws Exception {
        long id;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tenant (slug, name) VALUES ('relay', 'Relay')", Statement.RETURN_GENERATED_KEYS);
            long tenant = generated(s);
            s.executeUpdate("INSERT INTO outbox_mail (tenant_id, recipient, subject, body) VALUES (" + tenant
                    + ", 'down@example.org', 'Grüße', 'Hallo Anna')", Statement.RETURN_GENERATED_KEYS);
            id = generated(s);
        }

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MailRelay.Round down = relay(closedPort).relayOnce();
        assertThat(down.retried()).isEqualTo(1);
        assertThat(row(id, "status")).isEqualTo("PENDING");
        assertThat(row(id, "attempts")).isEqualTo("1");
        assertThat(row(id, "last_error")).isNotBlank();
        assertThat(row(id, "claimed_by")).isNull();
        // not due before the back-off has passed
        assertThat(relay(smtp.getSmtp().getPort()).relayOnce().claimed()).isZero();

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE outbox_mail SET next_attempt = NOW(3) WHERE id = " + id);
        }
        MailRelay.Round up = relay(smtp.getSmtp().getPort()).relayOnce();
        assertThat(up.sent()).isEqualTo(1);
        assertThat(row(id, "status")).isEqualTo("SENT");
        assertThat(row(id, "attempts")).isEqualTo("2");
        assertThat(row(id, "sent_at")).isNotNull();

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(Arrays.stream(received).map(m -> {
            try {
                return m.getSubject() + "|" + m.getContent().toString().strip();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).containsExactly("Grüße|Hallo Anna");
        // sent once: a further round finds nothing
        assertThat(relay(smtp.getSmtp().getPort()).relayOnce().claimed()).isZero();
    }

    private static long generated(Statement s) throws SQLException {
        try (ResultSet keys = s.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static String row(long id, String column) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + column + " FROM outbox_mail WHERE id = " + id)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
