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
    /** The customer left the list (or a producer removed the entry, or blocked the customer). */
    WITHDRAWN,
    /** The farm cancelled the date; the customer was told by mail. */
    CANCELLED,
    /**
     * Ordering for the date closed (its cut-off passed) while the customer was still waiting: no place became free
     * for them. They were told by mail (see {@code WaitlistService.closeAtCutoff}).
     */
    NO_PLACE;

    public boolean live() {
        return this == WAITING || this == OFFERED;
    }
}
