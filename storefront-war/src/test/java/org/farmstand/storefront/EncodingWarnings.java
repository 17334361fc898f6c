package org.farmstand.storefront;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/** Test-only log handler ({@link LogProbe}): counts the container's "request encoding set too late" warnings. */
public class EncodingWarnings extends Handler {

    private final AtomicInteger count = new AtomicInteger();
    private final SimpleFormatter text = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() < Level.WARNING.intValue()) {
            return;
        }
        String message = record.getMessage() + " " + text.formatMessage(record);
        if (message.contains("AS-WEB-CORE-00059") || message.contains("character encoding")) {
            count.incrementAndGet();
        }
    }

    int count() {
        return count.get();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
