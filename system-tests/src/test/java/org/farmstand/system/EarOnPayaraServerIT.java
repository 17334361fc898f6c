package org.farmstand.system;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EAR on Payara Server, as a hoster deploys it: runs {@code ear/check-ear.sh} with the Payara Server that the build
 * unpacked (target/payara-server). The script creates a domain on a free loopback port block, starts the embedded
 * MariaDB from the launcher jar with the demo data, deploys {@code ear/target/farmstand.ear}, checks the storefront,
 * an owner's sign-in through the admin's login form and the REST API, and always stops domain and database.
 */
class EarOnPayaraServerIT {

    private static final long TIMEOUT_MINUTES = 12;

    @Test
    void theEarDeploysOnPayaraServerAndBothApplicationsAnswer() throws Exception {
        Path script = Path.of(System.getProperty("farmstand.ear.check", "../ear/check-ear.sh"));
        Path payara = Path.of(System.getProperty("farmstand.payara.home", "target/payara-server/payara6"));
        assertThat(payara.resolve("bin/asadmin")).as("Payara Server unpacked by the build").isExecutable();
        Path work = Files.createDirectories(Path.of("target", "ear-check"));
        Path log = work.resolve("check-ear.log");

        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), work.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PAYARA_HOME", payara.toAbsolutePath().toString());
        builder.environment().remove("FARMSTAND_DB_URL"); // its own embedded MariaDB with the demo data
        Process process = builder.start();
        boolean finished = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            process.destroy(); // SIGTERM: the script's trap stops the domain and the database
            process.waitFor(2, TimeUnit.MINUTES);
        }
        String output = read(log);

        assertThat(finished).as("check-ear.sh ended within %d min:%n%s", TIMEOUT_MINUTES, output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains(
                "Application deployed with name farmstand",
                "ok   health (200)",
                "ok   shop page (200)",
                "ok   owner signs in (302)",
                "ok   dashboard in the session (200)",
                "ok   API without a token (401)",
                "ok   API with the shop's token (200)",
                "OK: the EAR runs on Payara Server 6.");
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "(no output)";
    }
}
