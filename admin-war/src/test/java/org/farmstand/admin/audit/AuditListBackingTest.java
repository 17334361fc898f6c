package org.farmstand.admin.audit;

import org.farmstand.admin.web.Formats;
import org.farmstand.admin.web.Messages;
import org.farmstand.audit.boundary.AuditDetail;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Locale;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;

/** Audit details recorded as a key and arguments read in the reader's language, with plurals. */
class AuditListBackingTest {

    static String render(AuditDetail detail, Locale language) {
        return AuditListBacking.render(detail.encode(), ResourceBundle.getBundle(Messages.BUNDLE, language), language,
                cents -> Formats.money(cents, "EUR", language));
    }

    static final LocalDate DAY = LocalDate.of(2027, 2, 4);

    @Test
    void aCancelledDateInGermanAndEnglish() {
        var five = AuditDetail.of("audit.detail.tour_date.cancelled", "Dienstag Nord", DAY, 5, 0);
        assertThat(render(five, Locale.GERMAN)).isEqualTo("Dienstag Nord Do 04.02.2027, 5 Bestellungen storniert");
        assertThat(render(five, Locale.ENGLISH)).isEqualTo("Dienstag Nord Thu 4 Feb 2027, 5 orders cancelled");
        var one = AuditDetail.of("audit.detail.tour_date.cancelled", "Dienstag Nord", DAY, 1, 2);
        assertThat(render(one, Locale.ENGLISH))
                .isEqualTo("Dienstag Nord Thu 4 Feb 2027, 1 order cancelled, 2 waiting-list entries ended");
        assertThat(render(one, Locale.GERMAN))
                .isEqualTo("Dienstag Nord Do 04.02.2027, 1 Bestellung storniert, 2 Wartelisteneinträge beendet");
        var none = AuditDetail.of("audit.detail.tour_date.cancelled", "Nord", DAY, 0, 1);
        assertThat(render(none, Locale.ENGLISH))
                .isEqualTo("Nord Thu 4 Feb 2027, no orders cancelled, 1 waiting-list entry ended");
    }

    @Test
    void keysAsArgumentsAreTranslatedToo() {
        var tour = AuditDetail.of("audit.detail.tour", "Dienstag Nord", new AuditDetail.Key("tours.weekday.2"), 1200,
                "79098, 791*", 1, 3);
        assertThat(render(tour, Locale.ENGLISH))
                .isEqualTo("Dienstag Nord, Tuesday, capacity 1,200, postcodes 79098, 791*, 3 open dates changed");
        assertThat(render(tour, Locale.GERMAN))
                .isEqualTo("Dienstag Nord, Dienstag, Kapazität 1.200, PLZ 79098, 791*, 3 offene Termine geändert");
        var inactive = AuditDetail.of("audit.detail.tour", "Nord", new AuditDetail.Key("tours.weekday.5"), 2, "79*",
                0, 0);
        assertThat(render(inactive, Locale.ENGLISH)).isEqualTo("Nord, Friday, capacity 2, postcodes 79*, inactive");
        var status = AuditDetail.of("audit.detail.order.status", "SO-1",
                new AuditDetail.Key("OrderStatus.PLACED"), new AuditDetail.Key("OrderStatus.CONFIRMED"));
        assertThat(render(status, Locale.GERMAN)).isEqualTo("SO-1: eingegangen → bestätigt");
        assertThat(render(AuditDetail.of("audit.detail.offer_hours", 1), Locale.ENGLISH)).isEqualTo("1 hour");
        assertThat(render(AuditDetail.of("audit.detail.offer_hours", 48), Locale.GERMAN)).isEqualTo("48 Stunden");
    }

    @Test
    void productPricesInTheReadersNotation() {
        var updated = AuditDetail.of("audit.detail.product.updated", "Möhren", 1, new AuditDetail.Money(100),
                new AuditDetail.Money(175), 2);
        assertThat(render(updated, Locale.ENGLISH)).isEqualTo("Möhren, price €1.00 → €1.75, deactivated");
        assertThat(render(updated, Locale.GERMAN))
                .isEqualTo("Möhren, Preis 1,00\u00A0€ → 1,75\u00A0€, deaktiviert");
        var renamed = AuditDetail.of("audit.detail.product.updated", "Möhren", 0, new AuditDetail.Money(100),
                new AuditDetail.Money(100), 0);
        assertThat(render(renamed, Locale.ENGLISH)).isEqualTo("Möhren");
        var created = AuditDetail.of("audit.detail.product.created", "Möhren", new AuditDetail.Money(250), 0);
        assertThat(render(created, Locale.GERMAN)).isEqualTo("Möhren, Preis 2,50\u00A0€, inaktiv");
        var language = AuditDetail.of("audit.detail.customer.language", "a@example.org",
                new AuditDetail.Key("customers.language.shopDefault"));
        assertThat(render(language, Locale.GERMAN)).isEqualTo("a@example.org: Standardsprache des Shops");
    }

    @Test
    void staffChangesWithTheirRolesInTheReadersLanguage() {
        var both = AuditDetail.of("audit.detail.staff.updated", "tom@x.example",
                new AuditDetail.Key("StaffRole.OWNER"), new AuditDetail.Key("StaffRole.STAFF"), "Tom T.");
        assertThat(render(both, Locale.ENGLISH)).isEqualTo("tom@x.example: role Owner → Staff, name \"Tom T.\"");
        assertThat(render(both, Locale.GERMAN))
                .isEqualTo("tom@x.example: Rolle Inhaber/in → Mitarbeiter/in, Name „Tom T.“");
        var renamed = AuditDetail.of("audit.detail.staff.renamed", "tom@x.example", "Tom");
        assertThat(render(renamed, Locale.ENGLISH)).isEqualTo("tom@x.example: name \"Tom\"");
        var promoted = AuditDetail.of("audit.detail.staff.role", "tom@x.example",
                new AuditDetail.Key("StaffRole.STAFF"), new AuditDetail.Key("StaffRole.OWNER"));
        assertThat(render(promoted, Locale.ENGLISH)).isEqualTo("tom@x.example: role Staff → Owner");
        var invited = AuditDetail.of("audit.detail.staff.invited", "ann@x.example",
                new AuditDetail.Key("StaffRole.STAFF"), 1);
        assertThat(render(invited, Locale.ENGLISH)).isEqualTo("ann@x.example (Staff), set-password link sent");
    }

    @Test
    void shopSettings() {
        var settings = AuditDetail.of("audit.detail.settings", "Sonnenhof", "#2e7d32", "#ff9800",
                new AuditDetail.Money(1000), "de,en", 1, 1, "shop.example.org");
        assertThat(render(settings, Locale.GERMAN)).isEqualTo("Sonnenhof, Farben #2e7d32/#ff9800, Mindestbestellwert"
                + " 10,00\u00A0€, Sprachen de,en, neues Logo, Domains shop.example.org");
        var plain = AuditDetail.of("audit.detail.settings", "Sonnenhof", "#2e7d32", "#ff9800",
                new AuditDetail.Money(0), "de", 0, 0, "");
        assertThat(render(plain, Locale.ENGLISH))
                .isEqualTo("Sonnenhof, colours #2e7d32/#ff9800, minimum order €0.00, languages de");
    }

    @Test
    void customerPolicyTokensAndTheHostersChanges() {
        var capped = AuditDetail.of("audit.detail.customer_policy", new AuditDetail.Key("audit.customerPolicy.CAPPED"), 3);
        assertThat(render(capped, Locale.ENGLISH)).isEqualTo("capped intake, 3 new customers a week");
        assertThat(render(capped, Locale.GERMAN)).isEqualTo("begrenzte Aufnahme, 3 pro Woche");
        var one = AuditDetail.of("audit.detail.customer_policy", new AuditDetail.Key("audit.customerPolicy.CAPPED"), 1);
        assertThat(render(one, Locale.ENGLISH)).isEqualTo("capped intake, 1 new customer a week");
        var open = AuditDetail.of("audit.detail.customer_policy", new AuditDetail.Key("audit.customerPolicy.APPROVAL"), 0);
        assertThat(render(open, Locale.ENGLISH)).isEqualTo("approval required");
        assertThat(render(open, Locale.GERMAN)).isEqualTo("mit Freischaltung");

        var token = AuditDetail.of("audit.detail.api_token.created", "PCG | Lager",
                new AuditDetail.Key("tokens.scopes.readWrite"));
        assertThat(render(token, Locale.ENGLISH)).isEqualTo("PCG | Lager (read, write)");
        assertThat(render(token, Locale.GERMAN)).isEqualTo("PCG | Lager (lesen, schreiben)");

        var created = AuditDetail.of("audit.detail.shop.created", "hof-1", "Hof 1", "o@hof.example");
        assertThat(render(created, Locale.ENGLISH)).isEqualTo("hof-1, Hof 1, owner o@hof.example");
        assertThat(render(created, Locale.GERMAN)).isEqualTo("hof-1, Hof 1, Inhaber/in o@hof.example");
        var suspended = AuditDetail.of("audit.detail.shop.status", "hof-1", new AuditDetail.Key("TenantStatus.ACTIVE"),
                new AuditDetail.Key("TenantStatus.SUSPENDED"));
        assertThat(render(suspended, Locale.ENGLISH)).isEqualTo("hof-1: active → suspended");
        assertThat(render(suspended, Locale.GERMAN)).isEqualTo("hof-1: aktiv → gesperrt");
        var domains = AuditDetail.of("audit.detail.shop.domains", "–", "a.example, b.example");
        assertThat(render(domains, Locale.GERMAN)).isEqualTo("– → a.example, b.example");
    }

    @Test
    void olderEntriesAndUnknownKeysShowAsStored() {
        ResourceBundle de = ResourceBundle.getBundle(Messages.BUNDLE, Locale.GERMAN);
        assertThat(AuditListBacking.render("Nord 2027-02-04, 5 orders cancelled", de, Locale.GERMAN, null))
                .isEqualTo("Nord 2027-02-04, 5 orders cancelled");
        assertThat(AuditListBacking.render("i18n:no.such.key|n:1", de, Locale.GERMAN, null))
                .isEqualTo("i18n:no.such.key|n:1");
        assertThat(AuditListBacking.render(null, de, Locale.GERMAN, null)).isNull();
    }
}
