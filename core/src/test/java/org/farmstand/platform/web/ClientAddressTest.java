package org.farmstand.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
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

    /** HAProxy adds its own header line after the client's: the last line's address counts, not the client's. */
    @Test
    void theBalancersOwnHeaderLineCountsNotTheClientsLine() {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> "10.0.0.2";
                    case "getHeaders" -> Collections.enumeration(List.of("1.2.3.4", "203.0.113.7"));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        assertThat(ClientAddress.of(request, Set.of("10.0.0.2"))).isEqualTo("203.0.113.7");
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() {
        assertThat(ClientAddress.network("2001:db8:1:2:aaaa::1"))
                .isEqualTo(ClientAddress.network("2001:db8:1:2:ffff:1:2:3"))
                .isNotEqualTo(ClientAddress.network("2001:db8:1:3::1"));
        assertThat(ClientAddress.network("203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.network("::ffff:not-an-address")).isEqualTo("::ffff:not-an-address");
        assertThat(ClientAddress.network(null)).isEqualTo("unknown");
        // the sign-in throttles count by it too: one subscriber cannot spread guesses over its addresses
        assertThat(org.farmstand.platform.security.LoginFailures.clientSubject("2001:db8:1:2::7"))
                .isEqualTo(org.farmstand.platform.security.LoginFailures.clientSubject("2001:db8:1:2:9::1"));
        assertThat(org.farmstand.platform.security.LoginFailures.staffClientSubject("2001:db8:1:2::7"))
                .isEqualTo(org.farmstand.platform.security.LoginFailures.staffClientSubject("2001:db8:1:2:9::1"))
                .isNotEqualTo(org.farmstand.platform.security.LoginFailures.staffClientSubject("2001:db8:1:3::7"));
    }
}
