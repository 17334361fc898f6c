package org.farmstand.platform.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A request whose path holds a broken percent-escape ({@code GET /s/x/%ZZ}) fails in the web container before any
 * application code runs: Grizzly's URI decoder throws an IllegalArgumentException that Payara's CoyoteAdapter does not
 * expect (it answers only a CharConversionException with 400), so the container logs it as SEVERE with a ~30-line
 * stack trace and answers 200 with an empty body. A scanner or a flood of such requests filled the log. The balancers
 * (HAProxy, the launcher's {@code --cluster}) refuse these paths with 400 before they reach a node.
 * <p>
 * The status cannot be changed from a WAR (no filter, servlet or valve runs for the request), but the log can: this
 * filter on the container's logger ({@value #CONTAINER_LOGGER}) turns exactly that record — SEVERE, thrown by
 * Grizzly's URLDecoder — into one INFO line; every other record of that logger goes on as before (through the
 * filter that was set before, if any).
 */
@WebListener
public class BrokenEscapeLog implements ServletContextListener {

    static final String CONTAINER_LOGGER = "jakarta.enterprise.web.core";

    private static final Logger LOG = Logger.getLogger(BrokenEscapeLog.class.getName());

    private Logger container;
    private Filter previous;
    private Filter installed;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        container = Logger.getLogger(CONTAINER_LOGGER);
        Filter before = container.getFilter();
        previous = before;
        installed = record -> {
            String line = brokenEscape(record);
            if (line != null) {
                LOG.info(line);
                return false;
            }
            return before == null || before.isLoggable(record);
        };
        container.setFilter(installed);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        // put back what was there, unless another WAR set its own filter since (it calls ours, which keeps working)
        if (container != null && container.getFilter() == installed) {
            container.setFilter(previous);
        }
    }

    /**
     * The one line for the container's record of a request with a broken percent-escape in its path, or null for any
     * other record.
     */
    static String brokenEscape(LogRecord record) {
        Throwable thrown = record.getThrown();
        if (record.getLevel() != Level.SEVERE || !(thrown instanceof IllegalArgumentException)
                || thrown.getStackTrace().length == 0
                || !thrown.getStackTrace()[0].getClassName().equals("org.glassfish.grizzly.http.util.URLDecoder")) {
            return null;
        }
        String reason = String.valueOf(thrown.getMessage()).replaceAll("\\p{Cntrl}", "?");
        return "Request with a broken percent-escape in its path not served (" + reason + ")";
    }
}
