package org.farmstand.waitlist.control;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.tours.boundary.CapacityFreed;
import org.farmstand.waitlist.boundary.WaitlistService;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When a transaction that freed places (a cancellation, a raised capacity) has committed, offers them to the waiting
 * list — on a managed thread, in a transaction of its own: the committed transaction's thread is in its completion
 * phase and cannot start or resume one. If this fails (or the node dies first), {@link WaitlistSweeper} offers the
 * places on its next round.
 */
@ApplicationScoped
public class FreedPlacesOfferer {

    private static final Logger LOG = Logger.getLogger(FreedPlacesOfferer.class.getName());

    @Inject
    WaitlistService waitlist;

    private volatile ManagedExecutorService executor;

    void onCapacityFreed(@Observes(during = TransactionPhase.AFTER_SUCCESS) CapacityFreed freed) {
        try {
            executor().execute(() -> offer(freed));
        } catch (RuntimeException | NamingException e) {
            LOG.log(Level.WARNING, "Could not hand over freed places of date " + freed.tourDateId()
                    + "; the sweeper offers them", e);
        }
    }

    private void offer(CapacityFreed freed) {
        try {
            TenantContext.runAs(freed.tenantId(), () -> waitlist.offerFreedPlaces(freed.tourDateId()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Offering freed places of date " + freed.tourDateId()
                    + " failed; the sweeper retries", e);
        }
    }

    private ManagedExecutorService executor() throws NamingException {
        ManagedExecutorService e = executor;
        if (e == null) {
            e = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
            executor = e;
        }
        return e;
    }
}
