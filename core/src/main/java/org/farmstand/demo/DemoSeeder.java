package org.farmstand.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.farmstand.platform.persistence.SchemaMigrator;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Seeds the demo shops (sonnenhof, lindenhof) and the demo hoster when {@code farmstand.demo.seed=true}.
 * Idempotent: a shop that exists is left alone; if both WARs seed at once, the unique slug lets one win.
 */
@ApplicationScoped
public class DemoSeeder {

    private static final Logger LOG = Logger.getLogger(DemoSeeder.class.getName());

    @Inject
    @ConfigProperty(name = "farmstand.demo.seed", defaultValue = "false")
    boolean seed;

    @Inject
    DemoData data;

    @Inject
    org.farmstand.api.boundary.ApiTokenLookup apiTokens;

    void onSchemaReady(@Observes SchemaMigrator.SchemaReady ready) {
        if (!seed) {
            return;
        }
        for (DemoData.Shop shop : DemoData.SHOPS) {
            try {
                if (data.seedShop(shop)) {
                    LOG.info(() -> "Seeded demo shop " + shop.slug());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "Demo shop " + shop.slug() + " not seeded here (another node or WAR did it): "
                        + e.getMessage());
            }
        }
        try {
            if (apiTokens.seedDemoToken()) {
                LOG.info("Seeded the demo API token of " + org.farmstand.api.boundary.ApiTokenLookup.DEMO_SHOP);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "Demo API token not seeded here: " + e.getMessage());
        }
        try {
            data.seedHoster();
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "Demo hoster not seeded here: " + e.getMessage());
        }
    }
}
