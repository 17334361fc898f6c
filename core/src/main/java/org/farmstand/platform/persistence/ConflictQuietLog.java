package org.farmstand.platform.persistence;

import org.eclipse.persistence.exceptions.DatabaseException;
import org.eclipse.persistence.exceptions.OptimisticLockException;
import org.eclipse.persistence.logging.JavaLog;
import org.eclipse.persistence.logging.SessionLogEntry;

import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Set;
import java.util.logging.Logger;

/**
 * EclipseLink's session log (persistence.xml, {@code eclipselink.logging.logger}) with one exception: EclipseLink logs
 * every exception it throws as a WARNING with its whole stack trace ("Local Exception Stack", about 130 lines) before
 * the caller sees it, also those our code expects and handles, so a burst of concurrent writes filled the server log.
 * Two kinds of conflict are logged as one line at INFO instead (by {@code org.farmstand.platform.persistence
 * .ConflictQuietLog}):
 * <ul>
 *     <li>an optimistic-lock conflict (another transaction changed the row since it was read): the admin's forms
 *     answer it with a message, the services that retry (customer status changes, the API's product writes) try
 *     again on the current row;</li>
 *     <li>a twin request's duplicate key ({@link #HANDLED_UNIQUE_KEYS}: an order's idempotency key, a live
 *     waiting-list entry): the caller looks up what the first one did.</li>
 * </ul>
 * Every other exception is logged as before. An expected conflict that is not handled after all still reaches the
 * container, which logs it with its stack trace (Faces' error page, the API's problem mapper).
 */
public class ConflictQuietLog extends JavaLog {

    private static final Logger LOG = Logger.getLogger(ConflictQuietLog.class.getName());

    /**
     * Unique keys whose violation the code resolves itself: a twin order's idempotency key (OrderService.place and
     * WaitlistService look the key up and answer the order already placed), a double-clicked join of a waiting list
     * (the storefront's WaitlistBacking joins once more and finds the entry the twin made).
     */
    static final Set<String> HANDLED_UNIQUE_KEYS = Set.of("uq_order_idempotency", "uq_wait_live");

    @Override
    public void log(SessionLogEntry entry) {
        String line = handledConflict(entry.getException());
        if (line != null) {
            LOG.info(line);
            return;
        }
        super.log(entry);
    }

    /** The one line for an exception the code handles itself, or null for any other (logged in full). */
    static String handledConflict(Throwable exception) {
        if (exception instanceof OptimisticLockException conflict) {
            // a batch's conflict has no query, and getObject() then fails
            Object object = conflict.getQuery() != null ? conflict.getObject() : null;
            return "Concurrent change (EclipseLink-" + conflict.getErrorCode() + ")"
                    + (object != null ? " of " + object.getClass().getSimpleName() : "")
                    + ": the row changed since it was read; the caller retries or reports it";
        }
        if (exception instanceof DatabaseException database
                && database.getInternalException() instanceof SQLIntegrityConstraintViolationException violation
                && violation.getMessage() != null) {
            for (String key : HANDLED_UNIQUE_KEYS) {
                if (violation.getMessage().contains("'" + key + "'")) {
                    return "Duplicate " + key + " (EclipseLink-" + database.getErrorCode()
                            + "): a twin request; the caller looks up what the first one did";
                }
            }
        }
        return null;
    }
}
