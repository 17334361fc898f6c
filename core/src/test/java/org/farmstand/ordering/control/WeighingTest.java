package org.farmstand.ordering.control;

import org.farmstand.catalog.entity.Unit;
import org.farmstand.ordering.entity.OrderLine;
import org.farmstand.ordering.entity.OrderStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one rule for weighing lines sold by weight and clearing their weights (admin page and API). */
class WeighingTest {

    /** 3 pieces of about 500 g at 28.90 per kg: estimated 3 x 14.45 = 43.35, 1.5 kg. */
    private static OrderLine cheese() {
        return new OrderLine(1, "Bergkäse", Unit.PIECE, 3, 1445).soldByWeight(2890, 500);
    }

    @Test
    void everyStatusButCancelledMayBeWeighedOrCleared() {
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(Weighing.allowedIn(status)).as(status.name()).isEqualTo(status != OrderStatus.CANCELLED);
        }
    }

    @Test
    void aWeightIsMoreThanZeroAndAtMostFiveTimesTheEstimate() {
        OrderLine line = cheese();
        assertThat(Weighing.maxGrams(line)).isEqualTo(7500);
        assertThat(Weighing.refusal(line, 1)).isNull();
        assertThat(Weighing.refusal(line, 7500)).isNull();
        assertThat(Weighing.refusal(line, 7501)).isEqualTo(Weighing.Refusal.OUT_OF_BOUNDS);
        assertThat(Weighing.refusal(line, 0)).isEqualTo(Weighing.Refusal.OUT_OF_BOUNDS);
        assertThat(Weighing.refusal(line, -5)).isEqualTo(Weighing.Refusal.OUT_OF_BOUNDS);
        assertThat(Weighing.refusal(line, null)).as("clearing").isNull();
    }

    @Test
    void neverMoreThanATonneHoweverLargeTheEstimate() {
        OrderLine sacks = new OrderLine(2, "Kartoffeln", Unit.BOX, 40, 2000).soldByWeight(100, 25_000);
        assertThat(Weighing.maxGrams(sacks)).isEqualTo(1_000_000);
        assertThat(Weighing.refusal(sacks, 1_000_000)).isNull();
        assertThat(Weighing.refusal(sacks, 1_000_001)).isEqualTo(Weighing.Refusal.OUT_OF_BOUNDS);
    }

    @Test
    void aLinePricedPerUnitHasNoWeightToSetOrClear() {
        OrderLine bread = new OrderLine(3, "Brot", Unit.PIECE, 2, 250);
        assertThat(Weighing.refusal(bread, 1000)).isEqualTo(Weighing.Refusal.NOT_BY_WEIGHT);
        assertThat(Weighing.refusal(bread, null)).isEqualTo(Weighing.Refusal.NOT_BY_WEIGHT);
        assertThatThrownBy(bread::clearWeight).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void clearingAWeightRestoresTheEstimate() {
        OrderLine line = cheese();
        line.weigh(1234); // 1.234 kg x 28.90 = 35.6626 -> 35.66
        assertThat(line.getLineTotalCents()).isEqualTo(3566);
        assertThat(line.isWeighed()).isTrue();

        line.clearWeight();
        assertThat(line.isWeighed()).isFalse();
        assertThat(line.getWeighedGrams()).isNull();
        assertThat(line.getLineTotalCents()).isEqualTo(4335);
        assertThat(line.getUnitPriceCents()).isEqualTo(1445);
    }
}
