package org.farmstand.api.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.api.entity.ApiToken;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.platform.security.Tokens;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** Creating, listing and revoking the API tokens of the thread's shop. */
@ApplicationScoped
@Transactional
@Tenanted
public class ApiTokenService {

    /** Prefix of every token, so a leaked one is recognisable (secret scanners, logs). */
    public static final String PREFIX = "fs_";

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    public record TokenInfo(long id, String name, boolean write, Instant createdAt, Instant revokedAt)
            implements Serializable {
        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** A new token; {@code token} is its plain value, shown this once and never stored. */
    public record Created(TokenInfo info, String token) {
    }

    public Created create(String name, boolean write) {
        String token = PREFIX + Tokens.random(32);
        ApiToken entity = new ApiToken(name == null ? "" : name.strip(), Tokens.sha256Hex(token), write);
        em.persist(entity);
        em.flush();
        return new Created(info(entity), token);
    }

    public List<TokenInfo> list() {
        return em.createNamedQuery(ApiToken.FIND_ALL, ApiToken.class).getResultStream()
                .map(ApiTokenService::info).toList();
    }

    /** Revokes one of this shop's tokens; false when there is no such token in this shop. */
    public boolean revoke(long id) {
        ApiToken token = em.find(ApiToken.class, id);
        if (token == null) {
            return false;
        }
        token.revoke(Instant.now());
        return true;
    }

    private static TokenInfo info(ApiToken t) {
        return new TokenInfo(t.getId(), t.getName(), t.canWrite(), t.getCreatedAt(), t.getRevokedAt());
    }
}
