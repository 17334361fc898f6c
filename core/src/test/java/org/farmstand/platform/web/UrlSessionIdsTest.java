package org.farmstand.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UrlSessionIdsTest {

    @Test
    void aSessionIdInAnySegmentOfThePathIsFound() {
        assertThat(UrlSessionIds.hasSessionPathParameter("/s/sonnenhof/checkout;jsessionid=abc")).isTrue();
        assertThat(UrlSessionIds.hasSessionPathParameter("/admin/index;JSESSIONID=abc")).isTrue();
        assertThat(UrlSessionIds.hasSessionPathParameter("/s/sonnenhof;jsessionid=abc/cart")).isTrue();
    }

    @Test
    void ordinaryPathsPass() {
        assertThat(UrlSessionIds.hasSessionPathParameter("/s/sonnenhof/products/moehren")).isFalse();
        assertThat(UrlSessionIds.hasSessionPathParameter("/admin/products/list")).isFalse();
        assertThat(UrlSessionIds.hasSessionPathParameter(null)).isFalse();
    }
}
