package org.farmstand.storefront.catalog;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.catalog.boundary.CatalogService;
import org.farmstand.catalog.boundary.CategoryView;
import org.farmstand.catalog.boundary.ProductCard;
import org.farmstand.storefront.web.Shop;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Home, catalog and product pages: read-only, stateless, GET forms only. */
@Named
@RequestScoped
public class CatalogBacking {

    @Inject
    CatalogService catalog;

    @Inject
    Shop shop;

    private String q;
    private String category;
    private List<ProductCard> products;
    private List<CategoryView> categories;
    private ProductCard product;

    public List<ProductCard> getProducts() {
        if (products == null) {
            products = catalog.products(shop.getContentVersion(), category, q);
        }
        return products;
    }

    public List<ProductCard> getFeatured() {
        List<ProductCard> all = catalog.products(shop.getContentVersion(), null, null);
        return all.subList(0, Math.min(8, all.size()));
    }

    public List<CategoryView> getCategories() {
        if (categories == null) {
            categories = catalog.categories(shop.getContentVersion());
        }
        return categories;
    }

    public Optional<CategoryView> getCurrentCategory() {
        return getCategories().stream().filter(c -> c.slug().equals(category)).findFirst();
    }

    /** Loads the product of the URL, or answers 404. */
    public void loadProduct() throws IOException {
        String slug = shop.getRequest().param("product");
        Optional<ProductCard> found = catalog.product(shop.getContentVersion(), slug);
        if (found.isEmpty()) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(HttpServletResponse.SC_NOT_FOUND, "");
            FacesContext.getCurrentInstance().responseComplete();
            return;
        }
        product = found.get();
    }

    public ProductCard getProduct() {
        return product;
    }

    public String getQ() { return q; }
    public void setQ(String q) { this.q = q; }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
}
