package org.farmstand.admin.customers;

import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.TransactionalException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConflictRetryTest {

    @Test
    void anActionThatMeetsOneConcurrentChangeIsDoneByTheSecondAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        var result = ConflictRetry.run(() -> {
            if (attempts.incrementAndGet() == 1) {
                // the way a conflict found at commit leaves a @Transactional method
                throw new TransactionalException("rolled back", new jakarta.persistence.RollbackException(
                        new org.eclipse.persistence.exceptions.OptimisticLockException() { }));
            }
            return true;
        });
        assertThat(result).contains(true);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aConflictOnEveryAttemptIsReportedNotThrown() {
        AtomicInteger attempts = new AtomicInteger();
        var result = ConflictRetry.run(() -> {
            attempts.incrementAndGet();
            throw new OptimisticLockException();
        });
        assertThat(result).isEmpty();
        assertThat(attempts).hasValue(ConflictRetry.ATTEMPTS);
    }

    @Test
    void anyOtherFailureIsThrownAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> ConflictRetry.run(() -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("no tenant");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(attempts).hasValue(1);
    }
}
