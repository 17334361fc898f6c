package org.farmstand.cluster;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/docker-compose.yml is accepted by {@code docker compose config} (or Debian's docker-compose 1.29); no engine
 * needed. Skipped on a developer machine without either tool; on CI ({@code CI} set) a missing tool fails the test.
 */
class DockerComposeConfigTest {

    @Test
    void theComposeFileIsAccepted() throws Exception {
        Path script = Path.of("..", "docker", "check-compose.sh").toAbsolutePath().normalize();
        assertThat(script).isRegularFile();
        Process p = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        if (p.exitValue() == 3) {
            MissingTool.skipOrFail("no docker compose / docker-compose installed: " + output.strip(),
                    "docker-compose is missing on CI (.ci/run installs it): " + output.strip());
        }
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("accepted", "terracotta", "node1", "node2", "haproxy", "mariadb");
    }
}
