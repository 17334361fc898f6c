package org.farmstand.tenancy.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.media.boundary.MediaService;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.tenancy.entity.Tenant;
import org.farmstand.tenancy.entity.TenantDomain;

import java.util.List;
import java.util.Optional;

/**
 * The reads of {@link TenantService} that need the EntityManager, always inside a
 * transaction (the caller's, or one of their own). The per-request lookup itself is plain JDBC and runs without
 * one; these are its cache misses. Payara's container EntityManager is not safe for concurrent use outside a
 * transaction (see {@link org.farmstand.platform.persistence.TenantInterceptor}).
 */
@ApplicationScoped
@Transactional
public class TenantRecords {

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    MediaService media;

    /** The shop's info as stored now (its logo's content hash included). */
    public TenantInfo load(long id) {
        Tenant tenant = em.find(Tenant.class, id);
        if (tenant == null) {
            throw new IllegalStateException("No shop " + id);
        }
        String logoHash = null;
        if (tenant.getLogoImageId() != null) {
            Long imageId = tenant.getLogoImageId();
            logoHash = TenantContext.callAs(id, () -> media.hashOf(imageId).orElse(null));
        }
        return TenantInfo.of(tenant, logoHash);
    }

    /** The id of the shop that owns this (lower-case) host name, or 0 when none does. */
    public long hostOwner(String host) {
        return em.createNamedQuery(TenantDomain.FIND_BY_HOST, TenantDomain.class)
                .setParameter("host", host)
                .getResultStream().findFirst().map(TenantDomain::getTenantId).orElse(0L);
    }

    public Optional<Long> contentVersion(long id) {
        return em.createQuery("SELECT t.contentVersion FROM Tenant t WHERE t.id = :id", Long.class)
                .setParameter("id", id).getResultStream().findFirst();
    }

    /** Every shop's id and content version, in the order of {@code Tenant.FIND_ALL}. */
    public List<long[]> versions() {
        return em.createNamedQuery(Tenant.FIND_ALL, Tenant.class).getResultStream()
                .map(t -> new long[]{t.getId(), t.getContentVersion()}).toList();
    }
}
