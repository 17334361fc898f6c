package org.farmstand.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.farmstand.platform.persistence.DbTime;
import org.farmstand.platform.persistence.TenantOwned;

import java.time.Instant;

@Entity
@Table(name = "product")
@NamedQuery(name = Product.FIND_BY_SLUG, query = "SELECT p FROM Product p WHERE p.slug = :slug")
@NamedQuery(name = Product.FIND_ACTIVE, query = "SELECT p FROM Product p LEFT JOIN FETCH p.category WHERE p.active = TRUE ORDER BY p.name")
@NamedQuery(name = Product.FIND_BY_IDS, query = "SELECT p FROM Product p WHERE p.id IN :ids")
@NamedQuery(name = Product.FIND_WITH_CATEGORY_BY_IDS, query =
        "SELECT p FROM Product p LEFT JOIN FETCH p.category WHERE p.id IN :ids")
public class Product extends TenantOwned {

    public static final String FIND_BY_SLUG = "Product.findBySlug";
    public static final String FIND_ACTIVE = "Product.findActive";
    public static final String FIND_BY_IDS = "Product.findByIds";
    /** With the category in the same query (product cards name it). */
    public static final String FIND_WITH_CATEGORY_BY_IDS = "Product.findWithCategoryByIds";

    @NotBlank
    @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,119}", message = "{farmstand.slug.invalid}")
    private String slug;

    /** The longest slug, name and description (the columns' sizes); the admin form's maxlength too. */
    public static final int SLUG_MAX = 120;
    public static final int NAME_MAX = 160;
    public static final int DESCRIPTION_MAX = 5000;

    @NotBlank
    @Size(max = NAME_MAX, message = "{farmstand.product.name.size}")
    private String name;

    @Size(max = DESCRIPTION_MAX, message = "{farmstand.product.description.size}")
    private String description;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "category_id")
    private Category category;

    @NotNull
    @Enumerated(EnumType.STRING)
    private Unit unit = Unit.PIECE;

    /** The highest price of one unit (and per kg): EUR 1,000,000. */
    public static final long MAX_PRICE_CENTS = 1_000_000_00L;

    /**
     * Price of one unit (with unit kg: the price per kg); for products sold by weight, the estimated price of one unit
     * of approximate weight (see {@link org.farmstand.catalog.control.Pricing}).
     */
    @Min(0)
    @Max(MAX_PRICE_CENTS)
    @Column(name = "price_cents")
    private long priceCents;

    @Min(0)
    @Max(MAX_PRICE_CENTS)
    @Column(name = "price_per_kg_cents")
    private Long pricePerKgCents;

    @Min(value = 1, message = "{farmstand.product.weight.min}")
    @Max(value = 100_000, message = "{farmstand.product.weight.max}")
    @Column(name = "approx_weight_g")
    private Integer approxWeightGrams;

    @Min(0)
    @Max(1000)
    @Column(name = "tax_rate_permille")
    private int taxRatePermille = 70;

    @Column(name = "image_id")
    private Long imageId;

    private boolean active = true;

    @Min(0)
    private Integer stock;

    @Size(max = 80)
    @Column(name = "external_id")
    private String externalId;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @PrePersist
    @PreUpdate
    void touch() {
        updatedAt = DbTime.now();
    }

    public String getSlug() { return slug; }
    public void setSlug(String slug) { this.slug = slug; }
    public String getName() { return name; }
    /**
     * Stored without surrounding blanks (as categories' names are): a name typed with a leading blank sorted before
     * every other product in the shop and the admin, and the search and the slug ignore it anyway.
     */
    public void setName(String name) { this.name = name == null ? null : name.strip(); }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description == null ? null : description.strip(); }
    public Category getCategory() { return category; }
    public void setCategory(Category category) { this.category = category; }
    public Unit getUnit() { return unit; }
    public void setUnit(Unit unit) { this.unit = unit; }
    public long getPriceCents() { return priceCents; }
    public void setPriceCents(long priceCents) { this.priceCents = priceCents; }
    public Long getPricePerKgCents() { return pricePerKgCents; }
    public void setPricePerKgCents(Long pricePerKgCents) { this.pricePerKgCents = pricePerKgCents; }
    public Integer getApproxWeightGrams() { return approxWeightGrams; }

    /** Sold by weight: a price per kg and an approximate weight of one unit (its price is the estimate they make). */
    public boolean isSoldByWeight() { return pricePerKgCents != null && approxWeightGrams != null; }

    /** Can be ordered: active and not sold out. */
    public boolean isOrderable() { return orderable(active, stock); }

    /** The rule of {@link #isOrderable()} for a copy of the two fields ({@code stock} null: not counted). */
    public static boolean orderable(boolean active, Integer stock) { return active && (stock == null || stock > 0); }
    public void setApproxWeightGrams(Integer approxWeightGrams) { this.approxWeightGrams = approxWeightGrams; }
    public int getTaxRatePermille() { return taxRatePermille; }
    public void setTaxRatePermille(int taxRatePermille) { this.taxRatePermille = taxRatePermille; }
    public Long getImageId() { return imageId; }
    public void setImageId(Long imageId) { this.imageId = imageId; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
    public Integer getStock() { return stock; }
    public void setStock(Integer stock) { this.stock = stock; }
    public String getExternalId() { return externalId; }
    public void setExternalId(String externalId) { this.externalId = externalId; }
    public Instant getUpdatedAt() { return updatedAt; }
}
