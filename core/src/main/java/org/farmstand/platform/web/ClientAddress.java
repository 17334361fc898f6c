package org.farmstand.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The client's address for throttling (customer and staff sign-in, the API's limit on unauthenticated requests):
 * the peer address, or, when the peer is one of the configured load balancers
 * ({@code farmstand.web.trusted-proxies}, comma-separated addresses; HAProxy in docker/ adds X-Forwarded-For), the
 * last address that balancer appended to X-Forwarded-For. Never trusts the header from anyone else.
 */
public final class ClientAddress {

    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientAddress() {
    }

    /**
     * What throttles count a client by: the address, or for IPv6 its /64 network (one subscriber usually holds a whole
     * /64, and a single host may use any of its 2^64 addresses: counted per address, every guess could come from a
     * new one).
     */
    public static String network(String address) {
        if (address == null) {
            return "unknown";
        }
        if (address.indexOf(':') >= 0 && IPV6_LITERAL.matcher(address).matches()) {
            try {
                // a literal: no name lookup
                byte[] bytes = java.net.InetAddress.getByName(address).getAddress();
                if (bytes.length == 16) {
                    return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
                }
            } catch (java.net.UnknownHostException e) {
                return address;
            }
        }
        return address;
    }

    /**
     * The header's lines are joined first: HAProxy ({@code option forwardfor}) adds a line of its own after whatever
     * the client sent, so the first line alone would be the client's word.
     */
    public static String of(HttpServletRequest request) {
        return of(request, trustedProxies());
    }

    static String of(HttpServletRequest request, Set<String> trusted) {
        var lines = request.getHeaders("X-Forwarded-For");
        String forwardedFor = lines == null || !lines.hasMoreElements() ? null
                : String.join(",", java.util.Collections.list(lines));
        return of(request.getRemoteAddr(), forwardedFor, trusted);
    }

    static String of(String peer, String forwardedFor, Set<String> trusted) {
        if (peer == null || forwardedFor == null || !trusted.contains(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String last = hops[hops.length - 1].strip();
        return last.isEmpty() || last.length() > 64 ? peer : last;
    }

    static Set<String> trustedProxies() {
        String value = ConfigProvider.getConfig().getOptionalValue("farmstand.web.trusted-proxies", String.class).orElse("");
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
