package org.farmstand.platform.cache;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CachesTest {

    @Test
    void withoutClusterUriCachesAreHeapOnly() {
        Caches caches = new Caches();
        caches.open(null, Duration.ofSeconds(1), Duration.ofSeconds(1));
        try {
            assertThat(caches.clustered()).isFalse();
            var cache = caches.shared("t-heap", String.class, String.class, 10, Duration.ofMinutes(1), 4);
            cache.put("a", "b");
            assertThat(cache.get("a")).isEqualTo("b");
            assertThat(caches.shared("t-heap", String.class, String.class, 10, Duration.ofMinutes(1), 4))
                    .isSameAs(cache);
        } finally {
            caches.close();
        }
    }

    @Test
    void unreachableCacheServerFallsBackToHeapWithinTheConnectTimeout() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        Caches caches = new Caches();
        long start = System.nanoTime();
        caches.open("terracotta://127.0.0.1:" + port + "/farmstand-test", Duration.ofMillis(500),
                Duration.ofSeconds(2));
        try {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThat(caches.clustered()).isFalse();
            var cache = caches.shared("t-down", String.class, String.class, 10, Duration.ofMinutes(1), 4);
            cache.put("a", "b");
            assertThat(cache.get("a")).isEqualTo("b");
        } finally {
            caches.close();
        }
    }

    /**
     * With a Terracotta server named by {@code farmstand.test.cache-server} (manual runs; the build's own test against a
     * real server is cluster-tests' {@code CacheServerIT}, which starts one):
     * what one cache manager put is read by a fresh one through the clustered tier.
     */
    @Test
    void clusteredTierSharesEntriesThroughTheCacheServer() {
        String server = System.getProperty("farmstand.test.cache-server");
        org.junit.jupiter.api.Assumptions.assumeTrue(server != null, "no farmstand.test.cache-server");
        String uri = "terracotta://" + server + "/farmstand-caches-test";
        Caches first = new Caches();
        first.open(uri, Duration.ofSeconds(2), Duration.ofSeconds(10));
        try {
            assertThat(first.clustered()).isTrue();
            first.shared("t-shared", String.class, String.class, 10, Duration.ofMinutes(1), 4).put("k", "v");
        } finally {
            first.close();
        }
        Caches second = new Caches();
        second.open(uri, Duration.ofSeconds(2), Duration.ofSeconds(10));
        try {
            assertThat(second.clustered()).isTrue();
            assertThat(second.shared("t-shared", String.class, String.class, 10, Duration.ofMinutes(1), 4).get("k"))
                    .isEqualTo("v");
        } finally {
            second.close();
        }
    }

    /**
     * With a Terracotta server that this test may kill ({@code farmstand.test.cache-server-pid}, manual runs): once
     * the server is gone, one call is slow (bounded by the timeout) and then the breaker serves from the heap.
     */
    @Test
    void aCacheServerThatGoesAwayCostsOneSlowCallThenTheHeapServes() throws Exception {
        String server = System.getProperty("farmstand.test.cache-server");
        String pid = System.getProperty("farmstand.test.cache-server-pid");
        org.junit.jupiter.api.Assumptions.assumeTrue(server != null && pid != null, "no killable cache server");
        Caches caches = new Caches();
        caches.open("terracotta://" + server + "/farmstand-breaker-test", Duration.ofMillis(1000),
                Duration.ofSeconds(10));
        try {
            assertThat(caches.clustered()).isTrue();
            var cache = caches.shared("t-breaker", String.class, String.class, 10, Duration.ofMinutes(1), 4);
            cache.put("a", "1");
            assertThat(cache.get("a")).isEqualTo("1");
            ProcessHandle.of(Long.parseLong(pid)).orElseThrow().destroyForcibly();
            Thread.sleep(1000);
            long start = System.nanoTime();
            int misses = 0;
            for (int i = 0; i < 20; i++) {
                cache.put("k" + i, "v" + i);
                if (!("v" + i).equals(cache.get("k" + i))) {
                    misses++; // the put that tripped the breaker went nowhere
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("40 calls after the server died: " + millis + " ms, " + misses + " misses");
            assertThat(caches.breakerOpen()).isTrue();
            assertThat(misses).isLessThanOrEqualTo(1);
            assertThat(millis).isLessThan(5_000);
        } finally {
            long start = System.nanoTime();
            caches.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
