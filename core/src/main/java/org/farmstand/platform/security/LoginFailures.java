package org.farmstand.platform.security;

import jakarta.persistence.EntityManager;
import org.farmstand.platform.web.ClientAddress;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Failed sign-ins per subject in table {@code login_throttle} (not tenant-owned: a client address is counted across
 * shops, so the statements are native and name the subject, which carries the shop for e-mail addresses). Each
 * failure is one atomic upsert; callers run inside a transaction. Serves the shops' and the staff sign-in alike;
 * {@link LoginThrottle} says how long a count makes the next attempt wait. Rows older than {@link #FORGET_AFTER}
 * count for nothing; {@code platform.persistence.Housekeeping} deletes them.
 */
public final class LoginFailures {

    /** EclipseLink disables native SQL once multitenant entities exist; these statements are tenant-neutral. */
    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";

    /** A day without failures starts the count afresh (so an older row may be deleted without changing anything). */
    public static final Duration FORGET_AFTER = Duration.ofDays(1);

    private LoginFailures() {
    }

    public static String customerSubject(long tenantId, String normalizedEmail) {
        return bounded("customer:" + tenantId + ":" + normalizedEmail);
    }

    /** A client address at the shops' sign-in (IPv6: its /64, {@link ClientAddress#network}). */
    public static String clientSubject(String address) {
        return bounded("client:" + ClientAddress.network(address));
    }

    /** A staff e-mail address that belongs to no account (known accounts count on their own row). */
    public static String staffSubject(String normalizedEmail) {
        return bounded("staff:" + normalizedEmail);
    }

    /** A client address at the staff sign-in, counted apart from the same address at the shops' sign-in. */
    public static String staffClientSubject(String address) {
        return bounded("staff-client:" + ClientAddress.network(address));
    }

    /** The subject as the column holds it (255 characters at most). */
    private static String bounded(String subject) {
        return subject.length() > 255 ? subject.substring(0, 255) : subject;
    }

    /** How long the subject still has to wait under {@code rule} at {@code now} (zero: may try). */
    public static Duration remaining(EntityManager em, String subject, LoginThrottle rule, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT failures, last_failed_at FROM login_throttle WHERE subject = ?1")
                .setHint(NATIVE, "true").setParameter(1, subject).getResultList();
        if (rows.isEmpty()) {
            return Duration.ZERO;
        }
        int failures = ((Number) rows.get(0)[0]).intValue();
        Instant last = ((Timestamp) rows.get(0)[1]).toInstant();
        if (last.isBefore(now.minus(FORGET_AFTER))) {
            return Duration.ZERO;
        }
        return rule.remaining(failures, last, now);
    }

    /** Counts one failure and returns the subject's count. */
    public static int record(EntityManager em, String subject, Instant now) {
        Timestamp at = Timestamp.from(now);
        em.createNativeQuery("INSERT INTO login_throttle (subject, failures, last_failed_at) VALUES (?1, 1, ?2)"
                        + " ON DUPLICATE KEY UPDATE failures = IF(last_failed_at < ?3, 1, failures + 1), last_failed_at = ?4")
                .setHint(NATIVE, "true").setParameter(1, subject).setParameter(2, at)
                .setParameter(3, Timestamp.from(now.minus(FORGET_AFTER))).setParameter(4, at).executeUpdate();
        return ((Number) em.createNativeQuery("SELECT failures FROM login_throttle WHERE subject = ?1")
                .setHint(NATIVE, "true").setParameter(1, subject).getSingleResult()).intValue();
    }

    public static void clear(EntityManager em, String subject) {
        em.createNativeQuery("DELETE FROM login_throttle WHERE subject = ?1")
                .setHint(NATIVE, "true").setParameter(1, subject).executeUpdate();
    }
}
