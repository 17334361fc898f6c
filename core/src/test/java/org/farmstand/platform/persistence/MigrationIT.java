package org.farmstand.platform.persistence;

import org.farmstand.embeddeddb.EmbeddedMariaDb;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

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

    /** V19: the waiting-list sweep's cross-shop queries (by status) find the few live entries through an index. */
    @Test
    void waitingListSweepFindsLiveEntriesThroughAnIndexLeadingWithTheStatus() throws SQLException {
        flyway().clean();
        flyway().migrate();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             var s = c.prepareStatement("SELECT column_name FROM information_schema.statistics"
                     + " WHERE table_schema = DATABASE() AND table_name = 'waitlist_entry'"
                     + " AND index_name = 'ix_wait_status' ORDER BY seq_in_index")) {
            List<String> columns = new ArrayList<>();
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
            assertThat(columns).containsExactly("status", "tour_date_id", "offered_until");
        }
    }

    /**
     * V16: a product with unit kg that also had a price per kg and a piece weight was charged the estimated piece
     * price per ordered "kg"; it becomes a piece sold by weight, and so do the order lines priced that way. A plain
     * kg product and its lines stay as they are.
     */
    @Test
    void productsPricedPerKgWithUnitKgBecomePiecesWithTheirOrderLines() throws SQLException {
        flyway().clean();
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("classpath:db/migration")
                .target("14").load().migrate();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); var s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tenant (id, slug, name) VALUES (1, 't1', 'T1'), (2, 't2', 'T2')");
            s.executeUpdate("INSERT INTO tour (id, tenant_id, name, weekday, postcodes, capacity)"
                    + " VALUES (1, 1, 'Tour', 2, '79*', 5)");
            s.executeUpdate("INSERT INTO tour_date (id, tenant_id, tour_id, delivery_date, capacity, cutoff_at)"
                    + " VALUES (1, 1, 1, '2030-01-01', 5, '2029-12-30 17:00:00')");
            s.executeUpdate("INSERT INTO customer (id, tenant_id, email, password_hash, first_name, last_name, street,"
                    + " postcode, city, status) VALUES (1, 1, 'a@example.org', 'x', 'A', 'B', 'S 1', '79098', 'F',"
                    + " 'ACTIVE')");
            s.executeUpdate("INSERT INTO product (id, tenant_id, slug, name, unit, price_cents, price_per_kg_cents,"
                    + " approx_weight_g) VALUES (1, 1, 'kohlrabi', 'Kohlrabi', 'KG', 64, 320, 200),"
                    + " (2, 1, 'kartoffeln', 'Kartoffeln', 'KG', 320, NULL, NULL),"
                    + " (3, 2, 'kuerbis', 'Kürbis', 'PIECE', 2392, 2990, 800)");
            s.executeUpdate("INSERT INTO customer_order (id, tenant_id, order_number, customer_id, tour_date_id,"
                    + " status, total_cents, idempotency_key) VALUES (1, 1, 'T-1', 1, 1, 'PLACED', 832, 'k1')");
            s.executeUpdate("INSERT INTO order_line (tenant_id, order_id, product_id, product_name, unit, quantity,"
                    + " unit_price_cents, line_total_cents) VALUES (1, 1, 1, 'Kohlrabi', 'KG', 3, 64, 192),"
                    + " (1, 1, 2, 'Kartoffeln', 'KG', 2, 320, 640)");
        }
        flyway().migrate();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); var s = c.createStatement()) {
            assertThat(column(s, "SELECT CONCAT(id, ':', unit, ':', price_cents) FROM product ORDER BY id"))
                    .isEqualTo("1:PIECE:64,2:KG:320,3:PIECE:2392");
            assertThat(column(s, "SELECT CONCAT(product_id, ':', unit, ':', quantity, ':', line_total_cents)"
                    + " FROM order_line ORDER BY product_id")).isEqualTo("1:PIECE:3:192,2:KG:2:640");
            assertThat(column(s, "SELECT CONCAT(id, ':', content_version) FROM tenant ORDER BY id"))
                    .isEqualTo("1:1,2:0");
        }
    }

    /**
     * V18: order lines of products sold by weight get the price per kg and piece weight they were priced at, as far as
     * the product's estimate is still the line's unit price; other lines stay priced per unit. A weighed weight needs
     * a price per kg and is more than 0.
     */
    @Test
    void orderLinesOfProductsSoldByWeightKeepThePricePerKgTheyWereOrderedAt() throws SQLException {
        flyway().clean();
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("classpath:db/migration")
                .target("16").load().migrate();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); var s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tenant (id, slug, name) VALUES (1, 't1', 'T1')");
            s.executeUpdate("INSERT INTO tour (id, tenant_id, name, weekday, postcodes, capacity)"
                    + " VALUES (1, 1, 'Tour', 2, '79*', 5)");
            s.executeUpdate("INSERT INTO tour_date (id, tenant_id, tour_id, delivery_date, capacity, cutoff_at)"
                    + " VALUES (1, 1, 1, '2030-01-01', 5, '2029-12-30 17:00:00')");
            s.executeUpdate("INSERT INTO customer (id, tenant_id, email, password_hash, first_name, last_name, street,"
                    + " postcode, city, status) VALUES (1, 1, 'a@example.org', 'x', 'A', 'B', 'S 1', '79098', 'F',"
                    + " 'ACTIVE')");
            s.executeUpdate("INSERT INTO product (id, tenant_id, slug, name, unit, price_cents, price_per_kg_cents,"
                    + " approx_weight_g) VALUES (1, 1, 'kuerbis', 'Kürbis', 'PIECE', 420, 350, 1200),"
                    + " (2, 1, 'kaese', 'Käse', 'PIECE', 723, 2890, 250), (3, 1, 'brot', 'Brot', 'PIECE', 490, NULL, NULL)");
            s.executeUpdate("INSERT INTO customer_order (id, tenant_id, order_number, customer_id, tour_date_id,"
                    + " status, total_cents, idempotency_key) VALUES (1, 1, 'T-1', 1, 1, 'PLACED', 2133, 'k1')");
            // the cheese's price per kg has changed since it was ordered at 7.00 a piece: unknown what it was then
            s.executeUpdate("INSERT INTO order_line (tenant_id, order_id, product_id, product_name, unit, quantity,"
                    + " unit_price_cents, line_total_cents) VALUES (1, 1, 1, 'Kürbis', 'PIECE', 2, 420, 840),"
                    + " (1, 1, 2, 'Käse', 'PIECE', 1, 700, 700), (1, 1, 3, 'Brot', 'PIECE', 1, 490, 490)");
        }
        flyway().migrate();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); var s = c.createStatement()) {
            assertThat(column(s, "SELECT CONCAT(product_id, ':', IFNULL(price_per_kg_cents, '-'), ':',"
                    + " IFNULL(approx_weight_g, '-'), ':', IFNULL(weighed_g, '-'), ':', line_total_cents)"
                    + " FROM order_line ORDER BY product_id")).isEqualTo("1:350:1200:-:840,2:-:-:-:700,3:-:-:-:490");
            assertThatThrownBy(() -> s.executeUpdate("UPDATE order_line SET weighed_g = 0 WHERE product_id = 1"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeUpdate("UPDATE order_line SET weighed_g = 500 WHERE product_id = 3"))
                    .isInstanceOf(SQLException.class);
            s.executeUpdate("UPDATE order_line SET weighed_g = 2650 WHERE product_id = 1");
        }
    }

    private static String column(java.sql.Statement s, String sql) throws SQLException {
        StringBuilder values = new StringBuilder();
        try (var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.append(values.isEmpty() ? "" : ",").append(rs.getString(1));
            }
        }
        return values.toString();
    }
}
