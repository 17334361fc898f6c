package org.farmstand.embeddeddb;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedMariaDbTest {

    private static Path workDir() {
        return Path.of(System.getProperty("farmstand.test.work-dir", "target/embedded-db-test"));
    }

    @Test
    void dataSurvivesARestart() throws Exception {
        Path dir = workDir();
        int port;
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dir, 0, "farmstand_test")) {
            port = db.port();
            assertTrue(port > 0);
            assertEquals("jdbc:mariadb://127.0.0.1:" + port + "/farmstand_test", db.jdbcUrl());
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS marker (id INT PRIMARY KEY, label VARCHAR(20))");
                s.execute("REPLACE INTO marker VALUES (1, 'Käse 🧀')");
                try (ResultSet rs = s.executeQuery("SELECT @@character_set_server, @@bind_address")) {
                    rs.next();
                    assertEquals("utf8mb4", rs.getString(1));
                    assertEquals("127.0.0.1", rs.getString(2));
                }
            }
        }
        assertTrue(Files.isDirectory(dir.resolve("data/farmstand_test")));

        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dir, 0, "farmstand_test");
             Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT label FROM marker WHERE id = 1")) {
            assertTrue(rs.next(), "row written before the restart");
            assertEquals("Käse 🧀", rs.getString(1));
        }
    }

    @Test
    void longWorkDirFallsBackToAShortSocketPath() {
        Path longDir = Path.of("/work/" + "x".repeat(120));
        Path socket = EmbeddedMariaDb.socketPath(longDir);
        assertTrue(socket.toString().length() <= 100, socket.toString());
        assertFalse(socket.startsWith(longDir));
        assertEquals(Path.of("/srv/fs/mysqld.sock"), EmbeddedMariaDb.socketPath(Path.of("/srv/fs")));
    }
}
