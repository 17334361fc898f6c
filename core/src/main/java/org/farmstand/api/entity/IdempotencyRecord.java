package org.farmstand.api.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import org.farmstand.platform.persistence.DbTime;
import org.farmstand.platform.persistence.TenantOwned;

import java.time.Instant;

/**
 * The stored answer to an API write with an {@code Idempotency-Key} of an API token; UNIQUE (tenant_id, token_id,
 * idem_key) behind it. Rows from before keys were a token's own (V22) have token id 0 and are found for every token
 * of their shop ({@link #FIND_BY_KEY}: the token's own first).
 */
@Entity
@Table(name = "idempotency_record")
@NamedQuery(name = IdempotencyRecord.FIND_BY_KEY, query = "SELECT r FROM IdempotencyRecord r WHERE r.key = :key"
        + " AND r.tokenId IN (:tokenId, 0) ORDER BY r.tokenId DESC")
public class IdempotencyRecord extends TenantOwned {

    public static final String FIND_BY_KEY = "IdempotencyRecord.findByKey";

    @Column(name = "token_id")
    private long tokenId;

    @Column(name = "idem_key")
    private String key;

    @Column(name = "request_hash")
    private String requestHash;

    @Column(name = "response_status")
    private int responseStatus;

    @Column(name = "response_body")
    private String responseBody;

    @Column(name = "created_at")
    private Instant createdAt;

    protected IdempotencyRecord() {
    }

    public IdempotencyRecord(long tokenId, String key, String requestHash, int responseStatus, String responseBody) {
        this.tokenId = tokenId;
        this.key = key;
        this.requestHash = requestHash;
        this.responseStatus = responseStatus;
        this.responseBody = responseBody;
    }

    @PrePersist
    void created() {
        createdAt = DbTime.now();
    }

    public long getTokenId() { return tokenId; }
    public String getKey() { return key; }
    public String getRequestHash() { return requestHash; }
    public int getResponseStatus() { return responseStatus; }
    public String getResponseBody() { return responseBody; }
    public Instant getCreatedAt() { return createdAt; }
}
