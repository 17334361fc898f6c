package org.farmstand.customers.control;

import jakarta.persistence.EntityManager;
import org.farmstand.customers.entity.Customer;
import org.farmstand.customers.entity.CustomerStatus;
import org.farmstand.customers.entity.CustomerStatusChange;
import org.farmstand.ordering.control.ChangeFeed;

import java.time.Instant;

/**
 * Every write of a customer that a management system should see goes through here, in the writer's transaction:
 * {@link #touched} puts the customer at the end of the shop's customer change feed, {@link #status} also sets and
 * records a new status. Call late in the transaction (the feed's counter row stays locked until commit).
 */
public final class CustomerChanges {

    private CustomerChanges() {
    }

    /** Master data (name, address, tour, verification) changed. */
    public static void touched(EntityManager em, Customer customer) {
        ChangeFeed.touch(em, customer);
    }

    /** Sets the status, records it in the customer's status history and positions the customer in the feed. */
    public static void status(EntityManager em, Customer customer, CustomerStatus status, Instant at) {
        if (customer.getId() == null) {
            throw new IllegalStateException("Persist and flush the customer first");
        }
        customer.setStatus(status);
        em.persist(new CustomerStatusChange(customer.getId(), status, at));
        ChangeFeed.touch(em, customer);
    }
}
