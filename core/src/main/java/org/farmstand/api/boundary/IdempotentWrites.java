package org.farmstand.api.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.api.entity.IdempotencyRecord;
import org.farmstand.platform.persistence.Tenanted;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs an API write at most once per {@code Idempotency-Key} of an API token (keys are the token's own: two
 * management systems of a shop may use the same keys): the write and the stored response commit in one transaction,
 * with UNIQUE (tenant_id, token_id, idem_key) behind it. A repeated key with the same request gets the stored
 * response; with a different request, {@link KeyReused}. Of two concurrent twins one fails on the UNIQUE key and
 * rolls back completely; the caller then calls {@link #run} again and gets the stored response.
 * <p>
 * A key is honoured as long as its record exists: {@code Housekeeping} deletes records after
 * {@code farmstand.housekeeping.idempotency-days} (7), never before {@code Housekeeping.IDEMPOTENCY_WINDOW} (a day);
 * a retry after that runs the write again.
 */
@ApplicationScoped
@Transactional
@Tenanted
public class IdempotentWrites {

    public static final int MAX_KEY_LENGTH = 100;

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    /** A response to store and replay: HTTP status and JSON body. */
    public record Stored(int status, String body, boolean replayed) {
        public Stored(int status, String body) {
            this(status, body, false);
        }
    }

    /** The key was used before for a different request. */
    public static class KeyReused extends RuntimeException {
        public KeyReused() {
            super("Idempotency-Key was already used for a different request");
        }
    }

    public Stored run(long tokenId, String key, String requestHash, Supplier<Stored> work) {
        Optional<IdempotencyRecord> existing = find(tokenId, key);
        if (existing.isPresent()) {
            IdempotencyRecord r = existing.get();
            if (!r.getRequestHash().equals(requestHash)) {
                throw new KeyReused();
            }
            return new Stored(r.getResponseStatus(), r.getResponseBody(), true);
        }
        Stored stored = work.get();
        em.persist(new IdempotencyRecord(tokenId, key, requestHash, stored.status(), stored.body()));
        em.flush(); // a concurrent twin with the same key fails here, inside this transaction
        return stored;
    }

    private Optional<IdempotencyRecord> find(long tokenId, String key) {
        return em.createNamedQuery(IdempotencyRecord.FIND_BY_KEY, IdempotencyRecord.class)
                .setParameter("key", key).setParameter("tokenId", tokenId).getResultStream().findFirst();
    }
}
