package org.farmstand.customers.entity;

public enum CustomerStatus {
    /** Registered, waits for the producer's approval (or for a place in the weekly intake). */
    PENDING,
    ACTIVE,
    REJECTED,
    BLOCKED
}
