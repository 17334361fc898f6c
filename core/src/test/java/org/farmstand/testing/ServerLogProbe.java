package org.farmstand.testing;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Test-only servlet for a WAR's IT (add it to the deployment with {@code addClasses(ServerLogProbe.class)}): keeps the
 * server's log records at WARNING and above, and INFO records of {@code org.farmstand.*}, from its deployment on
 * (a handler on the root logger). {@code GET /_test/server-log} answers one line per record, numbered from 0:
 * {@code n<TAB>LEVEL<TAB>logger<TAB>stack|-<TAB>first line of the message}, where {@code stack} means the record
 * carries an exception (printed with its stack trace). {@code ?from=n} answers the records from number n on; the
 * first line is the count of all records so far ({@code count<TAB>N}), so a test takes a mark, acts, and reads
 * what its action logged.
 */
@WebServlet(urlPatterns = "/_test/server-log", loadOnStartup = 1)
public class ServerLogProbe extends HttpServlet {

    private static final int MAX = 5_000;
    private static final Logger ROOT = Logger.getLogger("");
    private static final List<String> LINES = new ArrayList<>();

    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            boolean ours = record.getLoggerName() != null && record.getLoggerName().startsWith("org.farmstand.")
                    && record.getLevel().intValue() >= Level.INFO.intValue();
            if (record.getLevel().intValue() < Level.WARNING.intValue() && !ours) {
                return;
            }
            String message = record.getMessage() == null ? "" : record.getMessage().strip();
            int end = message.indexOf('\n');
            synchronized (LINES) {
                if (LINES.size() < MAX) {
                    LINES.add(record.getLevel().getName() + "\t" + record.getLoggerName() + "\t"
                            + (record.getThrown() != null ? "stack" : "-") + "\t"
                            + (end < 0 ? message : message.substring(0, end)));
                }
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
        ROOT.addHandler(handler);
    }

    @Override
    public void destroy() {
        ROOT.removeHandler(handler);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int from;
        try {
            from = Math.max(0, Integer.parseInt(request.getParameter("from") == null ? "0" : request.getParameter("from")));
        } catch (NumberFormatException e) {
            from = 0;
        }
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        synchronized (LINES) {
            out.print("count\t" + LINES.size() + "\n");
            for (int i = from; i < LINES.size(); i++) {
                out.print(i + "\t" + LINES.get(i) + "\n");
            }
        }
    }
}
