package org.farmstand.admin;

import org.farmstand.testing.Http;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.farmstand.testing.ItEnvironment.insert;
import static org.farmstand.testing.ItEnvironment.queryLong;
import static org.farmstand.testing.ItEnvironment.queryString;
import static org.farmstand.testing.ItEnvironment.update;

/**
 * The producer's queues: waiting lists (the list in order, a manual offer that holds a place) and new customers
 * (approve with the proposed tour and a mail), and another shop's ids answering 404.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminWaitlistIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("farmstand.it.build-dir", "target"), "admin.war"));
    }

    @ArquillianResource
    URL base;

    Http signedIn(String email, String password) {
        Http http = new Http(URI.create(base.toString()));
        var page = http.get("login");
        Map<String, String> form = Http.extractHiddenInputs(page.body(), "login");
        form.put("login:email", email);
        form.put("login:password", password);
        form.put("login:submit", "");
        assertThat(http.post("login", form).status()).isEqualTo(302);
        return http;
    }

    /** Puts Ben (sonnenhof) on the list of sonnenhof's last generated date; returns {dateId, entryId}. */
    long[] waitingEntry() {
        long tenant = queryLong("SELECT id FROM tenant WHERE slug = 'sonnenhof'");
        long customer = queryLong("SELECT id FROM customer WHERE tenant_id = ? AND email = 'ben@example.org'", tenant);
        long date = queryLong("SELECT d.id FROM tour_date d JOIN customer cu ON cu.home_tour_id = d.tour_id"
                + " WHERE cu.id = ? ORDER BY d.delivery_date DESC LIMIT 1", customer);
        long tour = queryLong("SELECT tour_id FROM tour_date WHERE id = ?", date);
        long product = queryLong("SELECT id FROM product WHERE tenant_id = ? AND slug = 'gemuesekiste'", tenant);
        long entry = insert("INSERT INTO waitlist_entry (tenant_id, tour_id, tour_date_id, customer_id, kind, wished_order,"
                + " status, position_key) VALUES (?, ?, ?, ?, 'ORDER', ?, 'WAITING', ?)",
                tenant, tour, date, customer, product + ":1", "D" + date);
        return new long[]{date, entry};
    }

    @Test
    void producerSeesTheListAndOffersAPlaceThatIsHeldAndMailed() {
        long[] ids = waitingEntry();
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");

        var overview = http.get("waitlists/list");
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.body()).contains("waitlists/date?id=" + ids[0]);
        // its date as the admin writes dates, in the page's language, not ISO
        var day = java.time.LocalDate.parse(queryString("SELECT delivery_date FROM tour_date WHERE id = ?", ids[0]));
        String tour = queryString("SELECT t.name FROM tour t JOIN tour_date d ON d.tour_id = t.id WHERE d.id = ?",
                ids[0]);
        var german = http.send(http.request("waitlists/list").header("Accept-Language", "de").GET());
        assertThat(german.body()).contains(day.format(java.time.format.DateTimeFormatter.ofPattern("ccc dd.MM.yyyy",
                java.util.Locale.GERMANY)) + " – " + tour).doesNotContain(day + " – ");
        var english = http.send(http.request("waitlists/date?id=" + ids[0]).header("Accept-Language", "en").GET());
        assertThat(english.body()).contains(day.format(java.time.format.DateTimeFormatter.ofPattern("EEE d MMM yyyy",
                java.util.Locale.UK))).doesNotContain(day.toString());

        var page = http.get("waitlists/date?id=" + ids[0]);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Ben Keller").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:");
        String buttonName = findButton(page.body());
        Map<String, String> form = Http.extractHiddenInputs(page.body(), "entries");
        form.put(buttonName, "");
        var after = http.post("waitlists/date?id=" + ids[0], form);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body()).containsAnyOf("Angebot verschickt.", "Offer sent.");

        assertThat(queryLong("SELECT COUNT(*) FROM waitlist_entry WHERE id = ? AND status = 'OFFERED'"
                + " AND offer_token IS NOT NULL", ids[1])).isEqualTo(1);
        assertThat(queryLong("SELECT held FROM tour_date WHERE id = ?", ids[0])).isEqualTo(1);
        // Ben (demo data) has German stored, the shop's default too: German, and only German
        assertThat(queryLong("SELECT COUNT(*) FROM outbox_mail WHERE recipient = 'ben@example.org'"
                + " AND subject LIKE 'Ein Platz ist frei – Sonnenhof' AND body LIKE 'Hallo Ben,%'"
                + " AND body NOT LIKE '%Hello%'")).isPositive();
        assertThat(queryLong("SELECT COUNT(*) FROM audit_event WHERE entity = 'waitlist' AND action = 'offered'"
                + " AND entity_id = ? AND actor = 'owner@sonnenhof.example'", ids[1])).isEqualTo(1);
    }

    /**
     * Ordering for a date has closed (its cut-off passed): its list shows as closed, not as people waiting — whether
     * the sweep has ended the entries yet (NO_PLACE, counted as without a place) or not (still WAITING) — and its page
     * says the list has ended, shows the entries as closed without a place, and offers none of them a place.
     */
    @Test
    void aDatePastItsCutoffShowsItsListClosed() {
        long tenant = queryLong("SELECT id FROM tenant WHERE slug = 'sonnenhof'");
        long customer = queryLong("SELECT id FROM customer WHERE tenant_id = ? AND email = 'ben@example.org'", tenant);
        long product = queryLong("SELECT id FROM product WHERE tenant_id = ? AND slug = 'gemuesekiste'", tenant);
        long tour = insert("INSERT INTO tour (tenant_id, name, weekday, postcodes, capacity, active)"
                + " VALUES (?, ?, 3, '99997', 1, FALSE)", tenant, "Closed list " + java.util.UUID.randomUUID()
                .toString().substring(0, 8));
        long[] dates = new long[2];
        for (int i = 0; i < 2; i++) {
            dates[i] = insert("INSERT INTO tour_date (tenant_id, tour_id, delivery_date, capacity, booked, cutoff_at)"
                    + " VALUES (?, ?, CURDATE() + INTERVAL ? DAY, 1, 1, NOW() - INTERVAL 1 HOUR)", tenant, tour, 2 + i);
        }
        // the first date's list was swept (ended without a place), the second's not yet
        long swept = insert("INSERT INTO waitlist_entry (tenant_id, tour_id, tour_date_id, customer_id, kind,"
                + " wished_order, status, position_key) VALUES (?, ?, ?, ?, 'ORDER', ?, 'NO_PLACE', NULL)",
                tenant, tour, dates[0], customer, product + ":1");
        insert("INSERT INTO waitlist_entry (tenant_id, tour_id, tour_date_id, customer_id, kind, wished_order, status,"
                + " position_key) VALUES (?, ?, ?, ?, 'ORDER', ?, 'WAITING', ?)",
                tenant, tour, dates[1], customer, product + ":1", "D" + dates[1]);
        Http http = signedIn("staff@sonnenhof.example", "sonnenhof-demo");

        var english = http.send(http.request("waitlists/list").header("Accept-Language", "en").GET());
        assertThat(english.status()).isEqualTo(200);
        assertThat(row(english.body(), dates[0])).contains("one customer got no place", "Closed");
        assertThat(row(english.body(), dates[1])).as("not swept yet: closed all the same")
                .contains("one customer got no place");
        var german = http.send(http.request("waitlists/list").header("Accept-Language", "de").GET());
        assertThat(row(german.body(), dates[0])).contains("Beendet", "eine Person ohne Platz");

        var page = http.send(http.request("waitlists/date?id=" + dates[0]).header("Accept-Language", "en").GET());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Ben Keller", "no place became free", "Ordering for this date has closed")
                .doesNotContain("Offer a place");
        var notSwept = http.send(http.request("waitlists/date?id=" + dates[1]).header("Accept-Language", "de").GET());
        assertThat(notSwept.body()).contains("Bestellschluss", "Termin ist vorbei")
                .doesNotContain("Platz anbieten");
        assertThat(queryString("SELECT status FROM waitlist_entry WHERE id = ?", swept)).isEqualTo("NO_PLACE");
    }

    /**
     * The farm removes entries from a full date's list: an entry holding an offer ends as REMOVED (not as left by the
     * customer), its customer is told in their language (English here, the shop's default being German) that the offer
     * has ended, and the held place goes to the next in line with an offer mail; a waiting entry removed later ends
     * the same way, its customer told in German that they were taken off the list. The list shows both as removed
     * by the farm, and each removal is audited.
     */
    @Test
    void producerRemovesEntriesTheCustomersAreToldAndAHeldPlaceGoesToTheNext() {
        long tenant = queryLong("SELECT id FROM tenant WHERE slug = 'sonnenhof'");
        long ben = queryLong("SELECT id FROM customer WHERE tenant_id = ? AND email = 'ben@example.org'", tenant);
        long product = queryLong("SELECT id FROM product WHERE tenant_id = ? AND slug = 'gemuesekiste'", tenant);
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        long tour = insert("INSERT INTO tour (tenant_id, name, weekday, postcodes, capacity, active)"
                + " VALUES (?, ?, 3, '99996', 1, TRUE)", tenant, "Removal " + tag);
        // full: its one place is held for the offer
        long date = insert("INSERT INTO tour_date (tenant_id, tour_id, delivery_date, capacity, booked, held, cutoff_at)"
                + " VALUES (?, ?, CURDATE() + INTERVAL 30 DAY, 1, 0, 1, NOW() + INTERVAL 20 DAY)", tenant, tour);
        String english = "removed-en-" + tag + "@example.org";
        String german = "removed-de-" + tag + "@example.org";
        long offeredCustomer = customer(tenant, english, "Emma", "en");
        long waitingCustomer = customer(tenant, german, "Greta", "de");
        long offered = insert("INSERT INTO waitlist_entry (tenant_id, tour_id, tour_date_id, customer_id, kind, wished_order,"
                + " status, position_key, offered_until, offer_token) VALUES (?, ?, ?, ?, 'ORDER', ?, 'OFFERED', ?,"
                + " NOW() + INTERVAL 1 DAY, ?)", tenant, tour, date, offeredCustomer, product + ":1", "D" + date,
                "tok-" + tag);
        long next = insert("INSERT INTO waitlist_entry (tenant_id, tour_id, tour_date_id, customer_id, kind, wished_order,"
                + " status, position_key) VALUES (?, ?, ?, ?, 'ORDER', ?, 'WAITING', ?)",
                tenant, tour, date, ben, product + ":1", "D" + date);
        long last = insert("INSERT INTO waitlist_entry (tenant_id, tour_id, tour_date_id, customer_id, kind, wished_order,"
                + " status, position_key) VALUES (?, ?, ?, ?, 'ORDER', ?, 'WAITING', ?)",
                tenant, tour, date, waitingCustomer, product + ":1", "D" + date);
        String benOffers = "SELECT COUNT(*) FROM outbox_mail WHERE recipient = 'ben@example.org'"
                + " AND subject LIKE 'Ein Platz ist frei – Sonnenhof%'";
        long benOffersBefore = queryLong(benOffers);
        Http http = signedIn("staff@sonnenhof.example", "sonnenhof-demo");

        // the first row's Remove: the entry holding the offer
        var page = http.get("waitlists/date?id=" + date);
        assertThat(page.status()).isEqualTo(200);
        Map<String, String> form = Http.extractHiddenInputs(page.body(), "entries");
        form.put(buttons(page.body(), "remove").get(0), "");
        var after = http.post("waitlists/date?id=" + date, form);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body()).containsAnyOf("Eintrag entfernt", "Entry removed");

        assertThat(queryString("SELECT status FROM waitlist_entry WHERE id = ?", offered)).isEqualTo("REMOVED");
        assertThat(queryLong("SELECT COUNT(*) FROM waitlist_entry WHERE id = ? AND position_key IS NULL", offered))
                .isEqualTo(1);
        assertThat(queryLong("SELECT COUNT(*) FROM outbox_mail WHERE recipient = ?"
                + " AND subject LIKE 'Your offer for % has ended – Sonnenhof%' AND body LIKE 'Hello Emma,%'"
                + " AND body LIKE '%taken you off the waiting list%' AND body NOT LIKE '%Hallo%'", english))
                .as("one mail, in English").isEqualTo(1);
        assertThat(queryLong("SELECT COUNT(*) FROM outbox_mail WHERE recipient = ?", english)).isEqualTo(1);
        // the held place went on to the next in line
        assertThat(queryString("SELECT status FROM waitlist_entry WHERE id = ?", next)).isEqualTo("OFFERED");
        assertThat(queryLong("SELECT held FROM tour_date WHERE id = ?", date)).isEqualTo(1);
        assertThat(queryLong(benOffers)).isEqualTo(benOffersBefore + 1);
        assertThat(queryString("SELECT status FROM waitlist_entry WHERE id = ?", last)).isEqualTo("WAITING");
        assertThat(queryLong("SELECT COUNT(*) FROM audit_event WHERE entity = 'waitlist' AND action = 'removed'"
                + " AND entity_id = ? AND actor = 'staff@sonnenhof.example'", offered)).isEqualTo(1);

        // rows now: removed (no button), Ben offered, the waiting one: its Remove is the second
        page = http.get("waitlists/date?id=" + date);
        java.util.List<String> removes = buttons(page.body(), "remove");
        assertThat(removes).hasSize(2);
        form = Http.extractHiddenInputs(page.body(), "entries");
        form.put(removes.get(1), "");
        assertThat(http.post("waitlists/date?id=" + date, form).status()).isEqualTo(200);
        assertThat(queryString("SELECT status FROM waitlist_entry WHERE id = ?", last)).isEqualTo("REMOVED");
        assertThat(queryLong("SELECT COUNT(*) FROM outbox_mail WHERE recipient = ?"
                + " AND subject LIKE 'Von der Warteliste für den % genommen – Sonnenhof%' AND body LIKE 'Hallo Greta,%'"
                + " AND body NOT LIKE '%Angebot%' AND body NOT LIKE '%Hello%'", german))
                .as("one mail, in German, about the list (no offer was running)").isEqualTo(1);
        assertThat(queryString("SELECT status FROM waitlist_entry WHERE id = ?", next)).isEqualTo("OFFERED");
        assertThat(queryLong("SELECT held FROM tour_date WHERE id = ?", date)).isEqualTo(1);

        var shown = http.send(http.request("waitlists/date?id=" + date).header("Accept-Language", "en").GET());
        assertThat(shown.body()).contains("Removed by the farm").doesNotContain("Left the list");
        assertThat(http.send(http.request("waitlists/date?id=" + date).header("Accept-Language", "de").GET()).body())
                .contains("Vom Hof entfernt");
    }

    static long customer(long tenant, String email, String firstName, String locale) {
        return insert("INSERT INTO customer (tenant_id, email, password_hash, first_name, last_name, street, postcode,"
                + " city, status, email_verified, locale) VALUES (?, ?, 'x', ?, 'Removal', 'Weg 1', '79098', 'Freiburg',"
                + " 'ACTIVE', TRUE, ?)", tenant, email, firstName, locale);
    }

    /** The names of the entries table's buttons with this class, in the order of the rows. */
    static java.util.List<String> buttons(String html, String styleClass) {
        java.util.List<String> names = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("<button[^>]*>").matcher(html);
        while (m.find()) {
            String tag = m.group();
            Matcher name = Pattern.compile("name=\"([^\"]+)\"").matcher(tag);
            Matcher cls = Pattern.compile("class=\"([^\"]*)\"").matcher(tag);
            if (name.find() && cls.find() && java.util.Arrays.asList(cls.group(1).split("\\s+")).contains(styleClass)) {
                names.add(name.group(1));
            }
        }
        return names;
    }

    /** The table row of the overview that links to the date's list. */
    static String row(String html, long date) {
        int link = html.indexOf("waitlists/date?id=" + date + "\"");
        assertThat(link).as("date %s in the overview", date).isPositive();
        return html.substring(link, html.indexOf("</tr>", link));
    }

    /** The first submit button of the entries table whose label offers a place. */
    static String findButton(String html) {
        Matcher m = Pattern.compile("<button[^>]*name=\"([^\"]+)\"[^>]*class=\"[^\"]*offer[^\"]*\"").matcher(html);
        if (m.find()) {
            return m.group(1);
        }
        Matcher any = Pattern.compile("<button[^>]*class=\"[^\"]*offer[^\"]*\"[^>]*name=\"([^\"]+)\"").matcher(html);
        assertThat(any.find()).as("offer button in page").isTrue();
        return any.group(1);
    }

    @Test
    void anotherShopsDateIsNotFound() {
        long date = queryLong("SELECT d.id FROM tour_date d JOIN tenant t ON t.id = d.tenant_id"
                + " WHERE t.slug = 'sonnenhof' ORDER BY d.id LIMIT 1");
        Http lindenhof = signedIn("owner@lindenhof.example", "lindenhof-demo");
        assertThat(lindenhof.get("waitlists/date?id=" + date).status()).isEqualTo(404);
        assertThat(lindenhof.get("waitlists/list").body()).doesNotContain("Ben Keller", "date?id=" + date);
    }

    /** A new, pending customer of sonnenhof with a postcode a tour serves, registered in English; returns {id}. */
    long pendingCustomer(String email) {
        return pendingCustomer(email, "en");
    }

    /** As {@link #pendingCustomer(String)} with this stored language (null: none, as for one created by a system). */
    long pendingCustomer(String email, String locale) {
        long tenant = queryLong("SELECT id FROM tenant WHERE slug = 'sonnenhof'");
        return insert("INSERT INTO customer (tenant_id, email, password_hash, first_name, last_name, street, postcode,"
                + " city, status, email_verified, locale) VALUES (?, ?, 'x', 'Paula', 'Pending', 'Weg 2', '79104',"
                + " 'Freiburg', 'PENDING', TRUE, ?)", tenant, email, locale);
    }

    static String buttonInRow(String html, String rowText, String styleClass) {
        for (String row : html.split("<tr")) {
            if (row.contains(rowText)) {
                Matcher m = Pattern.compile("<button[^>]*name=\"([^\"]+)\"[^>]*class=\"[^\"]*" + styleClass).matcher(row);
                if (m.find()) {
                    return m.group(1);
                }
                Matcher n = Pattern.compile("<button[^>]*class=\"[^\"]*" + styleClass + "[^\"]*\"[^>]*name=\"([^\"]+)\"").matcher(row);
                assertThat(n.find()).as("%s button in row of %s", styleClass, rowText).isTrue();
                return n.group(1);
            }
        }
        throw new AssertionError("no row with " + rowText);
    }

    @Test
    void producerApprovesANewCustomerWithTheProposedTourAndAMail() {
        String email = "paula-" + System.nanoTime() + "@example.org";
        long id = pendingCustomer(email);
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        var page = http.get("customers/list");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(email, "Dienstag Nord");
        // when they registered, as a date and time of the shop's zone, not the raw instant
        assertThat(page.body()).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:");
        Map<String, String> form = Http.extractHiddenInputs(page.body(), "queue");
        form.put(buttonInRow(page.body(), email, "approve"), "");
        var after = http.post("customers/list", form);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body()).containsAnyOf("Freigeschaltet", "Customer approved");
        assertThat(queryLong("SELECT COUNT(*) FROM customer WHERE id = ?"
                + " AND status = 'ACTIVE' AND home_tour_id IS NOT NULL", id)).isEqualTo(1);
        // her welcome mail is in the language she registered in, English, though the shop's default is German
        assertThat(queryLong("SELECT COUNT(*) FROM outbox_mail WHERE recipient = ?"
                + " AND subject = 'Welcome – Sonnenhof' AND body LIKE 'Hello Paula,%You can order now%'"
                + " AND body NOT LIKE '%Hallo%'", email)).isEqualTo(1);
        assertThat(queryLong("SELECT COUNT(*) FROM audit_event WHERE entity = 'customer' AND action = 'approved'"
                + " AND entity_id = ? AND actor = 'owner@sonnenhof.example'", id)).isEqualTo(1);
        // the other shop cannot open this customer
        Http lindenhof = signedIn("owner@lindenhof.example", "lindenhof-demo");
        assertThat(lindenhof.get("customers/detail?id=" + id).status()).isEqualTo(404);
        assertThat(lindenhof.get("customers/list").body()).doesNotContain(email);
        assertThat(http.get("customers/detail?id=" + id).body()).contains(email);
    }

    /**
     * The producer gives a customer who has no stored language (not registered in the shop) English on the customer's
     * page: saved and audited, and the welcome mail on approval is in English though the shop's default is German. A
     * language the shop does not offer is refused with a message at the field and changes nothing.
     */
    @Test
    void producerSetsTheLanguageOfACustomersMailsAndTheWelcomeMailUsesIt() {
        String email = "lena-" + System.nanoTime() + "@example.org";
        long id = pendingCustomer(email, null);
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        String path = "customers/detail?id=" + id;
        var page = http.get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).containsAnyOf("Standardsprache des Shops", "The shop's default language")
                .containsAnyOf("Englisch", "English");

        var refused = http.post(path, languageForm(page.body(), "fr"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).containsAnyOf("Bitte wählen Sie einen der angebotenen Werte",
                "please choose one of the offered values").doesNotContain("at org.", "Caused by");
        assertThat(queryString("SELECT locale FROM customer WHERE id = ?", id)).isNull();

        var saved = http.post(path, languageForm(refused.body(), "en"));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).containsAnyOf("Sprache gespeichert.", "Language saved.");
        assertThat(queryString("SELECT locale FROM customer WHERE id = ?", id)).isEqualTo("en");
        assertThat(queryLong("SELECT COUNT(*) FROM audit_event WHERE entity = 'customer' AND action = 'language'"
                + " AND entity_id = ? AND actor = 'owner@sonnenhof.example'", id)).isEqualTo(1);

        Map<String, String> approve = Http.extractHiddenInputs(saved.body(), "actions");
        approve.put("actions:approve", "");
        assertThat(http.post(path, approve).body()).containsAnyOf("Freigeschaltet", "Customer approved");
        assertThat(queryLong("SELECT COUNT(*) FROM outbox_mail WHERE recipient = ?"
                + " AND subject = 'Welcome – Sonnenhof' AND body LIKE 'Hello Paula,%You can order now%'"
                + " AND body NOT LIKE '%Hallo%'", email)).isEqualTo(1);

        var shopDefault = http.post(path, languageForm(http.get(path).body(), ""));
        assertThat(shopDefault.body()).containsAnyOf("Sprache gespeichert.", "Language saved.");
        assertThat(queryString("SELECT locale FROM customer WHERE id = ?", id)).isNull();
    }

    /**
     * A customer registered in English at a shop that has since dropped English: the page says so and shows the shop's
     * default selected, and the welcome mail on approval goes out in the shop's default language, German.
     */
    @Test
    void aLanguageTheShopDroppedMeansTheShopsDefault() {
        String email = "otto-" + System.nanoTime() + "@example.org";
        long id = pendingCustomer(email, "en");
        Http http = signedIn("owner@sonnenhof.example", "sonnenhof-demo");
        String path = "customers/detail?id=" + id;
        String before = http.get(path).body();
        assertThat(before).doesNotContain("language-dropped").contains("value=\"en\" selected=\"selected\"");
        update("UPDATE tenant SET locales = 'de', content_version = content_version + 1 WHERE slug = 'sonnenhof'");
        try {
            String page = http.get(path).body();
            assertThat(page).contains("language-dropped").containsAnyOf("bietet der Shop nicht mehr an",
                    "no longer one of the shop's languages").doesNotContain("value=\"en\"");
            Map<String, String> approve = Http.extractHiddenInputs(page, "actions");
            approve.put("actions:approve", "");
            assertThat(http.post(path, approve).body()).containsAnyOf("Freigeschaltet", "Customer approved");
            assertThat(queryLong("SELECT COUNT(*) FROM outbox_mail WHERE recipient = ? AND body LIKE 'Hallo Paula,%'",
                    email)).isEqualTo(1);
            assertThat(queryString("SELECT locale FROM customer WHERE id = ?", id)).as("kept until saved")
                    .isEqualTo("en");
        } finally {
            update("UPDATE tenant SET locales = 'de,en', content_version = content_version + 1"
                    + " WHERE slug = 'sonnenhof'");
        }
    }

    static Map<String, String> languageForm(String page, String language) {
        Map<String, String> form = Http.extractHiddenInputs(page, "language");
        form.put("language:value", language);
        form.put("language:saveLanguage", "");
        return form;
    }
}
