package org.farmstand.admin.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdminAuthFilterTest {

    @Test
    void staffAccountsAuditLogSettingsAndTokensAreTheOwnersPages() {
        assertThat(AdminAuthFilter.ownerPath("/staff/list")).isTrue();
        assertThat(AdminAuthFilter.ownerPath("/staff/edit.xhtml")).isTrue();
        assertThat(AdminAuthFilter.ownerPath("/audit/list")).isTrue();
        assertThat(AdminAuthFilter.ownerPath("/settings/shop")).isTrue();
        assertThat(AdminAuthFilter.ownerPath("/settings/tokens.xhtml")).isTrue();
        assertThat(AdminAuthFilter.ownerPath("/settings")).isTrue();
    }

    @Test
    void theDailyBusinessIsNot() {
        for (String path : new String[]{"/", "/index.xhtml", "/orders/list", "/customers/list", "/tours/dates",
                "/waitlists/list", "/products/list", "/settingsx", "/staffing"}) {
            assertThat(AdminAuthFilter.ownerPath(path)).as(path).isFalse();
        }
    }
}
