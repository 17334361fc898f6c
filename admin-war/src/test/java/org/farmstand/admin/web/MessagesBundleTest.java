package org.farmstand.admin.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin's bundle (also its Faces message bundle) speaks both languages, and Faces' own messages plainly. */
class MessagesBundleTest {

    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesBundleTest.class.getResourceAsStream("/org/farmstand/admin/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void germanAndEnglishHaveTheSameKeys() throws IOException {
        assertThat(load("Messages_de.properties").keySet())
                .containsExactlyInAnyOrderElementsOf(load("Messages.properties").keySet());
    }

    /**
     * No German left in the English texts: the products list read "€3.50 / kg, ca. €4.20 / piece" in English. German
     * abbreviations and umlauts only where they are a name (PC Gärtner).
     */
    @Test
    void englishTextsHaveNoGermanInThem() throws IOException {
        Properties en = load("Messages.properties");
        for (String key : en.stringPropertyNames()) {
            String text = en.getProperty(key).replace("PC Gärtner", "");
            assertThat(text).as(key).doesNotContain("ca. ", "z. B.", "bzw.").doesNotContainPattern("[äöüÄÖÜß]");
        }
        assertThat(new java.text.MessageFormat(en.getProperty("products.price.byWeight"), Locale.UK)
                .format(new Object[]{"€3.50", "€4.20", "piece"})).isEqualTo("€3.50 / kg, approx. €4.20 / piece");
    }

    /** The dashboard's figures and their labels agree in number: it read "1 Bestellungen heute". */
    @Test
    void theDashboardsLabelsAgreeWithTheirNumber() throws IOException {
        java.util.function.BiFunction<String, Long, String> de = (key, n) -> n + " " + new java.text.MessageFormat(
                uncheckedLoad("Messages_de.properties").getProperty(key), Locale.GERMAN).format(new Object[]{n});
        java.util.function.BiFunction<String, Long, String> en = (key, n) -> n + " " + new java.text.MessageFormat(
                uncheckedLoad("Messages.properties").getProperty(key), Locale.ENGLISH).format(new Object[]{n});
        assertThat(de.apply("dashboard.ordersToday", 1L)).isEqualTo("1 Bestellung heute");
        assertThat(de.apply("dashboard.ordersToday", 0L)).isEqualTo("0 Bestellungen heute");
        assertThat(de.apply("dashboard.ordersToday", 12L)).isEqualTo("12 Bestellungen heute");
        assertThat(de.apply("dashboard.pendingCustomers", 1L)).isEqualTo("1 neue Kundin oder neuer Kunde wartet auf Freischaltung");
        assertThat(de.apply("dashboard.pendingCustomers", 3L)).isEqualTo("3 neue Kundinnen und Kunden warten auf Freischaltung");
        assertThat(en.apply("dashboard.ordersToday", 1L)).isEqualTo("1 order today");
        assertThat(en.apply("dashboard.ordersToday", 2L)).isEqualTo("2 orders today");
        assertThat(en.apply("dashboard.pendingCustomers", 1L)).isEqualTo("1 new customer waiting for approval");
        assertThat(en.apply("dashboard.pendingCustomers", 0L)).isEqualTo("0 new customers waiting for approval");
    }

    static Properties uncheckedLoad(String name) {
        try {
            return load(name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every state of a waiting-list entry has a label; a list closed at the cut-off counts those left without a place. */
    @Test
    void waitingListStatesAndAClosedListAreWordedInBothLanguages() throws IOException {
        for (String name : new String[]{"Messages.properties", "Messages_de.properties"}) {
            Properties p = load(name);
            for (org.farmstand.waitlist.entity.WaitlistStatus status : org.farmstand.waitlist.entity.WaitlistStatus.values()) {
                assertThat(p.getProperty("WaitlistStatus." + status)).as(name + " " + status).isNotBlank();
            }
        }
        String english = load("Messages.properties").getProperty("waitlists.closed");
        String german = load("Messages_de.properties").getProperty("waitlists.closed");
        java.util.function.BiFunction<Locale, Long, String> closed = (language, n) -> new java.text.MessageFormat(
                language == Locale.GERMAN ? german : english, language).format(new Object[]{n});
        assertThat(closed.apply(Locale.ENGLISH, 1L)).isEqualTo("Closed – one customer got no place");
        assertThat(closed.apply(Locale.ENGLISH, 3L)).isEqualTo("Closed – 3 customers got no place");
        assertThat(closed.apply(Locale.ENGLISH, 0L)).isEqualTo("Closed – no one waiting any more");
        assertThat(closed.apply(Locale.GERMAN, 1L)).isEqualTo("Beendet – eine Person ohne Platz");
        assertThat(closed.apply(Locale.GERMAN, 2L)).isEqualTo("Beendet – 2 Personen ohne Platz");
    }

    @Test
    void facesStandardMessagesAreOurs() {
        String[] keys = {"jakarta.faces.component.UIInput.REQUIRED", "jakarta.faces.component.UIInput.CONVERSION",
                "jakarta.faces.converter.IntegerConverter.INTEGER", "jakarta.faces.converter.LongConverter.LONG",
                "jakarta.faces.converter.BigDecimalConverter.DECIMAL", "jakarta.faces.converter.NumberConverter.NUMBER",
                "jakarta.faces.converter.DateTimeConverter.DATE", "jakarta.faces.converter.DateTimeConverter.TIME",
                "jakarta.faces.validator.LengthValidator.MAXIMUM",
                "jakarta.faces.validator.LongRangeValidator.NOT_IN_RANGE",
                "jakarta.faces.validator.RegexValidator.NOT_MATCHED"};
        for (Locale language : new Locale[]{Locale.GERMAN, Locale.ENGLISH}) {
            ResourceBundle bundle = ResourceBundle.getBundle(Messages.BUNDLE, language);
            for (String key : keys) {
                // not Faces' "Validation Error" wording, nor the field's label (the message stands at the field)
                String pattern = bundle.getString(key);
                assertThat(pattern).as(key).doesNotContain("Validation", "Überprüfungsfehler", "2147483647")
                        .endsWith(".");
                if (key.contains("Converter") || key.contains("UIInput")) { // {0} the value or label, {2} the label
                    assertThat(pattern).as(key).doesNotContain("{0}", "{2}");
                }
            }
        }
        assertThat(ResourceBundle.getBundle(Messages.BUNDLE, Locale.ENGLISH)
                .getString("jakarta.faces.converter.IntegerConverter.INTEGER"))
                .isEqualTo("Please enter a whole number, e.g. 250.");
        assertThat(ResourceBundle.getBundle(Messages.BUNDLE, Locale.GERMAN)
                .getString("jakarta.faces.component.UIInput.REQUIRED")).isEqualTo("Bitte füllen Sie dieses Feld aus.");
    }
}
