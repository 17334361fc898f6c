package org.farmstand.tenancy.boundary;

import org.farmstand.tenancy.entity.StaffRole;

/**
 * What a shop's staff may do in the admin, by role. Staff run the daily business; the owner alone changes what holds
 * for the whole shop, manages access (staff accounts, API tokens), reads the audit log, and takes the irreversible tour
 * decisions that cancel customers' orders and mail them. The hoster has none of these (their area is apart).
 * The admin's pages hide what a role may not use; the services check again ({@link StaffAccess#require(StaffRight)}).
 */
public enum StaffRight {

    /** Orders and their status, cancelling one order included. */
    ORDERS(false),
    /** Approve, reject, block and unblock customers; approve a rejected customer after all. */
    CUSTOMER_ADMISSION(false),
    /** Waiting lists: offer a place, remove an entry. */
    WAITING_LISTS(false),
    /** Products, prices, categories, stock. */
    PRODUCTS(false),
    /** Tours (create, name, postcodes, capacity, cut-off), one date's capacity, extra dates. */
    TOURS(false),

    /** The shop's settings: branding, texts, languages, domains, minimum order. */
    SHOP_SETTINGS(true),
    /** The new-customer policy (open, approval, capped intake). */
    CUSTOMER_POLICY(true),
    /** How long a waiting-list offer holds its place. */
    OFFER_HOURS(true),
    /** API tokens for management systems. */
    API_TOKENS(true),
    /** Staff accounts and roles. */
    STAFF_ACCOUNTS(true),
    /** The audit log. */
    AUDIT_LOG(true),
    /** Cancelling a tour date: its orders are cancelled and the customers mailed. */
    CANCEL_TOUR_DATE(true),
    /** Moving a tour to another weekday. */
    CHANGE_TOUR_WEEKDAY(true);

    private final boolean ownerOnly;

    StaffRight(boolean ownerOnly) {
        this.ownerOnly = ownerOnly;
    }

    public boolean ownerOnly() {
        return ownerOnly;
    }

    /** Whether a staff member with {@code role} has this right; nobody (null) and the hoster have none. */
    public boolean allowedFor(StaffRole role) {
        return role == StaffRole.OWNER || (role == StaffRole.STAFF && !ownerOnly);
    }
}
