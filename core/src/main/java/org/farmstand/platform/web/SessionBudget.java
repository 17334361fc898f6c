package org.farmstand.platform.web;

import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Guards what sessions hold, since they replicate in a cluster: every attribute put into a session must serialize,
 * and Farmstand's own attributes ({@code farmstand.*}: login, cart) must stay under {@link #MAX_BYTES}. A breach is
 * logged as an error and recorded (tests assert there is none after a full journey).
 */
@WebListener
public class SessionBudget implements HttpSessionAttributeListener {

    public static final int MAX_BYTES = 4096;
    private static final Logger LOG = Logger.getLogger(SessionBudget.class.getName());
    private static final List<String> VIOLATIONS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger CHECKED = new AtomicInteger();
    private static final AtomicInteger LARGEST = new AtomicInteger();

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        check(event.getName(), event.getValue());
    }

    @Override
    public void attributeReplaced(HttpSessionBindingEvent event) {
        check(event.getName(), event.getSession().getAttribute(event.getName()));
    }

    static void check(String name, Object value) {
        if (value == null) {
            return;
        }
        int size;
        try {
            size = serializedSize(value);
        } catch (IOException | RuntimeException e) {
            violation("session attribute " + name + " (" + value.getClass().getName() + ") is not serializable: " + e);
            return;
        }
        CHECKED.incrementAndGet();
        if (name.startsWith("farmstand.")) {
            LARGEST.accumulateAndGet(size, Math::max);
            if (size > MAX_BYTES) {
                violation("session attribute " + name + " has " + size + " bytes, budget " + MAX_BYTES);
            }
        }
    }

    static int serializedSize(Object value) throws IOException {
        CountingStream counter = new CountingStream();
        try (ObjectOutputStream out = new ObjectOutputStream(counter)) {
            out.writeObject(value);
        }
        return counter.count;
    }

    private static void violation(String message) {
        VIOLATIONS.add(message);
        LOG.severe(message);
    }

    public static List<String> violations() {
        return List.copyOf(VIOLATIONS);
    }

    public static int checked() {
        return CHECKED.get();
    }

    /** Largest serialized size seen of a farmstand.* attribute. */
    public static int largest() {
        return LARGEST.get();
    }

    private static final class CountingStream extends OutputStream {
        int count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
