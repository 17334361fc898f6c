package org.farmstand.cluster;

import org.farmstand.testing.ItEnvironment;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar farmstand-launcher.jar --cluster N} as a child process on the IT database
 * ({@code FARMSTAND_DB_URL}): Terracotta, N Payara Micro nodes and HAProxy on loopback, ports from a free base.
 */
final class LocalCluster implements AutoCloseable {

    static final String HAPROXY = "/usr/sbin/haproxy";

    final int port;
    final Path dataDir;
    private final Path out;
    private final Process launcher;
    private final OutputStream console;

    private LocalCluster(int port, Path dataDir, Path out, Process launcher) {
        this.port = port;
        this.dataDir = dataDir;
        this.out = out;
        this.launcher = launcher;
        this.console = launcher.getOutputStream();
    }

    /** Skips (locally) or fails (on CI) without HAProxy; starts and waits until the launcher printed its banner. */
    static LocalCluster start(int nodes, String name, Duration deadline) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(HAPROXY))) {
            MissingTool.skipOrFail(HAPROXY + " is missing (apt-get install haproxy): cluster tests skipped",
                    HAPROXY + " is missing on CI (.ci/run installs it)");
        }
        Path jar = Path.of(System.getProperty("farmstand.launcher.jar", "../launcher/target/farmstand-launcher.jar"))
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing (build the launcher module first)");
        }
        ItEnvironment.start();
        Path workDir = Path.of(System.getProperty(ItEnvironment.WORK_DIR, "target/it")).toAbsolutePath();
        Path dataDir = workDir.resolve(name);
        Files.createDirectories(dataDir);
        Path out = dataDir.resolve("launcher.out");
        int port = freeBase(nodes);
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--cluster", String.valueOf(nodes), "--port", String.valueOf(port), "--data", dataDir.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("FARMSTAND_DB_URL", System.getProperty(ItEnvironment.DB_URL));
        pb.environment().put("FARMSTAND_DB_USER", System.getProperty(ItEnvironment.DB_USER));
        pb.environment().put("FARMSTAND_DB_PASSWORD", System.getProperty(ItEnvironment.DB_PASSWORD));
        LocalCluster cluster = new LocalCluster(port, dataDir, out, pb.start());
        try {
            cluster.awaitOutput("Press Ctrl-C to stop", deadline);
        } catch (AssertionError | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    String output() {
        return read(out);
    }

    /** Waits until the launcher printed {@code text}; fails if it exits first or the deadline passes. */
    void awaitOutput(String text, Duration deadline) throws InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        while (!output().contains(text)) {
            if (!launcher.isAlive()) {
                throw new AssertionError("the launcher exited (" + launcher.exitValue() + "):\n" + output());
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("no '" + text + "' within " + deadline.toSeconds() + " s:\n" + output());
            }
            Thread.sleep(300);
        }
    }

    /** A line on the launcher's console, e.g. {@code restart}. */
    void command(String line) throws IOException {
        console.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        console.flush();
    }

    String balancerUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    String nodeUrl(int node) {
        return "http://127.0.0.1:" + (port + node) + "/";
    }

    int cachePort() {
        return port + 900;
    }

    Path nodeLog(int node) {
        return dataDir.resolve("cluster/node" + node + "/payara.log");
    }

    long nodePid(int node) {
        return Long.parseLong(read(dataDir.resolve("cluster/node" + node + "/pid")).strip());
    }

    /** SIGTERM to the launcher (its shutdown hook stops HAProxy, the nodes, Terracotta); then checks no leftovers. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> descendants = launcher.descendants().toList();
        launcher.destroy();
        if (!launcher.waitFor(90, TimeUnit.SECONDS)) {
            launcher.destroyForcibly();
        }
        List<ProcessHandle> left = descendants.stream().filter(ProcessHandle::isAlive).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        if (!left.isEmpty()) {
            throw new AssertionError("processes left behind by the launcher: " + left);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    /** A base port P with the balancer, node, Hazelcast ({@code P+820+i}) and Terracotta ports free. */
    static int freeBase(int nodes) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 21_000 + ThreadLocalRandom.current().nextInt(18_000);
            List<Integer> offsets = new ArrayList<>(List.of(0, 900, 901));
            for (int i = 1; i <= nodes; i++) {
                offsets.add(i);
                offsets.add(820 + i);
            }
            if (offsets.stream().allMatch(offset -> free(base + offset))) {
                return base;
            }
        }
        throw new IllegalStateException("no free port block");
    }

    static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
