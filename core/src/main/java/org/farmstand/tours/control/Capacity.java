package org.farmstand.tours.control;

import jakarta.persistence.EntityManager;

/**
 * The only code that changes a tour date's booked and held counts, besides the order placement's database procedure
 * {@code place_order_locked} (V7), which runs the statements of {@link #book} and {@link #convertHold} in the
 * database (change them together). Each method is one conditional UPDATE whose row count decides; nothing reads the
 * count first. Callers run inside a transaction (the interceptor has set the tenant,
 * so the UPDATE is also filtered by tenant).
 */
public final class Capacity {

    private Capacity() {
    }

    /** Books {@code n} places if the date is open and has room; false when full (or not this tenant's). */
    public static boolean book(EntityManager em, long tourDateId, int n) {
        return em.createQuery("UPDATE TourDate d SET d.booked = d.booked + :n WHERE d.id = :id"
                        + " AND d.status = org.farmstand.tours.entity.TourDateStatus.OPEN"
                        + " AND d.booked + d.held + :n <= d.capacity")
                .setParameter("n", n).setParameter("id", tourDateId)
                .executeUpdate() == 1;
    }

    /** Gives back {@code n} booked places. */
    public static boolean release(EntityManager em, long tourDateId, int n) {
        return em.createQuery("UPDATE TourDate d SET d.booked = d.booked - :n WHERE d.id = :id AND d.booked >= :n")
                .setParameter("n", n).setParameter("id", tourDateId)
                .executeUpdate() == 1;
    }

    /** Reserves a free place for a waiting-list offer. */
    public static boolean hold(EntityManager em, long tourDateId) {
        return em.createQuery("UPDATE TourDate d SET d.held = d.held + 1 WHERE d.id = :id"
                        + " AND d.status = org.farmstand.tours.entity.TourDateStatus.OPEN"
                        + " AND d.booked + d.held + 1 <= d.capacity")
                .setParameter("id", tourDateId)
                .executeUpdate() == 1;
    }

    /** Gives back a held place (offer expired or withdrawn). */
    public static boolean unhold(EntityManager em, long tourDateId) {
        return em.createQuery("UPDATE TourDate d SET d.held = d.held - 1 WHERE d.id = :id AND d.held >= 1")
                .setParameter("id", tourDateId)
                .executeUpdate() == 1;
    }

    /** Turns a held place into a booked one (offer accepted). */
    public static boolean convertHold(EntityManager em, long tourDateId) {
        return em.createQuery("UPDATE TourDate d SET d.held = d.held - 1, d.booked = d.booked + 1"
                        + " WHERE d.id = :id AND d.held >= 1")
                .setParameter("id", tourDateId)
                .executeUpdate() == 1;
    }

    /**
     * Sets a new capacity if it is still {@code expected} (nobody changed it since it was shown) and not below what
     * is already booked and held.
     */
    public static boolean resize(EntityManager em, long tourDateId, int expected, int capacity) {
        return em.createQuery("UPDATE TourDate d SET d.capacity = :c WHERE d.id = :id AND d.capacity = :expected"
                        + " AND d.booked + d.held <= :c")
                .setParameter("c", capacity).setParameter("id", tourDateId).setParameter("expected", expected)
                .executeUpdate() == 1;
    }

    /** Sets a new capacity unless it is below what is already booked and held. */
    public static boolean resize(EntityManager em, long tourDateId, int capacity) {
        return em.createQuery("UPDATE TourDate d SET d.capacity = :c WHERE d.id = :id AND d.booked + d.held <= :c")
                .setParameter("c", capacity).setParameter("id", tourDateId)
                .executeUpdate() == 1;
    }
}
