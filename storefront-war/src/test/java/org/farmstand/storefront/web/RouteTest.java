package org.farmstand.storefront.web;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTest {

    @Test
    void pathsMatchTheirRouteWithAndWithoutSlashes() {
        assertThat(Route.match("").orElseThrow().route()).isEqualTo(Route.HOME);
        assertThat(Route.match("/").orElseThrow().route()).isEqualTo(Route.HOME);
        assertThat(Route.match("//").orElseThrow().route()).isEqualTo(Route.HOME);
        assertThat(Route.match("/products").orElseThrow().route()).isEqualTo(Route.PRODUCTS);
        assertThat(Route.match("/products/").orElseThrow().route()).isEqualTo(Route.PRODUCTS);
        var product = Route.match("//products/moehren//").orElseThrow();
        assertThat(product.route()).isEqualTo(Route.PRODUCT);
        assertThat(product.params()).isEqualTo(Map.of("product", "moehren"));
        assertThat(Route.match("/orders/F-1/confirmation").orElseThrow().params()).isEqualTo(Map.of("number", "F-1"));
    }

    @Test
    void unknownPathsMatchNothing() {
        assertThat(Route.match("/admin")).isEmpty();
        assertThat(Route.match("/products/moehren/more")).isEmpty();
        assertThat(Route.match("/account")).isEmpty();
        assertThat(Route.match("/products//moehren")).isEmpty();
    }

    @Test
    void slashesAreTrimmedOnBothSidesOnly() {
        assertThat(Route.trimSlashes("///a/b//")).isEqualTo("a/b");
        assertThat(Route.trimSlashes("a")).isEqualTo("a");
        assertThat(Route.trimSlashes("////")).isEmpty();
    }
}
