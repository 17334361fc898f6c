package org.farmstand.audit.boundary;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An audit entry's detail as a message key of the admin's bundle and its arguments, so that the log reads in the
 * viewer's language ("Dienstag Nord 04.02.2027, 5 Bestellungen storniert" / "..., 5 orders cancelled"). Stored in the
 * detail column as text: {@code i18n:audit.detail.tour_date.cancelled|s:Dienstag Nord|d:2027-02-04|n:5}, where
 * {@code s:} is a text as typed, {@code n:} a whole number (for plurals), {@code d:} an ISO date, {@code m:} an amount
 * of money in cents and {@code k:} a key of the bundle itself (a weekday, a status); {@code |} and {@code \} in a text
 * are escaped with {@code \}. Entries
 * written before (plain English text) do not start with {@code i18n:} and are shown as they are.
 *
 * @param key  a key of the admin's bundle, a MessageFormat pattern with one {n} per argument
 * @param args String, Long/Integer, LocalDate, {@link Money} or {@link Key}
 */
public record AuditDetail(String key, List<Object> args) {

    private static final String PREFIX = "i18n:";

    /** A bundle key as an argument, shown in the viewer's language (e.g. {@code OrderStatus.PLACED}). */
    public record Key(String key) {
    }

    /** An amount in cents, shown in the viewer's notation ("€3.90" / "3,90 €"). */
    public record Money(long cents) {
    }

    public AuditDetail {
        args = List.copyOf(args);
    }

    public static AuditDetail of(String key, Object... args) {
        return new AuditDetail(key, List.of(args));
    }

    /** The text stored in the detail column. */
    public String encode() {
        StringBuilder sb = new StringBuilder(PREFIX).append(key);
        for (Object arg : args) {
            sb.append('|');
            if (arg instanceof Number n) {
                sb.append("n:").append(n.longValue());
            } else if (arg instanceof LocalDate d) {
                sb.append("d:").append(d);
            } else if (arg instanceof Money m) {
                sb.append("m:").append(m.cents());
            } else if (arg instanceof Key k) {
                sb.append("k:").append(escape(k.key()));
            } else {
                sb.append("s:").append(escape(String.valueOf(arg)));
            }
        }
        return sb.toString();
    }

    /** The detail of a stored entry, empty for a plain text (older entries) or one that does not parse. */
    public static Optional<AuditDetail> decode(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return Optional.empty();
        }
        List<String> parts = split(stored.substring(PREFIX.length()));
        if (parts == null || parts.get(0).isEmpty()) {
            return Optional.empty();
        }
        List<Object> args = new ArrayList<>();
        try {
            for (String part : parts.subList(1, parts.size())) {
                String value = part.length() < 2 ? "" : part.substring(2);
                args.add(switch (part.length() < 2 || part.charAt(1) != ':' ? "?" : part.substring(0, 1)) {
                    case "n" -> Long.parseLong(value);
                    case "d" -> LocalDate.parse(value);
                    case "k" -> new Key(value);
                    case "m" -> new Money(Long.parseLong(value));
                    case "s" -> value;
                    default -> throw new IllegalArgumentException(part);
                });
            }
        } catch (RuntimeException e) { // cut at 1000 characters, or written by hand
            return Optional.empty();
        }
        return Optional.of(new AuditDetail(parts.get(0), args));
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|");
    }

    /** Splits at unescaped '|' and unescapes; null for a dangling escape. */
    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (++i == text.length()) {
                    return null;
                }
                part.append(text.charAt(i));
            } else if (c == '|') {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }
}
