package org.farmstand.api.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.farmstand.platform.persistence.DbTime;
import org.farmstand.platform.persistence.TenantOwned;

import java.time.Instant;

/**
 * A management system's access to one shop's API. Only the SHA-256 of the token is stored; the plain value is shown
 * once when it is created. Looking a token up by its hash happens before a tenant is known, see
 * {@link org.farmstand.api.boundary.ApiTokenLookup}.
 */
@Entity
@Table(name = "api_token")
@NamedQuery(name = ApiToken.FIND_ALL, query = "SELECT t FROM ApiToken t ORDER BY t.createdAt DESC, t.id DESC")
public class ApiToken extends TenantOwned {

    public static final String FIND_ALL = "ApiToken.findAll";
    public static final String READ = "read";
    public static final String READ_WRITE = "read,write";

    @NotBlank
    @Size(max = 120)
    private String name;

    @Column(name = "token_hash")
    private String tokenHash;

    private String scopes;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    /** Written by ApiTokenLookup over JDBC (at most once a minute); read-only here. */
    @Column(name = "last_used_at", insertable = false, updatable = false)
    private Instant lastUsedAt;

    protected ApiToken() {
    }

    public ApiToken(String name, String tokenHash, boolean write) {
        this.name = name;
        this.tokenHash = tokenHash;
        this.scopes = write ? READ_WRITE : READ;
    }

    @PrePersist
    void created() {
        createdAt = DbTime.now();
    }

    public String getName() { return name; }
    public String getTokenHash() { return tokenHash; }
    public String getScopes() { return scopes; }
    public boolean canWrite() { return scopes != null && scopes.contains("write"); }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getRevokedAt() { return revokedAt; }
    public Instant getLastUsedAt() { return lastUsedAt; }
    public void revoke(Instant at) { if (revokedAt == null) { revokedAt = at; } }
}
