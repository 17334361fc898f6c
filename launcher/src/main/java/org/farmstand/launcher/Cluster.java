package org.farmstand.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A local cluster on loopback: a Terracotta server (clustered cache tier, unpacked from the Ehcache kit into the data
 * dir), N Payara Micro nodes with both WARs (Hazelcast in tcpip mode with the listed member ports, so HTTP sessions
 * replicate) and HAProxy in front (sticky cookie {@code FSNODE}, health checks on {@code /health/ready}, a request
 * for a dead node goes to another one). The database is the caller's.
 *
 * <p>Ports derive from the balancer's port P: nodes {@code P+1..P+N}, Hazelcast {@code P+820+i}, Terracotta
 * {@code P+900} (group port {@code P+901}). Files go under {@code DATA/cluster/}: {@code terracotta/},
 * {@code nodeI/} (Payara root, tmp, {@code payara.log}, {@code pid}), {@code haproxy/} (config, runtime socket, log).
 *
 * <p>Also used as a library by {@link RollingRestart}: {@link #stopNode}, {@link #startNode}, {@link #drain} and
 * {@link #ready} take one node out of the balancer and back.
 */
final class Cluster implements AutoCloseable {

    static final String HAPROXY = "/usr/sbin/haproxy";
    static final Duration NODE_STOP_GRACE = Duration.ofSeconds(20);

    record Db(String url, String user, String password) {
    }

    private final Path runtimeDir;
    private final Path dir;
    private final int port;
    private final int nodes;
    private Db db;
    private final boolean seed;
    private final PrintStream out;
    private final String java;

    private Process terracotta;
    private Process haproxy;
    private final Process[] payara;
    private volatile boolean closing;
    /** Every process started, so that close() leaves none behind (also one started while closing). */
    private final List<Process> spawned = new ArrayList<>();

    Cluster(Path runtimeDir, Path dataDir, int port, int nodes, boolean seed, PrintStream out) {
        if (nodes < 1 || nodes > 9) {
            throw new IllegalArgumentException("--cluster needs 1 to 9 nodes, got " + nodes);
        }
        this.runtimeDir = runtimeDir;
        this.dir = dataDir.resolve("cluster");
        this.port = port;
        this.nodes = nodes;
        this.seed = seed;
        this.out = out;
        this.payara = new Process[nodes + 1];
        this.java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    int nodeCount() {
        return nodes;
    }

    int nodePort(int node) {
        return port + node;
    }

    int hazelcastPort(int node) {
        return port + 820 + node;
    }

    int terracottaPort() {
        return port + 900;
    }

    String cacheUri() {
        return "terracotta://127.0.0.1:" + terracottaPort() + "/farmstand";
    }

    Path nodeLog(int node) {
        return dir.resolve("node" + node).resolve("payara.log");
    }

    Path terracottaLog() {
        return dir.resolve("terracotta").resolve("terracotta.log");
    }

    Path haproxyConfig() {
        return dir.resolve("haproxy").resolve("haproxy.cfg");
    }

    Process node(int node) {
        return payara[node];
    }

    /** Checks that every port is free and HAProxy and the kit are there (before anything is started). */
    void check() {
        if (!Files.isExecutable(Path.of(HAPROXY))) {
            throw new IllegalStateException(HAPROXY + " is missing: install Debian's haproxy (apt-get install haproxy)");
        }
        if (!Files.isRegularFile(runtimeDir.resolve(TerracottaServer.KIT))) {
            throw new IllegalStateException(runtimeDir.resolve(TerracottaServer.KIT) + " is missing: build first");
        }
        List<Integer> ports = new ArrayList<>(List.of(port, terracottaPort(), terracottaPort() + 1));
        for (int i = 1; i <= nodes; i++) {
            ports.add(nodePort(i));
            ports.add(hazelcastPort(i));
        }
        for (int p : ports) {
            if (!Main.portFree("127.0.0.1", p)) {
                throw new IllegalStateException("Port " + p + " on 127.0.0.1 is in use (the cluster uses " + ports
                        + "; choose another --port)");
            }
        }
    }

    /**
     * Terracotta, then all nodes at once (the schema migration takes a database lock, only node 1 seeds the demo
     * data), then HAProxy.
     */
    void start(Db db, Duration deadline) throws IOException, InterruptedException {
        this.db = db;
        Files.createDirectories(dir);
        startTerracotta();
        for (int i = 1; i <= nodes; i++) {
            startNode(i);
        }
        for (int i = 1; i <= nodes; i++) {
            awaitNode(i, deadline);
        }
        startHaproxy();
    }

    // ---------------------------------------------------------------------------------------------- terracotta

    private void startTerracotta() throws IOException, InterruptedException {
        Path tc = dir.resolve("terracotta");
        Path kit = runtimeDir.resolve(TerracottaServer.KIT);
        if (!TerracottaServer.unpacked(kit, tc)) {
            out.println("Unpacking the Terracotta server from " + kit + " ...");
        }
        Path server = TerracottaServer.unpack(kit, tc);
        // the cache is volatile: a fresh configuration every start (no state from an earlier run)
        Main.deleteTree(tc.resolve("config"));
        Files.createDirectories(tc.resolve("logs"));
        List<String> cmd = TerracottaServer.command(java, server, "cache1", "farmstand", terracottaPort(),
                terracottaPort() + 1, 192, 256, tc.resolve("config"), tc.resolve("logs"));
        out.printf("Starting the Terracotta cache server on 127.0.0.1:%d ...%n", terracottaPort());
        terracotta = start(cmd, tc, terracottaLog(), Map.of());
        Files.writeString(tc.resolve("pid"), String.valueOf(terracotta.pid()));
        TerracottaServer.awaitReady(terracotta, terracottaLog(), Duration.ofMinutes(2), () -> closing);
    }

    // ---------------------------------------------------------------------------------------------- nodes

    /** Starts node {@code i} (1-based) in the background; {@link #awaitNode} waits until it serves. */
    void startNode(int i) throws IOException {
        Path home = dir.resolve("node" + i);
        Main.deleteTree(home.resolve("payara")); // no stale deployments from an earlier run
        Files.createDirectories(home.resolve("payara"));
        Files.createDirectories(home.resolve("tmp"));
        String members = IntStream.rangeClosed(1, nodes)
                .mapToObj(n -> "127.0.0.1:" + hazelcastPort(n))
                .collect(Collectors.joining(","));
        Path preboot = home.resolve("preboot.asadmin");
        Files.writeString(preboot, Main.prebootCommands("127.0.0.1"), StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(java, "-Djava.awt.headless=true", "-Xmx512m", Main.PAYARA_GC,
                "-Djava.io.tmpdir=" + home.resolve("tmp"),
                "-Dfarmstand.db.url=" + db.url(),
                "-Dfarmstand.db.user=" + db.user(),
                "-Dfarmstand.demo.seed=" + (seed && i == 1),
                "-Dfarmstand.cache.cluster-uri=" + cacheUri()));
        if (db.password().isEmpty()) {
            cmd.add("-Dfarmstand.db.password=");
        }
        cmd.addAll(Main.localRunDefaults(System.getenv(), port));
        cmd.addAll(List.of("-jar", runtimeDir.resolve("payara-micro.jar").toString(),
                "--deploy", runtimeDir.resolve("storefront.war") + ":/",
                "--deploy", runtimeDir.resolve("admin.war") + ":/admin",
                "--port", String.valueOf(nodePort(i)),
                "--interfaces", "127.0.0.1",
                "--clustermode", "tcpip:" + members,
                "--startport", String.valueOf(hazelcastPort(i)),
                "--clustername", "farmstand-" + port,
                "--name", "node" + i,
                "--disablephonehome",
                "--rootdir", home.resolve("payara").toString(),
                "--prebootcommandfile", preboot.toString()));
        Path log = nodeLog(i);
        if (Files.exists(log)) {
            Files.move(log, log.resolveSibling("payara.log.1"), StandardCopyOption.REPLACE_EXISTING);
        }
        out.printf("Starting node%d on 127.0.0.1:%d (log: %s) ...%n", i, nodePort(i), log);
        // the database password reaches the nodes as FARMSTAND_DB_PASSWORD (inherited), never on the command line
        payara[i] = start(cmd, home, log, Map.of());
        Files.writeString(home.resolve("pid"), String.valueOf(payara[i].pid()));
    }

    /** Until both WARs are deployed and {@code /health/ready} answers 200. */
    void awaitNode(int i, Duration deadline) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodePort(i) + Main.READY_PATH))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long until = System.nanoTime() + deadline.toNanos();
        while (true) {
            Process p = payara[i];
            if (closing) {
                throw new InterruptedException("stopping");
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("node" + i + " exited during start-up (exit code " + p.exitValue()
                        + "; log: " + nodeLog(i) + ")");
            }
            String log = Main.LogTail.read(nodeLog(i));
            if (log.contains("storefront was successfully deployed") && log.contains("admin was successfully deployed")) {
                try {
                    if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
            } else if (Main.PAYARA_READY.matcher(log).find()) {
                throw new IllegalStateException("node" + i + ": a deployment failed (log: " + nodeLog(i) + ")");
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("node" + i + " was not ready within " + deadline.toMinutes()
                        + " minutes (log: " + nodeLog(i) + ")");
            }
            Thread.sleep(500);
        }
    }

    /** SIGTERM, then SIGKILL after the grace period. */
    void stopNode(int i) throws InterruptedException {
        Process p = payara[i];
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        if (!p.waitFor(NODE_STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    // ---------------------------------------------------------------------------------------------- haproxy

    String haproxyConfigText() {
        Path socket = dir.resolve("haproxy").resolve("admin.sock");
        StringBuilder b = new StringBuilder();
        b.append("# generated by the Farmstand launcher (--cluster ").append(nodes).append("); changes are overwritten\n");
        b.append("global\n");
        b.append("    maxconn 4096\n");
        b.append("    stats socket ").append(socket).append(" mode 600 level admin\n");
        b.append("\n");
        b.append("defaults\n");
        b.append("    mode http\n");
        b.append("    log stdout format raw local0 notice\n");
        b.append("    option httplog\n");
        b.append("    timeout connect 2s\n");
        b.append("    timeout client 60s\n");
        b.append("    timeout server 60s\n");
        b.append("    timeout http-request 15s\n");
        b.append("    # a node that refuses the connection (killed, restarting): the retry goes to another node\n");
        b.append("    retries 2\n");
        b.append("    option redispatch 1\n");
        b.append("\n");
        b.append("frontend farmstand\n");
        b.append("    bind 127.0.0.1:").append(port).append("\n");
        b.append("    # an HTTP/2 cleartext upgrade (Java's HttpClient asks for one) would turn the connection into a tunnel\n");
        b.append("    # past the sticky cookie and the health checks: the nodes are spoken to in HTTP/1.1\n");
        b.append("    http-request del-header Upgrade if { req.hdr(Upgrade) -m sub -i h2c }\n");
        b.append("    http-request del-header HTTP2-Settings\n");
        b.append("    # plain HTTP here: the nodes map X-Forwarded-Proto to the request's scheme (never the\n");
        b.append("    # client's own header)\n");
        b.append("    http-request set-header X-Forwarded-Proto http\n");
        b.append("    # a broken percent-escape in the path (%ZZ) is answered 200 with an empty body by the\n");
        b.append("    # nodes' HTTP layer, which logs a SEVERE stack trace for each: refused here with 400\n");
        b.append("    http-request deny deny_status 400 if { path -m reg ")
                .append("%([^0-9A-Fa-f]|[0-9A-Fa-f]([^0-9A-Fa-f]|$)|$) }\n");
        b.append("    default_backend nodes\n");
        b.append("\n");
        b.append("backend nodes\n");
        b.append("    balance roundrobin\n");
        b.append("    # sticky: a client stays on the node that served it; sessions are replicated, so any node can\n");
        b.append("    # take over when its node goes away\n");
        b.append("    cookie FSNODE insert indirect nocache httponly attr SameSite=Lax\n");
        b.append("    option httpchk GET ").append(Main.READY_PATH).append("\n");
        b.append("    http-check expect status 200\n");
        b.append("    default-server inter 1s fastinter 500ms downinter 1s fall 2 rise 2\n");
        for (int i = 1; i <= nodes; i++) {
            b.append("    server node").append(i).append(" 127.0.0.1:").append(nodePort(i))
                    .append(" check cookie node").append(i).append("\n");
        }
        return b.toString();
    }

    private void startHaproxy() throws IOException, InterruptedException {
        Path home = dir.resolve("haproxy");
        Files.createDirectories(home);
        Files.deleteIfExists(home.resolve("admin.sock"));
        Files.writeString(haproxyConfig(), haproxyConfigText(), StandardCharsets.UTF_8);
        Path log = home.resolve("haproxy.log");
        out.printf("Starting HAProxy on 127.0.0.1:%d (config: %s) ...%n", port, haproxyConfig());
        // -db: foreground, no daemon (a child of this launcher, stopped with it)
        haproxy = start(List.of(HAPROXY, "-db", "-f", haproxyConfig().toString()), home, log, Map.of());
        Files.writeString(home.resolve("pid"), String.valueOf(haproxy.pid()));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + Main.READY_PATH))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            if (!haproxy.isAlive()) {
                throw new IllegalStateException("HAProxy exited (exit code " + haproxy.exitValue() + "): "
                        + Main.LogTail.read(log).strip());
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("HAProxy did not answer " + Main.READY_PATH + " with 200 within 30 s");
            }
            Thread.sleep(300);
        }
    }

    /** One command on HAProxy's runtime API (unix socket); returns its answer. */
    String haproxyCommand(String command) throws IOException {
        Path socket = dir.resolve("haproxy").resolve("admin.sock");
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            StringBuilder answer = new StringBuilder();
            while (channel.read(buffer) > 0) {
                buffer.flip();
                answer.append(StandardCharsets.US_ASCII.decode(buffer));
                buffer.clear();
            }
            return answer.toString();
        }
    }

    /** Takes node {@code i} out of the balancer (its sticky clients move to the other nodes). */
    void drain(int i) throws IOException {
        haproxyCommand("set server nodes/node" + i + " state maint");
    }

    /** Puts node {@code i} back into the balancer. */
    void ready(int i) throws IOException {
        haproxyCommand("set server nodes/node" + i + " state ready");
    }

    /** Requests in progress on node {@code i} as HAProxy counts them ({@code scur} of the server line). */
    int activeRequests(int i) throws IOException {
        String csv = haproxyCommand("show stat");
        for (String line : csv.split("\n")) {
            String[] f = line.split(",", -1);
            if (f.length > 4 && "nodes".equals(f[0]) && ("node" + i).equals(f[1])) {
                return Integer.parseInt(f[4].isEmpty() ? "0" : f[4]);
            }
        }
        return 0;
    }

    /** HAProxy's view of node {@code i}: UP, DOWN, MAINT, ... ({@code status} of the server line). */
    String status(int i) throws IOException {
        String csv = haproxyCommand("show stat");
        for (String line : csv.split("\n")) {
            String[] f = line.split(",", -1);
            if (f.length > 17 && "nodes".equals(f[0]) && ("node" + i).equals(f[1])) {
                return f[17];
            }
        }
        return "?";
    }

    /**
     * Restarts the nodes one at a time: out of the balancer (its sticky clients move on; their sessions are in the
     * data grid), wait for its requests in progress, stop it gracefully (its data-grid partitions migrate), start it,
     * wait until it serves, back into the balancer, let the data grid settle, next node.
     */
    void rollingRestart(Duration deadline) throws IOException, InterruptedException {
        long started = System.nanoTime();
        for (int i = 1; i <= nodes; i++) {
            long nodeStarted = System.nanoTime();
            out.printf("Rolling restart: node%d out of the balancer ...%n", i);
            drain(i);
            long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (activeRequests(i) > 0 && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            out.printf("Rolling restart: stopping node%d ...%n", i);
            stopNode(i);
            startNode(i);
            awaitNode(i, deadline);
            ready(i);
            until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!status(i).startsWith("UP") && System.nanoTime() < until) {
                Thread.sleep(200);
            }
            // give the data grid time to move partitions (and session backups) back onto the new member
            Thread.sleep(5000);
            out.printf("Rolling restart: node%d back (%s) after %d s%n", i, status(i),
                    Duration.ofNanos(System.nanoTime() - nodeStarted).toSeconds());
        }
        out.printf("Rolling restart done in %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    // ---------------------------------------------------------------------------------------------- common

    private synchronized Process start(List<String> cmd, Path workDir, Path log, Map<String, String> env)
            throws IOException {
        if (closing) {
            throw new IllegalStateException("stopping");
        }
        Files.createDirectories(log.getParent());
        Files.writeString(log, "# " + String.join(" ", cmd) + System.lineSeparator(), StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        spawned.add(p);
        p.getOutputStream().close();
        return p;
    }

    /** The URLs and where the logs are. */
    String banner(Duration took) {
        String base = "http://localhost:" + port;
        String line = "=".repeat(78);
        StringBuilder b = new StringBuilder();
        b.append(System.lineSeparator()).append(line).append(System.lineSeparator());
        b.append(String.format(" Farmstand cluster of %d node%s is running (started in %d s)%n%n", nodes,
                nodes == 1 ? "" : "s", took.toSeconds()));
        b.append(String.format(" Shops        %s/s/sonnenhof/   %s/s/lindenhof/%n", base, base));
        b.append(String.format(" Admin        %s/admin/%n", base));
        b.append(String.format(" Balancer     HAProxy on 127.0.0.1:%d (config %s)%n", port, haproxyConfig()));
        for (int i = 1; i <= nodes; i++) {
            b.append(String.format(" node%d        http://127.0.0.1:%d/  (Hazelcast %d, pid %d, log %s)%n", i,
                    nodePort(i), hazelcastPort(i), payara[i].pid(), nodeLog(i)));
        }
        b.append(String.format(" Cache server %s (log %s)%n", cacheUri(), terracottaLog()));
        b.append(String.format(" Database     %s%n", db.url()));
        b.append(String.format("%n Demo logins as in single-node mode (e.g. %s / %s, shop customer %s / %s)%n",
                Main.SONNENHOF_OWNER, Main.SONNENHOF_OWNER_PASSWORD, Main.SONNENHOF_CUSTOMER,
                Main.SONNENHOF_CUSTOMER_PASSWORD));
        b.append(System.lineSeparator()).append(" Press Ctrl-C to stop").append(System.lineSeparator());
        b.append(line).append(System.lineSeparator());
        return b.toString();
    }

    /** HAProxy, then the nodes (in parallel, gracefully), then Terracotta. Idempotent. */
    @Override
    public synchronized void close() {
        closing = true;
        stop("HAProxy", haproxy);
        haproxy = null;
        List<Thread> stoppers = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            int node = i;
            if (payara[node] != null && payara[node].isAlive()) {
                out.println("Stopping node" + node + " ...");
                Thread t = new Thread(() -> {
                    try {
                        stopNode(node);
                    } catch (InterruptedException e) {
                        payara[node].destroyForcibly();
                    }
                });
                t.start();
                stoppers.add(t);
            }
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stop("the Terracotta server", terracotta);
        terracotta = null;
        for (Process p : spawned) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private void stop(String what, Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        out.println("Stopping " + what + " ...");
        List<ProcessHandle> descendants = p.descendants().toList();
        p.destroy();
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
