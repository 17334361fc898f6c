package org.farmstand.audit.boundary;

import org.farmstand.platform.persistence.TenantContext;

import java.io.Serializable;
import java.util.Optional;

/**
 * Who the current thread works for, as the audit log names them: the signed-in staff member (set by the admin's
 * sign-in filter next to the tenant) or, for background work, nobody ({@link AuditLog} then writes "system").
 */
public record Actor(Long userId, String name) implements Serializable {

    private static final ThreadLocal<Actor> CURRENT = new ThreadLocal<>();

    public static Optional<Actor> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Sets the actor for this thread and returns a handle that restores the previous one. */
    public static TenantContext.Scope enter(Actor actor) {
        return TenantContext.Scope.set(CURRENT, actor);
    }
}
