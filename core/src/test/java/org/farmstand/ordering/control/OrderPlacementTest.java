package org.farmstand.ordering.control;

import org.farmstand.catalog.entity.Unit;
import org.farmstand.customers.entity.Customer;
import org.farmstand.mail.entity.OutboxMail;
import org.farmstand.ordering.entity.CustomerOrder;
import org.farmstand.ordering.entity.OrderLine;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tenancy.entity.CustomerPolicy;
import org.farmstand.tenancy.entity.TenantStatus;
import org.farmstand.tours.entity.Tour;
import org.farmstand.tours.entity.TourDate;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OrderPlacementTest {

    @Test
    void quantitiesMustBeOneToNinetyNine() {
        assertThat(OrderPlacement.checkQuantities(Map.of(1L, 1, 2L, 99))).isNull();
        assertThat(OrderPlacement.checkQuantities(Map.of(1L, 0))).isEqualTo("order.invalid.quantity");
        assertThat(OrderPlacement.checkQuantities(Map.of(1L, 100))).isEqualTo("order.invalid.quantity");
        assertThat(OrderPlacement.checkQuantities(Map.of(1L, -5))).isEqualTo("order.invalid.quantity");
        assertThat(OrderPlacement.checkQuantities(Map.of())).isEqualTo("order.invalid.empty");
        assertThat(OrderPlacement.checkQuantities(null)).isEqualTo("order.invalid.empty");
        Map<Long, Integer> many = new HashMap<>();
        for (long i = 0; i < 51; i++) {
            many.put(i, 1);
        }
        assertThat(OrderPlacement.checkQuantities(many)).isEqualTo("order.invalid.tooManyLines");
    }

    @Test
    void idempotencyKeysAreShortSafeTokens() {
        assertThat(OrderPlacement.validKey("7MjOMEMREPPmrSA32CF8jiPVZLyecXhg")).isTrue();
        assertThat(OrderPlacement.validKey("short")).isFalse();
        assertThat(OrderPlacement.validKey(null)).isFalse();
        assertThat(OrderPlacement.validKey("x".repeat(65))).isFalse();
        assertThat(OrderPlacement.validKey("abc def ghi jkl mno")).isFalse();
    }

    @Test
    void orderNumbersFitTheColumnAndTheUrl() {
        for (int i = 0; i < 100; i++) {
            String n = OrderPlacement.newNumber();
            assertThat(n).hasSize(13).matches("[0-9]{6}-[2-9A-HJ-NP-Z]{6}");
        }
    }

    static OutboxMail confirmation(String customerLocale) {
        TenantInfo shop = new TenantInfo(1, "sonnenhof", "Sonnenhof", TenantStatus.ACTIVE, "de", List.of("de", "en"),
                "EUR", "#2e7d32", "#f9a825", null, null, null, null, null, CustomerPolicy.OPEN, 0, 0, 48, 1);
        Customer customer = new Customer();
        customer.setEmail("anna@example.org");
        customer.setFirstName("Anna");
        customer.setLocale(customerLocale);
        Tour tour = new Tour();
        tour.setName("Dienstag Nord");
        TourDate date = new TourDate(tour, LocalDate.of(2026, 12, 1), 10, Instant.parse("2026-11-29T17:00:00Z"), false);
        CustomerOrder order = new CustomerOrder("261128-ABCDEF", customer, date, "k".repeat(20));
        order.addLine(new OrderLine(1, "Möhren", Unit.BUNCH, 5, 249));
        order.addLine(new OrderLine(2, "Kartoffeln, festkochend", Unit.KG, 4, 320));
        return OrderPlacement.confirmationMail(shop, customer, order, date, "https://shop.example/");
    }

    @Test
    void theConfirmationMailIsInTheCustomersLanguageOnly() {
        OutboxMail en = confirmation("en");
        assertThat(en.getRecipient()).isEqualTo("anna@example.org");
        assertThat(en.getSubject()).isEqualTo("Order confirmation 261128-ABCDEF – Sonnenhof");
        assertThat(en.getBody()).startsWith("Hello Anna,\n\nThank you for your order 261128-ABCDEF at Sonnenhof.")
                .contains("Delivery: Tuesday, 1 December 2026 (Dienstag Nord)",
                        "5 bunches Möhren  €12.45\n4 kg Kartoffeln, festkochend  €12.80\n", "Total: €25.25",
                        // until when and where it can be changed: the date's cut-off in shop time, the order's page
                        "You can change or cancel your order until Sunday, 29 November, 18:00:\n"
                                + "https://shop.example/s/sonnenhof/account/orders/261128-ABCDEF?lang=en\n")
                .doesNotContain("Hallo", "Lieferung", "{");
        OutboxMail de = confirmation("de");
        assertThat(de.getSubject()).isEqualTo("Bestellbestätigung 261128-ABCDEF – Sonnenhof");
        assertThat(de.getBody().replace('\u00a0', ' ')).startsWith("Hallo Anna,\n\nvielen Dank für Ihre Bestellung 261128-ABCDEF bei Sonnenhof.")
                .contains("Lieferung: Dienstag, 1. Dezember 2026 (Dienstag Nord)",
                        "5 Bund Möhren  12,45 €\n4 kg Kartoffeln, festkochend  12,80 €\n", "Summe: 25,25 €",
                        "Sie können Ihre Bestellung bis Sonntag, 29. November, 18:00 ändern oder stornieren:\n"
                                + "https://shop.example/s/sonnenhof/account/orders/261128-ABCDEF?lang=de\n")
                .doesNotContain("Hello", "Delivery", "{");
        // no stored language: the shop's default (German here)
        assertThat(confirmation(null).getSubject()).startsWith("Bestellbestätigung");
    }
}
