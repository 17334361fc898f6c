package org.farmstand.tours.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostcodesTest {

    @Test
    void matchesExactCodesAndPrefixes() {
        var rules = Postcodes.parse("79098, 791*;  80*");
        assertThat(Postcodes.matches(rules, "79098")).isTrue();
        assertThat(Postcodes.matches(rules, "79100")).isTrue();
        assertThat(Postcodes.matches(rules, " 80 331 ")).isTrue();
        assertThat(Postcodes.matches(rules, "79099")).isFalse();
        assertThat(Postcodes.matches(rules, "791")).as("a prefix alone is an incomplete code").isFalse();
        assertThat(Postcodes.matches(rules, "8 0")).isFalse();
        assertThat(Postcodes.matches(rules, "7910")).isTrue();
        assertThat(Postcodes.matches(rules, "")).isFalse();
        assertThat(Postcodes.matches(rules, null)).isFalse();
    }

    @Test
    void validatesRules() {
        assertThat(Postcodes.valid("790*, 79100")).isTrue();
        assertThat(Postcodes.valid("")).isFalse();
        assertThat(Postcodes.valid("79*0")).isFalse();
        assertThat(Postcodes.valid("<script>")).isFalse();
    }
}
