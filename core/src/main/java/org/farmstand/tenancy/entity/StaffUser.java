package org.farmstand.tenancy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.farmstand.platform.security.LoginThrottle;

import java.time.Instant;

/**
 * A producer's staff member or a hoster. Staff sign in before any tenant is known, so this table is platform-level
 * with an explicit tenant column, and every query on it names the tenant itself.
 */
@Entity
@Table(name = "staff_user")
@NamedQuery(name = StaffUser.FIND_BY_EMAIL, query = "SELECT s FROM StaffUser s WHERE s.email = :email")
@NamedQuery(name = StaffUser.FIND_BY_TENANT, query = "SELECT s FROM StaffUser s WHERE s.tenantId = :tenantId ORDER BY s.email")
@NamedQuery(name = StaffUser.FIND_BY_PASSWORD_TOKEN, query = "SELECT s FROM StaffUser s WHERE s.passwordToken = :token")
public class StaffUser {

    public static final String FIND_BY_EMAIL = "StaffUser.findByEmail";
    public static final String FIND_BY_TENANT = "StaffUser.findByTenant";
    public static final String FIND_BY_PASSWORD_TOKEN = "StaffUser.findByPasswordToken";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tenant_id")
    private Long tenantId;

    private String email;

    @Column(name = "display_name")
    private String displayName;

    @Column(name = "password_hash")
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    private StaffRole role;

    /** Raised by every new password: admin sessions signed in with an older value are over (V12). */
    @Column(name = "credential_stamp")
    private int credentialStamp;

    private boolean active = true;

    @Column(name = "failed_logins")
    private int failedLogins;

    @Column(name = "last_failed_at")
    private Instant lastFailedAt;

    /** SHA-256 of a set-password link's token (invitation or reset), null when none is open. */
    @Column(name = "password_token")
    private String passwordToken;

    @Column(name = "password_token_until")
    private Instant passwordTokenUntil;

    @Version
    private long version;

    protected StaffUser() {
    }

    public StaffUser(Long tenantId, String email, String displayName, String passwordHash, StaffRole role) {
        this.tenantId = tenantId;
        this.email = email;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.role = role;
    }

    public Long getId() { return id; }
    public Long getTenantId() { return tenantId; }
    public String getEmail() { return email; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public String getPasswordHash() { return passwordHash; }

    /** Sets a new password (hash) and raises the credential stamp, so that admin sessions signed in before end. */
    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
        credentialStamp++;
    }

    /**
     * A new password chosen (by the user, an owner, a link or the configuration): the hash set, a set-password link
     * used up, the failed sign-ins forgotten.
     */
    public void newPassword(String passwordHash) {
        setPasswordHash(passwordHash);
        setPasswordToken(null, null);
        signInSucceeded();
    }

    /** A right password: the failed sign-ins are forgotten. */
    public void signInSucceeded() {
        failedLogins = 0;
        lastFailedAt = null;
    }

    /** A wrong password: it counts toward the account's lock ({@link #lockRemaining}). */
    public void signInFailed(Instant at) {
        failedLogins++;
        lastFailedAt = at;
    }

    /** How long the account is still locked after its failed passwords ({@link LoginThrottle#ACCOUNT}). */
    public java.time.Duration lockRemaining(Instant now) {
        return LoginThrottle.ACCOUNT.remaining(failedLogins, lastFailedAt, now);
    }

    public int getCredentialStamp() { return credentialStamp; }
    public StaffRole getRole() { return role; }
    public void setRole(StaffRole role) { this.role = role; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
    public int getFailedLogins() { return failedLogins; }
    public Instant getLastFailedAt() { return lastFailedAt; }
    public String getPasswordToken() { return passwordToken; }
    public Instant getPasswordTokenUntil() { return passwordTokenUntil; }
    public void setPasswordToken(String digest, Instant until) { this.passwordToken = digest; this.passwordTokenUntil = until; }
    public long getVersion() { return version; }
}
