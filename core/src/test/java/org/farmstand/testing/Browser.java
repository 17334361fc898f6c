package org.farmstand.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.stream.Collectors;

/**
 * Headless Debian Chromium through Selenium, without Selenium Manager (no downloads): binary {@value #CHROMIUM},
 * driver {@value #CHROMEDRIVER}, a fresh profile under {@code ${farmstand.it.work-dir}/chromium/<random>}, host
 * names other than 127.0.0.1 unresolvable, and the browser console captured.
 *
 * <p>Use it as a JUnit extension; the browser starts on the first {@link #driver()} call, a screenshot is written
 * when a test fails (see {@link Screenshots}), console entries are cleared between tests and the browser quits
 * after the class:
 * <pre>
 * &#64;RequiresBrowser
 * class CheckoutIT {
 *     &#64;RegisterExtension
 *     static final Browser browser = new Browser();
 *
 *     &#64;Test
 *     void showsCart() {
 *         browser.open(base + "cart");
 *         ...
 *         browser.assertNoJavaScriptErrors();
 *     }
 * }
 * </pre>
 * Or standalone: {@code try (Browser browser = new Browser()) { ... }}.
 */
public final class Browser implements AutoCloseable, AfterTestExecutionCallback, AfterEachCallback, AfterAllCallback {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** Chromium asks every page for it; a 404 for it is not the page's error. */
    private static final Predicate<LogEntry> FAVICON_404 =
            entry -> entry.getMessage().contains("/favicon.ico") && entry.getMessage().contains("404");

    private final List<LogEntry> console = new ArrayList<>();
    private ChromeDriver driver;
    private ChromeDriverService service;
    private Path profileDir;

    /** The browser starts on the first {@link #driver()} call. */
    public Browser() {
    }

    /** The driver; starts Chromium on first use. */
    public synchronized WebDriver driver() {
        if (driver == null) {
            start();
        }
        return driver;
    }

    /** Loads {@code url} and waits until the document is complete. */
    public WebDriver open(String url) {
        WebDriver webDriver = driver();
        webDriver.get(url);
        waitUntil(Duration.ofSeconds(10), d -> "complete".equals(
                ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
        return webDriver;
    }

    /**
     * Loads {@code path} relative to {@code base} (e.g. Arquillian's {@code @ArquillianResource URL}, which may lack
     * the trailing slash) and waits until the document is complete.
     */
    public WebDriver open(java.net.URL base, String path) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return open(java.net.URI.create(root).resolve(path.startsWith("/") ? path.substring(1) : path).toString());
    }

    /** Polls {@code condition} until it holds (ignoring no exceptions), at most {@code timeout}. */
    public <T> T waitUntil(Duration timeout, java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(driver(), timeout, Duration.ofMillis(100)).until(condition::apply);
    }

    /** All console entries since the browser started or since the previous test, oldest first. */
    public synchronized List<LogEntry> consoleEntries() {
        if (driver != null) {
            driver.manage().logs().get(LogType.BROWSER).forEach(console::add);
        }
        return List.copyOf(console);
    }

    /**
     * Forgets the console entries so far, e.g. after a step whose error status is expected (Chromium logs every
     * 4xx page as a failed resource).
     */
    public synchronized void clearConsole() {
        consoleEntries();
        console.clear();
    }

    /**
     * Fails if the browser console has a SEVERE entry: an uncaught JavaScript error, a failed {@code console.error},
     * a resource that failed to load (except Chromium's own favicon request).
     */
    public void assertNoJavaScriptErrors() {
        List<LogEntry> severe = consoleEntries().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(FAVICON_404.negate())
                .toList();
        if (!severe.isEmpty()) {
            throw new AssertionError("JavaScript errors in the browser console:\n" + severe.stream()
                    .map(entry -> "  " + entry.getLevel() + " " + entry.getMessage())
                    .collect(Collectors.joining("\n")));
        }
    }

    /** Writes a screenshot (and the page source) under {@code target/it/screenshots}; null without a browser. */
    public synchronized Path screenshot(String name) {
        return driver == null ? null : Screenshots.take(driver, name);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent() && driver != null) {
            Screenshots.take(driver, Screenshots.nameFor(context));
        }
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        console.clear();
        if (driver != null) {
            driver.manage().logs().get(LogType.BROWSER); // drain what the next test must not see
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public synchronized void close() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            driver = null;
            if (service != null) {
                service.stop();
                service = null;
            }
            deleteQuietly(profileDir);
            profileDir = null;
        }
    }

    private void start() {
        RequiresBrowser.Availability.check().ifPresent(missing -> {
            throw new IllegalStateException(missing);
        });
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
        profileDir = ItEnvironment.workDir().resolve("chromium").resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(profileDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter",
                // one argument for Chromium (no shell here, so no quotes); Arquillian's URLs say "localhost"
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
                "--window-size=1280,1024",
                "--user-data-dir=" + profileDir);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);

        // with --disable-dev-shm-usage Chromium keeps shared memory files in TMPDIR (default /tmp)
        Path tmpDir = ItEnvironment.workDir().resolve("tmp");
        try {
            Files.createDirectories(tmpDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .withEnvironment(java.util.Map.of("TMPDIR", tmpDir.toString()))
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        driver = new ChromeDriver(service, options);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover profile under target/ is harmless
        }
    }
}
