package org.farmstand.storefront.web;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class WarmUpPlanTest {

    private static final String PADDED = "warm-up=" + "x".repeat(PageCache.MAX_QUERY_LENGTH);

    @Test
    void eachCatalogPageAsAVisitorAsksForItThenRenderedPastThePageCacheAndTheImage() {
        var plan = WarmUpPlan.of("", List.of(new WarmUpPlan.Shop("sonnenhof", "gemuese", "moehren", "ab12")));

        assertThat(plan.paths()).containsExactly(
                "/s/sonnenhof/", "/s/sonnenhof/?" + PADDED,
                "/s/sonnenhof/products", "/s/sonnenhof/products?" + PADDED,
                "/s/sonnenhof/products?category=gemuese", "/s/sonnenhof/products?category=gemuese&" + PADDED,
                "/s/sonnenhof/products/moehren", "/s/sonnenhof/products/moehren?" + PADDED,
                "/s/sonnenhof/account/login", "/s/sonnenhof/account/login?" + PADDED,
                "/s/sonnenhof/media/ab12-thumb.jpg");
    }

    @Test
    void theRenderedVariantsQueryIsTooLongForThePageCache() {
        var plan = WarmUpPlan.of("", List.of(new WarmUpPlan.Shop("s", "c", "p", null)));

        plan.paths().stream().filter(p -> p.contains(WarmUpPlan.PADDING_PARAMETER)).forEach(path ->
                assertThat(path.substring(path.indexOf('?') + 1)).hasSizeGreaterThan(PageCache.MAX_QUERY_LENGTH));
        assertThat(plan.paths()).filteredOn(p -> p.contains(WarmUpPlan.PADDING_PARAMETER)).hasSize(5);
    }

    @Test
    void whatAShopLacksIsLeftOutAndTheContextPathLeads() {
        var plan = WarmUpPlan.of("/shop", List.of(new WarmUpPlan.Shop("leer", null, null, null)));

        assertThat(plan.paths()).containsExactly("/shop/s/leer/", "/shop/s/leer/?" + PADDED,
                "/shop/s/leer/products", "/shop/s/leer/products?" + PADDED,
                "/shop/s/leer/account/login", "/shop/s/leer/account/login?" + PADDED);
    }

    @Test
    void categoriesAreEncodedInTheQuery() {
        var plan = WarmUpPlan.of("", List.of(new WarmUpPlan.Shop("s", "obst & gemüse", null, null)));

        assertThat(plan.paths()).contains("/s/s/products?category=obst+%26+gem%C3%BCse");
    }

    @Test
    void atMostThreeShopsTakingTurns() {
        var shops = IntStream.rangeClosed(1, 5).mapToObj(i -> new WarmUpPlan.Shop("s" + i, null, null, null)).toList();

        var plan = WarmUpPlan.of("", shops);

        assertThat(plan.paths()).hasSize(3 * 6);
        assertThat(plan.paths().subList(0, 3)).containsExactly("/s/s1/", "/s/s2/", "/s/s3/");
        assertThat(plan.paths()).noneMatch(p -> p.startsWith("/s/s4/") || p.startsWith("/s/s5/"));
    }

    @Test
    void theRotationStartsOverAfterTheLastPage() {
        var plan = WarmUpPlan.of("", List.of(new WarmUpPlan.Shop("s", null, null, null)));

        assertThat(plan.path(0)).isEqualTo("/s/s/");
        assertThat(plan.path(5)).isEqualTo("/s/s/account/login?" + PADDED);
        assertThat(plan.path(6)).isEqualTo("/s/s/");
        assertThat(plan.path(6L * 1_000_000_000L + 2)).isEqualTo("/s/s/products");
    }

    @Test
    void noShopNoPlan() {
        assertThat(WarmUpPlan.of("", List.of()).isEmpty()).isTrue();
    }
}
