package org.farmstand.storefront.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tenancy.entity.CustomerPolicy;
import org.farmstand.tenancy.entity.TenantStatus;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ShopLanguageTest {

    static TenantInfo shop(String defaultLocale, List<String> languages) {
        return new TenantInfo(1, "hof", "Hof Linde", TenantStatus.ACTIVE, defaultLocale, languages, "EUR",
                "#2e7d32", "#f9a825", null, null, null, null, null, CustomerPolicy.OPEN, 0, 0, 48, 1);
    }

    /** A request with {@code ?lang=} (or none) and the language cookie (or none). */
    static HttpServletRequest request(String lang, String cookie) {
        return request(lang, cookie, null);
    }

    /** ... and the browser's Accept-Language header (or none). */
    static HttpServletRequest request(String lang, String cookie, String acceptLanguage) {
        return (HttpServletRequest) Proxy.newProxyInstance(ShopLanguageTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getParameter" -> "lang".equals(args[0]) ? lang : null;
                    case "getHeader" -> "Accept-Language".equals(args[0]) ? acceptLanguage : null;
                    case "getCookies" -> cookie == null ? null : new Cookie[] {new Cookie(Shop.LANG_COOKIE, cookie)};
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aShopOffersItsOwnLanguagesOnly() {
        assertThat(Shop.languagesOf(shop("de", List.of("de", "en")))).containsExactly("de", "en");
        assertThat(Shop.languagesOf(shop("en", List.of("en", "de")))).as("in the platform's order")
                .containsExactly("de", "en");
        assertThat(Shop.languagesOf(shop("de", List.of("de")))).containsExactly("de");
        // no shop (the queue page) or none of the pages' languages: all of them rather than none
        assertThat(Shop.languagesOf(null)).containsExactly("de", "en");
        assertThat(Shop.languagesOf(shop("fr", List.of("fr")))).containsExactly("de", "en");
    }

    @Test
    void theVisitorsChoiceCountsOnlyWhereTheShopOffersIt() {
        TenantInfo both = shop("de", List.of("de", "en"));
        TenantInfo german = shop("de", List.of("de"));
        TenantInfo english = shop("en", List.of("en"));
        assertThat(Shop.resolveLocale(request("en", null), both)).isEqualTo(Locale.ENGLISH);
        assertThat(Shop.resolveLocale(request(null, "en"), both)).isEqualTo(Locale.ENGLISH);
        assertThat(Shop.resolveLocale(request(null, null), both)).isEqualTo(Locale.GERMAN);
        assertThat(Shop.resolveLocale(request("en", "en"), german)).isEqualTo(Locale.GERMAN);
        assertThat(Shop.resolveLocale(request("de", "de"), english)).isEqualTo(Locale.ENGLISH);
        assertThat(Shop.resolveLocale(request("fr", null), null)).isEqualTo(Locale.GERMAN);
    }

    @Test
    void theBrowsersLanguageComesAfterTheVisitorsChoiceAndBeforeTheShopsDefault() {
        TenantInfo both = shop("de", List.of("de", "en"));
        assertThat(Shop.resolveLocale(request(null, null, "en-GB,en;q=0.9"), both)).isEqualTo(Locale.ENGLISH);
        assertThat(Shop.resolveLocale(request(null, null, "fr-FR, fr;q=0.9, en;q=0.8, de;q=0.5"), both))
                .as("the first one offered, by weight").isEqualTo(Locale.ENGLISH);
        assertThat(Shop.resolveLocale(request(null, null, "de;q=0.4, en;q=0.9"), both)).isEqualTo(Locale.ENGLISH);
        assertThat(Shop.resolveLocale(request(null, "de", "en"), both)).as("a remembered choice first")
                .isEqualTo(Locale.GERMAN);
        assertThat(Shop.resolveLocale(request("de", null, "en"), both)).isEqualTo(Locale.GERMAN);
        assertThat(Shop.resolveLocale(request(null, null, "en"), shop("de", List.of("de")))).as("not offered")
                .isEqualTo(Locale.GERMAN);
        for (String odd : new String[] {"fr", "en;q=0", ";;;", "x".repeat(300), "", "*"}) {
            assertThat(Shop.resolveLocale(request(null, null, odd), both)).as(odd).isEqualTo(Locale.GERMAN);
        }
    }

    @Test
    void aHeaderIsParsedOnceAndMadeUpHeadersDoNotGrowTheNodesMemory() {
        TenantInfo both = shop("de", List.of("de", "en"));
        for (int round = 0; round < 2; round++) { // the second round answers from what the first kept
            assertThat(Shop.resolveLocale(request(null, null, "en-US,en;q=0.9"), both)).isEqualTo(Locale.ENGLISH);
            assertThat(Shop.resolveLocale(request(null, null, "fr"), both)).isEqualTo(Locale.GERMAN);
        }
        for (int i = 0; i < 5000; i++) {
            String madeUp = "zz-" + Integer.toString(i, 36) + ", en;q=0." + (i % 9 + 1);
            assertThat(Shop.browserLanguage(madeUp, Shop.LANGUAGES)).isEqualTo("en");
            assertThat(Shop.browserLanguagesKept()).isLessThanOrEqualTo(512);
        }
        assertThat(Shop.resolveLocale(request(null, null, "de-AT"), both)).isEqualTo(Locale.GERMAN);
    }
}
