package org.farmstand.mail.control;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.farmstand.platform.concurrent.ManagedTasks;
import org.farmstand.platform.persistence.DataSources;
import org.farmstand.platform.persistence.SchemaMigrator;

import javax.naming.NamingException;
import java.io.UnsupportedEncodingException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the mails of the outbox (table outbox_mail), in the background on every node. Each round claims a batch of due
 * mails across all shops with plain JDBC ({@code FOR UPDATE SKIP LOCKED}, so nodes never take the same mail), commits
 * the claim, then sends outside any transaction and marks each mail SENT or schedules the next attempt
 * ({@link Backoff}); a recipient the SMTP server refuses permanently (5xx to RCPT TO, e.g. an unknown mailbox) makes
 * the mail FAILED at once, as retrying for two days would not change the answer, and so does a recipient that is not
 * one usable address at all ({@link #unusableRecipient}: checked before connecting, so even while the SMTP server is
 * unreachable such a mail is not retried). A claim lapses after
 * {@link #CLAIM_MINUTES} minutes, so the mails of a node that died mid-round are sent by another. Web requests only
 * insert rows; they never wait for SMTP.
 * <p>
 * {@code farmstand.mail.mode=log} writes each mail to the server log instead of SMTP (local runs). With
 * {@code smtp}, {@code farmstand.mail.smtp-tls} chooses clear text ({@code none}, a local relay), STARTTLS required
 * ({@code starttls}, submission on 587) or implicit TLS ({@code smtps}, 465); with TLS the server's certificate must
 * be trusted (the JVM's trust store, or {@code farmstand.mail.smtp-trust} for named hosts) and name the host. With
 * {@code farmstand.mail.smtp-user} set, the relay authenticates (SMTP AUTH); the password is never logged nor stored
 * in {@code last_error}. An unknown {@code mode} or {@code smtp-tls} value sends nothing (logged as an error): the
 * mails stay PENDING and are not counted as attempts.
 * <p>
 * Every mail is sent from {@code farmstand.mail.from} (the hoster's domain, so its SPF and DKIM hold), with the shop's
 * name as display name and the shop's contact address as Reply-To: a customer who answers a mail ("reply to this
 * mail if you have questions") reaches the farm, not the hoster. The shop is read when the mail is sent, so a
 * renamed shop or a new contact address applies to mails still waiting; a mail whose shop is not found goes out
 * from the bare address.
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
    @ConfigProperty(name = "farmstand.mail.smtp-user")
    Optional<String> smtpUser;

    @Inject
    @ConfigProperty(name = "farmstand.mail.smtp-password")
    Optional<String> smtpPassword;

    @Inject
    @ConfigProperty(name = "farmstand.mail.smtp-tls", defaultValue = "none")
    String smtpTls;

    @Inject
    @ConfigProperty(name = "farmstand.mail.smtp-trust")
    Optional<String> smtpTrust;

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
    private boolean misconfigurationLogged;

    /** How the connection to the SMTP server is protected ({@code farmstand.mail.smtp-tls}). */
    enum Tls {
        /** Clear text: only for a relay on the same host or network. */
        NONE,
        /** Plain connection upgraded with STARTTLS before anything else is sent; refused if the server lacks it. */
        STARTTLS,
        /** Implicit TLS from the first byte (port 465). */
        SMTPS;

        static Tls parse(String value) {
            String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "none" -> NONE;
                case "starttls" -> STARTTLS;
                case "smtps" -> SMTPS;
                default -> throw new IllegalArgumentException(
                        "farmstand.mail.smtp-tls must be none, starttls or smtps, not '" + value + "'");
            };
        }

        /** The Jakarta Mail protocol and prefix of its properties: {@code mail.smtp.*} or {@code mail.smtps.*}. */
        String protocol() {
            return this == SMTPS ? "smtps" : "smtp";
        }
    }

    /** What one round did. */
    public record Round(int claimed, int sent, int retried, int failed) {
    }

    void start(@Observes SchemaMigrator.SchemaReady ready) {
        boolean smtp = usable() && modeIsSmtp(); // an invalid setting is reported at start already
        try {
            task = ManagedTasks.everyMillis(intervalMs, this::relayQuietly);
            LOG.info(() -> "Mail relay started on " + node + " (mode " + mode
                    + (smtp ? " " + smtpHost + ":" + smtpPort + ", tls " + smtpTls
                    + (user() != null ? ", user " + user() : "") : "")
                    + ", every " + intervalMs + " ms)");
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
        if (!usable()) {
            // misconfigured: claim nothing, so no mail is sent in clear text, counted as an attempt or given up
            return new Round(0, 0, 0, 0);
        }
        Tls tls = modeIsSmtp() ? Tls.parse(smtpTls) : null;
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
        Map<Long, Sender> senders = senders(batch);
        List<Outcome> outcomes = tls != null ? sendSmtp(batch, senders, tls) : logAll(batch, senders);
        for (Outcome outcome : outcomes) {
            if (outcome.error == null) {
                sent++;
            } else if (outcome.failed()) {
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

    /** How sending one mail ended: sent (no error), to be retried, or {@code refused} for good by the server. */
    record Outcome(Claimed mail, String error, boolean refused) {

        Outcome(Claimed mail, String error) {
            this(mail, error, false);
        }

        /** Given up: refused for good, or the last of {@link Backoff#MAX_ATTEMPTS} attempts failed. */
        boolean failed() {
            return error != null && (refused || Backoff.giveUp(mail.attempts + 1));
        }
    }

    /**
     * Whether the server refused the recipient for good: a reply to RCPT TO that says the mailbox or the address is
     * bad (550, 551 or 553 with an enhanced status 5.1.x: unknown user, no such domain, bad syntax), which Jakarta Mail
     * reports as a SendFailedException whose one recipient is among the invalid addresses. Every other refusal is
     * retried with back-off, 5xx ones included: "relay access denied" or a policy refusal (5.7.x) is the relay's
     * configuration, not the address, and would otherwise fail the whole outbox within minutes; 552 (mailbox full)
     * is temporary by RFC 5321; a 4xx reply leaves the recipient among the valid unsent ones.
     */
    static boolean recipientRefused(MessagingException e) {
        if (!(e instanceof SendFailedException failed) || failed.getInvalidAddresses() == null
                || failed.getInvalidAddresses().length == 0 || !empty(failed.getValidUnsentAddresses())
                || !empty(failed.getValidSentAddresses())) {
            return false;
        }
        for (Exception next = failed; next != null;
             next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next.getMessage() != null && BAD_ADDRESS.matcher(next.getMessage()).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * An SMTP reply that names a bad mailbox or address (see {@link #recipientRefused}); 501 with 5.1.x is a
     * server's answer to an address it cannot parse (5.1.3, bad syntax).
     */
    private static final java.util.regex.Pattern BAD_ADDRESS =
            java.util.regex.Pattern.compile("(?m)^\\s*(?:55[013]|501)[ -]5\\.1\\.[0-9]{1,3}\\b");

    /**
     * Why {@code recipient} can never be sent to, or null when it is one address that may be sent to: not an address
     * by RFC 822 as Jakarta Mail reads it strictly (the AddressException's text, e.g. a missing domain, a stray
     * character), or not exactly one address (blank, or a list). No attempt or wait changes such an address, so the
     * mail fails at once instead of being retried for two days.
     */
    static String unusableRecipient(String recipient) {
        try {
            InternetAddress[] parsed = InternetAddress.parse(recipient == null ? "" : recipient, true);
            if (parsed.length != 1) {
                return "Unusable recipient address: " + parsed.length + " addresses instead of one";
            }
            parsed[0].validate();
            return null;
        } catch (AddressException e) {
            return "Unusable recipient address: " + e.getMessage();
        }
    }

    private static boolean empty(Address[] addresses) {
        return addresses == null || addresses.length == 0;
    }

    /** Whom a shop's mails come from (its name, or null) and where replies go (its contact address, or null). */
    record Sender(String name, String replyTo) {
    }

    /**
     * The senders of the shops of these mails, by tenant id, read now (one small query; not in the claim's
     * {@code FOR UPDATE}, which would lock the shops' rows as well).
     */
    Map<Long, Sender> senders(List<Claimed> batch) throws SQLException {
        List<Long> ids = batch.stream().map(Claimed::tenantId).distinct().toList();
        Map<Long, Sender> senders = new HashMap<>();
        String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
        try (Connection c = dataSources.get().getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT id, name, contact_email FROM tenant WHERE id IN (" + marks + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                s.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    senders.put(rs.getLong(1), new Sender(oneLine(rs.getString(2)), oneLine(rs.getString(3))));
                }
            }
        }
        return senders;
    }

    /**
     * The From address: {@code farmstand.mail.from} with the shop's name as display name (encoded as the name needs),
     * or as configured when the shop or its name is unknown.
     */
    InternetAddress fromAddress(Sender sender) throws MessagingException {
        InternetAddress configured = new InternetAddress(from, true);
        if (sender == null || sender.name() == null) {
            return configured;
        }
        try {
            return new InternetAddress(configured.getAddress(), sender.name(), StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            return configured;
        }
    }

    /** The shop's contact address as Reply-To, or null (none, or not a usable address: then replies go to From). */
    static InternetAddress replyTo(Sender sender) {
        if (sender == null || sender.replyTo() == null) {
            return null;
        }
        try {
            return new InternetAddress(sender.replyTo(), true);
        } catch (AddressException e) {
            LOG.warning(() -> "Shop contact address '" + sender.replyTo() + "' is not usable as Reply-To");
            return null;
        }
    }

    /** A text for a header: control characters (line breaks would start a new header) removed; null when blank. */
    private static String oneLine(String value) {
        if (value == null) {
            return null;
        }
        String line = value.replaceAll("\\p{Cntrl}", "").strip();
        return line.isEmpty() ? null : line;
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

    List<Outcome> logAll(List<Claimed> batch, Map<Long, Sender> senders) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Claimed mail : batch) {
            Sender sender = senders.get(mail.tenantId);
            LOG.info(() -> "Mail (mode log) #" + mail.id + " from " + (sender == null || sender.name() == null ? ""
                    : sender.name() + " ") + "<" + from + ">" + (sender == null || sender.replyTo() == null ? ""
                    : " (reply to " + sender.replyTo() + ")") + " to " + mail.recipient + "\nSubject: "
                    + mail.subject + "\n\n" + mail.body);
            outcomes.add(new Outcome(mail, null));
        }
        return outcomes;
    }

    List<Outcome> sendSmtp(List<Claimed> claimed, Map<Long, Sender> senders, Tls tls) {
        String user = user();
        String password = user == null ? null : smtpPassword.orElse("");
        Properties props = smtpProperties(smtpHost, smtpPort, user != null, tls, smtpTrust.orElse(null));
        Session session = Session.getInstance(props);
        List<Outcome> outcomes = new ArrayList<>();
        List<Claimed> batch = new ArrayList<>();
        for (Claimed mail : claimed) {
            String unusable = unusableRecipient(mail.recipient);
            if (unusable == null) {
                batch.add(mail);
            } else {
                // once per mail: it is not tried again
                LOG.warning(() -> "Mail #" + mail.id + " has no usable recipient address, marked FAILED: "
                        + oneLine(unusable));
                outcomes.add(new Outcome(mail, unusable, true));
            }
        }
        if (batch.isEmpty()) {
            return outcomes;
        }
        try (Transport transport = session.getTransport(tls.protocol())) {
            // the password goes to connect() only, never into the session's properties
            transport.connect(smtpHost, smtpPort, user, password);
            for (Claimed mail : batch) {
                try {
                    MimeMessage message = new MimeMessage(session);
                    Sender sender = senders.get(mail.tenantId);
                    message.setFrom(fromAddress(sender));
                    InternetAddress replyTo = replyTo(sender);
                    if (replyTo != null) {
                        message.setReplyTo(new InternetAddress[] {replyTo});
                    }
                    message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.recipient, true));
                    message.setSubject(mail.subject, StandardCharsets.UTF_8.name());
                    message.setText(mail.body, StandardCharsets.UTF_8.name());
                    message.setSentDate(new Date());
                    message.saveChanges();
                    transport.sendMessage(message, message.getAllRecipients());
                    outcomes.add(new Outcome(mail, null));
                } catch (MessagingException e) {
                    String error = redact(describe(e), user, password);
                    boolean refused = recipientRefused(e);
                    if (refused) {
                        // once per mail: it is not tried again
                        LOG.warning(() -> "Mail #" + mail.id + " to " + mail.recipient
                                + " refused for good by the SMTP server, marked FAILED: " + error);
                    }
                    outcomes.add(new Outcome(mail, error, refused));
                } catch (RuntimeException e) {
                    outcomes.add(new Outcome(mail, redact(describe(e), user, password)));
                }
            }
        } catch (MessagingException e) {
            // no connection, TLS or AUTH refused (or it broke): every mail not yet sent is tried again later
            String error = redact(describe(e), user, password);
            LOG.warning(() -> "SMTP " + smtpHost + ":" + smtpPort + " (tls " + tls.name().toLowerCase(Locale.ROOT)
                    + (user != null ? ", user " + user : "") + ") not usable: " + error);
            List<Long> done = outcomes.stream().map(o -> o.mail.id).toList();
            for (Claimed mail : batch) {
                if (!done.contains(mail.id)) {
                    outcomes.add(new Outcome(mail, error));
                }
            }
        }
        return outcomes;
    }

    /**
     * The Jakarta Mail session properties for one SMTP server: the timeouts always (their prefix follows the protocol:
     * {@code mail.smtps.*} for implicit TLS), STARTTLS required, server identity checked, and hosts trusted without a
     * CA ({@code trust}: space-separated host names; ignored without TLS). Never holds the password.
     */
    static Properties smtpProperties(String host, int port, boolean auth, Tls tls, String trust) {
        String p = "mail." + tls.protocol();
        Properties props = new Properties();
        props.put("mail.transport.protocol", tls.protocol());
        props.put(p + ".host", host);
        props.put(p + ".port", String.valueOf(port));
        props.put(p + ".connectiontimeout", String.valueOf(TIMEOUT_MS));
        props.put(p + ".timeout", String.valueOf(TIMEOUT_MS));
        props.put(p + ".writetimeout", String.valueOf(TIMEOUT_MS));
        props.put(p + ".auth", String.valueOf(auth));
        if (tls == Tls.STARTTLS) {
            props.put(p + ".starttls.enable", "true");
            props.put(p + ".starttls.required", "true");
        }
        if (tls != Tls.NONE) {
            props.put(p + ".ssl.checkserveridentity", "true");
            if (trust != null && !trust.isBlank()) {
                props.put(p + ".ssl.trust", trust.strip());
            }
        }
        return props;
    }

    /** Whether the configuration is usable; if not, says why (once, as an error): then nothing is sent. */
    private boolean usable() {
        String error = configurationError();
        if (error != null && !misconfigurationLogged) {
            misconfigurationLogged = true;
            LOG.severe(() -> "Mail relay sends nothing: " + error
                    + ". The mails stay in the outbox (PENDING) until it is fixed and the node restarted.");
        }
        return error == null;
    }

    /** Why the relay sends nothing with this configuration, or null when it is usable (also for the health check). */
    public String configurationError() {
        try {
            if (modeIsSmtp()) {
                Tls.parse(smtpTls);
                if (smtpTrust.orElse("").contains("*")) {
                    throw new IllegalArgumentException("farmstand.mail.smtp-trust takes host names, not '*'"
                            + " (that would accept any certificate)");
                }
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Whether {@code farmstand.mail.mode} is smtp (else log). Any other value is refused: taken as "log", a typo
     * such as "smpt" would mark every mail as sent without sending it.
     */
    private boolean modeIsSmtp() {
        String m = mode == null ? "" : mode.strip().toLowerCase(Locale.ROOT);
        return switch (m) {
            case "smtp" -> true;
            case "log" -> false;
            default -> throw new IllegalArgumentException("farmstand.mail.mode must be log or smtp, not '" + mode + "'");
        };
    }

    /** The SMTP user, or null for no SMTP AUTH. */
    private String user() {
        return smtpUser.map(String::strip).filter(u -> !u.isEmpty()).orElse(null);
    }

    /**
     * The text with the password blanked out, as given and in the Base64 forms AUTH LOGIN and AUTH PLAIN send it
     * (a server may echo a line it did not understand): for log lines and for last_error, which is stored.
     */
    static String redact(String text, String user, String password) {
        if (text == null || password == null || password.isEmpty()) {
            return text;
        }
        Base64.Encoder b64 = Base64.getEncoder();
        String u = user == null ? "" : user;
        String result = text;
        List<String> secrets = List.of(
                b64.encodeToString((u + "\0" + u + "\0" + password).getBytes(StandardCharsets.UTF_8)),
                b64.encodeToString(("\0" + u + "\0" + password).getBytes(StandardCharsets.UTF_8)),
                b64.encodeToString(password.getBytes(StandardCharsets.UTF_8)),
                password);
        for (String secret : secrets) {
            result = result.replace(secret, "***");
        }
        return result;
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
                    retry.setString(1, outcome.failed() ? "FAILED" : "PENDING");
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
