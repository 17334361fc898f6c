package org.farmstand.tenancy.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.farmstand.platform.persistence.TenantContext;

/**
 * Every write that changes what the storefront shows (products, categories, images, tours, branding) bumps the
 * tenant's content version in the same transaction. Catalog cache keys contain that version, so the next request
 * on any node and in any WAR sees the change (in another WAR or on another node within {@link TenantHeads}' second),
 * with no invalidation message to lose.
 * <p>
 * A bump marks its transaction ({@link #bumpedInThisTransaction}): until it commits, what that transaction reads
 * under the new version is its own uncommitted state, and if it rolls back, the next bump hands out the same version
 * number again. Caches keyed by the version must not keep what such a transaction read.
 */
@ApplicationScoped
public class ContentVersions {

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private static final String BUMPED = ContentVersions.class.getName() + ".bumped";

    @Inject
    TenantHeads heads;

    @Transactional(Transactional.TxType.MANDATORY)
    public void bump() {
        long tenantId = TenantContext.require();
        em.createQuery("UPDATE Tenant t SET t.contentVersion = t.contentVersion + 1 WHERE t.id = :id")
                .setParameter("id", tenantId)
                .executeUpdate();
        if (transactions.getResource(BUMPED) == null) {
            // this WAR's next request reads the new version (committed) or the old one again (rolled back)
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    heads.forget(tenantId);
                }
            });
        }
        transactions.putResource(BUMPED, Boolean.TRUE);
    }

    /** Whether the running transaction (if any) has bumped a content version: its reads are not for the caches. */
    public boolean bumpedInThisTransaction() {
        return transactions.getTransactionKey() != null && transactions.getResource(BUMPED) != null;
    }
}
