package org.farmstand.tenancy.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.audit.boundary.AuditDetail;
import org.farmstand.audit.boundary.AuditLog;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.tenancy.control.Domains;
import org.farmstand.tenancy.entity.Tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Settings of the signed-in producer's own shop (the tenant of the thread, never one named by a request); for the
 * shop's owner only ({@link StaffRight}).
 */
@ApplicationScoped
@Transactional
public class ShopSettingsService {

    public static final int MIN_OFFER_HOURS = 1;
    public static final int MAX_OFFER_HOURS = 24 * 14;

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    ContentVersions versions;

    @Inject
    Domains domains;

    @Inject
    AuditLog audit;

    public static final List<String> LANGUAGES = List.of("de", "en");
    public static final long MAX_MIN_ORDER_CENTS = 100_000_00;
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** What the settings page edits; {@code version} is the shop's version when the page was loaded. */
    public record Settings(long version, String name, String tagline, String welcomeText, String contactEmail,
                           String primaryColor, String accentColor, long minOrderCents, List<String> locales,
                           List<String> domains, Long logoImageId) implements java.io.Serializable {
    }

    /** A field the settings cannot be saved with: {@code key} is a message key, {@code value} its argument. */
    public record Problem(String field, String key, String value) implements java.io.Serializable {
    }

    public static class Rejected extends RuntimeException {
        private final List<Problem> problems;

        public Rejected(List<Problem> problems) {
            super(problems.toString());
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /** The shop was changed by someone else since the settings were loaded: nothing was saved. */
    public static class Conflict extends RuntimeException {
        public Conflict() {
            super("stale shop settings");
        }
    }

    public Settings load() {
        StaffAccess.require(StaffRight.SHOP_SETTINGS);
        Tenant t = em.find(Tenant.class, TenantContext.require());
        return new Settings(t.getVersion(), t.getName(), t.getTagline(), t.getWelcomeText(), t.getContactEmail(),
                t.getPrimaryColor(), t.getAccentColor(), t.getMinOrderCents(),
                List.of(t.getLocales().split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList(),
                domains.of(t.getId()), t.getLogoImageId());
    }

    /**
     * Saves the shop's branding, texts, languages and host names if nobody changed the shop since
     * {@code s.version()}; a null {@code s.logoImageId()} keeps the current logo. Bumps the content version so the
     * storefront shows the change on its next request. Throws {@link Rejected} for invalid fields (a host another
     * shop has included) and {@link Conflict} for a stale edit.
     */
    public void update(Settings s) {
        StaffAccess.require(StaffRight.SHOP_SETTINGS);
        long tenantId = TenantContext.require();
        List<Problem> problems = validate(s);
        List<String> hosts = s.domains() == null ? List.of() : s.domains();
        for (String host : hosts) {
            if (!Domains.valid(host)) {
                problems.add(new Problem("domains", "settings.domains.invalid", host));
            }
        }
        if (problems.isEmpty()) {
            String taken = domains.takenByOther(tenantId, hosts);
            if (taken != null) {
                problems.add(new Problem("domains", "settings.domains.taken", taken));
            }
            String platforms = domains.platformsOwn(tenantId, hosts);
            if (platforms != null) {
                problems.add(new Problem("domains", "settings.domains.platform", platforms));
            }
        }
        if (!problems.isEmpty()) {
            throw new Rejected(problems);
        }
        Tenant tenant = em.find(Tenant.class, tenantId);
        if (tenant.getVersion() != s.version()) {
            throw new Conflict();
        }
        tenant.setName(s.name().strip());
        tenant.setTagline(blankToNull(s.tagline()));
        tenant.setWelcomeText(blankToNull(s.welcomeText()));
        tenant.setContactEmail(blankToNull(s.contactEmail()) == null ? null : s.contactEmail().strip().toLowerCase(Locale.ROOT));
        tenant.setPrimaryColor(s.primaryColor().toLowerCase(Locale.ROOT));
        tenant.setAccentColor(s.accentColor().toLowerCase(Locale.ROOT));
        tenant.setMinOrderCents(s.minOrderCents());
        List<String> locales = LANGUAGES.stream().filter(s.locales()::contains).toList();
        tenant.setLocales(String.join(",", locales));
        if (!locales.contains(tenant.getDefaultLocale())) {
            tenant.setDefaultLocale(locales.get(0));
        }
        if (s.logoImageId() != null) {
            tenant.setLogoImageId(s.logoImageId());
        }
        try {
            em.flush();
        } catch (jakarta.persistence.OptimisticLockException e) {
            throw new Conflict();
        }
        domains.replace(tenantId, hosts);
        versions.bump();
        audit.record(AuditLog.SETTINGS, tenantId, "updated", AuditDetail.of("audit.detail.settings", tenant.getName(),
                tenant.getPrimaryColor(), tenant.getAccentColor(), new AuditDetail.Money(tenant.getMinOrderCents()),
                tenant.getLocales(), s.logoImageId() != null ? 1 : 0, hosts.isEmpty() ? 0 : 1,
                String.join(" ", hosts)));
    }

    static List<Problem> validate(Settings s) {
        List<Problem> problems = new ArrayList<>();
        if (s.name() == null || s.name().isBlank() || s.name().strip().length() > 120) {
            problems.add(new Problem("name", "settings.name.invalid", null));
        }
        if (s.tagline() != null && s.tagline().length() > 255) {
            problems.add(new Problem("tagline", "settings.tagline.invalid", null));
        }
        if (s.welcomeText() != null && s.welcomeText().length() > 5000) {
            problems.add(new Problem("welcome", "settings.welcome.invalid", null));
        }
        if (s.contactEmail() != null && !s.contactEmail().isBlank()
                && (s.contactEmail().strip().length() > 190 || !EMAIL.matcher(s.contactEmail().strip()).matches())) {
            problems.add(new Problem("contactEmail", "settings.email.invalid", null));
        }
        if (s.primaryColor() == null || !COLOR.matcher(s.primaryColor()).matches()) {
            problems.add(new Problem("primaryColor", "settings.color.invalid", s.primaryColor()));
        }
        if (s.accentColor() == null || !COLOR.matcher(s.accentColor()).matches()) {
            problems.add(new Problem("accentColor", "settings.color.invalid", s.accentColor()));
        }
        if (s.minOrderCents() < 0 || s.minOrderCents() > MAX_MIN_ORDER_CENTS) {
            problems.add(new Problem("minOrder", "settings.minOrder.invalid", null));
        }
        if (s.locales() == null || LANGUAGES.stream().noneMatch(s.locales()::contains)) {
            problems.add(new Problem("languages", "settings.languages.invalid", null));
        }
        return problems;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * How the shop admits new customers; {@code weeklyIntake} counts only for CAPPED. False when out of range. Owner
     * only ({@link StaffAccess.Forbidden} otherwise).
     */
    public boolean setCustomerPolicy(org.farmstand.tenancy.entity.CustomerPolicy policy, int weeklyIntake) {
        StaffAccess.require(StaffRight.CUSTOMER_POLICY);
        if (policy == null || weeklyIntake < 0 || weeklyIntake > 10_000
                || (policy == org.farmstand.tenancy.entity.CustomerPolicy.CAPPED && weeklyIntake < 1)) {
            return false;
        }
        Tenant tenant = em.find(Tenant.class, TenantContext.require());
        tenant.setCustomerPolicy(policy);
        tenant.setWeeklyIntake(weeklyIntake);
        versions.bump();
        audit.record(AuditLog.SETTINGS, tenant.getId(), "customer_policy",
                AuditDetail.of("audit.detail.customer_policy", new AuditDetail.Key("audit.customerPolicy." + policy),
                        policy == org.farmstand.tenancy.entity.CustomerPolicy.CAPPED ? weeklyIntake : 0));
        return true;
    }

    /** How long a waiting-list offer holds its place. False when out of range. Owner only. */
    public boolean setOfferHours(int hours) {
        StaffAccess.require(StaffRight.OFFER_HOURS);
        if (hours < MIN_OFFER_HOURS || hours > MAX_OFFER_HOURS) {
            return false;
        }
        Tenant tenant = em.find(Tenant.class, TenantContext.require());
        tenant.setOfferHours(hours);
        versions.bump();
        audit.record(AuditLog.SETTINGS, tenant.getId(), "offer_hours",
                AuditDetail.of("audit.detail.offer_hours", hours));
        return true;
    }
}
