package org.farmstand.storefront.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness check {@code warm-up}: DOWN while the node's warm-up ({@link WarmUp}) waits for its port or runs,
 * within its time; UP when it is off or has ended, however it ended. Shows the phase, the requests sent, those not
 * answered 200, the sessions seen (always 0 unless a page broke the no-session rule), how it ended and how long it
 * took.
 */
@Readiness
@ApplicationScoped
public class WarmUpReadiness implements HealthCheck {

    static final String NAME = "warm-up";

    @Inject
    WarmUp warmUp;

    @Override
    public HealthCheckResponse call() {
        WarmUp.Status status = warmUp.status();
        var response = HealthCheckResponse.named(NAME).status(!warmUp.holdsBack())
                .withData("phase", status.phase().name().toLowerCase(java.util.Locale.ROOT));
        if (status.phase() == WarmUp.Phase.RUNNING || status.phase() == WarmUp.Phase.DONE) {
            response.withData("requests", status.requests())
                    .withData("errors", status.errors())
                    .withData("sessions", status.sessions())
                    .withData("elapsedMs", status.elapsedMillis());
        }
        if (!status.result().isEmpty()) {
            response.withData("result", status.result());
        }
        return response.build();
    }
}
