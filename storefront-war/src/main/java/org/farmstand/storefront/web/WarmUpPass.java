package org.farmstand.storefront.web;

import org.farmstand.platform.security.Tokens;

import java.util.Set;

/**
 * How {@link AdmissionFilter} tells the warm-up's own requests from visitors: they come from the loopback address
 * and carry, in the header {@value #HEADER}, a random secret of this run of the warm-up that never leaves the node.
 * Such requests pass the admission gate untouched (see {@link WarmUp} for why). The pass is valid only until
 * {@link #revoke()}: once the warm-up has ended, no request passes the gate this way.
 */
final class WarmUpPass {

    static final String HEADER = "X-Farmstand-Warm-Up";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1", "0:0:0:0:0:0:0:1");

    private final String secret;
    private volatile boolean valid = true;

    private WarmUpPass(String secret) {
        this.secret = secret;
    }

    static WarmUpPass random() {
        return new WarmUpPass(Tokens.random(32));
    }

    /** A pass nobody holds (before the warm-up starts, or when it is off). */
    static WarmUpPass none() {
        WarmUpPass pass = random();
        pass.revoke();
        return pass;
    }

    /** The header value the warm-up sends. */
    String secret() {
        return secret;
    }

    /** Whether a request from {@code remoteAddress} with this {@value #HEADER} value is the warm-up's own. */
    boolean admits(String remoteAddress, String header) {
        return valid && header != null && LOOPBACK.contains(remoteAddress)
                && Tokens.same(secret, header);
    }

    void revoke() {
        valid = false;
    }
}
