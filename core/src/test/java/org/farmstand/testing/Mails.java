package org.farmstand.testing;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The mails the application sent to the test SMTP server ({@link ItEnvironment#greenMail()}). The server is shared
 * by all tests of the JVM: give every test its own recipient address, or a predicate that tells its mail apart.
 * <pre>
 * Mails.Mail mail = Mails.awaitMailTo("anna-" + UUID.randomUUID() + "@example.org", Duration.ofSeconds(20));
 * assertThat(mail.subject()).contains("Bestellung");
 * </pre>
 */
public final class Mails {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private Mails() {
    }

    /** The first mail to {@code address} (To, Cc or Bcc), waiting for it at most {@code timeout}. */
    public static Mail awaitMailTo(String address, Duration timeout) {
        return awaitMailTo(address, mail -> true, timeout);
    }

    /** The first mail to {@code address} that matches {@code condition}, waiting at most {@code timeout}. */
    public static Mail awaitMailTo(String address, Predicate<Mail> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Mail> found = mailsTo(address).stream().filter(condition).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("No matching mail to " + address + " within " + timeout + "; received: "
                        + all().stream().map(mail -> mail.to() + " \"" + mail.subject() + "\"").toList());
            }
            // the server gives no notification per recipient; the deadline, not this pause, bounds the wait
            pause();
        }
    }

    /** All mails received so far to {@code address}, oldest first. */
    public static List<Mail> mailsTo(String address) {
        return all().stream()
                .filter(mail -> mail.to().stream().anyMatch(to -> to.equalsIgnoreCase(address)))
                .toList();
    }

    /** All mails received so far, oldest first. */
    public static List<Mail> all() {
        GreenMail greenMail = ItEnvironment.greenMail();
        return Arrays.stream(greenMail.getReceivedMessages()).map(Mails::read).toList();
    }

    /** Forgets every received mail. */
    public static void deleteAll() {
        try {
            ItEnvironment.greenMail().purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot purge mails: " + e.getMessage(), e);
        }
    }

    private static Mail read(MimeMessage message) {
        try {
            Address[] recipients = message.getAllRecipients();
            Address[] from = message.getFrom();
            return new Mail(
                    recipients == null ? List.of() : Arrays.stream(recipients).map(Mails::address).toList(),
                    from == null || from.length == 0 ? "" : address(from[0]),
                    message.getSubject(),
                    text(message, "text/plain").orElse(""),
                    text(message, "text/html").orElse(""),
                    message);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Unreadable mail: " + e.getMessage(), e);
        }
    }

    private static String address(Address address) {
        return address instanceof jakarta.mail.internet.InternetAddress internet
                ? internet.getAddress() : address.toString();
    }

    private static Optional<String> text(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return Optional.of(part.getContent().toString());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Optional<String> text = text(child, mimeType);
                if (text.isPresent()) {
                    return text;
                }
            }
        }
        return Optional.empty();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * One received mail, decoded: {@code text} is the text/plain part, {@code html} the text/html part (either may be
     * empty). {@link #body()} is the plain text, or the HTML when there is no plain text.
     */
    public record Mail(List<String> to, String from, String subject, String text, String html, MimeMessage message) {

        public String body() {
            return text.isEmpty() ? html : text;
        }
    }
}
