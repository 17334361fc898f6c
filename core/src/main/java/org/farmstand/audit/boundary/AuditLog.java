package org.farmstand.audit.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.farmstand.audit.entity.AuditEvent;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.tenancy.boundary.StaffAccess;
import org.farmstand.tenancy.entity.StaffRole;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The shop's audit log of admin changes. Services call {@link #record} inside the transaction of the change they make
 * (it joins it), so an event exists exactly when the change was committed. Tenant-scoped like every other table.
 */
@ApplicationScoped
@Transactional
@Tenanted
public class AuditLog {

    /** Entity names used in the log (also the filter of the audit page). */
    public static final String PRODUCT = "product";
    public static final String CATEGORY = "category";
    public static final String TOUR = "tour";
    public static final String TOUR_DATE = "tour_date";
    public static final String ORDER = "order";
    public static final String CUSTOMER = "customer";
    public static final String WAITLIST = "waitlist";
    public static final String SETTINGS = "settings";
    public static final String STAFF_USER = "staff_user";
    public static final String API_TOKEN = "api_token";
    public static final String SESSION = "session";
    /** The shop itself as the hoster changes it (set up, suspended, reactivated, host names). */
    public static final String SHOP = "shop";

    public static final List<String> ENTITIES = List.of(PRODUCT, CATEGORY, TOUR, TOUR_DATE, ORDER, CUSTOMER, WAITLIST,
            SETTINGS, STAFF_USER, API_TOKEN, SESSION, SHOP);

    private static final int MAX_DETAIL = 1000;

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    public record Entry(long id, Instant occurredAt, String actor, String entity, Long entityId, String action,
                        String detail) implements Serializable {
    }

    /**
     * Records a change by the thread's {@link Actor} (the signed-in staff member in admin; "system" otherwise).
     * {@code entity} is one of the constants above (or another short lower-case name), {@code action} a short
     * lower-case verb such as "created", "updated", "revoked"; {@code detail} is cut to 1000 characters.
     */
    public void record(String entity, Long entityId, String action, String detail) {
        record(Actor.current().orElse(null), entity, entityId, action, detail);
    }

    /** As {@link #record(String, Long, String, String)} with a detail shown in the reader's language. */
    public void record(String entity, Long entityId, String action, AuditDetail detail) {
        record(entity, entityId, action, detail.encode());
    }

    /** As {@link #record(String, Long, String, String)} with an explicit actor (null: "system"). */
    public void record(Actor actor, String entity, Long entityId, String action, String detail) {
        String cut = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
        String name = actor == null || actor.name() == null ? "system" : actor.name();
        em.persist(new AuditEvent(actor == null ? null : actor.userId(), name.length() > 190 ? name.substring(0, 190) : name,
                entity, entityId, action, cut));
    }

    /**
     * Newest first; {@code entity} null for all. The log is the owner's to read (as the staff users are): refused
     * unless the thread's staff member is an owner, whatever path led here.
     */
    public List<Entry> page(int first, int size, String entity) {
        StaffAccess.require(StaffRole.OWNER);
        TypedQuery<AuditEvent> q = em.createQuery("SELECT e FROM AuditEvent e" + where(entity) + " ORDER BY e.id DESC",
                AuditEvent.class);
        if (entity != null) {
            q.setParameter("entity", entity);
        }
        return q.setFirstResult(Math.max(0, first)).setMaxResults(Math.min(Math.max(size, 1), 200))
                .getResultStream()
                .map(e -> new Entry(e.getId(), e.getOccurredAt(), e.getActor(), e.getEntity(), e.getEntityId(),
                        e.getAction(), e.getDetail()))
                .toList();
    }

    /** The number of entries ({@code entity} null for all); the owner's only, as {@link #page}. */
    public long count(String entity) {
        StaffAccess.require(StaffRole.OWNER);
        TypedQuery<Long> q = em.createQuery("SELECT COUNT(e) FROM AuditEvent e" + where(entity), Long.class);
        if (entity != null) {
            q.setParameter("entity", entity);
        }
        return q.getSingleResult();
    }

    private static String where(String entity) {
        return entity == null ? "" : " WHERE e.entity = :entity";
    }
}
