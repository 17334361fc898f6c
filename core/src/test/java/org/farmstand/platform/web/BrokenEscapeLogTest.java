package org.farmstand.platform.web;

import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

class BrokenEscapeLogTest {

    @Test
    void theContainersRecordOfABrokenEscapeIsOneLine() {
        LogRecord record = record(Level.SEVERE, decoderError("URLDecoder: Illegal hex characters in escape (%) pattern - %ZZ"));
        assertThat(BrokenEscapeLog.brokenEscape(record))
                .isEqualTo("Request with a broken percent-escape in its path not served"
                        + " (URLDecoder: Illegal hex characters in escape (%) pattern - %ZZ)");
        // control characters of the request do not reach the log as line breaks
        assertThat(BrokenEscapeLog.brokenEscape(record(Level.SEVERE, decoderError("pattern - %\r\n"))))
                .doesNotContain("\r", "\n");
    }

    @Test
    void everyOtherRecordIsLeftAlone() {
        IllegalArgumentException elsewhere = new IllegalArgumentException("URLDecoder: bad");
        elsewhere.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("org.farmstand.Something", "decode", "Something.java", 1)});
        assertThat(BrokenEscapeLog.brokenEscape(record(Level.SEVERE, elsewhere))).isNull();
        assertThat(BrokenEscapeLog.brokenEscape(record(Level.WARNING, decoderError("x")))).isNull();
        assertThat(BrokenEscapeLog.brokenEscape(record(Level.SEVERE, new IllegalStateException("boom")))).isNull();
        assertThat(BrokenEscapeLog.brokenEscape(record(Level.SEVERE, null))).isNull();
    }

    private static IllegalArgumentException decoderError(String message) {
        IllegalArgumentException e = new IllegalArgumentException(message);
        e.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("org.glassfish.grizzly.http.util.URLDecoder", "decode", "URLDecoder.java", 199),
                new StackTraceElement("org.apache.catalina.connector.CoyoteAdapter", "postParseRequest",
                        "CoyoteAdapter.java", 426)});
        return e;
    }

    private static LogRecord record(Level level, Throwable thrown) {
        LogRecord record = new LogRecord(level, "AS-WEB-CORE-00037");
        record.setThrown(thrown);
        return record;
    }
}
