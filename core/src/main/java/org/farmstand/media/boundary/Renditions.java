package org.farmstand.media.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.farmstand.media.boundary.MediaService.Rendition;
import org.farmstand.media.boundary.MediaService.RenditionKey;
import org.farmstand.media.boundary.MediaService.Size;
import org.farmstand.platform.cache.Caches;
import org.farmstand.platform.persistence.TenantContext;

import javax.cache.Cache;
import java.time.Duration;
import java.util.Optional;

/**
 * Image renditions of the thread's shop for the storefront, from JCache (shared between the nodes when a cache server
 * is configured); only a miss reads the database, through {@link MediaService} in a transaction. Not transactional
 * itself: a cached image — nearly every request for one — costs no transaction (the profile put the transactional
 * interceptor of a cache hit at 6 % of the catalog's CPU). Safe to cache for hours: the URL carries the content hash,
 * and the key the shop.
 */
@ApplicationScoped
public class Renditions {

    @Inject
    Caches caches;

    @Inject
    MediaService media;

    private Cache<RenditionKey, Rendition> cache;

    @PostConstruct
    void init() {
        cache = caches.shared("image-rendition", RenditionKey.class, Rendition.class, 2_000, Duration.ofHours(6), 64);
    }

    public Optional<Rendition> of(String hash, Size size) {
        var key = new RenditionKey(TenantContext.require(), hash, size);
        Rendition cached = cache.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Rendition> loaded = media.loadRendition(hash, size);
        loaded.ifPresent(r -> cache.put(key, r));
        return loaded;
    }
}
