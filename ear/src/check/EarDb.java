import java.nio.file.Files;
import java.nio.file.Path;

import org.farmstand.embeddeddb.EmbeddedMariaDb;

/**
 * ear/check-ear.sh's database: starts the embedded MariaDB (from the launcher jar) on a free loopback port, writes
 * its JDBC URL to the file given as second argument, and stops the database when terminated (SIGTERM).
 * Run as a single-file program: {@code java -cp launcher/target/farmstand-launcher.jar EarDb.java WORKDIR URLFILE}.
 */
public class EarDb {
    public static void main(String[] args) throws Exception {
        EmbeddedMariaDb db = EmbeddedMariaDb.start(Path.of(args[0]), 0, "farmstand");
        Runtime.getRuntime().addShutdownHook(new Thread(db::close));
        Files.writeString(Path.of(args[1]), db.jdbcUrl() + "\n");
        Thread.currentThread().join();
    }
}
