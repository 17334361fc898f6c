package org.farmstand.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.platform.security.PasswordHasher;
import org.farmstand.tenancy.entity.CustomerPolicy;
import org.farmstand.tenancy.entity.StaffRole;
import org.farmstand.tenancy.entity.StaffUser;
import org.farmstand.tenancy.entity.Tenant;

import java.util.List;

/** The demo content. Logins printed by run.sh must match the constants here. */
@ApplicationScoped
@Transactional
public class DemoData {

    public static final String HOSTER_EMAIL = "hoster@farmstand.example";
    public static final String HOSTER_PASSWORD = "hoster-demo";

    record Product(String slug, String name, String category, String unit, long priceCents, Long pricePerKgCents,
                   Integer approxWeightGrams, String description) {
    }

    /**
     * {@code customers}: email, password, first name, last name, street, postcode, town, language (the language of
     * their mails, as a customer registered in the shop has one).
     */
    record Shop(String slug, String name, String tagline, String primary, String accent, CustomerPolicy policy,
                String ownerEmail, String ownerPassword, String staffEmail, String[][] categories,
                List<Product> products, String[][] tours, String[][] customers) {
    }

    static final List<Shop> SHOPS = List.of(
            new Shop("sonnenhof", "Sonnenhof", "Gemüse und Obst vom Sonnenhof – direkt zu Ihnen", "#2e7d32", "#f9a825",
                    CustomerPolicy.APPROVAL, "owner@sonnenhof.example", "sonnenhof-demo", "staff@sonnenhof.example",
                    new String[][]{{"gemuese", "Gemüse"}, {"obst", "Obst"}, {"kisten", "Kisten"}},
                    List.of(
                            new Product("moehren", "Möhren", "gemuese", "BUNCH", 249, null, null,
                                    "Knackige Bundmöhren mit Grün, frisch geerntet."),
                            new Product("kartoffeln", "Kartoffeln, festkochend", "gemuese", "KG", 320, null, null,
                                    "Sorte Linda, festkochend, aus eigenem Anbau."),
                            new Product("kuerbis", "Hokkaido-Kürbis", "gemuese", "PIECE", 0, 350L, 1200,
                                    "Ca. 1,2 kg je Stück; abgerechnet wird nach Gewicht."),
                            new Product("salat", "Kopfsalat", "gemuese", "PIECE", 189, null, null,
                                    "Zarter grüner Kopfsalat."),
                            new Product("aepfel", "Äpfel Topaz", "obst", "KG", 390, null, null,
                                    "Würzig-säuerliche Lageräpfel."),
                            new Product("gemuesekiste", "Gemüsekiste klein", "kisten", "BOX", 1990, null, null,
                                    "Saisonales Gemüse für 1–2 Personen.")),
                    new String[][]{{"Dienstag Nord", "2", "790*,791*", "40"}, {"Freitag Süd", "5", "792*,793*", "25"}},
                    new String[][]{{"anna@example.org", "anna-demo", "Anna", "Schmidt", "Lindenstraße 4", "79098", "Freiburg", "de"},
                            {"ben@example.org", "ben-demo", "Ben", "Keller", "Hauptstraße 12", "79100", "Freiburg", "de"}}),
            new Shop("lindenhof", "Lindenhof", "Milch, Käse und Brot vom Lindenhof", "#6d4c41", "#8bc34a",
                    CustomerPolicy.OPEN, "owner@lindenhof.example", "lindenhof-demo", null,
                    new String[][]{{"molkerei", "Molkerei"}, {"backwaren", "Backwaren"}},
                    List.of(
                            new Product("heumilch", "Heumilch 1 l", "molkerei", "PIECE", 159, null, null,
                                    "Frische Heumilch, nicht homogenisiert."),
                            new Product("bergkaese", "Bergkäse", "molkerei", "PIECE", 0, 2890L, 250,
                                    "Ca. 250 g am Stück, 8 Monate gereift."),
                            new Product("bauernbrot", "Bauernbrot 1 kg", "backwaren", "PIECE", 490, null, null,
                                    "Sauerteigbrot aus dem Holzofen.")),
                    new String[][]{{"Mittwoch Stadt", "3", "80*,81*", "30"}},
                    new String[][]{{"clara@example.org", "clara-demo", "Clara", "Huber", "Marktplatz 1", "80331", "München", "de"}}));

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    DemoShopWriter writer;

    /** Creates one demo shop with its data in one transaction; false if it exists already. */
    public boolean seedShop(Shop shop) {
        boolean exists = !em.createNamedQuery(Tenant.FIND_BY_SLUG, Tenant.class)
                .setParameter("slug", shop.slug()).getResultList().isEmpty();
        if (exists) {
            return false;
        }
        Tenant tenant = new Tenant();
        tenant.setSlug(shop.slug());
        tenant.setName(shop.name());
        tenant.setTagline(shop.tagline());
        tenant.setPrimaryColor(shop.primary());
        tenant.setAccentColor(shop.accent());
        tenant.setCustomerPolicy(shop.policy());
        tenant.setWeeklyIntake(10);
        tenant.setMinOrderCents(1000);
        tenant.setContactEmail(shop.ownerEmail());
        tenant.setWelcomeText("Willkommen im Hofladen " + shop.name() + "! Bestellen Sie bis zum Bestellschluss, "
                + "wir liefern auf unserer Tour direkt vor Ihre Tür.");
        em.persist(tenant);
        em.flush();
        long tenantId = tenant.getId();
        em.persist(new StaffUser(tenantId, shop.ownerEmail(), "Inhaber " + shop.name(),
                hasher.hash(shop.ownerPassword()), StaffRole.OWNER));
        if (shop.staffEmail() != null) {
            em.persist(new StaffUser(tenantId, shop.staffEmail(), "Team " + shop.name(),
                    hasher.hash(shop.ownerPassword()), StaffRole.STAFF));
        }
        TenantContext.runAs(tenantId, () -> writer.fill(shop));
        return true;
    }

    public void seedHoster() {
        boolean exists = !em.createNamedQuery(StaffUser.FIND_BY_EMAIL, StaffUser.class)
                .setParameter("email", HOSTER_EMAIL).getResultList().isEmpty();
        if (!exists) {
            em.persist(new StaffUser(null, HOSTER_EMAIL, "Hoster", hasher.hash(HOSTER_PASSWORD), StaffRole.HOSTER));
        }
    }
}
