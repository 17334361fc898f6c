package org.farmstand.platform.persistence;

import org.eclipse.persistence.exceptions.DatabaseException;
import org.eclipse.persistence.exceptions.OptimisticLockException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

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
}
