package org.farmstand.ordering.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.farmstand.catalog.control.Pricing;
import org.farmstand.catalog.entity.Unit;
import org.farmstand.platform.persistence.TenantOwned;

/** A line of an order with a snapshot of name and price at the time of ordering. */
@Entity
@Table(name = "order_line")
public class OrderLine extends TenantOwned {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    private CustomerOrder order;

    @Column(name = "product_id")
    private long productId;

    @Column(name = "product_name")
    private String productName;

    @Enumerated(EnumType.STRING)
    private Unit unit;

    private int quantity;

    @Column(name = "unit_price_cents")
    private long unitPriceCents;

    @Column(name = "line_total_cents")
    private long lineTotalCents;

    /**
     * How much of the quantity was taken from the product's stock ({@code product.stock}): the quantity when the
     * product counted its stock as the line was ordered, 0 when it did not (nothing to give back then). See
     * catalog.control.ProductStock.
     */
    @Column(name = "stock_taken")
    private int stockTaken;

    /**
     * For a product sold by weight: its price per kg and the approximate weight of one unit when the line was ordered
     * (the unit price is the estimate they made); null for a line priced per unit.
     */
    @Column(name = "price_per_kg_cents")
    private Long pricePerKgCents;

    @Column(name = "approx_weight_g")
    private Integer approxWeightGrams;

    /** What the line weighed when it was packed (all its units together); null until then. */
    @Column(name = "weighed_g")
    private Integer weighedGrams;

    protected OrderLine() {
    }

    public OrderLine(long productId, String productName, Unit unit, int quantity, long unitPriceCents) {
        this.productId = productId;
        this.productName = productName;
        this.unit = unit;
        this.quantity = quantity;
        this.unitPriceCents = unitPriceCents;
        this.lineTotalCents = Pricing.lineTotal(unitPriceCents, quantity);
    }

    /** Marks the line as sold by weight at this price per kg and approximate weight of one unit (see V18). */
    public OrderLine soldByWeight(long pricePerKgCents, int approxWeightGrams) {
        this.pricePerKgCents = pricePerKgCents;
        this.approxWeightGrams = approxWeightGrams;
        return this;
    }

    /** Whether the line is charged by its weighed weight (until weighed, its amount is an estimate). */
    public boolean isByWeight() {
        return pricePerKgCents != null && approxWeightGrams != null;
    }

    public boolean isWeighed() {
        return weighedGrams != null;
    }

    /**
     * Records the weighed weight: the line's amount becomes that weight times the price per kg of the time it was
     * ordered (the order's total must be recalculated: {@link CustomerOrder#recalculate}).
     */
    public void weigh(int grams) {
        if (!isByWeight()) {
            throw new IllegalStateException("line is not sold by weight");
        }
        this.weighedGrams = grams;
        this.lineTotalCents = Pricing.weighedCents(pricePerKgCents, grams);
    }

    /**
     * Takes a weight entered by mistake back: the line is not weighed (yet) and its amount is the estimate again, the
     * unit price it was ordered at times the quantity (the order's total must be recalculated:
     * {@link CustomerOrder#recalculate}).
     */
    public void clearWeight() {
        if (!isByWeight()) {
            throw new IllegalStateException("line is not sold by weight");
        }
        this.weighedGrams = null;
        this.lineTotalCents = Pricing.lineTotal(unitPriceCents, quantity);
    }

    void setOrder(CustomerOrder order) {
        this.order = order;
    }

    public CustomerOrder getOrder() { return order; }
    public long getProductId() { return productId; }
    public String getProductName() { return productName; }
    public Unit getUnit() { return unit; }
    public int getQuantity() { return quantity; }
    public long getUnitPriceCents() { return unitPriceCents; }
    public long getLineTotalCents() { return lineTotalCents; }
    public int getStockTaken() { return stockTaken; }
    public void setStockTaken(int stockTaken) { this.stockTaken = stockTaken; }
    public Long getPricePerKgCents() { return pricePerKgCents; }
    public Integer getApproxWeightGrams() { return approxWeightGrams; }
    public Integer getWeighedGrams() { return weighedGrams; }
}
