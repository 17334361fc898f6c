package org.farmstand.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.farmstand.platform.persistence.TenantOwned;

@Entity
@Table(name = "category")
@NamedQuery(name = Category.FIND_ALL, query = "SELECT c FROM Category c ORDER BY c.sortOrder, c.name")
@NamedQuery(name = Category.FIND_BY_SLUG, query = "SELECT c FROM Category c WHERE c.slug = :slug")
public class Category extends TenantOwned {

    public static final String FIND_ALL = "Category.findAll";
    public static final String FIND_BY_SLUG = "Category.findBySlug";

    @NotBlank
    @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,79}", message = "{farmstand.slug.invalid}")
    private String slug;

    /** The longest name (the column's size); the admin form's maxlength too. */
    public static final int NAME_MAX = 120;

    @NotBlank
    @Size(max = NAME_MAX, message = "{farmstand.category.name.size}")
    private String name;

    @Column(name = "sort_order")
    private int sortOrder;

    protected Category() {
    }

    public Category(String slug, String name, int sortOrder) {
        this.slug = slug;
        this.name = name;
        this.sortOrder = sortOrder;
    }

    public String getSlug() { return slug; }
    public void setSlug(String slug) { this.slug = slug; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public int getSortOrder() { return sortOrder; }
    public void setSortOrder(int sortOrder) { this.sortOrder = sortOrder; }
}
