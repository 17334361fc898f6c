package org.farmstand.platform.persistence;

import org.farmstand.embeddeddb.EmbeddedMariaDb;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema migrates from an empty database, a second run changes nothing, and the DB refuses overselling. */
class MigrationIT {

    static EmbeddedMariaDb db;

    @BeforeAll
    static void start() {
        Path dir = Path.of(System.getProperty("farmstand.it.work-dir", "target/it"), "migration-db");
        db = EmbeddedMariaDb.start(dir, 0, "farmstand_migration");
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    Flyway flyway() {
        return Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:db/migration").cleanDisabled(false).load();
    }

    @Test
    void migratesFromEmptyThenAgainWithoutChanges() throws SQLException {
        flyway().clean();
        var first = flyway().migrate();
        assertThat(first.migrationsExecuted).isPositive();
        var second = flyway().migrate();
        assertThat(second.migrationsExecuted).isZero();
        assertThat(flyway().validateWithResult().validationSuccessful).isTrue();

        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); var s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tenant (slug, name) VALUES ('t1', 'T1')");
            s.executeUpdate("INSERT INTO tour (tenant_id, name, weekday, postcodes, capacity) "
                    + "SELECT id, 'Tour', 2, '79*', 1 FROM tenant WHERE slug = 't1'");
            s.executeUpdate("INSERT INTO tour_date (tenant_id, tour_id, delivery_date, capacity, cutoff_at) "
                    + "SELECT tenant_id, id, '2030-01-01', 1, '2029-12-30 17:00:00' FROM tour");
            // the conditional update takes the last place once, then finds no row
            String take = "UPDATE tour_date SET booked = booked + 1 WHERE booked + held + 1 <= capacity";
            assertThat(s.executeUpdate(take)).isEqualTo(1);
            assertThat(s.executeUpdate(take)).isZero();
            // and a blind update is refused by the CHECK constraint
            assertThatThrownBy(() -> s.executeUpdate("UPDATE tour_date SET booked = booked + 1"))
                    .isInstanceOf(SQLException.class);
        }
    }
}
