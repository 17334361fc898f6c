package org.farmstand.tenancy.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.farmstand.audit.boundary.AuditDetail;
import org.farmstand.audit.boundary.AuditLog;
import org.farmstand.mail.control.MailText;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.platform.security.PasswordHasher;
import org.farmstand.platform.security.Tokens;
import org.farmstand.tenancy.entity.StaffRole;
import org.farmstand.tenancy.entity.StaffUser;
import org.farmstand.tenancy.entity.Tenant;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The owner's management of their shop's staff users: list, invite (with an initial password or a set-password mail),
 * change name and role, deactivate and reactivate, set a password or send a set-password link. StaffUser is
 * platform-level (staff sign in before a tenant is known), so every query here names the thread's tenant itself;
 * another shop's user id is simply not found. A shop always keeps at least one active owner: every change runs with
 * the shop's row locked, so two owners demoting each other at the same time cannot both succeed.
 */
@ApplicationScoped
@Transactional
@Tenanted
public class StaffAdminService {

    public static final Duration LINK_VALIDITY = Duration.ofHours(72);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    AuditLog audit;

    @Inject
    TenantService tenants;

    @Inject
    @ConfigProperty(name = "farmstand.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    /** A staff user as the owner's pages show it. */
    public record StaffRow(long id, String email, String displayName, StaffRole role, boolean active,
                           boolean linkOpen, long version) implements Serializable {
        public boolean owner() {
            return role == StaffRole.OWNER;
        }
    }

    public enum Result { DONE, NOT_FOUND, LAST_OWNER, CONFLICT }

    public List<StaffRow> list() {
        StaffAccess.require(StaffRole.OWNER);
        return em.createNamedQuery(StaffUser.FIND_BY_TENANT, StaffUser.class)
                .setParameter("tenantId", TenantContext.require())
                .getResultStream().map(StaffAdminService::row).toList();
    }

    public Optional<StaffRow> find(long id) {
        StaffAccess.require(StaffRole.OWNER);
        return user(id).map(StaffAdminService::row);
    }

    private Optional<StaffUser> user(long id) {
        StaffUser user = em.find(StaffUser.class, id);
        return user != null && user.getTenantId() != null && user.getTenantId() == TenantContext.require()
                && user.getRole() != StaffRole.HOSTER ? Optional.of(user) : Optional.empty();
    }

    private static StaffRow row(StaffUser u) {
        return new StaffRow(u.getId(), u.getEmail(), u.getDisplayName(), u.getRole(), u.isActive(),
                u.getPasswordToken() != null && u.getPasswordTokenUntil() != null
                        && u.getPasswordTokenUntil().isAfter(Instant.now()),
                u.getVersion());
    }

    /**
     * Adds a staff user to the shop. With a {@code password} the user can sign in with it at once; without one
     * (null or blank) they get a mail with a set-password link valid for {@link #LINK_VALIDITY}. Throws
     * {@link ShopSettingsService.Rejected} for invalid fields or an e-mail address that already has an account.
     */
    public long invite(String email, String displayName, StaffRole role, String password) {
        StaffAccess.require(StaffRole.OWNER);
        List<ShopSettingsService.Problem> problems = new ArrayList<>();
        String mail = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        String name = displayName == null ? "" : displayName.strip();
        boolean withPassword = password != null && !password.isEmpty();
        if (mail.length() > 190 || !EMAIL.matcher(mail).matches()) {
            problems.add(new ShopSettingsService.Problem("email", "staff.email.invalid", mail));
        } else if (!em.createNamedQuery(StaffUser.FIND_BY_EMAIL, StaffUser.class).setParameter("email", mail)
                .getResultList().isEmpty()) {
            problems.add(new ShopSettingsService.Problem("email", "staff.email.taken", mail));
        }
        if (name.isEmpty() || name.length() > 120) {
            problems.add(new ShopSettingsService.Problem("name", "staff.name.invalid", null));
        }
        if (role != StaffRole.OWNER && role != StaffRole.STAFF) {
            problems.add(new ShopSettingsService.Problem("role", "staff.role.invalid", null));
        }
        if (withPassword && !passwordOk(password)) {
            problems.add(new ShopSettingsService.Problem("password", "staff.password.invalid", null));
        }
        if (!problems.isEmpty()) {
            throw new ShopSettingsService.Rejected(problems);
        }
        lockShop();
        // without an initial password the account has a random one nobody knows until the link is used
        StaffUser user = new StaffUser(TenantContext.require(), mail, name,
                hasher.hash(withPassword ? password : Tokens.random(32)), role);
        em.persist(user);
        em.flush();
        if (!withPassword) {
            writeLink(user, true);
        }
        audit.record(AuditLog.STAFF_USER, user.getId(), "invited", AuditDetail.of("audit.detail.staff.invited", mail,
                new AuditDetail.Key("StaffRole." + role), withPassword ? 0 : 1));
        return user.getId();
    }

    /** Changes name and role (with the version the page loaded); the last active owner cannot be demoted. */
    public Result update(long id, long version, String displayName, StaffRole role) {
        StaffAccess.require(StaffRole.OWNER);
        if (displayName == null || displayName.isBlank() || displayName.strip().length() > 120
                || (role != StaffRole.OWNER && role != StaffRole.STAFF)) {
            throw new ShopSettingsService.Rejected(List.of(
                    new ShopSettingsService.Problem(role == null || role == StaffRole.HOSTER ? "role" : "name",
                            role == null || role == StaffRole.HOSTER ? "staff.role.invalid" : "staff.name.invalid", null)));
        }
        lockShop();
        Optional<StaffUser> found = user(id);
        if (found.isEmpty()) {
            return Result.NOT_FOUND;
        }
        StaffUser user = found.get();
        em.refresh(user);
        if (user.getVersion() != version) {
            return Result.CONFLICT;
        }
        if (user.getRole() == StaffRole.OWNER && role != StaffRole.OWNER && user.isActive() && !otherActiveOwner(user)) {
            return Result.LAST_OWNER;
        }
        boolean roleChanged = user.getRole() != role;
        boolean renamed = !user.getDisplayName().equals(displayName.strip());
        AuditDetail.Key from = new AuditDetail.Key("StaffRole." + user.getRole());
        AuditDetail.Key to = new AuditDetail.Key("StaffRole." + role);
        AuditDetail detail = !renamed ? AuditDetail.of("audit.detail.staff.role", user.getEmail(), from, to)
                : !roleChanged ? AuditDetail.of("audit.detail.staff.renamed", user.getEmail(), displayName.strip())
                : AuditDetail.of("audit.detail.staff.updated", user.getEmail(), from, to, displayName.strip());
        user.setRole(role);
        user.setDisplayName(displayName.strip());
        em.flush();
        if (roleChanged || renamed) {
            audit.record(AuditLog.STAFF_USER, id, "updated", detail);
        }
        return Result.DONE;
    }

    /**
     * Deactivates (the user cannot sign in and is signed out at their next request) or reactivates a user; the last
     * active owner cannot be deactivated.
     */
    public Result setActive(long id, boolean active) {
        StaffAccess.require(StaffRole.OWNER);
        lockShop();
        Optional<StaffUser> found = user(id);
        if (found.isEmpty()) {
            return Result.NOT_FOUND;
        }
        StaffUser user = found.get();
        em.refresh(user);
        if (user.isActive() == active) {
            return Result.DONE;
        }
        if (!active && user.getRole() == StaffRole.OWNER && !otherActiveOwner(user)) {
            return Result.LAST_OWNER;
        }
        user.setActive(active);
        if (active) {
            user.signInSucceeded();
        }
        em.flush();
        audit.record(AuditLog.STAFF_USER, id, active ? "reactivated" : "deactivated", user.getEmail());
        return Result.DONE;
    }

    /** Sets a new password chosen by the owner (ends a throttling lock, closes an open link). */
    public Result setPassword(long id, String password) {
        StaffAccess.require(StaffRole.OWNER);
        if (!passwordOk(password)) {
            throw new ShopSettingsService.Rejected(List.of(
                    new ShopSettingsService.Problem("password", "staff.password.invalid", null)));
        }
        Optional<StaffUser> found = user(id);
        if (found.isEmpty()) {
            return Result.NOT_FOUND;
        }
        StaffUser user = found.get();
        user.newPassword(hasher.hash(password));
        em.flush();
        audit.record(AuditLog.STAFF_USER, id, "password_set", user.getEmail());
        return Result.DONE;
    }

    /** Mails the user a set-password link (valid {@link #LINK_VALIDITY}); the current password stays valid until used. */
    public Result sendPasswordLink(long id) {
        StaffAccess.require(StaffRole.OWNER);
        Optional<StaffUser> found = user(id);
        if (found.isEmpty()) {
            return Result.NOT_FOUND;
        }
        writeLink(found.get(), false);
        audit.record(AuditLog.STAFF_USER, id, "password_link", found.get().getEmail());
        return Result.DONE;
    }

    public static boolean passwordOk(String password) {
        return password != null && password.length() >= HosterService.MIN_PASSWORD && password.length() <= 200;
    }

    private void writeLink(StaffUser user, boolean invitation) {
        String token = Tokens.random(24);
        user.setPasswordToken(Tokens.sha256Hex(token), Instant.now().plus(LINK_VALIDITY));
        // staff users have no stored language: the shop's default
        TenantInfo shop = tenants.byId(TenantContext.require()).orElse(null);
        String link = publicUrl.replaceAll("/+$", "") + "/admin/password?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
        em.persist(MailText.forRecipient(null, shop).mail(user.getEmail(),
                invitation ? "staff.invite" : "staff.passwordLink", user.getDisplayName(),
                shop == null ? "Farmstand" : shop.name(), user.getEmail(), link, LINK_VALIDITY.toHours()));
    }

    private boolean otherActiveOwner(StaffUser user) {
        return em.createQuery("SELECT COUNT(s) FROM StaffUser s WHERE s.tenantId = :t AND s.role = :owner"
                        + " AND s.active = TRUE AND s.id <> :id", Long.class)
                .setParameter("t", user.getTenantId()).setParameter("owner", StaffRole.OWNER)
                .setParameter("id", user.getId()).getSingleResult() > 0;
    }

    /** Serialises staff changes per shop (the last-owner rule reads, then writes). */
    private void lockShop() {
        em.find(Tenant.class, TenantContext.require(), LockModeType.PESSIMISTIC_WRITE);
    }
}
