package org.farmstand.audit.boundary;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditDetailTest {

    @Test
    void aDetailSurvivesTheDetailColumn() {
        var detail = AuditDetail.of("audit.detail.tour_date.cancelled", "Nord | Süd \\ West", LocalDate.of(2027, 2, 4),
                5, new AuditDetail.Key("OrderStatus.PLACED"), "");
        String stored = detail.encode();
        assertThat(stored)
                .startsWith("i18n:audit.detail.tour_date.cancelled|s:Nord \\| Süd \\\\ West|d:2027-02-04|n:5|");
        assertThat(AuditDetail.decode(stored)).contains(new AuditDetail("audit.detail.tour_date.cancelled",
                List.of("Nord | Süd \\ West", LocalDate.of(2027, 2, 4), 5L, new AuditDetail.Key("OrderStatus.PLACED"),
                        "")));
    }

    @Test
    void plainTextAndDamagedDetailsAreNotDecoded() {
        assertThat(AuditDetail.decode("Dienstag Nord 2027-02-04, 5 orders cancelled")).isEmpty();
        assertThat(AuditDetail.decode(null)).isEmpty();
        assertThat(AuditDetail.decode("i18n:")).isEmpty();
        assertThat(AuditDetail.decode("i18n:key|n:12x")).isEmpty();
        assertThat(AuditDetail.decode("i18n:key|d:2027-02-")).isEmpty();
        assertThat(AuditDetail.decode("i18n:key|s:cut\\")).isEmpty();
        assertThat(AuditDetail.decode("i18n:key|x:1")).isEmpty();
        assertThat(AuditDetail.decode("i18n:key")).contains(new AuditDetail("key", List.of()));
    }
}
