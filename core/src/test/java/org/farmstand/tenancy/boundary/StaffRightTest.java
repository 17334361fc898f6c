package org.farmstand.tenancy.boundary;

import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.tenancy.entity.StaffRole;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmstand.tenancy.boundary.StaffRight.*;

class StaffRightTest {

    static EnumSet<StaffRight> rightsOf(StaffRole role) {
        EnumSet<StaffRight> rights = EnumSet.noneOf(StaffRight.class);
        Arrays.stream(values()).filter(r -> r.allowedFor(role)).forEach(rights::add);
        return rights;
    }

    @Test
    void staffRunTheDailyBusiness() {
        assertThat(rightsOf(StaffRole.STAFF))
                .containsExactlyInAnyOrder(ORDERS, CUSTOMER_ADMISSION, WAITING_LISTS, PRODUCTS, TOURS);
    }

    @Test
    void theOwnerMayDoEverythingTheShopOffers() {
        assertThat(rightsOf(StaffRole.OWNER)).containsExactlyInAnyOrder(values());
    }

    @Test
    void shopWideSettingsAccessAndIrreversibleTourDecisionsAreTheOwners() {
        assertThat(EnumSet.allOf(StaffRight.class).stream().filter(StaffRight::ownerOnly))
                .containsExactlyInAnyOrder(SHOP_SETTINGS, CUSTOMER_POLICY, OFFER_HOURS, API_TOKENS, STAFF_ACCOUNTS,
                        AUDIT_LOG, CANCEL_TOUR_DATE, CHANGE_TOUR_WEEKDAY);
    }

    @Test
    void theHosterAndNobodyHaveNoShopRights() {
        assertThat(rightsOf(StaffRole.HOSTER)).isEmpty();
        assertThat(rightsOf(null)).isEmpty();
    }

    @Test
    void theThreadsRoleDecides() {
        try (TenantContext.Scope ignored = StaffAccess.enter(StaffRole.STAFF)) {
            StaffAccess.require(ORDERS);
            assertThat(StaffAccess.allows(CANCEL_TOUR_DATE)).isFalse();
            assertThatThrownBy(() -> StaffAccess.require(CUSTOMER_POLICY)).isInstanceOf(StaffAccess.Forbidden.class)
                    .hasMessageContaining("OWNER").hasMessageContaining("STAFF");
        }
        try (TenantContext.Scope ignored = StaffAccess.enter(StaffRole.OWNER)) {
            StaffAccess.require(CANCEL_TOUR_DATE);
        }
        assertThatThrownBy(() -> StaffAccess.require(ORDERS)).isInstanceOf(StaffAccess.Forbidden.class);
    }
}
