package org.farmstand.admin;

import org.farmstand.testing.Http;
import org.farmstand.testing.ItEnvironment;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.farmstand.testing.ItEnvironment.queryLong;
import static org.farmstand.testing.ItEnvironment.queryString;
import static org.farmstand.testing.ItEnvironment.update;

/**
 * The first hoster of a production install comes from the configuration (farmstand.bootstrap.hoster-email and
 * -password, here in a config file added to the admin WAR, ordinal 150, so only this class's Payara gets them): with no
 * active hoster in the database (the demo hoster is deactivated for this class), the first start creates the account,
 * which signs in, reaches the hoster pages, creates a shop and changes its own password; a second start (the WAR
 * deployed again, i.e. a new Payara on the same database) leaves that password alone. The tests build on each other
 * in order, across the restart.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HosterBootstrapIT {

    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String EMAIL = "ops-" + SUFFIX + "@hoster.example";
    static final String CONFIGURED = "configured-" + SUFFIX;
    static final String CHANGED = "changed-" + SUFFIX;

    /** The hosters this class deactivated, to be reactivated at its end. */
    static final List<Long> deactivated = new ArrayList<>();

    @Deployment(name = "admin", managed = false, testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class,
                        new File(System.getProperty("farmstand.it.build-dir", "target"), "admin.war"))
                .addAsResource(new StringAsset("config_ordinal=150\n"
                        + "farmstand.bootstrap.hoster-email=" + EMAIL.toUpperCase() + "\n"
                        + "farmstand.bootstrap.hoster-password=" + CONFIGURED + "\n"),
                        "META-INF/microprofile-config.properties");
    }

    @ArquillianResource
    Deployer deployer;

    static Http signedIn(URL base, String email, String password) {
        Http http = new Http(URI.create(base.toString()));
        var response = http.post("login", AdminIT.loginForm(http, email, password));
        assertThat(response.status()).as("sign-in of " + email + ": " + response).isEqualTo(302);
        return http;
    }

    static int signInStatus(URL base, String email, String password) {
        Http http = new Http(URI.create(base.toString()));
        return http.post("login", AdminIT.loginForm(http, email, password)).status();
    }

    @Test
    @Order(1)
    void firstStartWithoutAnActiveHoster() throws SQLException {
        try (Connection c = ItEnvironment.jdbc();
             ResultSet hosters = c.createStatement().executeQuery(
                     "SELECT id FROM staff_user WHERE role = 'HOSTER' AND active = TRUE")) {
            while (hosters.next()) {
                deactivated.add(hosters.getLong(1));
            }
        } catch (SQLException e) {
            // the first test class on a fresh database: no schema, so no hoster yet (the bootstrap runs before the
            // demo seeding, which adds the demo hoster afterwards)
            if (!e.getMessage().contains("staff_user")) {
                throw e;
            }
        }
        for (long id : deactivated) {
            update("UPDATE staff_user SET active = FALSE WHERE id = ?", id);
        }
        deployer.deploy("admin");
    }

    @Test
    @Order(2)
    void theConfiguredHosterSignsInReachesTheHosterPagesAndCreatesAShop(
            @ArquillianResource @OperateOnDeployment("admin") URL base) {
        assertThat(queryString("SELECT role FROM staff_user WHERE email = ?", EMAIL)).isEqualTo("HOSTER");
        assertThat(queryString("SELECT password_hash FROM staff_user WHERE email = ?", EMAIL))
                .startsWith("PBKDF2WithHmacSHA256:").doesNotContain(CONFIGURED);

        Http hoster = signedIn(base, EMAIL, CONFIGURED);
        var shops = hoster.get("hoster/tenants");
        assertThat(shops.status()).isEqualTo(200);
        String slug = "boot-" + SUFFIX;
        var created = hoster.post("hoster/tenants", AdminIT.shopForm(shops.body(), slug, "Hof " + SUFFIX,
                "owner-" + SUFFIX + "@shops.example", "owner-pw-" + SUFFIX));
        assertThat(created.status()).as(created.toString()).isEqualTo(302);
        assertThat(queryLong("SELECT COUNT(*) FROM tenant WHERE slug = ?", slug)).isEqualTo(1);
    }

    @Test
    @Order(3)
    void theHosterChangesTheirOwnPasswordGivingTheCurrentOne(
            @ArquillianResource @OperateOnDeployment("admin") URL base) {
        Http hoster = signedIn(base, EMAIL, CONFIGURED);
        Http otherSession = signedIn(base, EMAIL, CONFIGURED);

        var wrong = hoster.post("hoster/account", accountForm(hoster, "not-the-password", CHANGED));
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.body()).containsAnyOf("Das aktuelle Passwort ist falsch.", "The current password is wrong.");

        var saved = hoster.post("hoster/account", accountForm(hoster, CONFIGURED, CHANGED));
        String changedHash = queryString("SELECT password_hash FROM staff_user WHERE email = ?", EMAIL);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(302);
        assertThat(saved.location().orElseThrow().toString()).endsWith("/hoster/tenants");
        assertThat(hoster.get("hoster/tenants").status()).as("this session stays signed in").isEqualTo(200);
        assertThat(otherSession.get("hoster/tenants").status()).as("the other session ends").isEqualTo(302);
        assertThat(signInStatus(base, EMAIL, CONFIGURED)).isEqualTo(200);
        assertThat(signInStatus(base, EMAIL, CHANGED)).isEqualTo(302);

        // guesses at the current password count like failed sign-ins: after a few, even the right one has to wait
        for (int i = 0; i < 5; i++) {
            hoster.post("hoster/account", accountForm(hoster, "guess-" + i + "-password", "another-password-1"));
        }
        var locked = hoster.post("hoster/account", accountForm(hoster, CHANGED, "another-password-1"));
        assertThat(locked.status()).isEqualTo(200);
        assertThat(locked.body()).containsAnyOf("Zu viele falsche Passwörter", "Too many wrong passwords");
        assertThat(queryString("SELECT password_hash FROM staff_user WHERE email = ?", EMAIL))
                .isEqualTo(changedHash);
        update("UPDATE staff_user SET failed_logins = 0, last_failed_at = NULL WHERE email = ?", EMAIL);
    }

    static Map<String, String> accountForm(Http http, String current, String password) {
        var page = http.get("hoster/account");
        assertThat(page.status()).isEqualTo(200);
        Map<String, String> form = Http.extractHiddenInputs(page.body(), "account");
        form.put("account:current", current);
        form.put("account:password", password);
        form.put("account:repeat", password);
        form.put("account:save", "");
        return form;
    }

    @Test
    @Order(4)
    void secondStart() {
        deployer.undeploy("admin");
        deployer.deploy("admin");
    }

    @Test
    @Order(5)
    void theSecondStartKeepsTheChangedPassword(@ArquillianResource @OperateOnDeployment("admin") URL base) {
        assertThat(queryLong("SELECT COUNT(*) FROM staff_user WHERE email = ?", EMAIL)).isEqualTo(1);
        assertThat(signInStatus(base, EMAIL, CONFIGURED)).isEqualTo(200);
        assertThat(signedIn(base, EMAIL, CHANGED).get("hoster/tenants").status()).isEqualTo(200);
    }

    /** Puts the hosters back as they were (Arquillian stops the Payara it started itself, after this). */
    @AfterAll
    static void restore() {
        update("UPDATE staff_user SET active = FALSE WHERE email = ?", EMAIL);
        for (long id : deactivated) {
            update("UPDATE staff_user SET active = TRUE WHERE id = ?", id);
        }
    }
}
