package org.farmstand.admin.products;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.farmstand.admin.web.Pages;
import org.farmstand.catalog.boundary.ProductAdminService;
import org.farmstand.catalog.entity.Category;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** Category list and the form for a new category (/products/categories). */
@Named
@ViewScoped
public class CategoriesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @NotBlank
    @Size(max = 120)
    private String name;

    @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,79}", message = "{farmstand.slug.invalid}")
    private String slug;

    private transient List<Category> categories;
    private transient Map<Long, Long> counts;

    public List<Category> getCategories() {
        if (categories == null) {
            categories = service().categories();
        }
        return categories;
    }

    public long count(Category category) {
        if (counts == null) {
            counts = service().productCounts();
        }
        return counts.getOrDefault(category.getId(), 0L);
    }

    public void create() {
        try {
            Category created = service().createCategory(name, slug);
            Pages.info("categories.created", created.getName());
            Pages.redirect("/products/categories");
        } catch (ProductAdminService.SlugTaken e) {
            Pages.error("category:slug", "products.edit.slug.taken");
        }
    }

    private static ProductAdminService service() {
        return CDI.current().select(ProductAdminService.class).get();
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getSlug() { return slug; }
    public void setSlug(String slug) { this.slug = slug; }
}
