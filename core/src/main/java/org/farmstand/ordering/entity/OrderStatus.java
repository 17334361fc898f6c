package org.farmstand.ordering.entity;

public enum OrderStatus {
    PLACED, CONFIRMED, PACKED, DELIVERED, CANCELLED;

    /** Orders that hold a place on their tour date. */
    public boolean holdsPlace() {
        return this != CANCELLED;
    }
}
