package org.farmstand.admin.products;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.validator.ValidatorException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.persistence.OptimisticLockException;
import jakarta.servlet.http.Part;
import org.farmstand.admin.web.AmountInput;
import org.farmstand.admin.web.Formats;
import org.farmstand.admin.web.Messages;
import org.farmstand.admin.web.Pages;
import org.farmstand.catalog.boundary.ProductAdminService;
import org.farmstand.catalog.control.Pricing;
import org.farmstand.catalog.entity.Category;
import org.farmstand.catalog.entity.Product;
import org.farmstand.catalog.entity.Unit;
import org.farmstand.media.boundary.MediaService;
import org.farmstand.media.control.ImageProcessor;
import org.farmstand.platform.web.Causes;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Creates and edits a product (/products/edit, /products/edit?id=N). The product is looked up through the
 * tenant-filtered service, so another shop's id is a 404; it stays detached in the view with the version it was
 * loaded with, so a save after someone else's change is refused instead of overwriting it.
 */
@Named
@ViewScoped
public class EditProductBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int MAX_UPLOAD = 12 * 1024 * 1024;

    private Long id;
    private Product product;
    private Long categoryId;
    private String price;
    private String pricePerKg;
    private String imageHash;
    /** A photo chosen and stored but not yet saved with the product (kept across a form with errors). */
    private Long chosenImageId;
    private String chosenImageHash;
    /** The stock on hand as typed (empty: not tracked), and as stored when the page was shown. */
    private String stock;
    private Integer storedStock;

    public void load() {
        if (product != null) {
            return;
        }
        if (id == null) {
            product = new Product();
            return;
        }
        var found = service().findForEdit(id);
        if (found.isEmpty()) {
            Pages.notFound();
            return;
        }
        show(found.get());
    }

    private void show(Product p) {
        product = p;
        categoryId = p.getCategory() == null ? null : p.getCategory().getId();
        price = p.getPricePerKgCents() == null ? Pages.amount(p.getPriceCents()) : null;
        pricePerKg = Pages.amount(p.getPricePerKgCents());
        imageHash = p.getImageId() == null ? null : media().hashOf(p.getImageId()).orElse(null);
        storedStock = p.getStock();
        stock = storedStock == null ? "" : String.valueOf(storedStock);
    }

    /**
     * Sets the stock on hand (its own form: orders count it down meanwhile, so the product form leaves it alone):
     * a whole number from 0, or empty for no limit. The quantity counted now; the last count wins.
     */
    public void saveStock() {
        Integer value;
        String typed = stock == null ? "" : stock.strip();
        try {
            value = typed.isEmpty() ? null : Integer.valueOf(typed);
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value != null && (value < 0 || value > ProductAdminService.MAX_STOCK)) {
            Pages.error("stock:value", "products.stock.invalid", ProductAdminService.MAX_STOCK);
            return;
        }
        if (!service().setStock(product.getId(), value)) {
            Pages.notFound();
            return;
        }
        if (value == null) {
            Pages.info("products.stock.untracked", product.getName());
        } else {
            Pages.info("products.stock.saved", product.getName(), value);
        }
        Pages.redirect("/products/edit?id=" + product.getId());
    }

    public void save() {
        Long priceCents = parse("product:price", price);
        Long perKgCents = parse("product:pricePerKg", pricePerKg);
        FacesContext faces = FacesContext.getCurrentInstance();
        if (faces.isValidationFailed()) {
            return;
        }
        Unit unit = product.getUnit();
        for (Pricing.Problem problem : Pricing.check(unit, priceCents, perKgCents, product.getApproxWeightGrams())) {
            Pages.error(FIELDS.get(problem.field()), problem.key(), unitName(unit));
        }
        if (faces.isValidationFailed()) {
            return;
        }
        product.setPricePerKgCents(perKgCents);
        if (perKgCents == null) {
            product.setPriceCents(priceCents);
        }
        Long previousImage = product.getImageId();
        if (chosenImageId != null) {
            product.setImageId(chosenImageId);
        }
        boolean created = product.isNew();
        try {
            Product saved = service().save(product, categoryId);
            Pages.info(created ? "products.edit.created" : "products.edit.saved", saved.getName());
            Pages.redirect("/products/edit?id=" + saved.getId());
        } catch (ProductAdminService.SlugTaken e) {
            product.setImageId(previousImage);
            Pages.error("product:slug", "products.edit.slug.taken");
        } catch (OptimisticLockException e) {
            product.setImageId(previousImage);
            Pages.error(null, "products.edit.conflict");
        } catch (RuntimeException e) {
            product.setImageId(previousImage);
            if (Causes.optimisticLock(e)) {
                Pages.error(null, "products.edit.conflict");
            } else {
                throw e;
            }
        }
    }

    private static final Map<Pricing.Field, String> FIELDS = Map.of(Pricing.Field.PRICE, "product:price",
            Pricing.Field.PRICE_PER_KG, "product:pricePerKg", Pricing.Field.WEIGHT, "product:weight");

    private static String unitName(Unit unit) {
        return unit == null ? "" : Messages.get("Unit." + unit.name());
    }

    /**
     * Validation phase: an amount field must hold an amount such as 2,50 (empty is checked in save); the message says
     * what is wrong (negative, too many decimals, too large) and names the field (its {@code label}).
     */
    public void validateAmount(FacesContext context, UIComponent component, Object value) {
        try {
            AmountInput.cents((String) value, Formats.language());
        } catch (AmountInput.Invalid e) {
            throw new ValidatorException(new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    Messages.format(e.key(), String.valueOf(component.getAttributes().get("label"))), null));
        }
    }

    /**
     * Validation phase of the file field: a chosen photo is checked and stored at once, so it is kept (and shown as
     * chosen) when another field's error sends the form back; it becomes the product's photo when the product is
     * saved. Stored images are content-addressed: choosing the same file again stores nothing new.
     */
    public void takeImage(FacesContext context, UIComponent component, Object value) {
        if (!(value instanceof Part part) || part.getSize() <= 0) {
            return;
        }
        try (InputStream in = part.getInputStream()) {
            long stored = media().store(in.readNBytes(MAX_UPLOAD + 1));
            chosenImageId = stored;
            chosenImageHash = media().hashOf(stored).orElse(null);
        } catch (ImageProcessor.RejectedImage e) {
            throw new ValidatorException(new FacesMessage(FacesMessage.SEVERITY_ERROR, Messages.format(e.key(), e.args()), null));
        } catch (IOException e) {
            throw new ValidatorException(new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    Messages.get("farmstand.image.not-an-image"), null));
        }
    }

    private static Long parse(String clientId, String input) {
        try {
            return AmountInput.cents(input, Formats.language());
        } catch (AmountInput.Invalid e) {
            Pages.error(clientId, e.key(), clientId.endsWith("pricePerKg")
                    ? Messages.get("products.edit.pricePerKg.name") : Messages.get("products.edit.price.name"));
            return null;
        }
    }

    /** For a product sold by weight as saved: its estimated unit price, shown beside the price fields. */
    public Long getEstimatedCents() {
        return product == null || product.isNew() || product.getPricePerKgCents() == null ? null
                : product.getPriceCents();
    }

    public List<Category> getCategories() {
        return service().categories();
    }

    public Unit[] getUnits() {
        return Unit.values();
    }

    public List<Integer> getTaxRates() {
        return List.of(70, 190, 0);
    }

    private static ProductAdminService service() {
        return CDI.current().select(ProductAdminService.class).get();
    }

    private static MediaService media() {
        return CDI.current().select(MediaService.class).get();
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Product getProduct() { return product; }
    public Long getCategoryId() { return categoryId; }
    public void setCategoryId(Long categoryId) { this.categoryId = categoryId; }
    public String getPrice() { return price; }
    public void setPrice(String price) { this.price = price; }
    public String getPricePerKg() { return pricePerKg; }
    public void setPricePerKg(String pricePerKg) { this.pricePerKg = pricePerKg; }
    public String getImageHash() { return imageHash; }
    public String getChosenImageHash() { return chosenImageHash; }
    public String getStock() { return stock; }
    public void setStock(String stock) { this.stock = stock; }
    public Integer getStoredStock() { return storedStock; }
}
