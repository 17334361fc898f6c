package org.farmstand.admin.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

    /** The API's files: people's text defused, the code's own numbers, dates and codes as they are. */
    @Test
    void aRowDefusesTypedTextAndKeepsTheCodesOwnValues() {
        Csv csv = new Csv(List.of("order_number", "status", "customer_name", "phone", "order_total_cents",
                "quantity", "created_at"));
        csv.row(List.of("261129-AB12CD", "PLACED", "=HYPERLINK(\"http://x.example\")", "+49 761 1", -150L, 2,
                "2026-11-29T17:00:00Z"));
        assertThat(csv.toString()).isEqualTo(
                "order_number,status,customer_name,phone,order_total_cents,quantity,created_at\r\n"
                        + "261129-AB12CD,PLACED,\"'=HYPERLINK(\"\"http://x.example\"\")\",'+49 761 1,-150,2,"
                        + "2026-11-29T17:00:00Z\r\n");
    }
}
