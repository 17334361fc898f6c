package org.farmstand.admin.api;

import org.farmstand.api.boundary.ApiTokenLookup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the audit log names a change made through the API. */
class ApiAuthFilterTest {

    @Test
    void theActorIsTheTokensNameOrItsNumberWithoutOne() {
        assertThat(ApiAuthFilter.actorName(new ApiTokenLookup.Caller(7, 1, true, "PCG Waage")))
                .isEqualTo("API: PCG Waage");
        assertThat(ApiAuthFilter.actorName(new ApiTokenLookup.Caller(7, 1, true, " "))).isEqualTo("API: #7");
        assertThat(ApiAuthFilter.actorName(new ApiTokenLookup.Caller(7, 1, true, null))).isEqualTo("API: #7");
    }
}
