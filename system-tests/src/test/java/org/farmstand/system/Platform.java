package org.farmstand.system;

import org.farmstand.testing.ItEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The whole platform as {@code ./run.sh} starts it: the launcher jar as a child process (one Payara Micro with the
 * storefront at {@code /} and the admin at {@code /admin}, demo shops seeded), but on the tests' MariaDB
 * ({@code FARMSTAND_DB_URL}) and sending mail to their GreenMail ({@code FARMSTAND_MAIL_MODE=smtp}).
 *
 * <p>Started once per test JVM on a free port (booting takes half a minute), stopped by a shutdown hook. The
 * launcher's own output and Payara's log go to {@code ${farmstand.it.work-dir}/platform/}.
 */
final class Platform {

    private static final Logger LOG = Logger.getLogger(Platform.class.getName());
    private static final Duration STARTUP = Duration.ofMinutes(5);

    private static Platform running;

    private final Process process;
    private final URI base;
    private final Path dataDir;

    private Platform(Process process, URI base, Path dataDir) {
        this.process = process;
        this.base = base;
        this.dataDir = dataDir;
    }

    /** The running platform; starts it at the first call. */
    static synchronized Platform get() {
        if (running == null) {
            running = start();
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "platform-stop"));
        }
        return running;
    }

    /** {@code http://localhost:PORT/} (the host the launcher puts into mail links). */
    URI base() {
        return base;
    }

    /** Absolute URL of a storefront path below {@code /s/}, e.g. {@code sonnenhof/cart}. */
    String storefront(String shopPath) {
        return base.resolve("s/" + shopPath).toString();
    }

    /** Absolute URL of an admin path below {@code /admin/}. */
    String admin(String path) {
        return base.resolve("admin/" + path).toString();
    }

    private static Platform start() {
        ItEnvironment.start();
        String jar = System.getProperty("farmstand.launcher.jar", "../launcher/target/farmstand-launcher.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(jar + " is missing: build the launcher module first");
        }
        Path dataDir = ItEnvironment.workDir().resolve("platform");
        int port = freePort();
        try {
            Files.createDirectories(dataDir);
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> cmd = new ArrayList<>(List.of(java, "-XX:-UsePerfData",
                    "-Djava.io.tmpdir=" + dataDir.resolve("tmp"),
                    "-jar", Path.of(jar).toAbsolutePath().toString(),
                    "--port", String.valueOf(port), "--data", dataDir.toString()));
            Files.createDirectories(dataDir.resolve("tmp"));
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("launcher.log").toFile());
            var env = pb.environment();
            env.put("FARMSTAND_DB_URL", ItEnvironment.jdbcUrl());
            env.put("FARMSTAND_DB_USER", System.getProperty(ItEnvironment.DB_USER));
            env.put("FARMSTAND_DB_PASSWORD", System.getProperty(ItEnvironment.DB_PASSWORD));
            env.put("FARMSTAND_MAIL_MODE", "smtp");
            env.put("FARMSTAND_MAIL_SMTP_HOST", "127.0.0.1");
            env.put("FARMSTAND_MAIL_SMTP_PORT", String.valueOf(ItEnvironment.smtpPort()));
            env.put("FARMSTAND_MAIL_RELAY_INTERVAL_MS", "200");
            Process process = pb.start();
            process.getOutputStream().close();
            URI base = URI.create("http://localhost:" + port + "/");
            Platform platform = new Platform(process, base, dataDir);
            long started = System.nanoTime();
            platform.awaitReady();
            LOG.info(() -> String.format("Platform up on %s in %d s", base,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds()));
            return platform;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The launcher exited with " + process.exitValue() + ":\n" + log());
            }
            // the launcher prints its banner once both WARs are deployed and /health/ready answered 200
            if (log().contains("/admin/") && status(client, "admin/login") == 200 && status(client, "health/ready") == 200) {
                return;
            }
            sleep(500);
        }
        stop();
        throw new IllegalStateException("The platform was not ready within " + STARTUP + ":\n" + log());
    }

    private int status(HttpClient client, String path) {
        try {
            return client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String log() {
        try {
            return Files.readString(dataDir.resolve("launcher.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no launcher log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM to the launcher, which stops Payara cleanly; SIGKILL to what is left after 60 s. */
    synchronized void stop() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
