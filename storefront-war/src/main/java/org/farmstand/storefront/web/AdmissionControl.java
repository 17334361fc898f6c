package org.farmstand.storefront.web;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.farmstand.platform.web.AdaptiveLimit;
import org.farmstand.platform.web.AdmissionGate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The storefront's admission gate (one per node), built from MicroProfile Config ({@code farmstand.admission.*}) and
 * used by {@link AdmissionFilter}. Its state is published as the {@code admission} check of the storefront's
 * {@code /health} ({@link AdmissionHealth}) and as MicroProfile Metrics gauges {@code farmstand.admission.*} in the
 * application registry, which Payara's {@code /metrics?scope=application} shows (the shop router lets {@code /metrics}
 * through when the storefront is at the root context).
 */
@ApplicationScoped
public class AdmissionControl {

    private static final Logger LOG = Logger.getLogger(AdmissionControl.class.getName());

    @Inject
    Instance<MetricRegistry> metrics;

    private AdmissionGate gate;
    private final List<String> gauges = new ArrayList<>();

    @PostConstruct
    void start() {
        gate = fromConfig(ConfigProvider.getConfig());
        LOG.info(() -> "Storefront admission control: " + (gate.adaptive()
                ? "adaptive limit " + gate.minLimit() + ".." + gate.maxInFlight() + " in flight, target p90 "
                + gate.targetMillis() + " ms"
                : "fixed limit " + gate.maxInFlight() + " in flight") + ", " + gate.reserved() + " reserved");
        registerGauges();
    }

    static AdmissionGate fromConfig(Config config) {
        int max = Math.max(1, config.getOptionalValue("farmstand.admission.max-in-flight", Integer.class).orElse(32));
        int reserved = config.getOptionalValue("farmstand.admission.reserved", Integer.class).orElse(Math.max(1, max / 4));
        reserved = Math.max(0, Math.min(reserved, max));
        if (!config.getOptionalValue("farmstand.admission.adaptive", Boolean.class).orElse(true)) {
            return new AdmissionGate(max, reserved);
        }
        int target = config.getOptionalValue("farmstand.admission.target-latency-ms", Integer.class).orElse(250);
        int min = config.getOptionalValue("farmstand.admission.min-in-flight", Integer.class).orElse(4);
        AdaptiveLimit.Settings settings = AdaptiveLimit.Settings.of(Duration.ofMillis(Math.max(1, target)),
                Math.max(min, 2)); // at least one reserved and one ordinary place
        return new AdmissionGate(max, reserved, settings, System::nanoTime);
    }

    private void registerGauges() {
        if (!metrics.isResolvable()) {
            return;
        }
        try {
            MetricRegistry registry = metrics.get();
            gauge(registry, "farmstand.admission.limit", "Storefront requests allowed in flight now",
                    MetricUnits.NONE, AdmissionGate::limit);
            gauge(registry, "farmstand.admission.reserved", "Places of the current limit reserved for signed-in customers",
                    MetricUnits.NONE, AdmissionGate::reservedShare);
            gauge(registry, "farmstand.admission.inFlight", "Storefront requests in flight",
                    MetricUnits.NONE, AdmissionGate::inFlight);
            gauge(registry, "farmstand.admission.waiting", "Queue numbers handed out and not yet called",
                    MetricUnits.NONE, AdmissionGate::waiting);
            gauge(registry, "farmstand.admission.latencyP90", "90th percentile of the admitted requests' service time"
                    + " in the adaptive limit's last window (negative: none yet, or a fixed limit)",
                    MetricUnits.MILLISECONDS, AdmissionGate::latencyMillis);
        } catch (RuntimeException e) {
            // observability only: admission control works without the gauges
            LOG.log(Level.WARNING, "Admission gauges not registered", e);
        }
    }

    private <R extends Number> void gauge(MetricRegistry registry, String name, String description, String unit,
                                          Function<AdmissionGate, R> value) {
        registry.remove(name); // a gauge of an earlier deployment in this server would keep the old gate
        registry.gauge(Metadata.builder().withName(name).withDescription(description).withUnit(unit).build(),
                gate, value);
        gauges.add(name);
    }

    @PreDestroy
    void stop() {
        if (!gauges.isEmpty() && metrics.isResolvable()) {
            try {
                MetricRegistry registry = metrics.get();
                gauges.forEach(registry::remove);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Admission gauges not removed", e);
            }
        }
    }

    public AdmissionGate gate() {
        return gate;
    }
}
