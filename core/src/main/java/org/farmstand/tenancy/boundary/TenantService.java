package org.farmstand.tenancy.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.media.boundary.MediaService;
import org.farmstand.platform.cache.Caches;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.tenancy.entity.Tenant;
import org.farmstand.tenancy.entity.TenantDomain;

import javax.cache.Cache;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves shops from a request (slug or host name). Per request it reads only the shop's id and content version
 * (one indexed row); the full {@link TenantInfo} comes from JCache under a key that contains that version.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class TenantService {

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    Caches caches;

    @Inject
    MediaService media;

    private Cache<VersionKey, TenantInfo> infos;
    private Cache<String, Long> hosts;

    @PostConstruct
    void init() {
        infos = caches.shared("tenant-info", VersionKey.class, TenantInfo.class, 10_000, Duration.ofHours(1), 8);
        // host -> tenant id (0 = no shop); domains change rarely, so a short lifetime is enough
        hosts = caches.get("tenant-host", String.class, Long.class, 10_000, Duration.ofSeconds(30));
    }

    public Optional<TenantInfo> bySlug(String slug) {
        if (slug == null || slug.length() > 60) {
            return Optional.empty();
        }
        List<Object[]> rows = em.createQuery(
                        "SELECT t.id, t.contentVersion FROM Tenant t WHERE t.slug = :slug", Object[].class)
                .setParameter("slug", slug)
                .getResultList();
        return rows.stream().findFirst().map(row -> info((Long) row[0], (Long) row[1]));
    }

    public Optional<TenantInfo> byHost(String host) {
        if (host == null || host.isBlank() || host.length() > 190) {
            return Optional.empty();
        }
        String normalized = host.toLowerCase(Locale.ROOT);
        Long id = hosts.get(normalized);
        if (id == null) {
            id = em.createNamedQuery(TenantDomain.FIND_BY_HOST, TenantDomain.class)
                    .setParameter("host", normalized)
                    .getResultStream().findFirst().map(TenantDomain::getTenantId).orElse(0L);
            hosts.put(normalized, id);
        }
        return id == 0L ? Optional.empty() : byId(id);
    }

    /** Drops host names from this node's host cache after their shop changed them (other nodes: within 30 s). */
    public void forgetHosts(java.util.Collection<String> changedHosts) {
        for (String host : changedHosts) {
            hosts.remove(host.toLowerCase(Locale.ROOT));
        }
    }

    public Optional<TenantInfo> byId(long id) {
        List<Long> versions = em.createQuery("SELECT t.contentVersion FROM Tenant t WHERE t.id = :id", Long.class)
                .setParameter("id", id)
                .getResultList();
        return versions.stream().findFirst().map(version -> info(id, version));
    }

    public List<TenantInfo> all() {
        return em.createNamedQuery(Tenant.FIND_ALL, Tenant.class).getResultStream()
                .map(t -> info(t.getId(), t.getContentVersion())).toList();
    }

    private TenantInfo info(long id, long version) {
        var key = new VersionKey(id, version);
        TenantInfo info = infos.get(key);
        if (info == null) {
            Tenant tenant = em.find(Tenant.class, id);
            String logoHash = null;
            if (tenant.getLogoImageId() != null) {
                Long imageId = tenant.getLogoImageId();
                logoHash = TenantContext.callAs(id, () -> media.hashOf(imageId).orElse(null));
            }
            info = TenantInfo.of(tenant, logoHash);
            infos.put(key, info);
        }
        return info;
    }

    record VersionKey(long tenantId, long contentVersion) implements Serializable {
    }
}
