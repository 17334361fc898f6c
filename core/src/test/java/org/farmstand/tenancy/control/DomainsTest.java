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

    /** A name with umlauts, as a German producer writes it, is kept in the ASCII form browsers and DNS use. */
    @Test
    void internationalNamesAreKeptInTheirAsciiFormAndReadBackAsWritten() {
        List<String> hosts = Domains.parse("Hofladen-Müller.de\nwww.bäckerei-öko.example");
        assertThat(hosts).containsExactly("xn--hofladen-mller-psb.de", "www.xn--bckerei-ko-q5a7t.example");
        assertThat(hosts).allMatch(Domains::valid);
        assertThat(hosts.stream().map(Domains::readable)).containsExactly("hofladen-müller.de", "www.bäckerei-öko.example");
        assertThat(Domains.readable("shop.example.org")).isEqualTo("shop.example.org");
        // what cannot be a host name stays as typed, and is refused
        assertThat(Domains.parse("hof_müller.de")).containsExactly("hof_müller.de");
        assertThat(Domains.valid("hof_müller.de")).isFalse();
    }
}
