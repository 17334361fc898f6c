package org.farmstand.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.Logger;

/** PNG screenshots (plus the page's HTML beside them) under {@code ${farmstand.it.work-dir}/screenshots}. */
public final class Screenshots {

    private static final Logger LOG = Logger.getLogger(Screenshots.class.getName());

    private Screenshots() {
    }

    /**
     * Writes {@code <name>.png} and {@code <name>.html}; returns the PNG's path, or null if the browser could not
     * deliver one (a failing test must keep its own failure, not get a new one from here).
     */
    public static Path take(WebDriver driver, String name) {
        String safeName = name.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + LocalTime.now().format(DateTimeFormatter.ofPattern("HHmmss"));
        Path dir = ItEnvironment.workDir().resolve("screenshots");
        try {
            Files.createDirectories(dir);
            Path png = dir.resolve(safeName + ".png");
            Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve(safeName + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
            LOG.info(() -> "Screenshot of " + driver.getCurrentUrl() + ": " + png);
            return png;
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "No screenshot " + safeName + ": " + e);
            return null;
        }
    }

    /** {@code TestClass.testMethod} of a JUnit test. */
    public static String nameFor(ExtensionContext context) {
        return context.getRequiredTestClass().getSimpleName()
                + context.getTestMethod().map(method -> "." + method.getName()).orElse("");
    }
}
