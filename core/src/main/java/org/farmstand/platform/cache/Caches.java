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
 * stale content. Every call to the cache server is bounded by {@code farmstand.cache.cluster-timeout-ms}. A server
 * that cannot be reached at start leaves this node on heap-only caches and is tried again every
 * {@code farmstand.cache.cluster-retry-seconds} (30) until it answers: then every shared cache, also those handed out
 * before, gets its clustered tier (a node started before the cache server joins it later, e.g. in docker compose).
 * One that goes away later trips a circuit breaker: heap-only caches for a while instead of hanging requests.
 */
@ApplicationScoped
public class Caches {

    private static final Logger LOG = Logger.getLogger(Caches.class.getName());
    private static final String PROVIDER = "org.ehcache.jsr107.EhcacheCachingProvider";
    /** Server-side off-heap resource the clustered tiers are carved from (see the launcher's Terracotta config). */
    static final String SERVER_RESOURCE = "main";

    /** After a slow or failed call to the cache server, this node uses its heap-only caches for this long. */
    static final Duration BREAKER_OPEN = Duration.ofSeconds(30);

    /** How often a node that has not reached its configured cache server tries again (by default). */
    static final Duration RETRY = Duration.ofSeconds(30);

    private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();

    /** Data operations of a shared cache: these go to the heap-only twin while there is no usable cache server. */
    private static final java.util.Set<String> DATA_OPERATIONS = java.util.Set.of("get", "getAll", "containsKey",
            "put", "getAndPut", "putAll", "putIfAbsent", "remove", "getAndRemove", "replace", "getAndReplace",
            "removeAll", "invoke", "invokeAll");

    private EhcacheCachingProvider provider;
    /** Heap-only caches: node-local ones, and the twin of every shared cache. */
    private CacheManager heap;
    /** The manager with the clustered tier; null until the cache server was reached. */
    private volatile CacheManager clusteredManager;
    /** Null: no cache server configured, shared caches are plain heap caches. */
    private URI clusterUri;
    private Duration operationTimeout = Duration.ofSeconds(1);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration slowCall = Duration.ofMillis(500);
    /** Shared caches handed out, by name (their clustered tier is added when the server is reached). */
    private final java.util.Map<String, SharedCache> shared = new java.util.HashMap<>();
    private java.util.concurrent.ScheduledExecutorService reconnector;
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
        long retrySeconds = config.getOptionalValue("farmstand.cache.cluster-retry-seconds", Long.class)
                .orElse(RETRY.toSeconds());
        open(uri, Duration.ofMillis(timeoutMs), Duration.ofMillis(connectMs), Duration.ofSeconds(retrySeconds));
    }

    /** Opens with the default retry interval ({@link #RETRY}). */
    void open(String clusterUri, Duration operationTimeout, Duration connectTimeout) {
        open(clusterUri, operationTimeout, connectTimeout, RETRY);
    }

    /**
     * Opens the caches: with a clustered tier when {@code clusterUri} is given and reachable; heap only otherwise,
     * trying the server again every {@code retry} while it is configured but not reached.
     */
    synchronized void open(String clusterUri, Duration operationTimeout, Duration connectTimeout, Duration retry) {
        ClassLoader loader = Caches.class.getClassLoader();
        provider = (EhcacheCachingProvider) Caching.getCachingProvider(PROVIDER, loader);
        // a name of its own: the provider shares managers by name within a class loader (tests open several)
        heap = provider.getCacheManager(URI.create("farmstand:heap:" + INSTANCES.incrementAndGet()),
                ConfigurationBuilder.newConfigurationBuilder().withClassLoader(loader).build());
        if (clusterUri == null) {
            return;
        }
        this.clusterUri = URI.create(clusterUri);
        this.operationTimeout = operationTimeout;
        this.connectTimeout = connectTimeout;
        // a call that takes half the timeout means the server is gone or overloaded: stop asking it
        this.slowCall = operationTimeout.dividedBy(2);
        String failure = connect();
        if (failure == null) {
            return;
        }
        LOG.warning("JCache: cache server " + clusterUri + " not usable (" + failure + "); heap-only caches until it"
                + " answers, tried again every " + retry.toSeconds() + " s");
        reconnector = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "jcache-reconnect");
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        });
        reconnector.scheduleWithFixedDelay(this::reconnect, retry.toMillis(), retry.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the clustered manager and gives every shared cache handed out so far its clustered tier.
     *
     * @return null when connected, else why not
     */
    private String connect() {
        if (clusteredManager != null) {
            return null;
        }
        CacheManager manager;
        try {
            var configuration = ConfigurationBuilder.newConfigurationBuilder()
                    .withClassLoader(Caches.class.getClassLoader())
                    .withService(ClusteringServiceConfigurationBuilder.cluster(clusterUri)
                            .timeouts(TimeoutsBuilder.timeouts()
                                    .read(operationTimeout)
                                    .write(operationTimeout)
                                    .connection(connectTimeout))
                            .autoCreateOnReconnect(server -> server.defaultServerResource(SERVER_RESOURCE)))
                    .build();
            // the JCache URI names the manager inside this provider (one per application class loader); connecting
            // takes up to the connect timeout, so not under this object's lock
            manager = provider.getCacheManager(clusterUri, configuration);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "cache server connection", e);
            return rootCause(e);
        }
        synchronized (this) {
            try {
                for (SharedCache cache : shared.values()) {
                    cache.attach(manager);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "cache server connection", e);
                return rootCause(e);
            }
            clusteredManager = manager;
        }
        LOG.info(() -> "JCache: heap tier plus clustered tier on " + clusterUri);
        return null;
    }

    private void reconnect() {
        String failure = connect();
        if (failure == null) {
            LOG.info(() -> "JCache: cache server " + clusterUri + " reached: shared caches use it from now on");
            reconnector.shutdown();
        } else {
            LOG.fine(() -> "JCache: cache server " + clusterUri + " still not usable (" + failure + ")");
        }
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
        return clusteredManager != null;
    }

    /** The named cache of this node only, created on first use with the given bounds. */
    public synchronized <K, V> Cache<K, V> get(String name, Class<K> keyType, Class<V> valueType,
                                               long maxEntries, Duration timeToLive) {
        return create(heap, name, keyType, valueType, ResourcePoolsBuilder.heap(maxEntries), timeToLive);
    }

    /**
     * The named cache, shared between the nodes through the cache server when one is configured (a clustered tier
     * of {@code clusterMegabytes} behind the heap tier, added when the server is reached); the same as {@link #get}
     * otherwise. Keys and values must be Serializable, and the key must make a stale value impossible (e.g. include
     * the tenant's content version): a node's heap tier is invalidated by the server eventually, not within the
     * writer's transaction.
     */
    @SuppressWarnings("unchecked")
    public synchronized <K extends Serializable, V extends Serializable> Cache<K, V> shared(
            String name, Class<K> keyType, Class<V> valueType, long maxEntries, Duration timeToLive,
            long clusterMegabytes) {
        if (clusterUri == null) {
            return create(heap, name, keyType, valueType, ResourcePoolsBuilder.heap(maxEntries), timeToLive);
        }
        SharedCache cache = shared.get(name);
        if (cache == null) {
            cache = new SharedCache(name, keyType, valueType, maxEntries, timeToLive, clusterMegabytes,
                    create(heap, name, keyType, valueType, ResourcePoolsBuilder.heap(maxEntries), timeToLive));
            if (clusteredManager != null) {
                cache.attach(clusteredManager);
            }
            shared.put(name, cache);
        }
        return (Cache<K, V>) cache.proxy;
    }

    /** Whether calls currently bypass the cache server (after a slow or failed call). */
    public boolean breakerOpen() {
        long until = openUntil.get();
        return until != 0 && System.nanoTime() - until < 0;
    }

    /**
     * A shared cache: a proxy whose data operations go to the clustered cache once there is one and the breaker is
     * closed, else to the node's heap-only twin of the same name. While the breaker is open (after a call that failed
     * or took more than half the timeout) a cache server that is down costs one slow call per {@link #BREAKER_OPEN},
     * not one per request.
     */
    private final class SharedCache {

        private final String name;
        private final Class<?> keyType;
        private final Class<?> valueType;
        private final long maxEntries;
        private final Duration timeToLive;
        private final long clusterMegabytes;
        private final Cache<Object, Object> local;
        private volatile Cache<Object, Object> clusteredCache;
        final Object proxy;

        @SuppressWarnings("unchecked")
        SharedCache(String name, Class<?> keyType, Class<?> valueType, long maxEntries, Duration timeToLive,
                    long clusterMegabytes, Cache<?, ?> local) {
            this.name = name;
            this.keyType = keyType;
            this.valueType = valueType;
            this.maxEntries = maxEntries;
            this.timeToLive = timeToLive;
            this.clusterMegabytes = clusterMegabytes;
            this.local = (Cache<Object, Object>) local;
            this.proxy = java.lang.reflect.Proxy.newProxyInstance(Caches.class.getClassLoader(),
                    new Class<?>[]{Cache.class}, this::handle);
        }

        @SuppressWarnings("unchecked")
        void attach(CacheManager manager) {
            clusteredCache = (Cache<Object, Object>) create(manager, name, (Class<Object>) keyType,
                    (Class<Object>) valueType, ResourcePoolsBuilder.heap(maxEntries)
                            .with(ClusteredResourcePoolBuilder.clusteredDedicated(SERVER_RESOURCE, clusterMegabytes,
                                    MemoryUnit.MB)), timeToLive);
        }

        private Object handle(Object self, java.lang.reflect.Method method, Object[] args) {
            Cache<Object, Object> remote = clusteredCache;
            if (!DATA_OPERATIONS.contains(method.getName())) {
                return invoke(method, remote != null ? remote : local, args);
            }
            if (remote == null || breakerOpen()) {
                return invoke(method, local, args);
            }
            long start = System.nanoTime();
            try {
                Object result = invoke(method, remote, args);
                if (System.nanoTime() - start > slowCall.toNanos()) {
                    trip(name, "a call took " + (System.nanoTime() - start) / 1_000_000 + " ms");
                }
                return result;
            } catch (RuntimeException e) {
                trip(name, e.toString());
                return invoke(method, local, args);
            }
        }
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
    synchronized void close() {
        if (reconnector != null) {
            reconnector.shutdownNow();
        }
        CacheManager heapManager = heap;
        CacheManager clusteredOne = clusteredManager;
        Runnable closeAll = () -> {
            // the heap-only one first: closing the clustered one holds the provider's lock while it waits for the
            // server (every manager's close needs that lock)
            if (heapManager != null && !heapManager.isClosed()) {
                heapManager.close();
            }
            if (clusteredOne != null && !clusteredOne.isClosed()) {
                clusteredOne.close();
            }
        };
        if (clusteredOne == null) {
            closeAll.run();
            return;
        }
        // closing waits for the cache server, for minutes when it is gone: never longer than a few seconds
        Thread t = new Thread(closeAll, "jcache-close");
        t.setDaemon(true);
        t.start();
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
