package org.farmstand.storefront;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Test-only servlet deployed with StorefrontIT: counts the web container's warnings that a request's character
 * encoding was set too late ({@code AS-WEB-CORE-00059}) since its first call, and answers the count.
 */
@WebServlet(urlPatterns = "/_test/encoding-warnings", loadOnStartup = 1)
public class LogProbe extends HttpServlet {

    private static final Logger WEB_CORE = Logger.getLogger("jakarta.enterprise.web.core");
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final Handler HANDLER = new Handler() {
        private final SimpleFormatter text = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            String message = String.valueOf(record.getMessage()) + " " + text.formatMessage(record);
            if (record.getLevel().intValue() >= Level.WARNING.intValue()
                    && (message.contains("AS-WEB-CORE-00059") || message.contains("character encoding"))) {
                COUNT.incrementAndGet();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Override
    public void init() {
        WEB_CORE.addHandler(HANDLER);
    }

    @Override
    public void destroy() {
        WEB_CORE.removeHandler(HANDLER);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write(COUNT.get() + "\n");
    }
}
