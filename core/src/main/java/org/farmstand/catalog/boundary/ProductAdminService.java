package org.farmstand.catalog.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.farmstand.audit.boundary.AuditDetail;
import org.farmstand.audit.boundary.AuditLog;
import org.farmstand.catalog.control.Pricing;
import org.farmstand.catalog.control.Slugs;
import org.farmstand.catalog.entity.Category;
import org.farmstand.catalog.entity.Product;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.tenancy.boundary.ContentVersions;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Products for the producer's admin: paging, sorting and filtering in the database. */
@ApplicationScoped
@Transactional
@Tenanted
public class ProductAdminService {

    private static final Map<String, String> SORTABLE = Map.of(
            "name", "p.name", "priceCents", "p.priceCents", "active", "p.active", "updatedAt", "p.updatedAt");

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    ContentVersions versions;

    @Inject
    AuditLog audit;

    public List<Product> page(int first, int size, String sortField, boolean ascending, String search) {
        String order = SORTABLE.getOrDefault(sortField == null ? "name" : sortField, "p.name");
        TypedQuery<Product> query = em.createQuery("SELECT p FROM Product p LEFT JOIN FETCH p.category"
                + where(search) + " ORDER BY " + order + (ascending ? " ASC" : " DESC") + ", p.id", Product.class);
        bind(query, search);
        return query.setFirstResult(Math.max(0, first)).setMaxResults(Math.min(Math.max(size, 1), 200)).getResultList();
    }

    public long count(String search) {
        TypedQuery<Long> query = em.createQuery("SELECT COUNT(p) FROM Product p" + where(search), Long.class);
        bind(query, search);
        return query.getSingleResult();
    }

    private static String where(String search) {
        return search == null || search.isBlank() ? "" : " WHERE LOWER(p.name) LIKE :q";
    }

    private static void bind(TypedQuery<?> query, String search) {
        if (search != null && !search.isBlank()) {
            query.setParameter("q", "%" + search.strip().toLowerCase(Locale.ROOT)
                    .replace("%", "\\%").replace("_", "\\_") + "%");
        }
    }

    public Optional<Product> find(long id) {
        return Optional.ofNullable(em.find(Product.class, id));
    }

    /** The product with its category loaded, for the editor; another shop's id is empty. */
    public Optional<Product> findForEdit(long id) {
        return em.createQuery("SELECT p FROM Product p LEFT JOIN FETCH p.category WHERE p.id = :id", Product.class)
                .setParameter("id", id).getResultStream().findFirst();
    }

    public List<Category> categories() {
        return em.createNamedQuery(Category.FIND_ALL, Category.class).getResultList();
    }

    /** Thrown when a chosen slug is already used by another product or category of the shop. */
    public static class SlugTaken extends RuntimeException {
        public SlugTaken(String slug) {
            super(slug);
        }
    }

    /**
     * Creates or updates a product (detached, with the version it was loaded with). Its prices must be one of the two
     * ways {@link Pricing} allows (else {@link IllegalArgumentException}); sold by weight, the estimated unit price
     * is set from the price per kg and the weight. An empty slug is made from the name and numbered until unique.
     * Another editor's change in between ends in a {@link jakarta.persistence.OptimisticLockException} and nothing
     * is written.
     */
    public Product save(Product product, Long categoryId) {
        product.setCategory(categoryId == null ? null
                : Optional.ofNullable(em.find(Category.class, categoryId)).orElseThrow(
                        () -> new IllegalArgumentException("unknown category " + categoryId)));
        Pricing.apply(product);
        Long id = product.getId();
        if (product.getSlug() == null || product.getSlug().isBlank()) {
            String base = Slugs.from(product.getName(), 110);
            int n = 1;
            while (productSlugTaken(Slugs.numbered(base, n, 120), id)) {
                n++;
            }
            product.setSlug(Slugs.numbered(base, n, 120));
        } else if (productSlugTaken(product.getSlug(), id)) {
            throw new SlugTaken(product.getSlug());
        }
        Product saved;
        Object[] before = null;
        if (product.isNew()) {
            em.persist(product);
            saved = product;
        } else {
            before = em.createQuery("SELECT p.priceCents, p.active, p.stock FROM Product p WHERE p.id = :id",
                            Object[].class)
                    .setParameter("id", id).getResultStream().findFirst().orElse(null);
            // the form does not edit the stock, and orders count it down without a new version: the value the form
            // was loaded with is old. With the one this transaction reads, the merge finds it unchanged and the
            // UPDATE leaves the column alone (orders committed meanwhile keep what they took)
            if (before != null) {
                product.setStock(before[2] == null ? null : ((Number) before[2]).intValue());
            }
            saved = em.merge(product);
        }
        em.flush();
        versions.bump();
        AuditDetail detail;
        if (before == null) {
            detail = AuditDetail.of("audit.detail.product.created", saved.getName(),
                    new AuditDetail.Money(saved.getPriceCents()), saved.isActive() ? 1 : 0);
        } else {
            long oldPrice = ((Number) before[0]).longValue();
            boolean activeChanged = !Boolean.valueOf(saved.isActive()).equals(before[1]);
            // {1}: the price changed (then {2} → {3}); {4}: 0 same visibility, 1 activated, 2 deactivated
            detail = AuditDetail.of("audit.detail.product.updated", saved.getName(),
                    oldPrice != saved.getPriceCents() ? 1 : 0, new AuditDetail.Money(oldPrice),
                    new AuditDetail.Money(saved.getPriceCents()), !activeChanged ? 0 : saved.isActive() ? 1 : 2);
        }
        audit.record(AuditLog.PRODUCT, saved.getId(), before == null ? "created" : "updated", detail);
        return saved;
    }

    private boolean productSlugTaken(String slug, Long exceptId) {
        return em.createQuery("SELECT COUNT(p) FROM Product p WHERE p.slug = :slug AND p.id <> :id", Long.class)
                .setParameter("slug", slug).setParameter("id", exceptId == null ? -1L : exceptId)
                .getSingleResult() > 0;
    }

    /** The most a stock may hold (as the API's stock PUT allows). */
    public static final int MAX_STOCK = 1_000_000;

    /**
     * Sets a product's stock, the quantity on hand that orders count down from now on; null: not tracked (no limit).
     * The producer's count, as the management system's stock PUT sets it: absolute, the last count wins. One UPDATE
     * of the column, like a cancellation's give-back; it raises the product's version as that does (EclipseLink's bulk
     * UPDATE of a versioned entity), so a product form open in another tab is refused with the usual message instead
     * of being saved over a change it did not see. False when there is no such product; {@link IllegalArgumentException}
     * out of range.
     */
    public boolean setStock(long productId, Integer stock) {
        if (stock != null && (stock < 0 || stock > MAX_STOCK)) {
            throw new IllegalArgumentException("stock out of range: " + stock);
        }
        // the stock before, for the audit log only (the UPDATE's row lock orders the change with the orders')
        Object[] before = em.createQuery("SELECT p.name, p.stock FROM Product p WHERE p.id = :id", Object[].class)
                .setParameter("id", productId).getResultStream().findFirst().orElse(null);
        if (before == null) {
            return false;
        }
        em.createQuery("UPDATE Product p SET p.stock = :stock WHERE p.id = :id")
                .setParameter("stock", stock).setParameter("id", productId).executeUpdate();
        versions.bump(); // the catalog shows a product without stock as sold out
        audit.record(AuditLog.PRODUCT, productId, "stock", AuditDetail.of("audit.detail.product.stock",
                before[0], before[1] == null ? -1 : ((Number) before[1]).intValue(), stock == null ? -1 : stock));
        return true;
    }

    /** Sets a product's image (already stored by MediaService), checking the version the editor loaded. */
    public Product setImage(long productId, long expectedVersion, long imageId) {
        Product product = em.find(Product.class, productId);
        if (product == null) {
            throw new IllegalArgumentException("unknown product " + productId);
        }
        if (product.getVersion() != expectedVersion) {
            throw new jakarta.persistence.OptimisticLockException(product);
        }
        product.setImageId(imageId);
        em.flush();
        versions.bump();
        audit.record(AuditLog.PRODUCT, productId, "image", product.getName());
        return product;
    }

    /** Thrown when a category of that name (compared without case and surrounding blanks) exists in the shop. */
    public static class CategoryNameTaken extends RuntimeException {
        public CategoryNameTaken(String name) {
            super(name);
        }
    }

    /** Thrown when a category to delete still has products. */
    public static class CategoryInUse extends RuntimeException {
        public CategoryInUse(String name) {
            super(name);
        }
    }

    /**
     * Creates a category; an empty slug is made from the name (numbered until unique). A name the shop already has
     * (whatever its case) is refused with {@link CategoryNameTaken}: the product form would offer two equal entries.
     */
    public Category createCategory(String name, String slug) {
        String chosenName = name.strip();
        if (categoryNameTaken(chosenName, null)) {
            throw new CategoryNameTaken(chosenName);
        }
        String chosen = slug == null || slug.isBlank() ? null : slug.strip();
        if (chosen == null) {
            String base = Slugs.from(chosenName, 70);
            int n = 1;
            while (categorySlugTaken(Slugs.numbered(base, n, 80))) {
                n++;
            }
            chosen = Slugs.numbered(base, n, 80);
        } else if (categorySlugTaken(chosen)) {
            throw new SlugTaken(chosen);
        }
        int nextOrder = em.createQuery("SELECT COALESCE(MAX(c.sortOrder), 0) FROM Category c", Integer.class)
                .getSingleResult() + 10;
        Category category = new Category(chosen, chosenName, nextOrder);
        em.persist(category);
        em.flush();
        versions.bump();
        audit.record(AuditLog.CATEGORY, category.getId(), "created", category.getName());
        return category;
    }

    /**
     * Renames a category of this shop (empty when there is none with that id). The slug stays: it is the category's
     * address in the shop, and links to it (bookmarks, search engines, other pages) keep working after a rename.
     */
    public Optional<Category> renameCategory(long id, String name) {
        Category category = em.find(Category.class, id);
        if (category == null) {
            return Optional.empty();
        }
        String chosenName = name.strip();
        if (categoryNameTaken(chosenName, id)) {
            throw new CategoryNameTaken(chosenName);
        }
        String before = category.getName();
        if (!before.equals(chosenName)) {
            category.setName(chosenName);
            em.flush();
            versions.bump();
            audit.record(AuditLog.CATEGORY, id, "renamed", before + " → " + chosenName);
        }
        return Optional.of(category);
    }

    /**
     * Deletes a category of this shop that has no products (false when there is none with that id); one with products
     * is refused with {@link CategoryInUse}, so no product loses its category unnoticed.
     */
    public boolean deleteCategory(long id) {
        Category category = em.find(Category.class, id);
        if (category == null) {
            return false;
        }
        long products = em.createQuery("SELECT COUNT(p) FROM Product p WHERE p.category.id = :id", Long.class)
                .setParameter("id", id).getSingleResult();
        if (products > 0) {
            throw new CategoryInUse(category.getName());
        }
        em.remove(category);
        em.flush();
        versions.bump();
        audit.record(AuditLog.CATEGORY, id, "deleted", category.getName());
        return true;
    }

    /**
     * Moves a category one place up or down in the shop's order: the order of the shop's category menu and of the
     * product form's list (new categories come last). False when there is no category with that id or it is first
     * (up) or last (down) already. All categories get positions 10, 20, ... in the new order, so two with the same
     * position (they would sort by name) cannot stay stuck together.
     */
    public boolean moveCategory(long id, boolean up) {
        List<Category> all = new java.util.ArrayList<>(categories());
        int from = 0;
        while (from < all.size() && all.get(from).getId() != id) {
            from++;
        }
        int to = up ? from - 1 : from + 1;
        if (from == all.size() || to < 0 || to >= all.size()) {
            return false;
        }
        java.util.Collections.swap(all, from, to);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).getSortOrder() != (i + 1) * 10) {
                all.get(i).setSortOrder((i + 1) * 10);
            }
        }
        em.flush();
        versions.bump();
        audit.record(AuditLog.CATEGORY, id, "moved", AuditDetail.of("audit.detail.category.moved",
                all.get(to).getName(), to + 1));
        return true;
    }

    private boolean categoryNameTaken(String name, Long exceptId) {
        return em.createQuery("SELECT COUNT(c) FROM Category c WHERE LOWER(c.name) = :name AND c.id <> :id", Long.class)
                .setParameter("name", name.toLowerCase(Locale.ROOT))
                .setParameter("id", exceptId == null ? -1L : exceptId)
                .getSingleResult() > 0;
    }

    private boolean categorySlugTaken(String slug) {
        return !em.createNamedQuery(Category.FIND_BY_SLUG, Category.class).setParameter("slug", slug)
                .getResultList().isEmpty();
    }

    /** Number of products per category id, for the category list. */
    public Map<Long, Long> productCounts() {
        Map<Long, Long> counts = new java.util.HashMap<>();
        for (Object[] row : em.createQuery("SELECT p.category.id, COUNT(p) FROM Product p WHERE p.category IS NOT NULL"
                + " GROUP BY p.category.id", Object[].class).getResultList()) {
            counts.put((Long) row[0], (Long) row[1]);
        }
        return counts;
    }
}
