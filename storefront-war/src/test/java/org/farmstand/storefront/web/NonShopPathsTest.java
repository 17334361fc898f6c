package org.farmstand.storefront.web;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NonShopPathsTest {

    private final NonShopPaths paths = new NonShopPaths(Set.of("/_test/admission"));

    @Test
    void monitoringHealthResourcesAndTheWarsOwnServletsAreNotShopPages() {
        assertThat(paths.contains("/metrics")).isTrue();
        assertThat(paths.contains("/metrics/application")).isTrue();
        assertThat(paths.contains("/openapi")).isTrue();
        assertThat(paths.contains("/openapi/ui")).isTrue();
        assertThat(paths.contains("/health")).isTrue();
        assertThat(paths.contains("/health/live")).isTrue();
        assertThat(paths.contains("/jakarta.faces.resource/primefaces.js")).isTrue();
        assertThat(paths.contains("/resources/css/shop.css")).isTrue();
        assertThat(paths.contains("/favicon.ico")).isTrue();
        assertThat(paths.contains("/_test/admission")).isTrue();
    }

    @Test
    void shopPagesAndLookalikesAreShopPages() {
        assertThat(paths.contains("/")).isFalse();
        assertThat(paths.contains("/products")).isFalse();
        assertThat(paths.contains("/s/sonnenhof/metrics")).isFalse();
        assertThat(paths.contains("/metricsfoo")).isFalse();
        assertThat(paths.contains("/healthy-food")).isFalse();
        assertThat(paths.contains("/openapi-products")).isFalse();
        assertThat(paths.contains("/_test/admission/more")).isFalse();
        assertThat(paths.contains("/media/abc.jpg")).as("media: the gate lets it pass, the router serves it per shop")
                .isFalse();
    }
}
