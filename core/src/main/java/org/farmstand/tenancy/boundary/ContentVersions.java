package org.farmstand.tenancy.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.platform.persistence.TenantContext;

/**
 * Every write that changes what the storefront shows (products, categories, images, tours, branding) bumps the
 * tenant's content version in the same transaction. Catalog cache keys contain that version, so the next request
 * on any node and in any WAR sees the change, with no invalidation message to lose.
 */
@ApplicationScoped
public class ContentVersions {

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void bump() {
        em.createQuery("UPDATE Tenant t SET t.contentVersion = t.contentVersion + 1 WHERE t.id = :id")
                .setParameter("id", TenantContext.require())
                .executeUpdate();
    }
}
