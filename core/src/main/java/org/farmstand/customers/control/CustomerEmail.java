package org.farmstand.customers.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A customer's e-mail address, their sign-in name: how a typed address is written (registration, sign-in, reset and
 * the change of address all look it up so; compared byte for byte since V11), and the rules of changing it
 * (CustomerService.requestEmailChange / confirmEmailChange): what is wrong with a new address, how long the link to
 * confirm it is valid, how often one may be sent, and how the new address is named in the notice to the old one.
 */
public final class CustomerEmail {

    /** How long the link that confirms a new address is valid. */
    public static final Duration CHANGE_VALID = Duration.ofHours(24);

    /** At most one link a minute per account, so the form cannot be used to flood someone's mailbox (as for resets). */
    public static final Duration CHANGE_RESEND_AFTER = Duration.ofMinutes(1);

    private CustomerEmail() {
    }

    /** The address as stored and looked up: without edge spaces, in lower case (Locale.ROOT); "" for none. */
    public static String normalized(String typed) {
        return typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * What is wrong with a new address (normalized) for an account whose address is {@code current}, before the
     * well-formedness (Customer's {@code @Email}) and whether another customer has it: "emailMissing",
     * "emailUnchanged", or null.
     */
    public static String changeProblem(String normalized, String current) {
        if (normalized == null || normalized.isEmpty()) {
            return "emailMissing";
        }
        return normalized.equals(current) ? "emailUnchanged" : null;
    }

    /** Whether a link valid until {@code expires} still works at {@code now}. */
    public static boolean linkValid(Instant expires, Instant now) {
        return expires != null && now.isBefore(expires);
    }

    /**
     * Whether another link may be sent now, when the last one sent (if any) is valid until {@code expires}: none
     * waits, or it was sent at least {@link #CHANGE_RESEND_AFTER} ago.
     */
    public static boolean mayResend(Instant expires, Instant now) {
        return expires == null || !expires.minus(CHANGE_VALID).plus(CHANGE_RESEND_AFTER).isAfter(now);
    }

    /**
     * The address as the notice to the old address names it: the first character of the local part, then "***", and
     * the whole domain ("d***@example.org"). The old mailbox may no longer be the customer's alone (often the reason
     * for the change), so it does not get the full new address; the owner still recognises their own, or sees that
     * it is not theirs.
     */
    public static String masked(String email) {
        if (email == null) {
            return "***";
        }
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.substring(0, email.offsetByCodePoints(0, 1)) + "***" + email.substring(at);
    }
}
