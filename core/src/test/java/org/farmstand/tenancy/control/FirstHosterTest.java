package org.farmstand.tenancy.control;

import org.farmstand.tenancy.entity.StaffRole;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FirstHosterTest {

    @Test
    void anActiveHosterMeansNothingIsDoneWhateverTheAddress() {
        assertThat(FirstHoster.decide(true, null, false)).isEqualTo(FirstHoster.Action.NOTHING);
        assertThat(FirstHoster.decide(true, StaffRole.HOSTER, true)).isEqualTo(FirstHoster.Action.NOTHING);
        assertThat(FirstHoster.decide(true, StaffRole.HOSTER, false)).isEqualTo(FirstHoster.Action.NOTHING);
    }

    @Test
    void withoutAnActiveHosterAFreeAddressIsCreatedAnInactiveHosterRevivedAndAShopAccountRefused() {
        assertThat(FirstHoster.decide(false, null, false)).isEqualTo(FirstHoster.Action.CREATE);
        assertThat(FirstHoster.decide(false, StaffRole.HOSTER, false)).isEqualTo(FirstHoster.Action.REACTIVATE);
        assertThat(FirstHoster.decide(false, StaffRole.OWNER, true)).isEqualTo(FirstHoster.Action.ADDRESS_TAKEN);
        assertThat(FirstHoster.decide(false, StaffRole.STAFF, false)).isEqualTo(FirstHoster.Action.ADDRESS_TAKEN);
    }

    @Test
    void thePasswordFollowsTheStaffRuleAndTheAddressMustBeOne() {
        assertThat(FirstHoster.problems("ops@hoster.example", "long-enough-1")).isEmpty();
        assertThat(FirstHoster.problems(" Ops@Hoster.Example ", "x".repeat(200))).isEmpty();
        assertThat(FirstHoster.problems("ops@hoster.example", "too-short")).singleElement().asString()
                .contains("hoster-password").doesNotContain("too-short");
        assertThat(FirstHoster.problems("ops@hoster.example", "x".repeat(201))).hasSize(1);
        assertThat(FirstHoster.problems("ops@hoster.example", null)).containsExactly(
                "farmstand.bootstrap.hoster-password is not set");
        assertThat(FirstHoster.problems("not-an-address", "long-enough-1")).singleElement().asString()
                .contains("hoster-email");
        assertThat(FirstHoster.problems(null, null)).hasSize(2);
    }

    @Test
    void addressesAreStoredLowerCaseWithoutSpaces() {
        assertThat(FirstHoster.normalize(" Ops@Hoster.Example\n")).isEqualTo("ops@hoster.example");
        assertThat(FirstHoster.normalize(null)).isNull();
    }
}
