package org.farmstand.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Skips a browser test when Chromium or chromedriver is not installed (Debian: {@code apt-get install chromium
 * chromium-driver}), with a message saying so. On CI (environment variable {@code CI=true}) a missing browser
 * fails the test instead: there, skipped browser tests would hide a broken build machine.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RequiresBrowser.Availability.class)
public @interface RequiresBrowser {

    final class Availability implements ExecutionCondition {

        /** A description of what is missing, or empty when both files are there. */
        static Optional<String> check() {
            StringBuilder missing = new StringBuilder();
            for (String file : new String[] {Browser.CHROMIUM, Browser.CHROMEDRIVER}) {
                if (!Files.isExecutable(Path.of(file))) {
                    missing.append(missing.length() == 0 ? "" : " and ").append(file);
                }
            }
            return missing.length() == 0 ? Optional.empty() : Optional.of("Browser test needs " + missing
                    + " (Debian: apt-get install -y chromium chromium-driver)");
        }

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<String> missing = check();
            if (missing.isEmpty()) {
                return ConditionEvaluationResult.enabled("Chromium and chromedriver found");
            }
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(missing.get() + "; CI=true, so this fails instead of skipping");
            }
            return ConditionEvaluationResult.disabled(missing.get() + "; skipped (with CI=true it would fail)");
        }
    }
}
