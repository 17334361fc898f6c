package org.farmstand.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import org.farmstand.platform.persistence.DbTime;
import org.farmstand.platform.persistence.TenantOwned;

import java.time.Instant;

/**
 * One admin change: who ({@code actor}, with the staff user's id when known), when, which record ({@code entity} and
 * {@code entityId}), what ({@code action}) and a short detail. Written in the transaction of the change; never
 * updated.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends TenantOwned {

    @Column(name = "created_at")
    private Instant occurredAt;

    @Column(name = "actor_id")
    private Long actorId;

    private String actor;

    private String entity;

    @Column(name = "entity_id")
    private Long entityId;

    private String action;

    private String detail;

    protected AuditEvent() {
    }

    public AuditEvent(Long actorId, String actor, String entity, Long entityId, String action, String detail) {
        this.actorId = actorId;
        this.actor = actor;
        this.entity = entity;
        this.entityId = entityId;
        this.action = action;
        this.detail = detail;
    }

    @PrePersist
    void occurred() {
        occurredAt = DbTime.now();
    }

    public Instant getOccurredAt() { return occurredAt; }
    public Long getActorId() { return actorId; }
    public String getActor() { return actor; }
    public String getEntity() { return entity; }
    public Long getEntityId() { return entityId; }
    public String getAction() { return action; }
    public String getDetail() { return detail; }
}
