package org.farmstand.platform.cache;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.ExpiryPolicyBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.jsr107.Eh107Configuration;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import java.time.Duration;

/**
 * The application's JCache manager. Code uses the JCache API only; this class is the one place that knows the
 * provider is Ehcache (named explicitly: inside Payara the no-argument lookup picks Payara's Hazelcast client).
 * Caches are bounded on the heap and expire, so a surge cannot grow them without limit.
 */
@ApplicationScoped
public class Caches {

    private static final String PROVIDER = "org.ehcache.jsr107.EhcacheCachingProvider";

    private CacheManager manager;

    @PostConstruct
    void open() {
        ClassLoader loader = Caches.class.getClassLoader();
        CachingProvider provider = Caching.getCachingProvider(PROVIDER, loader);
        manager = provider.getCacheManager(provider.getDefaultURI(), loader);
    }

    /** The named cache, created on first use with the given bounds. */
    public synchronized <K, V> Cache<K, V> get(String name, Class<K> keyType, Class<V> valueType,
                                               long maxEntries, Duration timeToLive) {
        Cache<K, V> cache = manager.getCache(name, keyType, valueType);
        if (cache != null) {
            return cache;
        }
        var configuration = CacheConfigurationBuilder
                .newCacheConfigurationBuilder(keyType, valueType, ResourcePoolsBuilder.heap(maxEntries))
                .withExpiry(ExpiryPolicyBuilder.timeToLiveExpiration(timeToLive));
        return manager.createCache(name, Eh107Configuration.fromEhcacheCacheConfiguration(configuration));
    }

    @PreDestroy
    void close() {
        if (manager != null && !manager.isClosed()) {
            manager.close();
        }
    }
}
