package org.farmstand.storefront;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.catalog.entity.Product;
import org.farmstand.catalog.entity.Unit;
import org.farmstand.platform.persistence.Tenanted;

import java.util.List;

/** Test helper deployed with TenantIsolationIT: plain JPA operations as whatever tenant the thread has. */
@Dependent
@Transactional
@Tenanted
public class IsolationProbe {

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @jakarta.inject.Inject
    org.farmstand.tenancy.boundary.ContentVersions versions;

    @jakarta.inject.Inject
    org.farmstand.tenancy.boundary.TenantService tenants;

    /** Renames the thread's shop (with a content-version bump), reads its info in the same transaction, then fails. */
    public void renameReadAndFail(String name) {
        long shop = org.farmstand.platform.persistence.TenantContext.require();
        versions.bump();
        em.createQuery("UPDATE Tenant t SET t.name = :name WHERE t.id = :id").setParameter("name", name)
                .setParameter("id", shop).executeUpdate();
        String seen = tenants.byId(shop).orElseThrow().name();
        throw new IllegalStateException("rolled back on purpose after reading the shop as " + seen);
    }

    /** A committed content-version bump of the thread's shop, without any other change. */
    public void bump() {
        versions.bump();
    }

    /** A committed bump of the thread's shop as the other WAR or another node makes it: not through this WAR. */
    public void bumpElsewhere() {
        em.createNativeQuery("UPDATE tenant SET content_version = content_version + 1 WHERE id = ?")
                .setParameter(1, org.farmstand.platform.persistence.TenantContext.require())
                .executeUpdate();
    }

    public long create(String slug, long priceCents) {
        Product product = new Product();
        product.setSlug(slug);
        product.setName("Isolation " + slug);
        product.setUnit(Unit.PIECE);
        product.setPriceCents(priceCents);
        em.persist(product);
        em.flush();
        return product.getId();
    }

    public Product find(long id) {
        return em.find(Product.class, id);
    }

    public List<Product> bySlug(String slug) {
        return em.createNamedQuery(Product.FIND_BY_SLUG, Product.class).setParameter("slug", slug).getResultList();
    }

    public long countAll() {
        return em.createQuery("SELECT COUNT(p) FROM Product p", Long.class).getSingleResult();
    }

    public int bulkUpdatePrice(long id, long priceCents) {
        return em.createQuery("UPDATE Product p SET p.priceCents = :price WHERE p.id = :id")
                .setParameter("price", priceCents).setParameter("id", id).executeUpdate();
    }

    public int bulkDelete(long id) {
        return em.createQuery("DELETE FROM Product p WHERE p.id = :id").setParameter("id", id).executeUpdate();
    }

    public void mergeWithPrice(Product detached, long priceCents) {
        detached.setPriceCents(priceCents);
        em.merge(detached);
        em.flush();
    }
}
