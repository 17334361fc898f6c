package org.farmstand.tenancy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** One producer's shop. Platform-level: it is what tenant-owned rows point at, not itself tenant-owned. */
@Entity
@Table(name = "tenant")
@NamedQuery(name = Tenant.FIND_BY_SLUG, query = "SELECT t FROM Tenant t WHERE t.slug = :slug")
@NamedQuery(name = Tenant.FIND_ALL, query = "SELECT t FROM Tenant t ORDER BY t.name")
public class Tenant {

    public static final String FIND_BY_SLUG = "Tenant.findBySlug";
    public static final String FIND_ALL = "Tenant.findAll";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @NotBlank
    @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,58}", message = "{farmstand.slug.invalid}")
    private String slug;

    @NotBlank
    @Size(max = 120)
    private String name;

    @Enumerated(EnumType.STRING)
    private TenantStatus status = TenantStatus.ACTIVE;

    @Column(name = "default_locale")
    private String defaultLocale = "de";

    private String locales = "de,en";

    private String currency = "EUR";

    @Pattern(regexp = "#[0-9a-fA-F]{6}", message = "{farmstand.color.invalid}")
    @Column(name = "primary_color")
    private String primaryColor = "#2e7d32";

    @Pattern(regexp = "#[0-9a-fA-F]{6}", message = "{farmstand.color.invalid}")
    @Column(name = "accent_color")
    private String accentColor = "#f9a825";

    @Column(name = "logo_image_id")
    private Long logoImageId;

    @Size(max = 255)
    private String tagline;

    @Size(max = 5000)
    @Column(name = "welcome_text")
    private String welcomeText;

    @Size(max = 190)
    @Column(name = "contact_email")
    private String contactEmail;

    @Enumerated(EnumType.STRING)
    @Column(name = "customer_policy")
    private CustomerPolicy customerPolicy = CustomerPolicy.OPEN;

    @Min(0)
    @Max(10000)
    @Column(name = "weekly_intake")
    private int weeklyIntake;

    @Min(0)
    @Max(100_000_00)
    @Column(name = "min_order_cents")
    private long minOrderCents;

    @Min(1)
    @Max(24 * 14)
    @Column(name = "offer_hours")
    private int offerHours = 24;

    @Column(name = "content_version")
    private long contentVersion;

    @Column(name = "created_at", insertable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    public Long getId() { return id; }
    public String getSlug() { return slug; }
    public void setSlug(String slug) { this.slug = slug; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public TenantStatus getStatus() { return status; }
    public void setStatus(TenantStatus status) { this.status = status; }
    public String getDefaultLocale() { return defaultLocale; }
    public void setDefaultLocale(String defaultLocale) { this.defaultLocale = defaultLocale; }
    public String getLocales() { return locales; }
    public void setLocales(String locales) { this.locales = locales; }
    public String getCurrency() { return currency; }
    public void setCurrency(String currency) { this.currency = currency; }
    public String getPrimaryColor() { return primaryColor; }
    public void setPrimaryColor(String primaryColor) { this.primaryColor = primaryColor; }
    public String getAccentColor() { return accentColor; }
    public void setAccentColor(String accentColor) { this.accentColor = accentColor; }
    public Long getLogoImageId() { return logoImageId; }
    public void setLogoImageId(Long logoImageId) { this.logoImageId = logoImageId; }
    public String getTagline() { return tagline; }
    public void setTagline(String tagline) { this.tagline = tagline; }
    public String getWelcomeText() { return welcomeText; }
    public void setWelcomeText(String welcomeText) { this.welcomeText = welcomeText; }
    public String getContactEmail() { return contactEmail; }
    public void setContactEmail(String contactEmail) { this.contactEmail = contactEmail; }
    public CustomerPolicy getCustomerPolicy() { return customerPolicy; }
    public void setCustomerPolicy(CustomerPolicy customerPolicy) { this.customerPolicy = customerPolicy; }
    public int getWeeklyIntake() { return weeklyIntake; }
    public void setWeeklyIntake(int weeklyIntake) { this.weeklyIntake = weeklyIntake; }
    public long getMinOrderCents() { return minOrderCents; }
    public void setMinOrderCents(long minOrderCents) { this.minOrderCents = minOrderCents; }
    public int getOfferHours() { return offerHours; }
    public void setOfferHours(int offerHours) { this.offerHours = offerHours; }
    public long getContentVersion() { return contentVersion; }
    public Instant getCreatedAt() { return createdAt; }
    public long getVersion() { return version; }
}
