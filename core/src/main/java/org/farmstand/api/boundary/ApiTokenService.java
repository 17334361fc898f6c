package org.farmstand.api.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.api.entity.ApiToken;
import org.farmstand.audit.boundary.AuditDetail;
import org.farmstand.audit.boundary.AuditLog;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.platform.security.Tokens;
import org.farmstand.tenancy.boundary.StaffAccess;
import org.farmstand.tenancy.boundary.StaffRight;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Creating, listing and revoking the API tokens of the thread's shop; creating and revoking go into the audit log. For
 * the shop's owner only ({@link StaffRight#API_TOKENS}).
 */
@ApplicationScoped
@Transactional
@Tenanted
public class ApiTokenService {

    /** Prefix of every token, so a leaked one is recognisable (secret scanners, logs). */
    public static final String PREFIX = "fs_";

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    AuditLog audit;

    public static final int MAX_NAME = 120;

    public record TokenInfo(long id, String name, boolean write, Instant createdAt, Instant lastUsedAt,
                            Instant revokedAt) implements Serializable {
        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** The name is blank or longer than {@link #MAX_NAME}. */
    public static class InvalidName extends RuntimeException {
        public InvalidName() {
            super("API token name must have 1 to " + MAX_NAME + " characters", null, false, false);
        }
    }

    /** A new token; {@code token} is its plain value, shown this once and never stored. */
    public record Created(TokenInfo info, String token) {
    }

    /** A new token with the read scope, and the write scope when {@code write}; {@link InvalidName} otherwise. */
    public Created create(String name, boolean write) {
        StaffAccess.require(StaffRight.API_TOKENS);
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > MAX_NAME) {
            throw new InvalidName();
        }
        String token = PREFIX + Tokens.random(32);
        ApiToken entity = new ApiToken(clean, Tokens.sha256Hex(token), write);
        em.persist(entity);
        em.flush();
        audit.record(AuditLog.API_TOKEN, entity.getId(), "created", AuditDetail.of("audit.detail.api_token.created", clean,
                new AuditDetail.Key(entity.canWrite() ? "tokens.scopes.readWrite" : "tokens.scopes.read")));
        return new Created(info(entity), token);
    }

    public List<TokenInfo> list() {
        StaffAccess.require(StaffRight.API_TOKENS);
        return em.createNamedQuery(ApiToken.FIND_ALL, ApiToken.class).getResultStream()
                .map(ApiTokenService::info).toList();
    }

    /** Revokes one of this shop's tokens; false when there is no such token in this shop. */
    public boolean revoke(long id) {
        StaffAccess.require(StaffRight.API_TOKENS);
        ApiToken token = em.find(ApiToken.class, id);
        if (token == null) {
            return false;
        }
        if (token.getRevokedAt() != null) {
            return true;
        }
        token.revoke(Instant.now());
        audit.record(AuditLog.API_TOKEN, id, "revoked", AuditDetail.of("audit.detail.text", token.getName()));
        return true;
    }

    private static TokenInfo info(ApiToken t) {
        return new TokenInfo(t.getId(), t.getName(), t.canWrite(), t.getCreatedAt(), t.getLastUsedAt(),
                t.getRevokedAt());
    }
}
