package org.farmstand.mail.control;

import org.farmstand.catalog.entity.Unit;
import org.farmstand.mail.entity.OutboxMail;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.testing.Bundles;
import org.farmstand.tenancy.entity.CustomerPolicy;
import org.farmstand.tenancy.entity.TenantStatus;
import org.junit.jupiter.api.Test;

import java.text.ChoiceFormat;
import java.text.Format;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailTextTest {

    static Properties bundle(String suffix) {
        return Bundles.load(MailText.BUNDLE.replace('.', '/') + suffix + ".properties");
    }

    static Set<Integer> arguments(String pattern) {
        return Bundles.arguments(pattern);
    }

    static TenantInfo shop(String defaultLocale) {
        return shop(defaultLocale, List.of("de", "en"));
    }

    static TenantInfo shop(String defaultLocale, List<String> languages) {
        return new TenantInfo(1, "hof", "Hof Linde", TenantStatus.ACTIVE, defaultLocale, languages, "EUR",
                "#2e7d32", "#f9a825", null, null, null, null, null, CustomerPolicy.OPEN, 0, 0, 48, 1);
    }

    /** The mails of the bundle: every key with a .subject (and, checked below, a .body). */
    static List<String> mails() {
        List<String> mails = new ArrayList<>();
        for (String key : new TreeSet<>(bundle("").stringPropertyNames())) {
            if (key.endsWith(".subject")) {
                mails.add(key.substring(0, key.length() - ".subject".length()));
            }
        }
        return mails;
    }

    @Test
    void bothBundlesHaveTheSameKeysWithTheSameArguments() {
        Properties en = bundle("");
        Properties de = bundle("_de");
        assertThat(de.stringPropertyNames()).as("German keys").isEqualTo(en.stringPropertyNames());
        assertThat(bundle("_en").stringPropertyNames()).as("English is the base bundle").isEmpty();
        for (String key : en.stringPropertyNames()) {
            assertThat(arguments(de.getProperty(key))).as(key).isEqualTo(arguments(en.getProperty(key)));
            for (Properties p : List.of(en, de)) {
                String pattern = p.getProperty(key);
                assertThat(pattern).as(key).isNotBlank();
                // MessageFormat drops a single apostrophe (it quotes): texts write ''
                assertThat(pattern.replace("''", "")).as("%s has a lone apostrophe", key).doesNotContain("'");
                new MessageFormat(pattern); // parses
            }
        }
    }

    @Test
    void everyMailHasASubjectAndABody() {
        Set<String> keys = bundle("").stringPropertyNames();
        assertThat(mails()).contains("customer.verify", "customer.welcome", "customer.reset", "customer.declined",
                "order.confirmation", "order.changed", "order.cancelled", "order.cancelledByFarm",
                "order.dateCancelled", "waitlist.offer", "waitlist.noPlace", "staff.invite", "staff.passwordLink");
        for (String key : keys) {
            if (key.endsWith(".body")) {
                assertThat(keys).contains(key.replaceAll("\\.body$", ".subject"));
            }
            if (key.endsWith(".subject")) {
                assertThat(keys).contains(key.replaceAll("\\.subject$", ".body"));
            }
        }
    }

    @Test
    void everyMailRendersInGermanAndInEnglishWithEveryArgumentFilledIn() {
        Properties base = bundle("");
        for (String mail : mails()) {
            String subject = base.getProperty(mail + ".subject");
            String body = base.getProperty(mail + ".body");
            Format[] formats = new MessageFormat(body).getFormatsByArgumentIndex();
            int count = Math.max(MailText.arguments(subject), MailText.arguments(body));
            Object[] args = new Object[count];
            for (int i = 0; i < count; i++) {
                args[i] = i < formats.length && formats[i] instanceof ChoiceFormat ? (Object) 3L : "«arg" + i + "»";
            }
            OutboxMail de = MailText.forRecipient("de", null).mail("x@example.org", mail, args);
            OutboxMail en = MailText.forRecipient("en", null).mail("x@example.org", mail, args);
            for (OutboxMail m : List.of(de, en)) {
                assertThat(m.getSubject() + m.getBody()).as(mail).doesNotContainPattern("\\{\\d").doesNotContain("'");
                for (Object arg : args) {
                    if (arg instanceof String s) {
                        assertThat(m.getSubject() + m.getBody()).as("%s uses %s", mail, s).contains(s);
                    }
                }
                assertThat(m.getRecipient()).isEqualTo("x@example.org");
            }
            // one language per mail: the greeting and the subject are the recipient's only
            assertThat(de.getBody()).as(mail).startsWith("Hallo «arg0»,").doesNotContain("Hello");
            assertThat(en.getBody()).as(mail).startsWith("Hello «arg0»,").doesNotContain("Hallo");
            assertThat(de.getSubject()).as(mail).isNotEqualTo(en.getSubject()).doesNotContain("/");
        }
    }

    /**
     * After the greeting, a German mail goes on in lower case ("Hallo Anna,\n\nvielen Dank ..."), an English one starts
     * a sentence ("Hello Tom,\n\nThank you ..."): the English texts had taken the German rule over.
     */
    @Test
    void theFirstSentenceAfterTheGreetingFollowsTheLanguagesRule() {
        Properties en = bundle("");
        Properties de = bundle("_de");
        for (String mail : mails()) {
            String english = en.getProperty(mail + ".body").split("\n", 3)[2];
            String german = de.getProperty(mail + ".body").split("\n", 3)[2];
            assertThat(english.charAt(0)).as("en " + mail + ": " + english).matches(Character::isUpperCase);
            // in German a lower-case word, or the polite "Sie" / "Ihr..." (always capitalised)
            assertThat(german).as("de " + mail).matches(text -> Character.isLowerCase(text.charAt(0))
                    || text.startsWith("Sie ") || text.startsWith("Ihr"));
        }
        assertThat(MailText.forRecipient("en", null).mail("x@example.org", "customer.verify", "Tom", "Hof", "link")
                .getBody()).startsWith("Hello Tom,\n\nPlease confirm your e-mail address for Hof:");
    }

    /** The parsed patterns and formats are shared between threads: each use must work on its own copy. */
    @Test
    void textsAndAmountsWrittenByManyThreadsAtOnceComeOutAsWrittenByOne() {
        MailText de = MailText.forRecipient("de", null);
        MailText en = MailText.forRecipient("en", null);
        java.util.function.IntFunction<String> write = i -> de.orderLine(Unit.KG, i, "Kartoffeln", 100L * i + i % 100)
                + " / " + en.money(100L * i + i % 100) + " / " + de.date(LocalDate.of(2026, 1, 1).plusDays(i % 365));
        List<String> alone = java.util.stream.IntStream.range(0, 20_000).mapToObj(write).toList();
        List<String> together = java.util.stream.IntStream.range(0, 20_000).parallel().mapToObj(write).toList();
        assertThat(together).isEqualTo(alone);
        assertThat(alone.get(1234)).isEqualTo("1.234 kg Kartoffeln  1.234,34\u00a0€ / €1,234.34 / Mittwoch, 20. Mai 2026");
    }

    @Test
    void validityIsCountedInHours() {
        assertThat(MailText.forRecipient("en", null).text("customer.reset.body", "Ann", "Hof", "https://x/y", 1L))
                .contains("(valid for 1 hour)");
        assertThat(MailText.forRecipient("de", null).text("staff.invite.body", "Ann", "Hof", "a@b", "https://x/y", 72L))
                .contains("(72 Stunden gültig)");
    }

    @Test
    void theRecipientsLanguageElseTheShopsElseGerman() {
        assertThat(MailText.forRecipient("en", shop("de")).language()).isEqualTo(Locale.ENGLISH);
        assertThat(MailText.forRecipient("de", shop("en")).language()).isEqualTo(Locale.GERMAN);
        assertThat(MailText.forRecipient("en-GB", shop("de")).language()).isEqualTo(Locale.ENGLISH);
        assertThat(MailText.forRecipient("de_AT", shop("en")).language()).isEqualTo(Locale.GERMAN);
        assertThat(MailText.forRecipient(null, shop("en")).language()).isEqualTo(Locale.ENGLISH);
        assertThat(MailText.forRecipient(" ", shop("en")).language()).isEqualTo(Locale.ENGLISH);
        assertThat(MailText.forRecipient("fr", shop("en")).language()).as("no French texts").isEqualTo(Locale.ENGLISH);
        assertThat(MailText.forRecipient(null, shop("fr")).language()).isEqualTo(Locale.GERMAN);
    }

    @Test
    void aLanguageTheShopDroppedFallsBackToItsDefault() {
        TenantInfo germanOnly = shop("de", List.of("de"));
        assertThat(MailText.forRecipient("en", germanOnly).language()).isEqualTo(Locale.GERMAN);
        assertThat(MailText.forRecipient("en-GB", germanOnly).language()).isEqualTo(Locale.GERMAN);
        assertThat(MailText.forRecipient("de_AT", germanOnly).language()).isEqualTo(Locale.GERMAN);
        assertThat(MailText.forRecipient("en", shop("de")).language()).as("still offered").isEqualTo(Locale.ENGLISH);
        assertThat(MailText.forRecipient(null, shop(null)).language()).isEqualTo(Locale.GERMAN);
        assertThat(MailText.forRecipient(null, null).language()).isEqualTo(Locale.GERMAN);
    }

    @Test
    void moneyAndDatesAreWrittenInTheMailsLanguage() {
        MailText de = MailText.forRecipient("de", shop("de"));
        MailText en = MailText.forRecipient("en", shop("de"));
        assertThat(de.money(1245).replace('\u00a0', ' ')).isEqualTo("12,45 €");
        assertThat(en.money(1245)).isEqualTo("€12.45");
        LocalDate day = LocalDate.of(2026, 12, 1);
        assertThat(de.date(day)).isEqualTo("Dienstag, 1. Dezember 2026");
        assertThat(en.date(day)).isEqualTo("Tuesday, 1 December 2026");
        Instant evening = Instant.parse("2026-11-30T17:00:00Z"); // 18:00 in Berlin
        assertThat(de.dateTime(evening)).isEqualTo("Montag, 30. November, 18:00");
        assertThat(en.dateTime(evening)).isEqualTo("Monday, 30 November, 18:00");
    }

    @Test
    void storefrontLinksCarryTheMailsLanguageAndKeepTheirParameters() {
        MailText en = MailText.forRecipient("en", shop("de"));
        MailText de = MailText.forRecipient(null, shop("de"));
        assertThat(en.link("https://shop.example/s/hof/account/verify?token=a-b_c"))
                .isEqualTo("https://shop.example/s/hof/account/verify?token=a-b_c&lang=en");
        assertThat(en.link("https://shop.example/s/hof/offers/t0k3n"))
                .isEqualTo("https://shop.example/s/hof/offers/t0k3n?lang=en");
        assertThat(de.link("https://shop.example/s/hof/account/login"))
                .isEqualTo("https://shop.example/s/hof/account/login?lang=de");
        assertThat(en.link("https://shop.example/s/hof/account/orders?n=7#lines"))
                .isEqualTo("https://shop.example/s/hof/account/orders?n=7&lang=en#lines");
    }

    @Test
    void orderLinesNameTheUnitInTheMailsLanguage() {
        MailText de = MailText.forRecipient("de", shop("de"));
        MailText en = MailText.forRecipient("en", shop("de"));
        assertThat(de.orderLine(Unit.KG, 4, "Kartoffeln, festkochend", 1280).replace('\u00a0', ' '))
                .isEqualTo("4 kg Kartoffeln, festkochend  12,80 €");
        assertThat(en.orderLine(Unit.KG, 4, "Potatoes, waxy", 1280)).isEqualTo("4 kg Potatoes, waxy  €12.80");
        assertThat(de.orderLine(Unit.PIECE, 3, "Kopfsalat", 450)).startsWith("3 Stück Kopfsalat  ");
        assertThat(en.orderLine(Unit.PIECE, 3, "Lettuce", 450)).isEqualTo("3 × Lettuce  €4.50");
        assertThat(de.orderLine(Unit.BUNCH, 2, "Radieschen", 300)).startsWith("2 Bund Radieschen  ");
        assertThat(en.orderLine(Unit.BUNCH, 1, "Radishes", 150)).isEqualTo("1 bunch Radishes  €1.50");
        assertThat(en.orderLine(Unit.BUNCH, 2, "Radishes", 300)).isEqualTo("2 bunches Radishes  €3.00");
        assertThat(de.orderLine(Unit.BOX, 1, "Gemüsekiste", 2500)).startsWith("1 Kiste Gemüsekiste  ");
        assertThat(de.orderLine(Unit.BOX, 2, "Gemüsekiste", 5000)).startsWith("2 Kisten Gemüsekiste  ");
        assertThat(en.orderLine(Unit.BOX, 2, "Veg box", 5000)).isEqualTo("2 boxes Veg box  €50.00");
        assertThat(en.orderLine(null, 2, "Eggs", 100)).as("a line without a unit").isEqualTo("2 × Eggs  €1.00");
        // sold by weight, not weighed yet: the amount is an estimate
        assertThat(en.orderLine(Unit.PIECE, 2, "Pumpkin", 840, true)).isEqualTo("2 × Pumpkin  approx. €8.40");
        assertThat(de.orderLine(Unit.PIECE, 2, "Kürbis", 840, true).replace('\u00a0', ' '))
                .isEqualTo("2 Stück Kürbis  ca. 8,40 €");
        assertThat(en.money(1089, true)).isEqualTo("approx. €10.89");
        assertThat(en.money(1089, false)).isEqualTo("€10.89");
        for (Unit unit : Unit.values()) {
            assertThat(de.orderLine(unit, 1, "x", 1)).as("German text for %s", unit).doesNotContain("{");
            assertThat(en.orderLine(unit, 1, "x", 1)).as("English text for %s", unit).doesNotContain("{");
        }
    }

    @Test
    void aTextWithTooFewArgumentsIsRefusedRatherThanSentWithPlaceholders() {
        assertThatThrownBy(() -> MailText.forRecipient("en", null).mail("x@example.org", "customer.verify", "Ann", "Hof"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("customer.verify");
    }
}
