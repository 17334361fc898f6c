package org.farmstand.tenancy.control;

import org.farmstand.tenancy.boundary.ShopSettingsService;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DomainsTest {

    @Test
    void parsesLinesAndCommasLowerCasedWithoutDuplicates() {
        assertThat(Domains.parse(" Shop.Example.org\nwww.shop.example.org, shop.example.org.\n\n"))
                .containsExactly("shop.example.org", "www.shop.example.org");
        assertThat(Domains.parse(null)).isEmpty();
    }

    @Test
    void acceptsOnlyHostNames() {
        assertThat(Domains.valid("hof-am-see.example")).isTrue();
        assertThat(Domains.valid("a.b.example.org")).isTrue();
        assertThat(Domains.valid("localhost")).isFalse();
        assertThat(Domains.valid("-bad.example")).isFalse();
        assertThat(Domains.valid("bad-.example")).isFalse();
        assertThat(Domains.valid("shop.example.org/path")).isFalse();
        assertThat(Domains.valid("http://shop.example.org")).isFalse();
        assertThat(Domains.valid("1.2.3.4")).isFalse();
        assertThat(Domains.valid("x".repeat(64) + ".example")).isFalse();
        assertThat(Domains.valid(null)).isFalse();
    }

    @Test
    void knowsThePlatformsOwnNamesAndThoseUnderIt() {
        assertThat(Domains.under("shops.example.org", "shops.example.org")).isTrue();
        assertThat(Domains.under("hof.shops.example.org", "Shops.Example.org")).isTrue();
        assertThat(Domains.under("myshops.example.org", "shops.example.org")).as("not a name under it").isFalse();
        assertThat(Domains.under("hof.example.org", "shops.example.org")).isFalse();
        assertThat(Domains.under("hof.example.org", null)).isFalse();
    }
}
