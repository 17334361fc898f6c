package org.farmstand.storefront;

import jakarta.inject.Inject;
import org.farmstand.catalog.entity.Product;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.tenancy.boundary.TenantService;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In the container: what tenant A writes, tenant B can neither see nor change — by query, by id, by bulk update or
 * delete, or by merging A's entity — and nothing runs without a tenant.
 */
@ExtendWith(ArquillianExtension.class)
class TenantIsolationIT {

    @Deployment
    static WebArchive deployment() {
        return StorefrontDeployment.war().addClasses(IsolationProbe.class, TenantIsolationIT.class);
    }

    @Inject
    IsolationProbe probe;

    @Inject
    TenantService tenants;

    long a;
    long b;

    @BeforeEach
    void tenants() {
        a = tenants.bySlug("sonnenhof").orElseThrow().id();
        b = tenants.bySlug("lindenhof").orElseThrow().id();
    }

    @Test
    void tenantBCannotReadOrChangeTenantAsData() {
        String slug = "iso-" + UUID.randomUUID().toString().substring(0, 8);
        long id = TenantContext.callAs(a, () -> probe.create(slug, 500));
        long countA = TenantContext.callAs(a, probe::countAll);
        long countB = TenantContext.callAs(b, probe::countAll);

        // B: not by id, not by query
        assertNull(TenantContext.callAs(b, () -> probe.find(id)));
        assertTrue(TenantContext.callAs(b, () -> probe.bySlug(slug)).isEmpty());
        // B: bulk update and delete touch nothing
        assertEquals(0, TenantContext.callAs(b, () -> probe.bulkUpdatePrice(id, 1)));
        assertEquals(0, TenantContext.callAs(b, () -> probe.bulkDelete(id)));
        // B: merging A's entity does not write it
        Product detached = TenantContext.callAs(a, () -> probe.find(id));
        assertThrows(RuntimeException.class, () -> TenantContext.runAs(b, () -> probe.mergeWithPrice(detached, 2)));

        // A still sees its product unchanged, and the counts did not move
        Product reread = TenantContext.callAs(a, () -> probe.find(id));
        assertNotNull(reread);
        assertEquals(500, reread.getPriceCents());
        assertEquals(1, TenantContext.callAs(a, () -> probe.bySlug(slug)).size());
        assertEquals(countA, TenantContext.callAs(a, probe::countAll));
        assertEquals(countB, TenantContext.callAs(b, probe::countAll));
        // and A's own bulk operations do work (the probe is not simply broken)
        assertEquals(1, TenantContext.callAs(a, () -> probe.bulkUpdatePrice(id, 600)));
        assertEquals(1, TenantContext.callAs(a, () -> probe.bulkDelete(id)));
    }

    /**
     * The shop's info is cached under its content version. A transaction that bumps the version and reads the shop
     * sees its own uncommitted change; if it rolls back, the next bump hands out the same version number again, so
     * what it read must never have reached the cache.
     */
    @Test
    void aRolledBackShopChangeIsNeverServedFromTheCache() {
        String name = tenants.byId(a).orElseThrow().name();
        RuntimeException failed = assertThrows(RuntimeException.class,
                () -> TenantContext.runAs(a, () -> probe.renameReadAndFail("Rolled back " + a)));
        assertTrue(String.valueOf(failed.getMessage()).contains("Rolled back " + a)
                || String.valueOf(failed.getCause()).contains("Rolled back " + a), failed.toString());
        assertEquals(name, tenants.byId(a).orElseThrow().name());
        TenantContext.runAs(a, () -> probe.bump()); // gets the number the rolled-back bump had
        assertEquals(name, tenants.byId(a).orElseThrow().name());
    }

    /**
     * A shop's head (id and content version) is kept for up to a second: a change made in this WAR drops it when its
     * transaction ends, so the next request reads the new version; one made elsewhere shows within that second.
     */
    @Test
    void aShopsChangeShowsAtOnceInThisWarAndWithinASecondElsewhere() throws InterruptedException {
        long before = tenants.bySlug("sonnenhof").orElseThrow().contentVersion();
        assertEquals(before, tenants.bySlug("sonnenhof").orElseThrow().contentVersion(), "kept");
        TenantContext.runAs(a, () -> probe.bump());
        assertEquals(before + 1, tenants.bySlug("sonnenhof").orElseThrow().contentVersion(), "this WAR: at once");

        TenantContext.runAs(a, () -> probe.bumpElsewhere());
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(3).toNanos();
        while (tenants.bySlug("sonnenhof").orElseThrow().contentVersion() == before + 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(before + 2, tenants.bySlug("sonnenhof").orElseThrow().contentVersion(), "elsewhere: within 1 s");
    }

    @Test
    void nothingRunsWithoutATenant() {
        assertTrue(TenantContext.current().isEmpty());
        Throwable thrown = assertThrows(RuntimeException.class, () -> probe.countAll());
        while (thrown.getCause() != null) {
            thrown = thrown.getCause();
        }
        assertInstanceOf(IllegalStateException.class, thrown);
    }
}
