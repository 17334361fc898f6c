package org.farmstand.tenancy.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.audit.boundary.AuditDetail;
import org.farmstand.audit.boundary.AuditLog;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.platform.security.PasswordHasher;
import org.farmstand.tenancy.control.Domains;
import org.farmstand.tenancy.entity.StaffRole;
import org.farmstand.tenancy.entity.StaffUser;
import org.farmstand.tenancy.entity.Tenant;
import org.farmstand.tenancy.entity.TenantStatus;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hoster's work on shops: list, create (with a first owner), suspend and reactivate, host names. Platform-level
 * (Tenant and StaffUser are not tenant-owned), so it names the tenant itself; every change bumps that tenant's
 * content version so the storefront's cached shop data is replaced on the next request. Every change is written to
 * the affected shop's audit log (entity {@link AuditLog#SHOP}, the thread's {@link org.farmstand.audit.boundary.Actor},
 * i.e. the signed-in hoster) in the same transaction, so the shop's owners see what the hoster did.
 */
@ApplicationScoped
@Transactional
public class HosterService {

    public static final int MIN_PASSWORD = 10;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,58}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    Domains domains;

    @Inject
    AuditLog audit;

    public record HostedShop(long id, String slug, String name, TenantStatus status, List<String> domains,
                             List<String> owners) implements Serializable {
        public boolean active() {
            return status == TenantStatus.ACTIVE;
        }

        public String ownerList() {
            return String.join(", ", owners);
        }

        public String domainList() {
            return String.join(", ", domains);
        }
    }

    public List<HostedShop> shops() {
        StaffAccess.require(StaffRole.HOSTER);
        return em.createNamedQuery(Tenant.FIND_ALL, Tenant.class).getResultStream().map(this::shop).toList();
    }

    public Optional<HostedShop> shop(long id) {
        StaffAccess.require(StaffRole.HOSTER);
        return Optional.ofNullable(em.find(Tenant.class, id)).map(this::shop);
    }

    private HostedShop shop(Tenant t) {
        List<String> owners = em.createNamedQuery(StaffUser.FIND_BY_TENANT, StaffUser.class)
                .setParameter("tenantId", t.getId()).getResultStream()
                .filter(u -> u.getRole() == StaffRole.OWNER).map(StaffUser::getEmail).toList();
        return new HostedShop(t.getId(), t.getSlug(), t.getName(), t.getStatus(), domains.of(t.getId()), owners);
    }

    /** Creates an active shop with its first owner; returns the shop's id. Throws Rejected for invalid fields. */
    public long create(String slug, String name, String ownerEmail, String password) {
        StaffAccess.require(StaffRole.HOSTER);
        List<ShopSettingsService.Problem> problems = new ArrayList<>();
        String s = slug == null ? "" : slug.strip().toLowerCase(Locale.ROOT);
        String email = ownerEmail == null ? "" : ownerEmail.strip().toLowerCase(Locale.ROOT);
        if (!SLUG.matcher(s).matches()) {
            problems.add(new ShopSettingsService.Problem("slug", "hoster.slug.invalid", s));
        } else if (!em.createNamedQuery(Tenant.FIND_BY_SLUG, Tenant.class).setParameter("slug", s).getResultList().isEmpty()) {
            problems.add(new ShopSettingsService.Problem("slug", "hoster.slug.taken", s));
        }
        if (name == null || name.isBlank() || name.strip().length() > 120) {
            problems.add(new ShopSettingsService.Problem("name", "hoster.name.invalid", null));
        }
        if (email.length() > 190 || !EMAIL.matcher(email).matches()) {
            problems.add(new ShopSettingsService.Problem("email", "hoster.email.invalid", email));
        } else if (!em.createNamedQuery(StaffUser.FIND_BY_EMAIL, StaffUser.class).setParameter("email", email)
                .getResultList().isEmpty()) {
            problems.add(new ShopSettingsService.Problem("email", "hoster.email.taken", email));
        }
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 200) {
            problems.add(new ShopSettingsService.Problem("password", "hoster.password.invalid", null));
        }
        if (!problems.isEmpty()) {
            throw new ShopSettingsService.Rejected(problems);
        }
        Tenant tenant = new Tenant();
        tenant.setSlug(s);
        tenant.setName(name.strip());
        em.persist(tenant);
        em.flush();
        em.persist(new StaffUser(tenant.getId(), email, name.strip(), hasher.hash(password), StaffRole.OWNER));
        em.flush();
        audit(tenant.getId(), "shop_created", AuditDetail.of("audit.detail.shop.created", s, tenant.getName(), email));
        return tenant.getId();
    }

    /** Suspends or reactivates a shop: a suspended shop's storefront answers 404 and its staff cannot sign in. */
    public boolean setStatus(long tenantId, TenantStatus status) {
        StaffAccess.require(StaffRole.HOSTER);
        Tenant tenant = em.find(Tenant.class, tenantId);
        if (tenant == null || status == null) {
            return false;
        }
        TenantStatus before = tenant.getStatus();
        tenant.setStatus(status);
        em.flush();
        bump(tenantId);
        if (before != status) {
            audit(tenantId, status == TenantStatus.ACTIVE ? "shop_reactivated" : "shop_suspended",
                    AuditDetail.of("audit.detail.shop.status", tenant.getSlug(),
                            new AuditDetail.Key("TenantStatus." + before), new AuditDetail.Key("TenantStatus." + status)));
        }
        return true;
    }

    /** Makes {@code hosts} the shop's host names. Throws Rejected for an invalid host or one another shop has. */
    public boolean setDomains(long tenantId, List<String> hosts) {
        StaffAccess.require(StaffRole.HOSTER);
        if (em.find(Tenant.class, tenantId) == null) {
            return false;
        }
        List<ShopSettingsService.Problem> problems = new ArrayList<>();
        for (String host : hosts) {
            if (!Domains.valid(host)) {
                problems.add(new ShopSettingsService.Problem("domains", "settings.domains.invalid", host));
            }
        }
        if (problems.isEmpty()) {
            String taken = domains.takenByOther(tenantId, hosts);
            if (taken != null) {
                problems.add(new ShopSettingsService.Problem("domains", "settings.domains.taken", taken));
            }
        }
        if (!problems.isEmpty()) {
            throw new ShopSettingsService.Rejected(problems);
        }
        List<String> before = domains.of(tenantId);
        if (domains.replace(tenantId, hosts)) {
            audit(tenantId, "shop_domains", AuditDetail.of("audit.detail.shop.domains",
                    before.isEmpty() ? "–" : String.join(", ", before), hosts.isEmpty() ? "–" : String.join(", ", hosts)));
        }
        bump(tenantId);
        return true;
    }

    /** An event in the shop's own log, in this transaction; the actor is the thread's (the signed-in hoster). */
    private void audit(long tenantId, String action, AuditDetail detail) {
        TenantContext.runAs(tenantId, () -> audit.record(AuditLog.SHOP, tenantId, action, detail));
    }

    private void bump(long tenantId) {
        em.createQuery("UPDATE Tenant t SET t.contentVersion = t.contentVersion + 1 WHERE t.id = :id")
                .setParameter("id", tenantId)
                .executeUpdate();
    }
}
