package org.farmstand.platform.web;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Finding an exception by type in a cause chain: the container, Faces and JPA wrap what an action or a service threw
 * (FacesException, ELException, EJBException, RollbackException, ...), so the type a page reacts to is rarely the
 * one on top.
 */
public final class Causes {

    private Causes() {
    }

    /** The first exception of {@code type} in the cause chain of {@code exception} (itself included), or null. */
    public static <T extends Throwable> T causeOf(Throwable exception, Class<T> type) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = exception; t != null && seen.add(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /**
     * Whether a concurrent write of the same row made it fail: JPA's OptimisticLockException, or EclipseLink's own
     * where it reaches the caller unwrapped (at a flush inside a query, or at commit).
     */
    public static boolean optimisticLock(Throwable exception) {
        return causedBy(exception, jakarta.persistence.OptimisticLockException.class,
                org.eclipse.persistence.exceptions.OptimisticLockException.class);
    }

    /** Whether an exception of one of {@code types} is in the cause chain of {@code exception}. */
    @SafeVarargs
    public static boolean causedBy(Throwable exception, Class<? extends Throwable>... types) {
        for (Class<? extends Throwable> type : types) {
            if (causeOf(exception, type) != null) {
                return true;
            }
        }
        return false;
    }
}
