package org.farmstand.tenancy.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.tenancy.entity.Tenant;

/** Settings of the signed-in producer's own shop (the tenant of the thread, never one named by a request). */
@ApplicationScoped
@Transactional
public class ShopSettingsService {

    public static final int MIN_OFFER_HOURS = 1;
    public static final int MAX_OFFER_HOURS = 24 * 14;

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    ContentVersions versions;

    /** How the shop admits new customers; {@code weeklyIntake} counts only for CAPPED. False when out of range. */
    public boolean setCustomerPolicy(org.farmstand.tenancy.entity.CustomerPolicy policy, int weeklyIntake) {
        if (policy == null || weeklyIntake < 0 || weeklyIntake > 10_000
                || (policy == org.farmstand.tenancy.entity.CustomerPolicy.CAPPED && weeklyIntake < 1)) {
            return false;
        }
        Tenant tenant = em.find(Tenant.class, TenantContext.require());
        tenant.setCustomerPolicy(policy);
        tenant.setWeeklyIntake(weeklyIntake);
        versions.bump();
        return true;
    }

    /** How long a waiting-list offer holds its place. False when out of range. */
    public boolean setOfferHours(int hours) {
        if (hours < MIN_OFFER_HOURS || hours > MAX_OFFER_HOURS) {
            return false;
        }
        Tenant tenant = em.find(Tenant.class, TenantContext.require());
        tenant.setOfferHours(hours);
        versions.bump();
        return true;
    }
}
