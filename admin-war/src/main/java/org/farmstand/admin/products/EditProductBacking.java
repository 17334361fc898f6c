package org.farmstand.admin.products;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.persistence.OptimisticLockException;
import jakarta.servlet.http.Part;
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
    private transient Part image;
    private String imageHash;

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
    }

    public void save() {
        Long priceCents = parse("product:price", price);
        Long perKgCents = parse("product:pricePerKg", pricePerKg);
        if (perKgCents != null) {
            Integer grams = product.getApproxWeightGrams();
            if (grams == null) {
                Pages.error("product:weight", "products.edit.weight.required");
            } else if (perKgCents >= 0 && grams > 0
                    && Pricing.estimatedPieceCents(perKgCents, grams) > Product.MAX_PRICE_CENTS) {
                // each is within its own bound, the piece price they make is not: the entity would refuse it
                Pages.error("product:pricePerKg", "products.edit.piece.too-expensive");
            }
        } else if (priceCents == null && !invalid("product:price")) {
            Pages.error("product:price", "products.edit.price.required");
        }
        if (jakarta.faces.context.FacesContext.getCurrentInstance().isValidationFailed()) {
            return;
        }
        Long newImage = null;
        if (image != null && image.getSize() > 0) {
            try (InputStream in = image.getInputStream()) {
                newImage = media().store(in.readNBytes(MAX_UPLOAD + 1));
            } catch (ImageProcessor.RejectedImage e) {
                Pages.error("product:image", e.key());
                return;
            } catch (IOException e) {
                Pages.error("product:image", "farmstand.image.not-an-image");
                return;
            }
        }
        product.setPricePerKgCents(perKgCents);
        if (perKgCents == null) {
            product.setPriceCents(priceCents);
        }
        Long previousImage = product.getImageId();
        if (newImage != null) {
            product.setImageId(newImage);
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

    /** Validation phase: an amount field must hold an amount such as 2,50 (empty is checked in save). */
    public void validateAmount(jakarta.faces.context.FacesContext context, jakarta.faces.component.UIComponent component,
                               Object value) {
        try {
            Pages.cents((String) value);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new jakarta.faces.validator.ValidatorException(new jakarta.faces.application.FacesMessage(
                    jakarta.faces.application.FacesMessage.SEVERITY_ERROR,
                    org.farmstand.admin.web.Messages.get("products.edit.amount.invalid"), null));
        }
    }

    private static boolean invalid(String clientId) {
        return jakarta.faces.context.FacesContext.getCurrentInstance().getMessages(clientId).hasNext();
    }

    private static Long parse(String clientId, String input) {
        try {
            return Pages.cents(input);
        } catch (NumberFormatException | ArithmeticException e) {
            Pages.error(clientId, "products.edit.amount.invalid");
            return null;
        }
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
    public Part getImage() { return image; }
    public void setImage(Part image) { this.image = image; }
    public String getImageHash() { return imageHash; }
}
