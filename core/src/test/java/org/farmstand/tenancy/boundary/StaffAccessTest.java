package org.farmstand.tenancy.boundary;

import org.farmstand.audit.boundary.AuditLog;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.tenancy.entity.StaffRole;
import org.farmstand.tenancy.entity.TenantStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The owner's and the hoster's services refuse before they touch anything when the thread's staff member lacks the
 * role (no entity manager here: a refused call never reaches it).
 */
class StaffAccessTest {

    private final HosterService hoster = new HosterService();
    private final StaffAdminService staffAdmin = new StaffAdminService();
    private final AuditLog audit = new AuditLog();

    @Test
    void onlyAnOwnerReadsTheAuditLog() {
        assertThatThrownBy(() -> audit.page(0, 50, null)).isInstanceOf(StaffAccess.Forbidden.class);
        assertThatThrownBy(() -> audit.count(null)).isInstanceOf(StaffAccess.Forbidden.class);
        for (StaffRole role : new StaffRole[]{StaffRole.STAFF, StaffRole.HOSTER}) {
            try (TenantContext.Scope ignored = StaffAccess.enter(role)) {
                assertThatThrownBy(() -> audit.page(0, 50, AuditLog.PRODUCT)).isInstanceOf(StaffAccess.Forbidden.class);
                assertThatThrownBy(() -> audit.count(AuditLog.PRODUCT)).isInstanceOf(StaffAccess.Forbidden.class);
            }
        }
    }

    @Test
    void withoutASignedInRoleNothingIsAllowed() {
        assertThatThrownBy(hoster::shops).isInstanceOf(StaffAccess.Forbidden.class);
        assertThatThrownBy(() -> hoster.create("zz", "ZZ", "a@b.example", "0123456789ab"))
                .isInstanceOf(StaffAccess.Forbidden.class);
        assertThatThrownBy(staffAdmin::list).isInstanceOf(StaffAccess.Forbidden.class);
        assertThatThrownBy(() -> staffAdmin.invite("a@b.example", "A", StaffRole.OWNER, "0123456789ab"))
                .isInstanceOf(StaffAccess.Forbidden.class);
    }

    @Test
    void shopStaffCanNeitherManageStaffNorShops() {
        try (TenantContext.Scope ignored = StaffAccess.enter(StaffRole.STAFF)) {
            assertThatThrownBy(() -> staffAdmin.setPassword(1, "0123456789ab")).isInstanceOf(StaffAccess.Forbidden.class);
            assertThatThrownBy(() -> staffAdmin.update(1, 0, "X", StaffRole.OWNER)).isInstanceOf(StaffAccess.Forbidden.class);
            assertThatThrownBy(() -> hoster.setStatus(1, TenantStatus.SUSPENDED)).isInstanceOf(StaffAccess.Forbidden.class);
        }
    }

    @Test
    void anOwnerManagesStaffButNotShopsAndTheHosterShopsButNotStaff() {
        try (TenantContext.Scope ignored = StaffAccess.enter(StaffRole.OWNER)) {
            assertThatCode(() -> StaffAccess.require(StaffRole.OWNER)).doesNotThrowAnyException();
            assertThatThrownBy(() -> hoster.setDomains(1, List.of("x.example"))).isInstanceOf(StaffAccess.Forbidden.class);
        }
        try (TenantContext.Scope ignored = StaffAccess.enter(StaffRole.HOSTER)) {
            assertThatCode(() -> StaffAccess.require(StaffRole.HOSTER)).doesNotThrowAnyException();
            assertThatThrownBy(() -> staffAdmin.find(1)).isInstanceOf(StaffAccess.Forbidden.class);
        }
        // the handle restores the thread: nothing is left behind for the next request
        assertThatThrownBy(() -> StaffAccess.require(StaffRole.HOSTER)).isInstanceOf(StaffAccess.Forbidden.class);
    }
}
