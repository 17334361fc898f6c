package org.farmstand.platform.cache;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.ehcache.clustered.client.config.builders.ClusteredResourcePoolBuilder;
import org.ehcache.clustered.client.config.builders.ClusteringServiceConfigurationBuilder;
import org.ehcache.clustered.client.config.builders.TimeoutsBuilder;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.ConfigurationBuilder;
import org.ehcache.config.builders.ExpiryPolicyBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.MemoryUnit;
import org.ehcache.jsr107.Eh107Configuration;
import org.ehcache.jsr107.EhcacheCachingProvider;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's JCache manager. Code uses the JCache API only; this class is the one place that knows the
 * provider is Ehcache (named explicitly: inside Payara the no-argument lookup picks Payara's Hazelcast client).
 * Caches are bounded on the heap and expire, so a surge cannot grow them without limit.
 *
 * <p>With {@code farmstand.cache.cluster-uri} set (e.g. {@code terracotta://127.0.0.1:9410/farmstand}), caches
 * obtained through {@link #shared} get a clustered tier on that Terracotta server behind their heap tier, so what
 * one node loaded is served by the others. Their keys carry the tenant's content version, so sharing never serves
 * stale content. Every call to the cache server is bounded by {@code farmstand.cache.cluster-timeout-ms}; a server
 * that cannot be reached at start leaves this node on heap-only caches (logged), and one that goes away later makes
 * clustered reads miss (Ehcache's resilience strategy) instead of hanging requests.
 */
@ApplicationScoped
public class Caches {

    private static final Logger LOG = Logger.getLogger(Caches.class.getName());
    private static final String PROVIDER = "org.ehcache.jsr107.EhcacheCachingProvider";
    /** Server-side off-heap resource the clustered tiers are carved from (see the launcher's Terracotta config). */
    static final String SERVER_RESOURCE = "main";

    /** After a slow or failed call to the cache server, this node uses its heap-only caches for this long. */
    static final Duration BREAKER_OPEN = Duration.ofSeconds(30);

    private CacheManager manager;
    /** Heap-only caches: the fallback of shared caches while the breaker is open (clustered mode only). */
    private CacheManager fallback;
    private boolean clustered;
    private Duration slowCall = Duration.ofMillis(500);
    /** System.nanoTime() until which calls bypass the cache server; 0 = closed. */
    private final java.util.concurrent.atomic.AtomicLong openUntil = new java.util.concurrent.atomic.AtomicLong();

    @PostConstruct
    void open() {
        Config config = ConfigProvider.getConfig();
        String uri = config.getOptionalValue("farmstand.cache.cluster-uri", String.class)
                .map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        long timeoutMs = config.getOptionalValue("farmstand.cache.cluster-timeout-ms", Long.class).orElse(1000L);
        long connectMs = config.getOptionalValue("farmstand.cache.cluster-connect-timeout-ms", Long.class)
                .orElse(5000L);
        open(uri, Duration.ofMillis(timeoutMs), Duration.ofMillis(connectMs));
    }

    /** Opens the manager: clustered when {@code clusterUri} is given and reachable, heap only otherwise. */
    void open(String clusterUri, Duration operationTimeout, Duration connectTimeout) {
        ClassLoader loader = Caches.class.getClassLoader();
        CachingProvider provider = Caching.getCachingProvider(PROVIDER, loader);
        if (clusterUri != null) {
            try {
                URI uri = URI.create(clusterUri);
                var configuration = ConfigurationBuilder.newConfigurationBuilder()
                        .withClassLoader(loader)
                        .withService(ClusteringServiceConfigurationBuilder.cluster(uri)
                                .timeouts(TimeoutsBuilder.timeouts()
                                        .read(operationTimeout)
                                        .write(operationTimeout)
                                        .connection(connectTimeout))
                                .autoCreateOnReconnect(server -> server.defaultServerResource(SERVER_RESOURCE)))
                        .build();
                // the JCache URI names the manager inside this provider (one per application class loader)
                manager = ((EhcacheCachingProvider) provider).getCacheManager(uri, configuration);
                fallback = ((EhcacheCachingProvider) provider).getCacheManager(URI.create("farmstand:heap-fallback"),
                        ConfigurationBuilder.newConfigurationBuilder().withClassLoader(loader).build());
                clustered = true;
                // a call that takes half the timeout means the server is gone or overloaded: stop asking it
                slowCall = operationTimeout.dividedBy(2);
                LOG.info(() -> "JCache: heap tier plus clustered tier on " + clusterUri);
                return;
            } catch (RuntimeException e) {
                LOG.warning("JCache: cache server " + clusterUri + " not usable (" + rootCause(e)
                        + "); this node runs with heap-only caches until it is restarted");
                LOG.log(Level.FINE, "cache server connection", e);
            }
        }
        manager = provider.getCacheManager(provider.getDefaultURI(), loader);
        clustered = false;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }

    /** Whether caches obtained through {@link #shared} have a clustered tier. */
    public boolean clustered() {
        return clustered;
    }

    /** The named cache of this node only, created on first use with the given bounds. */
    public synchronized <K, V> Cache<K, V> get(String name, Class<K> keyType, Class<V> valueType,
                                               long maxEntries, Duration timeToLive) {
        return create(clustered ? fallback : manager, name, keyType, valueType, ResourcePoolsBuilder.heap(maxEntries),
                timeToLive);
    }

    /**
     * The named cache, shared between the nodes through the cache server when one is configured (a clustered tier
     * of {@code clusterMegabytes} behind the heap tier); the same as {@link #get} otherwise. Keys and values must be
     * Serializable, and the key must make a stale value impossible (e.g. include the tenant's content version): a
     * node's heap tier is invalidated by the server eventually, not within the writer's transaction.
     */
    public synchronized <K extends Serializable, V extends Serializable> Cache<K, V> shared(
            String name, Class<K> keyType, Class<V> valueType, long maxEntries, Duration timeToLive,
            long clusterMegabytes) {
        if (!clustered) {
            return create(manager, name, keyType, valueType, ResourcePoolsBuilder.heap(maxEntries), timeToLive);
        }
        Cache<K, V> cache = create(manager, name, keyType, valueType, ResourcePoolsBuilder.heap(maxEntries)
                .with(ClusteredResourcePoolBuilder.clusteredDedicated(SERVER_RESOURCE, clusterMegabytes, MemoryUnit.MB)),
                timeToLive);
        Cache<K, V> local = create(fallback, name, keyType, valueType, ResourcePoolsBuilder.heap(maxEntries),
                timeToLive);
        return guarded(cache, local);
    }

    /** Whether calls currently bypass the cache server (after a slow or failed call). */
    public boolean breakerOpen() {
        long until = openUntil.get();
        return until != 0 && System.nanoTime() - until < 0;
    }

    /**
     * The clustered cache behind a circuit breaker: while it is open (after a call that failed or took more than
     * half the timeout), the data operations go to the node's heap-only cache of the same name instead, so a cache
     * server that is down costs one slow call per {@link #BREAKER_OPEN}, not one per request.
     */
    @SuppressWarnings("unchecked")
    private <K, V> Cache<K, V> guarded(Cache<K, V> clusteredCache, Cache<K, V> local) {
        java.util.Set<String> data = java.util.Set.of("get", "getAll", "containsKey", "put", "getAndPut", "putAll",
                "putIfAbsent", "remove", "getAndRemove", "replace", "getAndReplace", "removeAll", "invoke",
                "invokeAll");
        java.lang.reflect.InvocationHandler handler = (proxy, method, args) -> {
            if (!data.contains(method.getName())) {
                return invoke(method, clusteredCache, args);
            }
            if (breakerOpen()) {
                return invoke(method, local, args);
            }
            long start = System.nanoTime();
            try {
                Object result = invoke(method, clusteredCache, args);
                if (System.nanoTime() - start > slowCall.toNanos()) {
                    trip(clusteredCache.getName(), "a call took " + (System.nanoTime() - start) / 1_000_000 + " ms");
                }
                return result;
            } catch (RuntimeException e) {
                trip(clusteredCache.getName(), e.toString());
                return invoke(method, local, args);
            }
        };
        return (Cache<K, V>) java.lang.reflect.Proxy.newProxyInstance(Caches.class.getClassLoader(),
                new Class<?>[]{Cache.class}, handler);
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private void trip(String cache, String why) {
        long until = System.nanoTime() + BREAKER_OPEN.toNanos();
        if (!breakerOpen()) {
            LOG.warning("JCache: cache server slow or unreachable (" + cache + ": " + why + "); heap-only caches for "
                    + BREAKER_OPEN.toSeconds() + " s");
        }
        openUntil.set(until == 0 ? 1 : until);
    }

    private static <K, V> Cache<K, V> create(CacheManager manager, String name, Class<K> keyType,
                                             Class<V> valueType, ResourcePoolsBuilder pools, Duration timeToLive) {
        Cache<K, V> cache = manager.getCache(name, keyType, valueType);
        if (cache != null) {
            return cache;
        }
        var configuration = CacheConfigurationBuilder
                .newCacheConfigurationBuilder(keyType, valueType, pools)
                .withExpiry(ExpiryPolicyBuilder.timeToLiveExpiration(timeToLive));
        return manager.createCache(name, Eh107Configuration.fromEhcacheCacheConfiguration(configuration));
    }

    @PreDestroy
    void close() {
        // the heap-only one first: closing the clustered one holds the provider's lock while it waits for the server
        if (fallback != null && !fallback.isClosed()) {
            fallback.close();
        }
        CacheManager closing = manager;
        if (closing != null && !closing.isClosed()) {
            if (clustered) {
                // closing waits for the cache server, for minutes when it is gone: never longer than a few seconds
                Thread t = new Thread(closing::close, "jcache-close");
                t.setDaemon(true);
                t.start();
                try {
                    t.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                closing.close();
            }
        }
    }
}
