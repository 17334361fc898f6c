package org.farmstand.storefront.web;

import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queue page of {@link AdmissionFilter}: plain HTML from the bundle, no Faces, no session, no database. In a
 * surge it is the most frequent answer of a node (nine of ten in the overload test), so what does not change is
 * prepared once per language: the escaped texts and the two one-number messages split at their number. JFR in the
 * overload test found the page built from scratch (bundle lookup, two {@code MessageFormat} parses and number formats,
 * escaping) at 19 % of Payara's samples.
 */
final class QueuePage {

    static final String BUNDLE = "org.farmstand.storefront.i18n.Messages";

    /** A language's texts, escaped for HTML; the messages with one number as the text before and after it. */
    private record Texts(Locale locale, String title, String heading, String text, String retry,
                         String[] position, String[] refresh) {

        static Texts of(Locale locale) {
            ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale);
            return new Texts(locale, escape(bundle.getString("queue.title")),
                    escape(bundle.getString("queue.heading")), escape(bundle.getString("queue.text")),
                    escape(bundle.getString("queue.retry")), around(bundle.getString("queue.position"), locale),
                    around(bundle.getString("queue.refresh"), locale));
        }

        /** A one-argument message as the escaped text before and after its argument (quotes resolved). */
        private static String[] around(String pattern, Locale locale) {
            String formatted = new MessageFormat(pattern, locale).format(new Object[] {MARK});
            int at = formatted.indexOf(MARK);
            if (at < 0 || formatted.indexOf(MARK, at + 1) >= 0) {
                throw new IllegalStateException("queue message without exactly one {0}: " + pattern);
            }
            return new String[] {escape(formatted.substring(0, at)), escape(formatted.substring(at + 1))};
        }

        /** A number as MessageFormat would write it ({@code NumberFormat.getInstance}, made per call: costly). */
        String number(long n) {
            return n >= 0 && n < 1_000 ? Long.toString(n) : NumberFormat.getInstance(locale).format(n);
        }
    }

    private static final String MARK = "\u0000";

    /** One entry per shop language: {@link Shop#resolveLocale} answers only those, never a visitor's own tag. */
    private static final Map<Locale, Texts> TEXTS = new ConcurrentHashMap<>();

    private QueuePage() {
    }

    /**
     * The page in the visitor's language.
     *
     * @param target   where the page leads back to (the URI asked for, with a GET's query)
     * @param position the visitor's place in the queue
     * @param retry    seconds until the page reloads itself
     */
    static byte[] render(Locale locale, String target, long position, int retry) {
        Texts t = TEXTS.computeIfAbsent(locale, Texts::of);
        String url = escape(target);
        StringBuilder html = new StringBuilder(1_400);
        html.append("<!DOCTYPE html>\n<html lang=\"").append(t.locale().getLanguage()).append("\"><head><meta charset=\"UTF-8\"/>")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
                .append("<meta http-equiv=\"refresh\" content=\"").append(retry).append(";url=").append(url).append("\"/>")
                .append("<title>").append(t.title()).append("</title>")
                .append("<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;")
                .append("line-height:1.5;color:#222}p.pos{font-size:1.4rem;font-weight:bold}</style></head>")
                .append("<body><main><h1>").append(t.heading()).append("</h1>")
                .append("<p>").append(t.text()).append("</p>")
                .append("<p class=\"pos\">").append(t.position()[0]).append(t.number(position)).append(t.position()[1])
                .append("</p><p>").append(t.refresh()[0]).append(t.number(retry)).append(t.refresh()[1]).append("</p>")
                .append("<p><a href=\"").append(url).append("\">").append(t.retry()).append("</a></p>")
                .append("</main></body></html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A path of this site to send a visitor back to: the request's own, except that it cannot lead elsewhere — a path
     * beginning with {@code //} or a backslash ({@code //evil.example/..}) is, in a link or a refresh, another host.
     */
    static String onThisSite(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        int start = 0;
        while (start < path.length() && (path.charAt(start) == '/' || path.charAt(start) == '\\')) {
            start++;
        }
        return start == 1 ? path : "/" + path.substring(start);
    }

    static String escape(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String entity = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity != null && sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (sb != null) {
                if (entity != null) {
                    sb.append(entity);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? text : sb.toString();
    }
}
