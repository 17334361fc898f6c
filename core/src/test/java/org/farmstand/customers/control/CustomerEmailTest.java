package org.farmstand.customers.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerEmailTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void anAddressIsWrittenWithoutEdgeSpacesInLowerCaseAndAccentsKept() {
        assertThat(CustomerEmail.normalized("  Dora.Test@Example.ORG ")).isEqualTo("dora.test@example.org");
        assertThat(CustomerEmail.normalized("Clára@example.org")).as("another address than clara@").isEqualTo("clára@example.org");
        assertThat(CustomerEmail.normalized("\u0130@example.org")).as("Locale.ROOT, not the machine's")
                .isEqualTo("i\u0307@example.org");
        assertThat(CustomerEmail.normalized(null)).isEmpty();
    }

    @Test
    void aNewAddressMustBeGivenAndDifferFromTheCurrentOne() {
        assertThat(CustomerEmail.changeProblem("", "dora@example.org")).isEqualTo("emailMissing");
        assertThat(CustomerEmail.changeProblem(CustomerEmail.normalized("   "), "dora@example.org")).isEqualTo("emailMissing");
        assertThat(CustomerEmail.changeProblem(null, "dora@example.org")).isEqualTo("emailMissing");
        assertThat(CustomerEmail.changeProblem(CustomerEmail.normalized(" DORA@example.org"), "dora@example.org"))
                .as("the same address, typed otherwise").isEqualTo("emailUnchanged");
        assertThat(CustomerEmail.changeProblem("dora@example.net", "dora@example.org")).isNull();
        assertThat(CustomerEmail.changeProblem("dóra@example.org", "dora@example.org")).as("compared exactly").isNull();
    }

    @Test
    void aLinkWorksUntilItExpires() {
        assertThat(CustomerEmail.linkValid(NOW.plusSeconds(1), NOW)).isTrue();
        assertThat(CustomerEmail.linkValid(NOW, NOW)).isFalse();
        assertThat(CustomerEmail.linkValid(NOW.minusSeconds(1), NOW)).isFalse();
        assertThat(CustomerEmail.linkValid(null, NOW)).isFalse();
        assertThat(CustomerEmail.CHANGE_VALID).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void anotherLinkIsSentAtMostOnceAMinute() {
        Instant sentNow = NOW.plus(CustomerEmail.CHANGE_VALID);
        assertThat(CustomerEmail.mayResend(null, NOW)).isTrue();
        assertThat(CustomerEmail.mayResend(sentNow, NOW)).isFalse();
        assertThat(CustomerEmail.mayResend(sentNow.minusSeconds(59), NOW)).isFalse();
        assertThat(CustomerEmail.mayResend(sentNow.minusSeconds(60), NOW)).isTrue();
        assertThat(CustomerEmail.mayResend(NOW.minusSeconds(1), NOW)).as("expired").isTrue();
    }

    @Test
    void theNoticeToTheOldAddressNamesTheNewOneMasked() {
        assertThat(CustomerEmail.masked("dora.test@example.org")).isEqualTo("d***@example.org");
        assertThat(CustomerEmail.masked("d@example.org")).isEqualTo("d***@example.org");
        assertThat(CustomerEmail.masked("\uD83D\uDE00x@example.org")).as("a whole code point")
                .isEqualTo("\uD83D\uDE00***@example.org");
        assertThat(CustomerEmail.masked("a\"@\"b@example.org")).isEqualTo("a***@example.org");
        assertThat(CustomerEmail.masked("@example.org")).isEqualTo("***");
        assertThat(CustomerEmail.masked(null)).isEqualTo("***");
    }
}
