package org.farmstand.waitlist.entity;

public enum WaitlistStatus {
    /** In line. */
    WAITING,
    /** A place is held for this customer until {@code offeredUntil}. */
    OFFERED,
    /** The offer became an order. */
    ACCEPTED,
    /** The offer ran out; the place went to the next in line. */
    EXPIRED,
    /** The customer left the list (declined an offer), or was blocked and so left every list. */
    WITHDRAWN,
    /** The farm cancelled the date; the customer was told by mail. */
    CANCELLED,
    /**
     * Ordering for the date closed (its cut-off passed) while the customer was still waiting: no place became free
     * for them. They were told by mail (see {@code WaitlistService.closeAtCutoff}).
     */
    NO_PLACE,
    /**
     * The farm took the entry off the list (admin's Remove); the customer was told by mail, and a place held for their
     * offer went to the next in line (see {@code WaitlistService.remove}).
     */
    REMOVED;

    public boolean live() {
        return this == WAITING || this == OFFERED;
    }
}
