package org.farmstand.customers.control;

import org.farmstand.customers.entity.CustomerStatus;
import org.farmstand.tenancy.entity.CustomerPolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.farmstand.customers.control.Admission.Decision.ACTIVATE;
import static org.farmstand.customers.control.Admission.Decision.AWAIT_APPROVAL;
import static org.farmstand.customers.control.Admission.Decision.WAIT_IN_LINE;

class AdmissionTest {

    @Test
    void openShopsActivateAndApprovalShopsWait() {
        assertThat(Admission.decide(CustomerPolicy.OPEN, 1000, 0)).isEqualTo(ACTIVATE);
        assertThat(Admission.decide(CustomerPolicy.APPROVAL, 0, 10)).isEqualTo(AWAIT_APPROVAL);
    }

    @Test
    void aProducerApprovesNewCustomersAndRejectedOnesAfterAllButNotBlockedOrActiveOnes() {
        assertThat(Admission.approvable(CustomerStatus.PENDING)).isTrue();
        assertThat(Admission.approvable(CustomerStatus.REJECTED)).isTrue();
        assertThat(Admission.approvable(CustomerStatus.BLOCKED)).isFalse();
        assertThat(Admission.approvable(CustomerStatus.ACTIVE)).isFalse();
        assertThat(Admission.approvable(null)).isFalse();
    }

    @Test
    void cappedShopsActivateUntilTheWeeklyIntakeIsReached() {
        assertThat(Admission.decide(CustomerPolicy.CAPPED, 0, 2)).isEqualTo(ACTIVATE);
        assertThat(Admission.decide(CustomerPolicy.CAPPED, 1, 2)).isEqualTo(ACTIVATE);
        assertThat(Admission.decide(CustomerPolicy.CAPPED, 2, 2)).isEqualTo(WAIT_IN_LINE);
        assertThat(Admission.decide(CustomerPolicy.CAPPED, 0, 0)).isEqualTo(WAIT_IN_LINE);
    }

    @Test
    void thoseInLineAreAdmittedAsTheCurrentPolicyLets() {
        assertThat(Admission.roomForThoseInLine(CustomerPolicy.CAPPED, 5, 3)).isEqualTo(2);
        assertThat(Admission.roomForThoseInLine(CustomerPolicy.CAPPED, 5, 7)).as("intake lowered below this week's")
                .isZero();
        assertThat(Admission.roomForThoseInLine(CustomerPolicy.OPEN, 0, 1000)).as("opened: everyone in line")
                .isEqualTo(Long.MAX_VALUE);
        assertThat(Admission.roomForThoseInLine(CustomerPolicy.APPROVAL, 10, 0)).as("the producer approves them")
                .isZero();
    }

    @Test
    void theIntakeWeekStartsOnMondayAtMidnightShopTime() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // Sunday 29 Nov 2026 → Monday 23 Nov 2026 00:00 CET = 22 Nov 23:00 UTC
        assertThat(Admission.weekStart(LocalDate.of(2026, 11, 29), berlin)).isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
        assertThat(Admission.weekStart(LocalDate.of(2026, 11, 23), berlin)).isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
    }
}
