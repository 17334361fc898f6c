package org.farmstand.platform.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokensTest {

    @Test
    void aLinksTokenIsLookedUpOnlyWhenPresentAndNoLongerThanAnyTokenHandedOut() {
        assertThat(Tokens.plausible(Tokens.random(24))).isTrue();
        assertThat(Tokens.plausible(Tokens.random(32))).isTrue();
        assertThat(Tokens.plausible("x".repeat(100))).isTrue();
        assertThat(Tokens.plausible(null)).isFalse();
        assertThat(Tokens.plausible("")).isFalse();
        assertThat(Tokens.plausible(" \t")).isFalse();
        assertThat(Tokens.plausible("x".repeat(101))).isFalse();
    }

    @Test
    void randomTokensAreUrlSafeAndDiffer() {
        String a = Tokens.random(24);
        assertThat(a).hasSize(32).matches("[A-Za-z0-9_-]+");
        assertThat(Tokens.random(24)).isNotEqualTo(a);
    }

    @Test
    void digestsAndComparisonOfSecrets() {
        assertThat(Tokens.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Tokens.sha256Hex("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(Tokens.sha256Hex("abc"));
        assertThat(Tokens.same("a", "a")).isTrue();
        assertThat(Tokens.same("a", "b")).isFalse();
        assertThat(Tokens.same(null, "a")).isFalse();
    }
}
