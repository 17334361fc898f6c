package org.farmstand.mail.control;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.farmstand.mail.control.MailRelay.Tls;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The session properties the relay builds per {@code farmstand.mail.smtp-tls} mode, and what it never writes down. */
class MailRelaySmtpTest {

    static final String TIMEOUT = String.valueOf(MailRelay.TIMEOUT_MS);

    @Test
    void noneIsPlainSmtpWithTimeoutsAndNoTls() {
        Properties props = MailRelay.smtpProperties("relay.local", 25, false, Tls.NONE, "relay.local");

        assertThat(props).containsOnly(
                entry("mail.transport.protocol", "smtp"),
                entry("mail.smtp.host", "relay.local"),
                entry("mail.smtp.port", "25"),
                entry("mail.smtp.connectiontimeout", TIMEOUT),
                entry("mail.smtp.timeout", TIMEOUT),
                entry("mail.smtp.writetimeout", TIMEOUT),
                entry("mail.smtp.auth", "false"));
    }

    @Test
    void starttlsIsRequiredAndTheServerIdentityChecked() {
        Properties props = MailRelay.smtpProperties("smtp.example.org", 587, true, Tls.STARTTLS, null);

        assertThat(props).containsOnly(
                entry("mail.transport.protocol", "smtp"),
                entry("mail.smtp.host", "smtp.example.org"),
                entry("mail.smtp.port", "587"),
                entry("mail.smtp.connectiontimeout", TIMEOUT),
                entry("mail.smtp.timeout", TIMEOUT),
                entry("mail.smtp.writetimeout", TIMEOUT),
                entry("mail.smtp.auth", "true"),
                entry("mail.smtp.starttls.enable", "true"),
                entry("mail.smtp.starttls.required", "true"),
                entry("mail.smtp.ssl.checkserveridentity", "true"));
    }

    @Test
    void smtpsUsesTheSmtpsPrefixForEverythingIncludingTheTimeouts() {
        Properties props = MailRelay.smtpProperties("mail.internal", 465, true, Tls.SMTPS, " mail.internal relay2 ");

        assertThat(props).containsOnly(
                entry("mail.transport.protocol", "smtps"),
                entry("mail.smtps.host", "mail.internal"),
                entry("mail.smtps.port", "465"),
                entry("mail.smtps.connectiontimeout", TIMEOUT),
                entry("mail.smtps.timeout", TIMEOUT),
                entry("mail.smtps.writetimeout", TIMEOUT),
                entry("mail.smtps.auth", "true"),
                entry("mail.smtps.ssl.checkserveridentity", "true"),
                entry("mail.smtps.ssl.trust", "mail.internal relay2"));
    }

    @Test
    void tlsValuesAreParsedStrictly() {
        assertThat(Tls.parse("none")).isEqualTo(Tls.NONE);
        assertThat(Tls.parse(" STARTTLS ")).isEqualTo(Tls.STARTTLS);
        assertThat(Tls.parse("smtps")).isEqualTo(Tls.SMTPS);
        for (String invalid : new String[]{"tls", "ssl", "", "starttls,smtps"}) {
            assertThatThrownBy(() -> Tls.parse(invalid)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("farmstand.mail.smtp-tls").hasMessageContaining("'" + invalid + "'");
        }
        assertThatThrownBy(() -> Tls.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePasswordIsRedactedAsGivenAndInTheFormsAuthSendsIt() {
        String user = "shop@example.org";
        String password = "s3cret-Pw";
        Base64.Encoder b64 = Base64.getEncoder();
        String login = b64.encodeToString(password.getBytes(StandardCharsets.UTF_8));
        String plain = b64.encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        String plainWithId = b64.encodeToString((user + "\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));

        String text = "535 bad: " + password + " / " + login + " / <" + plain + "> / <" + plainWithId + ">";

        assertThat(MailRelay.redact(text, user, password))
                .isEqualTo("535 bad: *** / *** / <***> / <***>")
                .doesNotContain(password);
        assertThat(MailRelay.redact("535 refused", user, null)).isEqualTo("535 refused");
        assertThat(MailRelay.redact("535 refused", null, "")).isEqualTo("535 refused");
    }

    /**
     * As Jakarta Mail (Angus) reports a refused RCPT TO: a SendFailedException with the server's reply as the next
     * exception, the recipient among the invalid addresses for 5xx and among the valid unsent ones for 4xx.
     */
    @Test
    void aPermanentRefusalOfTheRecipientIsToldApartFromEverythingThatMayPassWithTime() throws Exception {
        InternetAddress gone = new InternetAddress("gone@example.org");
        Address[] none = new Address[0];
        Address[] recipient = {gone};
        MessagingException unknownUser = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(gone, "RCPT TO:<gone@example.org>", 550, "550 5.1.1 User unknown"),
                none, none, recipient);
        MessagingException greylisted = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(gone, "RCPT TO:<gone@example.org>", 451, "451 4.7.1 Try again later"),
                none, recipient, none);

        assertThat(MailRelay.recipientRefused(unknownUser)).isTrue();
        assertThat(MailRelay.recipientRefused(greylisted)).isFalse();
        assertThat(MailRelay.recipientRefused(new MessagingException("Could not connect to SMTP host"))).isFalse();
        assertThat(MailRelay.recipientRefused(new AuthenticationFailedException("535 5.7.8 failed"))).isFalse();
        assertThat(MailRelay.recipientRefused(new SendFailedException("554 5.7.1 Message rejected"))).isFalse();
        // 5xx replies to RCPT TO that are about the relay or may pass: retried, or one misconfiguration fails them all
        for (String reply : new String[] {"554 5.7.1 <gone@example.org>: Relay access denied",
                "550 5.7.1 Client host rejected", "552 5.2.2 Mailbox full", "503 5.5.1 Bad sequence of commands",
                "550 User unknown"}) {
            MessagingException refused = new SendFailedException("Invalid Addresses", new SMTPAddressFailedException(
                    gone, "RCPT TO:<gone@example.org>", Integer.parseInt(reply.substring(0, 3)), reply),
                    none, none, recipient);
            assertThat(MailRelay.recipientRefused(refused)).as(reply).isFalse();
        }

        // a server that cannot parse the address it was given (bad syntax): permanent as well
        MessagingException badSyntax = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(gone, "RCPT TO:<gone@example.org>", 501,
                        "501 5.1.3 Bad recipient address syntax"), none, none, recipient);
        assertThat(MailRelay.recipientRefused(badSyntax)).isTrue();

        MailRelay.Claimed first = new MailRelay.Claimed(1, 1, "gone@example.org", "s", "b", 0);
        assertThat(new MailRelay.Outcome(first, "550", true).failed()).as("refused: given up at once").isTrue();
        assertThat(new MailRelay.Outcome(first, "451", false).failed()).as("retried").isFalse();
        MailRelay.Claimed last = new MailRelay.Claimed(1, 1, "x@example.org", "s", "b", Backoff.MAX_ATTEMPTS - 1);
        assertThat(new MailRelay.Outcome(last, "timeout", false).failed()).as("out of attempts").isTrue();
        assertThat(new MailRelay.Outcome(last, null, false).failed()).as("sent").isFalse();
    }

    /** What no attempt can send: not one address by RFC 822 read strictly. Real addresses pass, umlauts included. */
    @Test
    void aRecipientThatIsNotOneAddressIsUnusable() {
        for (String bad : new String[] {"anna", "anna@", "@example.org", "anna@@example.org", "anna@exa mple.org",
                "anna@example.org, ben@example.org", "", "   ", "<anna@example.org", "anna@example.org>x"}) {
            assertThat(MailRelay.unusableRecipient(bad)).as(bad).startsWith("Unusable recipient address: ");
        }
        assertThat(MailRelay.unusableRecipient(null)).isNotNull();
        for (String good : new String[] {"anna@example.org", "Anna Muster <anna@example.org>",
                "anna.muster+shop@sub.example.org"}) {
            assertThat(MailRelay.unusableRecipient(good)).as(good).isNull();
        }
    }
}
