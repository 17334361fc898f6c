package org.farmstand.storefront.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class WarmUpSettingsTest {

    @Test
    void onWithTimeAndRequests() {
        var settings = WarmUpSettings.of(true, 20, 3000, null);

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.time()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.maxRequests()).isEqualTo(3000);
        assertThat(settings.port()).isEmpty();
    }

    @Test
    void noTimeOrNoRequestsIsOff() {
        assertThat(WarmUpSettings.of(true, 0, 3000, null).enabled()).isFalse();
        assertThat(WarmUpSettings.of(true, -5, 3000, null).enabled()).isFalse();
        assertThat(WarmUpSettings.of(true, 20, 0, null).enabled()).isFalse();
        assertThat(WarmUpSettings.of(false, 20, 3000, null).enabled()).isFalse();
    }

    @Test
    void theTimeIsCappedSoThatNoNodeStaysOutOfServiceForLong() {
        assertThat(WarmUpSettings.of(true, 86_400, 3000, null).time()).isEqualTo(WarmUpSettings.MAX_TIME);
    }

    @Test
    void aPortOutsideTheRangeIsNone() {
        assertThat(WarmUpSettings.of(true, 20, 3000, 8080).port()).isEqualTo(OptionalInt.of(8080));
        assertThat(WarmUpSettings.of(true, 20, 3000, 0).port()).isEmpty();
        assertThat(WarmUpSettings.of(true, 20, 3000, 70_000).port()).isEmpty();
    }
}
