package org.farmstand.platform.concurrent;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Background work on the server's managed scheduler (threads with the application's context: CDI, JNDI,
 * transactions). Looked up by name when first needed: call from a thread that has the application's naming context.
 */
public final class ManagedTasks {

    private ManagedTasks() {
    }

    /** Runs {@code task} every {@code intervalMs}, first after one interval. */
    public static ScheduledFuture<?> everyMillis(long intervalMs, Runnable task) throws NamingException {
        ManagedScheduledExecutorService scheduler =
                InitialContext.doLookup("java:comp/DefaultManagedScheduledExecutorService");
        return scheduler.scheduleWithFixedDelay(task, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }
}
