package org.farmstand.platform.web;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * Signed queue tickets for {@link AdmissionGate}: {@code <number>.<issued epoch second>.<HMAC-SHA256>} in a cookie,
 * so a visitor cannot pick a better place in the queue. The key is random per start of the node unless one is
 * configured: numbers are per node and start again after a restart, so old tickets must not count.
 */
public final class AdmissionTickets {

    public static final String COOKIE = "fs_queue";

    private final byte[] key;
    private final Duration lifetime;
    private final Clock clock;
    /** Initialised once; each signature works on a clone (a Mac is not thread-safe, a fresh one costs a lookup). */
    private final Mac prototype;

    public AdmissionTickets(byte[] key, Duration lifetime, Clock clock) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("ticket key needs at least 16 bytes");
        }
        this.key = key.clone();
        this.lifetime = lifetime;
        this.clock = clock;
        this.prototype = newMac();
    }

    /** Tickets signed with a fresh random key. */
    public static AdmissionTickets withRandomKey(Duration lifetime) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new AdmissionTickets(key, lifetime, Clock.systemUTC());
    }

    public String issue(long number) {
        String payload = number + "." + clock.instant().getEpochSecond();
        return payload + "." + sign(payload);
    }

    /** The queue number of a well-formed, correctly signed, unexpired ticket. */
    public OptionalLong verify(String ticket) {
        if (ticket == null || ticket.length() > 100) {
            return OptionalLong.empty();
        }
        int second = ticket.lastIndexOf('.');
        int first = ticket.indexOf('.');
        if (first <= 0 || second <= first) {
            return OptionalLong.empty();
        }
        String payload = ticket.substring(0, second);
        byte[] expected = sign(payload).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, ticket.substring(second + 1).getBytes(StandardCharsets.US_ASCII))) {
            return OptionalLong.empty();
        }
        try {
            long number = Long.parseLong(ticket.substring(0, first));
            long issued = Long.parseLong(ticket.substring(first + 1, second));
            long now = clock.instant().getEpochSecond();
            if (number <= 0 || issued > now + 5 || now - issued > lifetime.toSeconds()) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(number);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private String sign(String payload) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            mac = newMac();
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
