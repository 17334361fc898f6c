package org.farmstand.platform.persistence;

import org.eclipse.persistence.exceptions.DatabaseException;
import org.eclipse.persistence.exceptions.OptimisticLockException;
import org.eclipse.persistence.logging.SessionLog;
import org.eclipse.persistence.logging.SessionLogEntry;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class ConflictQuietLogTest {

    @Test
    void anOptimisticLockConflictIsOneLine() {
        String line = ConflictQuietLog.handledConflict(new OptimisticLockException("changed") { });
        assertThat(line).startsWith("Concurrent change (EclipseLink-").doesNotContain("\n");
    }

    @Test
    void aTwinRequestsDuplicateIdempotencyKeyIsOneLine() {
        var duplicate = DatabaseException.sqlException(new SQLIntegrityConstraintViolationException(
                "(conn=29) Duplicate entry '1-abc' for key 'uq_order_idempotency'", "23000", 1062));
        assertThat(ConflictQuietLog.handledConflict(duplicate))
                .startsWith("Duplicate uq_order_idempotency (EclipseLink-4002)").doesNotContain("\n");
    }

    @Test
    void aDoubleClickedWaitingListJoinIsOneLine() {
        var duplicate = DatabaseException.sqlException(new SQLIntegrityConstraintViolationException(
                "(conn=160) Duplicate entry '1-1-1-D59' for key 'uq_wait_live'", "23000", 1062));
        assertThat(ConflictQuietLog.handledConflict(duplicate)).startsWith("Duplicate uq_wait_live");
    }

    @Test
    void otherDatabaseErrorsAreLoggedInFull() {
        var otherKey = DatabaseException.sqlException(new SQLIntegrityConstraintViolationException(
                "(conn=29) Duplicate entry '1-x' for key 'uq_customer_email'", "23000", 1062));
        var broken = DatabaseException.sqlException(new SQLException("Table 'farmstand.nope' doesn't exist"));
        assertThat(ConflictQuietLog.handledConflict(otherKey)).isNull();
        assertThat(ConflictQuietLog.handledConflict(broken)).isNull();
        assertThat(ConflictQuietLog.handledConflict(new IllegalStateException("bug"))).isNull();
        assertThat(ConflictQuietLog.handledConflict(null)).isNull();
    }

    /**
     * Through the log itself, as EclipseLink calls it: the conflict becomes one INFO line of ConflictQuietLog's
     * logger, any other exception is still logged by EclipseLink's logger as a WARNING with the exception attached
     * (printed with its stack trace).
     */
    @Test
    void onlyTheHandledConflictLosesItsStackTrace() {
        Logger eclipseLink = Logger.getLogger("org.eclipse.persistence");
        Logger quiet = Logger.getLogger(ConflictQuietLog.class.getName());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        eclipseLink.addHandler(capture);
        quiet.addHandler(capture);
        try {
            ConflictQuietLog log = new ConflictQuietLog();
            log.setLevel(SessionLog.WARNING);
            log.log(new SessionLogEntry(null, SessionLog.WARNING, null, new OptimisticLockException("changed") { }));
            RuntimeException broken = DatabaseException.sqlException(new SQLException("Table 'x' doesn't exist"));
            log.log(new SessionLogEntry(null, SessionLog.WARNING, null, broken));
        } finally {
            eclipseLink.removeHandler(capture);
            quiet.removeHandler(capture);
        }
        assertThat(records).hasSize(2);
        assertThat(records.get(0).getLoggerName()).isEqualTo(ConflictQuietLog.class.getName());
        assertThat(records.get(0).getLevel()).isEqualTo(Level.INFO);
        assertThat(records.get(0).getThrown()).isNull();
        assertThat(records.get(1).getLoggerName()).startsWith("org.eclipse.persistence");
        assertThat(records.get(1).getLevel()).isEqualTo(Level.WARNING);
        assertThat(records.get(1).getThrown()).isInstanceOf(DatabaseException.class);
    }
}
