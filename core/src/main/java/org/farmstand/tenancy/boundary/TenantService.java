package org.farmstand.tenancy.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.farmstand.platform.cache.Caches;
import org.farmstand.platform.persistence.DataSources;

import javax.cache.Cache;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves shops from a request (slug or host name). It needs only the shop's id and content version (one indexed
 * row, kept for up to a second by {@link TenantHeads}); the full {@link TenantInfo} comes from JCache under a key that
 * contains that version.
 * <p>
 * The version is read from the database, not taken from an invalidated cache, so that a producer's change shows on
 * every node and in both WARs (their caches are separate) with no invalidation message to lose: at once in the WAR
 * that made it, within {@link TenantHeads}' second elsewhere. The read is plain JDBC on the pooled data source: no
 * interceptor, no JPA query, no transaction (the profile of session 2 found the JPA path at 17.5 % of a cached
 * catalog request's samples), for the slug and for a shop's own host name alike. Everything that needs the
 * EntityManager (cache misses, {@link #byId}, {@link #all}) goes through {@link TenantRecords}, which always reads in
 * a transaction: the caller's, or its own. No {@code @Transactional} and no EntityManager on this bean: Payara's
 * container EntityManager used outside a transaction is shared by all threads and fails under concurrency.
 */
@ApplicationScoped
public class TenantService {

    private static final String HEAD_BY_SLUG = "SELECT id, content_version FROM tenant WHERE slug = ?";
    private static final String HEAD_BY_ID = "SELECT id, content_version FROM tenant WHERE id = ?";

    @Inject
    Caches caches;

    @Inject
    TenantRecords records;

    @Inject
    DataSources dataSources;

    @Inject
    ContentVersions contentVersions;

    @Inject
    TenantHeads heads;

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
        return head(HEAD_BY_SLUG, slug);
    }

    /**
     * The shop's id and content version — kept by {@link TenantHeads} for up to a second, else by one indexed row
     * ({@code sql} with the one parameter {@code key}) — then its info.
     */
    private Optional<TenantInfo> head(String sql, Object key) {
        TenantHeads.Head kept = heads.fresh(key);
        if (kept != null) {
            return Optional.of(info(kept.id(), kept.version()));
        }
        return dataSources.first(sql, row -> new long[] {row.getLong(1), row.getLong(2)}, key).map(head -> {
            // a transaction that bumped the version reads its own uncommitted state: not for other requests
            if (!contentVersions.bumpedInThisTransaction()) {
                heads.remember(key, head[0], head[1]);
            }
            return info(head[0], head[1]);
        });
    }

    public Optional<TenantInfo> byHost(String host) {
        if (host == null || host.isBlank() || host.length() > 190) {
            return Optional.empty();
        }
        String normalized = host.toLowerCase(Locale.ROOT);
        Long id = hosts.get(normalized);
        if (id == null) {
            id = records.hostOwner(normalized);
            hosts.put(normalized, id);
        }
        return id == 0L ? Optional.empty() : head(HEAD_BY_ID, id);
    }

    /** Drops host names from this node's host cache after their shop changed them (other nodes: within 30 s). */
    public void forgetHosts(java.util.Collection<String> changedHosts) {
        for (String host : changedHosts) {
            hosts.remove(host.toLowerCase(Locale.ROOT));
        }
    }

    public Optional<TenantInfo> byId(long id) {
        return records.contentVersion(id).map(version -> info(id, version));
    }

    public List<TenantInfo> all() {
        return records.versions().stream().map(row -> info(row[0], row[1])).toList();
    }

    private TenantInfo info(long id, long version) {
        var key = new VersionKey(id, version);
        TenantInfo info = infos.get(key);
        if (info == null) {
            info = records.load(id);
            // a transaction that bumped the version reads its own uncommitted state under it: not for the cache
            // (after a rollback the next bump reuses the number)
            if (!contentVersions.bumpedInThisTransaction()) {
                infos.put(key, info);
            }
        }
        return info;
    }

    record VersionKey(long tenantId, long contentVersion) implements Serializable {
    }
}
