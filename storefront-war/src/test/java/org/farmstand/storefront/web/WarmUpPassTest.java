package org.farmstand.storefront.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WarmUpPassTest {

    private final WarmUpPass pass = WarmUpPass.random();

    @Test
    void theWarmUpsOwnRequestFromLoopbackWithTheSecretPasses() {
        assertThat(pass.admits("127.0.0.1", pass.secret())).isTrue();
        assertThat(pass.admits("0:0:0:0:0:0:0:1", pass.secret())).isTrue();
    }

    @Test
    void anyOtherRequestDoesNot() {
        assertThat(pass.admits("127.0.0.1", null)).isFalse();
        assertThat(pass.admits("127.0.0.1", "guess")).isFalse();
        assertThat(pass.admits("127.0.0.1", WarmUpPass.random().secret())).isFalse();
        assertThat(pass.admits("10.0.0.7", pass.secret())).as("the secret from another address").isFalse();
    }

    @Test
    void nothingPassesOnceTheWarmUpEnded() {
        pass.revoke();

        assertThat(pass.admits("127.0.0.1", pass.secret())).isFalse();
        assertThat(WarmUpPass.none().admits("127.0.0.1", WarmUpPass.none().secret())).isFalse();
    }

    @Test
    void eachRunHasItsOwnSecret() {
        assertThat(pass.secret()).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(WarmUpPass.random().secret());
    }
}
