package org.farmstand.tenancy.entity;

/** How a shop admits new customers. */
public enum CustomerPolicy {
    /** Everybody who registers may order at once. */
    OPEN,
    /** A producer approves each new customer before the first order. */
    APPROVAL,
    /** At most {@code weeklyIntake} new customers a week; the others wait on their tour's waiting list. */
    CAPPED
}
