package org.farmstand.tenancy.boundary;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TenantHeadsTest {

    static TenantHeads heads(Duration maxAge) {
        TenantHeads heads = new TenantHeads();
        heads.maxAgeNanos = maxAge.toNanos();
        return heads;
    }

    @Test
    void aHeadIsKeptUnderTheNameItWasAskedByUntilItIsTooOld() throws InterruptedException {
        TenantHeads heads = heads(Duration.ofMillis(200));
        assertThat(heads.fresh("sonnenhof")).isNull();
        heads.remember("sonnenhof", 7, 41);
        heads.remember(7L, 7, 41);
        assertThat(heads.fresh("sonnenhof")).extracting(TenantHeads.Head::id, TenantHeads.Head::version)
                .containsExactly(7L, 41L);
        assertThat(heads.fresh(7L)).isNotNull();
        assertThat(heads.fresh("lindenhof")).isNull();
        assertThat(heads.fresh(8L)).isNull();
        Thread.sleep(250);
        assertThat(heads.fresh("sonnenhof")).as("read again after the maximum age").isNull();
    }

    @Test
    void aChangeOfAShopDropsAllItsHeadsAndNoOtherShops() {
        TenantHeads heads = heads(Duration.ofHours(1));
        heads.remember("sonnenhof", 7, 41);
        heads.remember(7L, 7, 41);
        heads.remember("lindenhof", 9, 3);
        heads.forget(7);
        assertThat(heads.fresh("sonnenhof")).isNull();
        assertThat(heads.fresh(7L)).isNull();
        assertThat(heads.fresh("lindenhof")).isNotNull();
    }

    @Test
    void aMaximumAgeOfZeroKeepsNothing() {
        TenantHeads heads = heads(Duration.ZERO);
        heads.remember("sonnenhof", 7, 41);
        assertThat(heads.fresh("sonnenhof")).isNull();
    }

    @Test
    void madeUpNamesCannotGrowTheMapBeyondItsBound() {
        TenantHeads heads = heads(Duration.ofHours(1));
        for (int i = 0; i <= TenantHeads.MAX_ENTRIES; i++) {
            heads.remember("shop-" + i, i, 1);
        }
        assertThat(heads.fresh("shop-0")).as("emptied when full").isNull();
        assertThat(heads.fresh("shop-" + TenantHeads.MAX_ENTRIES)).isNotNull();
    }
}
