package org.farmstand.platform.persistence;

import org.farmstand.embeddeddb.EmbeddedMariaDb;
import org.flywaydb.core.Flyway;
import org.mariadb.jdbc.MariaDbDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * An embedded MariaDB with the schema as Flyway migrates it, for the ITs that need the database but no container:
 * emptied and migrated on start (under {@code farmstand.it.work-dir}/{@code <name>-db}), stopped by {@link #close}.
 */
public final class MigratedDatabase implements AutoCloseable {

    private final EmbeddedMariaDb db;
    private final MariaDbDataSource dataSource;

    private MigratedDatabase(EmbeddedMariaDb db, MariaDbDataSource dataSource) {
        this.db = db;
        this.dataSource = dataSource;
    }

    public static MigratedDatabase start(String name) throws SQLException {
        Path dir = Path.of(System.getProperty("farmstand.it.work-dir", "target/it"), name + "-db");
        EmbeddedMariaDb db = EmbeddedMariaDb.start(dir, 0, "farmstand_" + name.replace('-', '_'));
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:db/migration").cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:db/migration").load().migrate();
        MariaDbDataSource ds = new MariaDbDataSource(db.jdbcUrl());
        ds.setUser(db.user());
        ds.setPassword(db.password());
        return new MigratedDatabase(db, ds);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        db.close();
    }
}
