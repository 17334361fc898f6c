package org.farmstand.catalog.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
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

    public List<Category> categories() {
        return em.createNamedQuery(Category.FIND_ALL, Category.class).getResultList();
    }
}
