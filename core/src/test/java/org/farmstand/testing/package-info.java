/**
 * Shared support for the WARs' integration tests, shipped in core's test-jar.
 *
 * <ul>
 *   <li>{@link org.farmstand.testing.ItEnvironment}: MariaDB + GreenMail SMTP, once per failsafe JVM, started before
 *       the first {@code *IT} class (a JUnit {@code LauncherSessionListener}, registered in each WAR's
 *       {@code src/test/resources/META-INF/services}); {@code ItEnvironment.jdbc()} for assertions in the DB.</li>
 *   <li>{@link org.farmstand.testing.Http}: java.net.http with a cookie jar, no redirects, Faces hidden inputs,
 *       plain forms with their CSRF token ({@code form}, {@code hiddenField}).</li>
 *   <li>{@link org.farmstand.testing.Browser} and {@link org.farmstand.testing.RequiresBrowser}: headless Debian
 *       Chromium, console errors, screenshots on failure ({@link org.farmstand.testing.Screenshots}).</li>
 *   <li>{@link org.farmstand.testing.Mails}: wait for the application's mail to an address.</li>
 * </ul>
 *
 * A WAR's IT, against the WAR the build packaged:
 * <pre>
 * &#64;ExtendWith(ArquillianExtension.class)
 * &#64;RunAsClient
 * class CheckoutIT {
 *     &#64;Deployment(testable = false)
 *     static WebArchive war() {
 *         return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/storefront.war"));
 *     }
 *     &#64;ArquillianResource URL base;
 *
 *     &#64;Test
 *     void orderConfirmationIsMailed() throws Exception {
 *         Http http = new Http(base.toURI());
 *         ...
 *         assertThat(Mails.awaitMailTo(email, Duration.ofSeconds(20)).subject()).contains("Bestellung");
 *         try (Connection db = ItEnvironment.jdbc()) { ... }
 *     }
 * }
 * </pre>
 */
package org.farmstand.testing;
