package org.farmstand.mail.control;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.farmstand.platform.persistence.DataSources;
import org.farmstand.platform.persistence.MigratedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay against a real MariaDB and real SMTP servers (GreenMail), without a container: retries while SMTP is down,
 * then sends; SMTP AUTH; implicit TLS (smtps) with the server's certificate checked; STARTTLS required; an invalid
 * smtp-tls value. Every test starts with an empty outbox (a round claims every due mail).
 * <p>
 * GreenMail 2.1 has no STARTTLS and does not require AUTH (it accepts unauthenticated mail), but checks the
 * credentials of a client that authenticates: a wrong password being refused shows that the relay authenticates.
 * Its TLS key is read once per JVM from {@code greenmail.tls.keystore.file}: a certificate for {@code localhost}
 * only (DNS name, no IP address), made with keytool in {@link #start()}.
 */
class MailRelayIT {

    static final String USER = "relay";
    static final String PASSWORD = "c0rrect-Horse-91";
    static final String WRONG_PASSWORD = "wr0ng-Battery-73";

    static MigratedDatabase db;
    /** Plain SMTP, no users: a local relay. */
    static GreenMail smtp;
    /** Plain SMTP and SMTPS with the user {@link #USER}. */
    static GreenMail secured;
    static DataSource dataSource;
    static long tenant;

    /**
     * The relay's logger, held: java.util.logging keeps loggers weakly, so one made only to add the handler could be
     * collected before the relay's class makes its own, which then has no handler (the first test of a run saw no log).
     */
    static final Logger RELAY_LOG = Logger.getLogger(MailRelay.class.getName());

    final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void start() throws Exception {
        Path work = Path.of(System.getProperty("farmstand.it.work-dir", "target/it"));
        db = MigratedDatabase.start("mail-relay");
        dataSource = db.dataSource();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tenant (slug, name) VALUES ('relay', 'Relay')", Statement.RETURN_GENERATED_KEYS);
            tenant = generated(s);
        }
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();

        Path keyStore = localhostKeyStore(work.resolve("mail-relay-tls"));
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, keyStore.toString());
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY, "changeit");
        secured = new GreenMail(new ServerSetup[]{
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort()})
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay@farmstand.example", USER, PASSWORD));
        secured.start();
    }

    @AfterAll
    static void stop() {
        if (secured != null) {
            secured.stop();
        }
        System.clearProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY);
        System.clearProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY);
        if (smtp != null) {
            smtp.stop();
        }
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void emptyOutbox() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM outbox_mail");
        }
        smtp.purgeEmailFromAllMailboxes();
        secured.purgeEmailFromAllMailboxes();
        RELAY_LOG.addHandler(capture);
    }

    @AfterEach
    void stopCapture() {
        RELAY_LOG.removeHandler(capture);
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
        relay.smtpUser = Optional.empty();
        relay.smtpPassword = Optional.empty();
        relay.smtpTls = "none";
        relay.smtpTrust = Optional.empty();
        relay.from = "shop@farmstand.example";
        relay.batchSize = 50;
        relay.perMinute = 600;
        return relay;
    }

    MailRelay relay(int port, String user, String password) {
        MailRelay relay = relay(port);
        relay.smtpUser = Optional.of(user);
        relay.smtpPassword = Optional.of(password);
        return relay;
    }

    @Test
    void aMailWrittenWhileSmtpIsDownIsRetriedAndSentLater() throws Exception {
        long id = mail("down@example.org", "Grüße", "Hallo Anna");

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

        makeDue(id);
        MailRelay.Round up = relay(smtp.getSmtp().getPort()).relayOnce();
        assertThat(up.sent()).isEqualTo(1);
        assertThat(row(id, "status")).isEqualTo("SENT");
        assertThat(row(id, "attempts")).isEqualTo("2");
        assertThat(row(id, "sent_at")).isNotNull();

        assertThat(received(smtp)).containsExactly("Grüße|Hallo Anna");
        // sent once: a further round finds nothing
        assertThat(relay(smtp.getSmtp().getPort()).relayOnce().claimed()).isZero();
    }

    @Test
    void aShopsMailComesFromTheHostersAddressUnderTheShopsNameAndRepliesGoToTheShop() throws Exception {
        long farm;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tenant (slug, name, contact_email) VALUES ('reply-" + System.nanoTime()
                    + "', 'Hof Müller, Gemüse', 'hof@mueller.example')", Statement.RETURN_GENERATED_KEYS);
            farm = generated(s);
        }
        long withContact = mail(farm, "kundin@example.org", "Ihre Registrierung", "Antworten Sie gern");
        long withoutContact = mail("kunde@example.org", "Bestellung", "Danke");

        assertThat(relay(smtp.getSmtp().getPort()).relayOnce().sent()).isEqualTo(2);

        MimeMessage toFarmCustomer = receivedBy(smtp, "kundin@example.org");
        InternetAddress from = (InternetAddress) toFarmCustomer.getFrom()[0];
        // the hoster's address (SPF, DKIM), the shop's name
        assertThat(from.getAddress()).isEqualTo("shop@farmstand.example");
        assertThat(from.getPersonal()).isEqualTo("Hof Müller, Gemüse");
        assertThat(toFarmCustomer.getReplyTo()).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("hof@mueller.example");
        // a shop without a contact address: no Reply-To header, replies go to From
        MimeMessage toOtherCustomer = receivedBy(smtp, "kunde@example.org");
        assertThat(((InternetAddress) toOtherCustomer.getFrom()[0]).getPersonal()).isEqualTo("Relay");
        assertThat(toOtherCustomer.getHeader("Reply-To")).isNull();
        assertThat(row(withContact, "status")).isEqualTo("SENT");
        assertThat(row(withoutContact, "status")).isEqualTo("SENT");
    }

    private static MimeMessage receivedBy(GreenMail server, String recipient) throws Exception {
        for (MimeMessage message : server.getReceivedMessages()) {
            if (((InternetAddress) message.getAllRecipients()[0]).getAddress().equals(recipient)) {
                return message;
            }
        }
        throw new AssertionError("No mail to " + recipient);
    }

    /**
     * GreenMail accepts every recipient, so a few lines of SMTP stand in for a server that refuses {@code gone@}
     * for good (550) and {@code busy@} for now (451), and takes the rest.
     */
    @Test
    void aRecipientRefusedForGoodFailsAtOnceWhileATemporaryRefusalIsRetried() throws Exception {
        long gone = mail("gone@example.org", "Weg", "Hallo Ida");
        long busy = mail("busy@example.org", "Später", "Hallo Jan");
        long fine = mail("fine@example.org", "Gut", "Hallo Kai");
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread smtpThread = new Thread(() -> refusingSmtp(server));
            smtpThread.start();

            MailRelay.Round round = relay(server.getLocalPort()).relayOnce();
            smtpThread.join(10_000);

            assertThat(round).isEqualTo(new MailRelay.Round(3, 1, 1, 1));
        }
        assertThat(row(gone, "status")).isEqualTo("FAILED");
        assertThat(row(gone, "attempts")).isEqualTo("1");
        assertThat(row(gone, "last_error")).contains("550 5.1.1");
        assertRetryScheduled(busy);
        assertThat(row(busy, "last_error")).contains("451 4.7.1");
        assertThat(row(fine, "status")).isEqualTo("SENT");
        assertThat(logged).singleElement().satisfies(r -> assertThat(text(r))
                .contains("#" + gone, "gone@example.org", "FAILED", "550"));
    }

    /**
     * A recipient that is not an address (a typo in a registration, data pushed by a management system) can never be
     * sent: the mail fails at once, before the relay even connects, so also while the SMTP server is down, and is
     * not claimed again; a good mail in the same round waits for the server as before. The health check counts it
     * among the mails failed for their recipient.
     */
    @Test
    void aMailWithoutAUsableRecipientFailsAtOnceEvenWhileSmtpIsDown() throws Exception {
        long typo = mail("anna.example.org", "Tippfehler", "Hallo Anna");
        long noDomain = mail("ben@", "Ohne Domain", "Hallo Ben");
        long good = mail("carla@example.org", "Gut", "Hallo Carla");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        MailRelay.Round down = relay(closedPort).relayOnce();

        assertThat(down).isEqualTo(new MailRelay.Round(3, 0, 1, 2));
        for (long id : new long[] {typo, noDomain}) {
            assertThat(row(id, "status")).isEqualTo("FAILED");
            assertThat(row(id, "attempts")).isEqualTo("1");
            assertThat(row(id, "claimed_by")).isNull();
            assertThat(row(id, "last_error")).startsWith("Unusable recipient address: ");
        }
        assertRetryScheduled(good);
        assertThat(logged).filteredOn(r -> text(r).contains("no usable recipient address")).hasSize(2)
                .allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.WARNING));
        try (Connection c = dataSource.getConnection()) {
            MailHealth.Outbox outbox = MailHealth.outbox(c);
            assertThat(outbox.failed()).isEqualTo(2);
            assertThat(outbox.failedRecipient()).isEqualTo(2);
            assertThat(outbox.pending()).isEqualTo(1);
        }

        makeDue(good);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // were they claimable, a due next_attempt would hand them out again
            s.executeUpdate("UPDATE outbox_mail SET next_attempt = NOW(3) WHERE id IN (" + typo + ", " + noDomain + ")");
        }
        MailRelay.Round up = relay(smtp.getSmtp().getPort()).relayOnce();
        assertThat(up).isEqualTo(new MailRelay.Round(1, 1, 0, 0));
        assertThat(received(smtp)).containsExactly("Gut|Hallo Carla");
        assertThat(row(typo, "status")).isEqualTo("FAILED");
    }

    /** One SMTP session: 550 to RCPT TO gone@, 451 to busy@, everything else accepted. */
    private static void refusingSmtp(ServerSocket server) {
        try (java.net.Socket socket = server.accept();
             var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                     java.nio.charset.StandardCharsets.US_ASCII));
             var out = new java.io.PrintStream(socket.getOutputStream(), true,
                     java.nio.charset.StandardCharsets.US_ASCII)) {
            out.print("220 refusing ESMTP\r\n");
            boolean data = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.toUpperCase(java.util.Locale.ROOT);
                String reply;
                if (data) {
                    data = !line.equals(".");
                    reply = data ? null : "250 2.0.0 queued";
                } else if (command.startsWith("RCPT") && command.contains("GONE@")) {
                    reply = "550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown";
                } else if (command.startsWith("RCPT") && command.contains("BUSY@")) {
                    reply = "451 4.7.1 <busy@example.org>: Greylisted, try again later";
                } else if (command.startsWith("DATA")) {
                    data = true;
                    reply = "354 go ahead";
                } else if (command.startsWith("QUIT")) {
                    out.print("221 bye\r\n");
                    return;
                } else {
                    reply = "250 ok";
                }
                if (reply != null) {
                    out.print(reply + "\r\n");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withTheRightPasswordTheMailIsSentAuthenticated() throws Exception {
        long id = mail("auth@example.org", "Angemeldet", "Hallo Ben");

        MailRelay.Round round = relay(secured.getSmtp().getPort(), USER, PASSWORD).relayOnce();

        assertThat(round.sent()).isEqualTo(1);
        assertThat(row(id, "status")).isEqualTo("SENT");
        assertThat(received(secured)).containsExactly("Angemeldet|Hallo Ben");
        assertNoPasswordLogged(PASSWORD);
    }

    @Test
    void aWrongPasswordIsRefusedAndTheMailWaitsForARetryWithoutThePasswordStoredOrLogged() throws Exception {
        long id = mail("auth@example.org", "Falsches Passwort", "Hallo Clara");

        MailRelay.Round round = relay(secured.getSmtp().getPort(), USER, WRONG_PASSWORD).relayOnce();

        // refused by the server, i.e. the relay did authenticate (GreenMail would take the mail without AUTH)
        assertThat(round.sent()).isZero();
        assertThat(round.retried()).isEqualTo(1);
        assertThat(secured.getReceivedMessages()).isEmpty();
        assertRetryScheduled(id);
        assertThat(row(id, "last_error")).contains("535").doesNotContain(WRONG_PASSWORD);
        assertThat(logged).hasSize(1);
        assertNoPasswordLogged(WRONG_PASSWORD);
        assertThat(logged).anySatisfy(r -> assertThat(text(r)).contains("user " + USER).contains("535"));

        // fixed password: the same mail goes out
        makeDue(id);
        assertThat(relay(secured.getSmtp().getPort(), USER, PASSWORD).relayOnce().sent()).isEqualTo(1);
        assertThat(received(secured)).containsExactly("Falsches Passwort|Hallo Clara");
    }

    @Test
    void smtpsSendsOverImplicitTlsToAHostWhoseCertificateIsTrusted() throws Exception {
        long id = mail("tls@example.org", "Verschlüsselt", "Hallo Dora");
        MailRelay relay = smtps("localhost", "localhost");

        MailRelay.Round round = relay.relayOnce();

        assertThat(round.sent()).isEqualTo(1);
        assertThat(row(id, "status")).isEqualTo("SENT");
        assertThat(received(secured)).containsExactly("Verschlüsselt|Hallo Dora");
        assertNoPasswordLogged(PASSWORD);
    }

    @Test
    void smtpsRefusesACertificateWithoutATrustedCaOrNotNamingTheHost() throws Exception {
        long id = mail("tls@example.org", "Nicht vertraut", "Hallo Emil");

        // self-signed, not in the JVM's trust store, no smtp-trust
        MailRelay untrusted = smtps("localhost", null);
        assertThat(untrusted.relayOnce().retried()).isEqualTo(1);
        assertRetryScheduled(id);
        assertThat(row(id, "last_error")).containsIgnoringCase("certification path");

        // trusted without a CA, but issued for localhost, not 127.0.0.1: the identity check still refuses it
        makeDue(id);
        MailRelay wrongName = smtps("127.0.0.1", "127.0.0.1");
        assertThat(wrongName.relayOnce().retried()).isEqualTo(1);
        assertRetryScheduled(id);
        assertThat(row(id, "attempts")).isEqualTo("2");
        assertThat(row(id, "last_error")).contains("No subject alternative names matching IP address 127.0.0.1");

        // smtp-trust names another host: the certificate of this one is not accepted
        makeDue(id);
        MailRelay otherHost = smtps("localhost", "relay.internal");
        assertThat(otherHost.relayOnce().retried()).isEqualTo(1);
        assertRetryScheduled(id);
        assertThat(row(id, "last_error")).contains("Server is not trusted: localhost");

        assertThat(secured.getReceivedMessages()).isEmpty();
        assertThat(logged).hasSize(3);
        assertNoPasswordLogged(PASSWORD);
    }

    /** A relay to the secured GreenMail's SMTPS port as {@code host}, with the user, trusting {@code trust} (or none). */
    MailRelay smtps(String host, String trust) {
        MailRelay relay = relay(secured.getSmtps().getPort(), USER, PASSWORD);
        relay.smtpHost = host;
        relay.smtpTls = "smtps";
        relay.smtpTrust = Optional.ofNullable(trust);
        return relay;
    }

    @Test
    void starttlsRequiredNeverFallsBackToClearText() throws Exception {
        // GreenMail 2.1's plain SMTP offers no STARTTLS
        long id = mail("starttls@example.org", "Nur mit TLS", "Hallo Fritz");
        MailRelay relay = relay(secured.getSmtp().getPort(), USER, PASSWORD);
        relay.smtpTls = "starttls";

        MailRelay.Round round = relay.relayOnce();

        assertThat(round.retried()).isEqualTo(1);
        assertThat(secured.getReceivedMessages()).isEmpty();
        assertRetryScheduled(id);
        assertThat(row(id, "last_error")).contains("STARTTLS is required");
        assertThat(logged).hasSize(1);
        assertNoPasswordLogged(PASSWORD);
    }

    @Test
    void anInvalidTlsValueOrModeSendsNothingAndKeepsTheMails() throws Exception {
        long first = mail("kept@example.org", "Eins", "Hallo Greta");
        long second = mail("kept@example.org", "Zwei", "Hallo Hans");
        MailRelay relay = relay(smtp.getSmtp().getPort());
        relay.smtpTls = "tls";

        MailRelay.Round round = relay.relayOnce();
        MailRelay.Round again = relay.relayOnce();

        assertThat(round.claimed()).isZero();
        assertThat(again.claimed()).isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
        for (long id : List.of(first, second)) {
            // untouched: not claimed, not counted as an attempt (so never given up), due at once when fixed
            assertThat(row(id, "status")).isEqualTo("PENDING");
            assertThat(row(id, "attempts")).isEqualTo("0");
            assertThat(row(id, "claimed_by")).isNull();
            assertThat(row(id, "last_error")).isNull();
        }
        assertThat(logged).filteredOn(r -> r.getLevel() == Level.SEVERE).singleElement()
                .satisfies(r -> assertThat(text(r)).contains("farmstand.mail.smtp-tls").contains("'tls'"));

        // '*' as smtp-trust would accept any certificate: refused the same way
        MailRelay trustAll = relay(smtp.getSmtp().getPort());
        trustAll.smtpTls = "starttls";
        trustAll.smtpTrust = Optional.of("*");
        assertThat(trustAll.relayOnce().claimed()).isZero();

        // a mistyped mode is refused too (taken as "log", it would have marked both as sent without sending them)
        MailRelay typo = relay(smtp.getSmtp().getPort());
        typo.mode = "smpt";
        assertThat(typo.configurationError()).as("reported by the health check").contains("farmstand.mail.mode");
        assertThat(relay.configurationError()).contains("farmstand.mail.smtp-tls");
        assertThat(relay(smtp.getSmtp().getPort()).configurationError()).isNull();
        assertThat(typo.relayOnce().claimed()).isZero();
        assertThat(logged).filteredOn(r -> r.getLevel() == Level.SEVERE)
                .anySatisfy(r -> assertThat(text(r)).contains("farmstand.mail.mode").contains("'smpt'"));
        for (long id : List.of(first, second)) {
            assertThat(row(id, "status")).isEqualTo("PENDING");
            assertThat(row(id, "attempts")).isEqualTo("0");
        }

        // once the setting is fixed, both go out
        assertThat(relay(smtp.getSmtp().getPort()).relayOnce().sent()).isEqualTo(2);
        assertThat(received(smtp)).containsExactlyInAnyOrder("Eins|Hallo Greta", "Zwei|Hallo Hans");
    }

    private void assertNoPasswordLogged(String password) {
        assertThat(logged).allSatisfy(r -> assertThat(text(r)).doesNotContain(password));
    }

    private static String text(LogRecord record) {
        StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            text.append('\n').append(t);
        }
        return text.toString();
    }

    private static void assertRetryScheduled(long id) throws SQLException {
        assertThat(row(id, "status")).isEqualTo("PENDING");
        assertThat(row(id, "claimed_by")).isNull();
        assertThat(row(id, "next_attempt > NOW(3)")).isEqualTo("1");
    }

    private static List<String> received(GreenMail server) {
        MimeMessage[] messages = server.getReceivedMessages();
        return Arrays.stream(messages).map(m -> {
            try {
                return m.getSubject() + "|" + m.getContent().toString().strip();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static long mail(String recipient, String subject, String body) throws SQLException {
        return mail(tenant, recipient, subject, body);
    }

    private static long mail(long shop, String recipient, String subject, String body) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO outbox_mail (tenant_id, recipient, subject, body) VALUES (" + shop + ", '"
                    + recipient + "', '" + subject + "', '" + body + "')", Statement.RETURN_GENERATED_KEYS);
            return generated(s);
        }
    }

    private static void makeDue(long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE outbox_mail SET next_attempt = NOW(3) WHERE id = " + id);
        }
    }

    /** A PKCS12 key store with a self-signed certificate for the DNS name localhost only (keytool of this JDK). */
    private static Path localhostKeyStore(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path file = dir.resolve("localhost.p12");
        Files.deleteIfExists(file);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "localhost",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("keytool failed, see " + dir.resolve("keytool.log"));
        }
        return file;
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
