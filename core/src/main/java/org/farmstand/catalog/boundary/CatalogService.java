package org.farmstand.catalog.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.catalog.entity.Category;
import org.farmstand.catalog.entity.Product;
import org.farmstand.platform.cache.Caches;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.platform.persistence.Tenanted;

import javax.cache.Cache;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Read side of the catalog for the storefront. Results are cached per tenant and content version
 * (see {@link org.farmstand.tenancy.boundary.ContentVersions}), so a producer's change shows on the next request.
 */
@ApplicationScoped
@Transactional
@Tenanted
public class CatalogService {

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    Caches caches;

    @SuppressWarnings("rawtypes")
    private Cache<CatalogKey, ArrayList> cache;

    @PostConstruct
    void init() {
        cache = caches.shared("catalog", CatalogKey.class, ArrayList.class, 5_000, Duration.ofMinutes(10), 32);
    }

    /** Active products, optionally of one category and/or matching a search text; sorted by name. */
    public List<ProductCard> products(long contentVersion, String categorySlug, String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (q.length() > 100) {
            q = q.substring(0, 100);
        }
        String category = categorySlug == null ? "" : categorySlug;
        var key = new CatalogKey(TenantContext.require(), contentVersion, "products", category + "|" + q);
        return cached(key, () -> loadProducts(category, key.arg().substring(category.length() + 1)));
    }

    public Optional<ProductCard> product(long contentVersion, String slug) {
        var key = new CatalogKey(TenantContext.require(), contentVersion, "product", slug);
        List<ProductCard> found = cached(key, () -> em.createNamedQuery(Product.FIND_BY_SLUG, Product.class)
                .setParameter("slug", slug)
                .getResultStream()
                .filter(Product::isActive)
                .map(p -> toCards(List.of(p)).get(0))
                .toList());
        return found.stream().findFirst();
    }

    public List<CategoryView> categories(long contentVersion) {
        var key = new CatalogKey(TenantContext.require(), contentVersion, "categories", "");
        return cached(key, () -> em.createNamedQuery(Category.FIND_ALL, Category.class).getResultStream()
                .map(c -> new CategoryView(c.getId(), c.getSlug(), c.getName()))
                .toList());
    }

    /** Current data of these products (no cache): used by cart and checkout to recheck prices and availability. */
    public Map<Long, ProductCard> current(Collection<Long> productIds) {
        if (productIds.isEmpty()) {
            return Map.of();
        }
        // the category in the same query: the cards name it, and a lazy load would be one more query per category
        List<Product> products = em.createNamedQuery(Product.FIND_WITH_CATEGORY_BY_IDS, Product.class)
                .setParameter("ids", List.copyOf(productIds))
                .getResultList();
        Map<Long, ProductCard> result = new HashMap<>();
        toCards(products).forEach(card -> result.put(card.id(), card));
        return result;
    }

    /**
     * Whether this shop has the product and it can be ordered now (no cache; empty: no such product in this shop).
     * One query, without the category and image a {@link ProductCard} carries: the cart's POST needs only this.
     */
    public Optional<Boolean> orderable(long productId) {
        return em.createNamedQuery(Product.FIND_BY_IDS, Product.class)
                .setParameter("ids", List.of(productId))
                .getResultStream().findFirst()
                .map(Product::isOrderable);
    }

    private List<ProductCard> loadProducts(String categorySlug, String q) {
        StringBuilder jpql = new StringBuilder(
                "SELECT p FROM Product p LEFT JOIN FETCH p.category c WHERE p.active = TRUE");
        if (!categorySlug.isEmpty()) {
            jpql.append(" AND c.slug = :category");
        }
        if (!q.isEmpty()) {
            jpql.append(" AND (LOWER(p.name) LIKE :q OR LOWER(p.description) LIKE :q)");
        }
        jpql.append(" ORDER BY p.name");
        var query = em.createQuery(jpql.toString(), Product.class);
        if (!categorySlug.isEmpty()) {
            query.setParameter("category", categorySlug);
        }
        if (!q.isEmpty()) {
            query.setParameter("q", "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return toCards(query.setMaxResults(500).getResultList());
    }

    private List<ProductCard> toCards(List<Product> products) {
        List<Long> imageIds = products.stream().map(Product::getImageId).filter(id -> id != null).distinct().toList();
        Map<Long, String> hashes = new HashMap<>();
        if (!imageIds.isEmpty()) {
            em.createQuery("SELECT i.id, i.contentHash FROM Image i WHERE i.id IN :ids", Object[].class)
                    .setParameter("ids", imageIds)
                    .getResultList()
                    .forEach(row -> hashes.put((Long) row[0], (String) row[1]));
        }
        return products.stream().map(p -> new ProductCard(p.getId(), p.getSlug(), p.getName(), p.getDescription(),
                p.getCategory() == null ? null : p.getCategory().getSlug(),
                p.getCategory() == null ? null : p.getCategory().getName(),
                p.getUnit(), p.getPriceCents(), p.getPricePerKgCents(), p.getApproxWeightGrams(),
                p.getImageId() == null ? null : hashes.get(p.getImageId()), p.getStock(), p.isActive())).toList();
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> cached(CatalogKey key, java.util.function.Supplier<List<T>> loader) {
        ArrayList<T> hit = cache.get(key);
        if (hit != null) {
            return Collections.unmodifiableList(hit);
        }
        ArrayList<T> loaded = new ArrayList<>(loader.get());
        cache.put(key, loaded);
        return Collections.unmodifiableList(loaded);
    }

    /** Tenant and content version are part of every key. */
    public record CatalogKey(long tenantId, long contentVersion, String kind, String arg) implements Serializable {
    }
}
