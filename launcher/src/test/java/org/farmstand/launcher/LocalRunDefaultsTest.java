package org.farmstand.launcher;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalRunDefaultsTest {

    @Test
    void aLocalRunLinksToLocalhostLogsMailsAndSkipsTheWarmUp() {
        assertThat(Main.localRunDefaults(Map.of(), 8080)).containsExactly(
                "-Dfarmstand.public-url=http://localhost:8080",
                "-Dfarmstand.mail.mode=log", "-Dfarmstand.warmup.enabled=false");
    }

    @Test
    void anEnvironmentVariableLeavesItsSettingToTheEnvironment() {
        assertThat(Main.localRunDefaults(Map.of("FARMSTAND_WARMUP_ENABLED", "true"), 9000))
                .containsExactly("-Dfarmstand.public-url=http://localhost:9000", "-Dfarmstand.mail.mode=log");
        assertThat(Main.localRunDefaults(Map.of("FARMSTAND_MAIL_MODE", "smtp", "FARMSTAND_WARMUP_ENABLED", "false",
                "FARMSTAND_PUBLIC_URL", "https://shop.example.org"), 8080)).isEmpty();
    }
}
