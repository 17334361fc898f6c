package org.farmstand.platform.persistence;

import org.farmstand.platform.security.LoginFailures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class HousekeepingTest {

    static final Instant NOW = Instant.parse("2025-06-10T12:00:00Z");

    static Housekeeping configured(long throttleHours, long sentDays, long failedDays, long idempotencyDays) {
        Housekeeping h = new Housekeeping();
        h.loginThrottleHours = throttleHours;
        h.sentMailDays = sentDays;
        h.failedMailDays = failedDays;
        h.idempotencyDays = idempotencyDays;
        return h;
    }

    static Map<String, Instant> cutoffs(Housekeeping h) {
        return h.rules().stream().collect(Collectors.toMap(Housekeeping.Rule::name, r -> r.cutoff(NOW)));
    }

    @Test
    void theDefaultsDeleteSignInCountsAfterADaySentAndFailedMailsAfter30DaysIdempotencyRecordsAfterAWeek() {
        // the defaults of microprofile-config.properties and of the @ConfigProperty annotations
        assertThat(cutoffs(configured(24, 30, 30, 7))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "login_throttle", Instant.parse("2025-06-09T12:00:00Z"),
                "outbox_mail SENT", Instant.parse("2025-05-11T12:00:00Z"),
                "outbox_mail FAILED", Instant.parse("2025-05-11T12:00:00Z"),
                "idempotency_record", Instant.parse("2025-06-03T12:00:00Z")));
    }

    @Test
    void longerRetentionsAreTakenAsConfigured() {
        assertThat(cutoffs(configured(72, 90, 60, 14))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "login_throttle", NOW.minus(Duration.ofHours(72)),
                "outbox_mail SENT", NOW.minus(Duration.ofDays(90)),
                "outbox_mail FAILED", NOW.minus(Duration.ofDays(60)),
                "idempotency_record", NOW.minus(Duration.ofDays(14))));
    }

    @Test
    void signInCountsAndIdempotencyRecordsAreNeverDeletedWhileTheyStillCount() {
        // a count younger than FORGET_AFTER still throttles; a key younger than the window must still be honoured
        Map<String, Instant> cutoffs = cutoffs(configured(1, 0, 0, 0));
        assertThat(cutoffs.get("login_throttle")).isEqualTo(NOW.minus(LoginFailures.FORGET_AFTER));
        assertThat(cutoffs.get("idempotency_record")).isEqualTo(NOW.minus(Housekeeping.IDEMPOTENCY_WINDOW));
        // sent and given-up mails are needed by nothing: zero days deletes them at the next round
        assertThat(cutoffs.get("outbox_mail SENT")).isEqualTo(NOW);
        assertThat(cutoffs.get("outbox_mail FAILED")).isEqualTo(NOW);
        // negative values (a typo) cannot move the cut-off into the future
        assertThat(cutoffs(configured(-5, -1, -1, -1)).values()).allSatisfy(c -> assertThat(c).isBeforeOrEqualTo(NOW));
    }
}
