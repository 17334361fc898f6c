package org.farmstand.storefront.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.farmstand.platform.web.AdmissionGate;

/**
 * The admission gate's state in {@code /health} and {@code /health/live} (always UP: a full gate is the gate
 * working): current limit, reserved share, requests in flight, queue numbers waiting, and for an adaptive limit the
 * last measured 90th percentile of the service time against its target.
 */
@Liveness
@ApplicationScoped
public class AdmissionHealth implements HealthCheck {

    @Inject
    AdmissionControl admission;

    @Override
    public HealthCheckResponse call() {
        AdmissionGate gate = admission.gate();
        var response = HealthCheckResponse.named("admission").up()
                .withData("adaptive", gate.adaptive())
                .withData("limit", gate.limit())
                .withData("maxInFlight", gate.maxInFlight())
                .withData("reserved", gate.reservedShare())
                .withData("inFlight", gate.inFlight())
                .withData("waiting", gate.waiting());
        if (gate.adaptive()) {
            response.withData("minInFlight", gate.minLimit())
                    .withData("latencyP90Ms", Math.round(gate.latencyMillis()))
                    .withData("targetMs", gate.targetMillis());
        }
        return response.build();
    }
}
