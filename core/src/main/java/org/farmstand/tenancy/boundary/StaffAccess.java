package org.farmstand.tenancy.boundary;

import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.tenancy.entity.StaffRole;

/**
 * The signed-in staff member's role for the current thread, set by the admin's sign-in filter next to the tenant and
 * the audit actor. The services behind the owner's and the hoster's pages ({@link StaffAdminService},
 * {@link HosterService}, the reads of {@link org.farmstand.audit.boundary.AuditLog}) and behind the owner-only actions
 * of shared pages ({@link StaffRight}: settings, API tokens, cancelling tour dates) check it themselves, so a
 * request that slips past the filter's path checks still cannot act (a raw request URI such as
 * {@code /admin/api/../hoster/tenants} once did); without a role set, nothing is allowed.
 */
public final class StaffAccess {

    private static final ThreadLocal<StaffRole> ROLE = new ThreadLocal<>();

    private StaffAccess() {
    }

    /** Thrown when the thread's staff member lacks the role an action needs (or nobody is signed in). */
    public static final class Forbidden extends RuntimeException {
        public Forbidden(StaffRole needed, StaffRole present) {
            super("needs the role " + needed + ", the thread has " + (present == null ? "none" : present));
        }
    }

    /** Sets the role for this thread and returns a handle that restores the previous one. */
    public static TenantContext.Scope enter(StaffRole role) {
        return TenantContext.Scope.set(ROLE, role);
    }

    /** Fails with {@link Forbidden} unless the thread's staff member has {@code right} ({@link StaffRight}). */
    public static void require(StaffRight right) {
        StaffRole present = ROLE.get();
        if (!right.allowedFor(present)) {
            throw new Forbidden(right.ownerOnly() ? StaffRole.OWNER : StaffRole.STAFF, present);
        }
    }

    /** Whether the thread's staff member has {@code right}. */
    public static boolean allows(StaffRight right) {
        return right.allowedFor(ROLE.get());
    }

    /** Fails with {@link Forbidden} unless the thread's staff member has exactly {@code role}. */
    public static void require(StaffRole role) {
        StaffRole present = ROLE.get();
        if (present != role) {
            throw new Forbidden(role, present);
        }
    }
}
