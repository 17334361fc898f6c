package org.farmstand.platform.persistence;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The tenant the current thread works for. Set in one place per request (the storefront's tenant filter, the admin's
 * sign-in filter, the API's token filter) or around a background job, and read by {@link TenantInterceptor}.
 */
public final class TenantContext {

    private static final ThreadLocal<Long> CURRENT = new ThreadLocal<>();

    private TenantContext() {
    }

    public static Optional<Long> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public static long require() {
        Long id = CURRENT.get();
        if (id == null) {
            throw new IllegalStateException("No tenant is set for this thread");
        }
        return id;
    }

    /** Sets the tenant for this thread and returns a handle that restores the previous one. */
    public static Scope enter(long tenantId) {
        return Scope.set(CURRENT, tenantId);
    }

    public static <T> T callAs(long tenantId, Supplier<T> work) {
        try (Scope ignored = enter(tenantId)) {
            return work.get();
        }
    }

    public static void runAs(long tenantId, Runnable work) {
        try (Scope ignored = enter(tenantId)) {
            work.run();
        }
    }

    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();

        /** Sets {@code local} to {@code value} for this thread; closing the handle restores the previous value. */
        static <T> Scope set(ThreadLocal<T> local, T value) {
            T previous = local.get();
            local.set(value);
            return () -> {
                if (previous == null) {
                    local.remove();
                } else {
                    local.set(previous);
                }
            };
        }
    }
}
