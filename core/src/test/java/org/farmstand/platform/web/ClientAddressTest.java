package org.farmstand.platform.web;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    @Test
    void forwardedForCountsOnlyWhenTheBalancerSentIt() {
        Set<String> balancer = Set.of("10.0.0.2");
        assertThat(ClientAddress.of("10.0.0.2", "203.0.113.7", balancer)).isEqualTo("203.0.113.7");
        // a client's own X-Forwarded-For entries come first; the balancer appends the address it saw
        assertThat(ClientAddress.of("10.0.0.2", "1.2.3.4, 203.0.113.7", balancer)).isEqualTo("203.0.113.7");
        // anyone else cannot choose the address they are counted under
        assertThat(ClientAddress.of("198.51.100.9", "1.2.3.4", balancer)).isEqualTo("198.51.100.9");
        assertThat(ClientAddress.of("10.0.0.2", null, balancer)).isEqualTo("10.0.0.2");
        assertThat(ClientAddress.of("10.0.0.2", "1.2.3.4", Set.of())).isEqualTo("10.0.0.2");
    }
}
