package org.farmstand.launcher;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalRunDefaultsTest {

    @Test
    void aLocalRunLogsMailsAndSkipsTheWarmUp() {
        assertThat(Main.localRunDefaults(Map.of()))
                .containsExactly("-Dfarmstand.mail.mode=log", "-Dfarmstand.warmup.enabled=false");
    }

    @Test
    void anEnvironmentVariableLeavesItsSettingToTheEnvironment() {
        assertThat(Main.localRunDefaults(Map.of("FARMSTAND_WARMUP_ENABLED", "true")))
                .containsExactly("-Dfarmstand.mail.mode=log");
        assertThat(Main.localRunDefaults(Map.of("FARMSTAND_MAIL_MODE", "smtp", "FARMSTAND_WARMUP_ENABLED", "false")))
                .isEmpty();
    }
}
