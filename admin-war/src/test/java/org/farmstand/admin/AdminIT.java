package org.farmstand.admin;

import org.farmstand.testing.Browser;
import org.farmstand.testing.Http;
import org.farmstand.testing.RequiresBrowser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.io.File;
import java.net.URL;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Admin sign-in over HTTP and in a browser, against the real admin WAR and the demo shops. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("farmstand.it.build-dir", "target"), "admin.war"));
    }

    @ArquillianResource
    URL base;

    Http.Response login(Http http, String email, String password) {
        var page = http.get("login");
        assertThat(page.status()).isEqualTo(200);
        Map<String, String> form = Http.extractHiddenInputs(page.body(), "login");
        form.put("login:email", email);
        form.put("login:password", password);
        form.put("login:submit", "");
        return http.post("login", form);
    }

    @Test
    void pagesNeedASignIn() {
        var response = new Http(java.net.URI.create(base.toString())).get("products/list");
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.location().orElseThrow().toString()).endsWith("/login");
    }

    @Test
    void ownerSignsInWithANewSessionIdAndSeesOnlyTheirShopsProducts() {
        Http http = new Http(java.net.URI.create(base.toString()));
        http.get("login");
        String before = http.cookie("JSESSIONID").map(c -> c.getValue()).orElse("");
        var response = login(http, "owner@sonnenhof.example", "sonnenhof-demo");
        assertThat(response.status()).isEqualTo(302);
        assertThat(http.cookie("JSESSIONID").map(c -> c.getValue()).orElse("")).isNotEqualTo(before);

        var products = http.get("products/list");
        assertThat(products.status()).isEqualTo(200);
        assertThat(products.body()).contains("Möhren", "Äpfel Topaz").doesNotContain("Heumilch", "Bergkäse");

        Http other = new Http(java.net.URI.create(base.toString()));
        login(other, "owner@lindenhof.example", "lindenhof-demo");
        assertThat(other.get("products/list").body()).contains("Heumilch").doesNotContain("Möhren");
    }

    @Test
    void aWrongPasswordFailsWithAMessage() {
        Http http = new Http(java.net.URI.create(base.toString()));
        var response = login(http, "staff@sonnenhof.example", "wrong-password");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsAnyOf("E-Mail oder Passwort ist falsch.", "Email or password is wrong.");
        assertThat(http.get("products/list").status()).isEqualTo(302);
    }

    @Test
    @RequiresBrowser
    void ownerSignsInInTheBrowserWithoutJavaScriptErrors() {
        browser.open(base, "login");
        var driver = browser.driver();
        driver.findElement(By.id("login:email")).sendKeys("owner@lindenhof.example");
        driver.findElement(By.id("login:password")).sendKeys("lindenhof-demo");
        driver.findElement(By.id("login:submit")).click();
        browser.waitUntil(Duration.ofSeconds(20), d -> d.getPageSource().contains("Heumilch"));
        assertThat(driver.getPageSource()).doesNotContain("Möhren");
        browser.assertNoJavaScriptErrors();
    }
}
