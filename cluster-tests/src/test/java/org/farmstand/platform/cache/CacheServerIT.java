package org.farmstand.platform.cache;

import org.farmstand.launcher.TerracottaServer;
import org.farmstand.testing.ItEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.cache.Cache;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Caches} against a real Terracotta server (unpacked from the Ehcache kit the launcher module ships): a node
 * that started before the cache server joins it once it is up, shared caches handed out before included, and a
 * server that goes away later costs one slow call, then the heap serves. In this module because the kit and a
 * server process belong here; in {@code org.farmstand.platform.cache} for the package-private {@code open}.
 */
class CacheServerIT {

    private final List<Caches> opened = new ArrayList<>();
    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        opened.forEach(Caches::close);
        if (server != null) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aNodeStartedBeforeTheCacheServerJoinsItAndSurvivesItsEnd() throws Exception {
        int port = freePort();
        // node A starts while nothing listens: heap only, tried again every second
        Caches nodeA = open("terracotta://127.0.0.1:" + port + "/farmstand-it");
        assertThat(nodeA.clustered()).isFalse();
        Cache<String, String> cacheA = nodeA.shared("it-shared", String.class, String.class, 100, Duration.ofMinutes(5), 4);
        cacheA.put("before", "heap of A");
        assertThat(cacheA.get("before")).isEqualTo("heap of A");

        server = startServer(port);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!nodeA.clustered() && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        assertThat(nodeA.clustered()).as("node A reconnected to the cache server").isTrue();

        // node B (another manager for the same server entity, as on another machine) shares entries with A through
        // the server, also in the cache A obtained before the server was there
        Caches nodeB = open("terracotta://localhost:" + port + "/farmstand-it");
        assertThat(nodeB.clustered()).isTrue();
        Cache<String, String> cacheB = nodeB.shared("it-shared", String.class, String.class, 100, Duration.ofMinutes(5), 4);
        cacheB.put("k", "written by B");
        assertThat(cacheA.get("k")).isEqualTo("written by B");
        cacheA.put("k2", "written by A");
        assertThat(cacheB.get("k2")).isEqualTo("written by A");

        // the server dies: one slow or failed call trips the breaker (what it wrote is lost: a cache), then A's heap
        // answers at once
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long start = System.nanoTime();
        cacheA.put("after", "lost with the server");
        cacheA.get("after");
        assertThat(nodeA.breakerOpen()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        long heapStart = System.nanoTime();
        cacheA.put("after", "heap again");
        assertThat(cacheA.get("after")).isEqualTo("heap again");
        assertThat(Duration.ofNanos(System.nanoTime() - heapStart)).isLessThan(Duration.ofMillis(500));
    }

    private Caches open(String uri) {
        Caches caches = new Caches();
        opened.add(caches);
        caches.open(uri, Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(1));
        return caches;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Unpacks the server from the kit (once) and starts it on {@code port}; returns when it is ready for work. */
    private static Process startServer(int port) throws Exception {
        Path kit = TerracottaServer.kitBeside(
                Path.of(System.getProperty("farmstand.launcher.jar", "../launcher/target/farmstand-launcher.jar")));
        assertThat(kit).as("the launcher module's Terracotta kit").isRegularFile();
        Path dir = Path.of(System.getProperty(ItEnvironment.WORK_DIR, "target/it")).toAbsolutePath()
                .resolve("cache-server-it");
        Path server = TerracottaServer.unpack(kit, dir);
        Path logs = dir.resolve("logs-" + port);
        Files.createDirectories(logs);
        Path log = dir.resolve("server-" + port + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(TerracottaServer.command(java, server, "it", "farmstand-it", port,
                freePort(), 64, 256, dir.resolve("config-" + port), logs))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            TerracottaServer.awaitReady(process, log, Duration.ofMinutes(3), () -> false);
        } catch (IllegalStateException e) {
            process.destroyForcibly();
            throw new AssertionError(e.getMessage(), e);
        }
        return process;
    }
}
