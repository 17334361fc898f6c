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
import org.farmstand.platform.web.Causes;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Category list with rename, delete and their order (up, down), and the form for a new category
 * (/products/categories). A name the shop
 * already has (in any case) is refused; a rename keeps the slug, so links to the category keep working; only a
 * category without products can be deleted.
 */
@Named
@ViewScoped
public class CategoriesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @NotBlank
    @Size(max = Category.NAME_MAX, message = "{farmstand.category.name.size}")
    private String name;

    @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,79}", message = "{farmstand.slug.invalid}")
    private String slug;

    /** The category being renamed (null: none) and its new name. */
    private Long renaming;
    @Size(max = Category.NAME_MAX, message = "{farmstand.category.name.size}")
    private String newName;
    /** The category whose delete waits for its confirmation (null: none). */
    private Long deleting;

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
        } catch (ProductAdminService.CategoryNameTaken e) {
            Pages.error("category:name", "categories.name.taken", e.getMessage());
        } catch (ProductAdminService.SlugTaken e) {
            Pages.error("category:slug", "categories.slug.taken");
        }
    }

    /** Opens the rename field of one category, filled with its name. */
    public void startRename(Category category) {
        deleting = null;
        renaming = category.getId();
        newName = category.getName();
    }

    public void cancelRename() {
        renaming = null;
        newName = null;
    }

    public void rename() {
        if (renaming == null) {
            return;
        }
        if (newName == null || newName.isBlank()) {
            Pages.error(newNameField(), "categories.name.required");
            return;
        }
        try {
            var renamed = service().renameCategory(renaming, newName);
            if (renamed.isEmpty()) {
                Pages.error(null, "categories.gone");
                return;
            }
            Pages.info("categories.renamed", renamed.get().getName(), renamed.get().getSlug());
            Pages.redirect("/products/categories");
        } catch (ProductAdminService.CategoryNameTaken e) {
            Pages.error(newNameField(), "categories.name.taken", e.getMessage());
        }
    }

    /** The client id of the rename field: in the row of the category being renamed. */
    private String newNameField() {
        List<Category> rows = getCategories();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).getId().equals(renaming)) {
                return "categories:table:" + i + ":newName";
            }
        }
        return null;
    }

    /**
     * Moves a category one place up or down; the shop's category menu and the product form follow this order. The
     * category is the row's, by id: a list changed in another tab meanwhile moves the category the button was next to.
     */
    public void move(Category category, boolean up) {
        renaming = null;
        deleting = null;
        try {
            if (service().moveCategory(category.getId(), up)) {
                Pages.info("categories.moved", category.getName());
                Pages.redirect("/products/categories");
                return;
            }
        } catch (RuntimeException e) {
            if (!Causes.optimisticLock(e)) {
                throw e;
            }
            Pages.error(null, "categories.moveConflict");
        }
        categories = null; // the order as it is now
        counts = null;
    }

    /** Whether the category is first (no "up") or last (no "down") in the list shown. */
    public boolean first(Category category) {
        List<Category> rows = getCategories();
        return !rows.isEmpty() && rows.get(0).getId().equals(category.getId());
    }

    public boolean last(Category category) {
        List<Category> rows = getCategories();
        return !rows.isEmpty() && rows.get(rows.size() - 1).getId().equals(category.getId());
    }

    /** First step of a delete: the row asks "Delete …?" with a confirming and a cancelling button. */
    public void askDelete(Category category) {
        renaming = null;
        deleting = category.getId();
    }

    public void cancelDelete() {
        deleting = null;
    }

    /** Deletes a category without products, after the row's confirmation. */
    public void delete(Category category) {
        if (deleting == null || !deleting.equals(category.getId())) {
            return;
        }
        deleting = null;
        try {
            if (!service().deleteCategory(category.getId())) {
                Pages.error(null, "categories.gone");
                return;
            }
            Pages.info("categories.deleted", category.getName());
            Pages.redirect("/products/categories");
        } catch (ProductAdminService.CategoryInUse e) {
            Pages.error(null, "categories.inUse", e.getMessage());
        }
    }

    private static ProductAdminService service() {
        return CDI.current().select(ProductAdminService.class).get();
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getSlug() { return slug; }
    public void setSlug(String slug) { this.slug = slug; }
    public Long getRenaming() { return renaming; }
    public Long getDeleting() { return deleting; }
    public String getNewName() { return newName; }
    public void setNewName(String newName) { this.newName = newName; }
}
