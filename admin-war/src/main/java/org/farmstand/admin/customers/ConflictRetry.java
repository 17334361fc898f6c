package org.farmstand.admin.customers;

import org.farmstand.platform.web.Causes;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a customer action once more when a concurrent write of the same customer made it fail at flush (optimistic
 * lock). The shop writes the customer's row too (sign-ins, the customer's own changes), and none of these actions
 * depends on what the page showed: the service reads the customer again in the new transaction and checks its
 * status there, so the second attempt does what the producer meant, or reports that the status had changed.
 */
final class ConflictRetry {

    static final int ATTEMPTS = 2;

    private ConflictRetry() {
    }

    /** What {@code action} returned, or empty when every attempt met a concurrent change. */
    static <T> Optional<T> run(Supplier<T> action) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Optional.of(action.get());
            } catch (RuntimeException e) {
                if (!Causes.optimisticLock(e)) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    return Optional.empty();
                }
            }
        }
    }
}
