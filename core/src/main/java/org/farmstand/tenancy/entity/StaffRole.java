package org.farmstand.tenancy.entity;

public enum StaffRole {
    /** Runs a shop, manages staff, settings and API tokens. */
    OWNER,
    /** Works in a shop: products, customers, tours, orders, waiting lists. */
    STAFF,
    /** The hoster: creates and suspends shops. Belongs to no tenant. */
    HOSTER
}
