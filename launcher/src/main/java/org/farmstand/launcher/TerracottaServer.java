package org.farmstand.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The Terracotta server of the clustered cache tier, from the Ehcache kit the build puts into the launcher's
 * {@code runtime/}: unpacking it, its command line on loopback, and waiting until it is ready. Used by the local
 * cluster ({@link Cluster}) and by cluster-tests' {@code CacheServerIT}, so both start the same server the same way.
 */
public final class TerracottaServer {

    /** The kit's file name in the launcher's {@code runtime/} directory. */
    public static final String KIT = "terracotta-kit.tgz";
    private static final String READY = "now ready for work";
    private static final String MARKER = "kit.unpacked";

    private TerracottaServer() {
    }

    /** The kit next to a launcher jar: {@code <jar's directory>/runtime/terracotta-kit.tgz}. */
    public static Path kitBeside(Path launcherJar) {
        return launcherJar.toAbsolutePath().normalize().getParent().resolve("runtime").resolve(KIT);
    }

    /**
     * Unpacks the kit's {@code server/} into {@code dir/server} unless that is there already and not older than the
     * kit; returns {@code dir/server}.
     */
    public static Path unpack(Path kit, Path dir) throws IOException, InterruptedException {
        Path server = dir.resolve("server");
        if (unpacked(kit, dir)) {
            return server;
        }
        Main.deleteTree(server);
        Files.createDirectories(dir);
        Process tar = new ProcessBuilder("tar", "xzf", kit.toString(), "-C", dir.toString(),
                "--strip-components=1", "--wildcards", "*-kit/server/")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (tar.waitFor() != 0 || !Files.isRegularFile(server.resolve("lib").resolve("tc.jar"))) {
            throw new IllegalStateException("Unpacking " + kit + " failed");
        }
        Files.writeString(dir.resolve(MARKER), "");
        return server;
    }

    /** Whether {@code dir/server} holds the kit's server, unpacked from this kit or a newer one than it. */
    public static boolean unpacked(Path kit, Path dir) throws IOException {
        Path marker = dir.resolve(MARKER);
        return Files.isRegularFile(dir.resolve("server").resolve("lib").resolve("tc.jar")) && Files.exists(marker)
                && Files.getLastModifiedTime(marker).compareTo(Files.getLastModifiedTime(kit)) >= 0;
    }

    /**
     * The command line of a single server on 127.0.0.1, activated at start, with its configuration and logs under
     * {@code configDir} and {@code logDir}.
     *
     * @param offheapMb  size of the off-heap resource {@code main} the clustered caches use
     * @param maxHeapMb  heap and direct-memory limit of the server's JVM
     */
    public static List<String> command(String java, Path server, String name, String clusterName, int port,
                                       int groupPort, int offheapMb, int maxHeapMb, Path configDir, Path logDir) {
        return List.of(java, "-Xms64m", "-Xmx" + maxHeapMb + "m", "-XX:MaxDirectMemorySize=" + maxHeapMb + "m",
                "-Dtc.install-root=" + server,
                "-jar", server.resolve("lib").resolve("tc.jar").toString(),
                "-name", name, "-hostname", "127.0.0.1", "-bind-address", "127.0.0.1",
                "-group-bind-address", "127.0.0.1",
                "-port", String.valueOf(port), "-group-port", String.valueOf(groupPort),
                "-offheap-resources", "main:" + offheapMb + "MB", "-cluster-name", clusterName,
                "-failover-priority", "availability",
                "-config-dir", configDir.toString(), "-log-dir", logDir.toString(),
                "-auto-activate");
    }

    /**
     * Waits until the server's output ({@code log}) says it is ready for work. Fails when the process ends, the time
     * is up or {@code cancelled} says so.
     */
    public static void awaitReady(Process server, Path log, Duration timeout, BooleanSupplier cancelled)
            throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!Main.LogTail.read(log).contains(READY)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("Terracotta exited during start-up (log: " + log + ")");
            }
            if (System.nanoTime() > until || cancelled.getAsBoolean()) {
                throw new IllegalStateException("Terracotta was not ready within " + timeout.toSeconds()
                        + " s (log: " + log + ")");
            }
            Thread.sleep(250);
        }
    }
}
