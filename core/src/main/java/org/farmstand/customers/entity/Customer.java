package org.farmstand.customers.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.farmstand.platform.persistence.DbTime;
import org.farmstand.platform.persistence.TenantOwned;

import java.time.Instant;

@Entity
@Table(name = "customer")
@NamedQuery(name = Customer.FIND_BY_EMAIL, query = "SELECT c FROM Customer c WHERE c.email = :email")
@NamedQuery(name = Customer.FIND_BY_STATUS, query = "SELECT c FROM Customer c WHERE c.status = :status ORDER BY c.registeredAt, c.id")
@NamedQuery(name = Customer.FIND_BY_VERIFY_TOKEN, query = "SELECT c FROM Customer c WHERE c.verifyToken = :token")
@NamedQuery(name = Customer.FIND_BY_RESET_TOKEN, query = "SELECT c FROM Customer c WHERE c.resetToken = :token")
@NamedQuery(name = Customer.FIND_BY_EMAIL_TOKEN, query = "SELECT c FROM Customer c WHERE c.emailToken = :token")
public class Customer extends TenantOwned {

    public static final String FIND_BY_EMAIL = "Customer.findByEmail";
    public static final String FIND_BY_STATUS = "Customer.findByStatus";
    public static final String FIND_BY_VERIFY_TOKEN = "Customer.findByVerifyToken";
    public static final String FIND_BY_RESET_TOKEN = "Customer.findByResetToken";
    public static final String FIND_BY_EMAIL_TOKEN = "Customer.findByEmailToken";

    @NotBlank
    @Email
    @Size(max = 190)
    private String email;

    @Column(name = "password_hash")
    private String passwordHash;

    /** Raised by every new password or e-mail address: sessions signed in with an older value are over (V12). */
    @Column(name = "credential_stamp")
    private int credentialStamp;

    @NotBlank
    @Size(max = 80)
    @Column(name = "first_name")
    private String firstName;

    @NotBlank
    @Size(max = 80)
    @Column(name = "last_name")
    private String lastName;

    @NotBlank
    @Size(max = 160)
    private String street;

    @NotBlank
    @Pattern(regexp = "[0-9A-Za-z ]{3,10}", message = "{farmstand.postcode.invalid}")
    private String postcode;

    @NotBlank
    @Size(max = 80)
    private String city;

    @Size(max = 40)
    private String phone;

    @Enumerated(EnumType.STRING)
    private CustomerStatus status = CustomerStatus.PENDING;

    @Column(name = "email_verified")
    private boolean emailVerified;

    @Column(name = "verify_token")
    private String verifyToken;

    @Column(name = "reset_token")
    private String resetToken;

    @Column(name = "reset_expires")
    private Instant resetExpires;

    /** A new e-mail address waiting for the customer to open the link mailed to it (V20), or null. */
    @Column(name = "new_email")
    private String newEmail;

    /** SHA-256 of the token of that link. */
    @Column(name = "email_token")
    private String emailToken;

    @Column(name = "email_token_expires")
    private Instant emailTokenExpires;

    /** When the last "account exists" mail was written (CustomerService.register: at most one a minute). */
    @Column(name = "exists_mail_at")
    private Instant existsMailAt;

    @Column(name = "home_tour_id")
    private Long homeTourId;

    @Size(max = 5000)
    private String notes;

    private String locale;

    @Column(name = "registered_at")
    private Instant registeredAt;

    @Column(name = "activated_at")
    private Instant activatedAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "external_id")
    private String externalId;

    /** Position in the shop's customer change feed (ordering.control.ChangeFeed). */
    @Column(name = "change_seq")
    private long changeSeq;

    @PrePersist
    void created() {
        registeredAt = DbTime.now();
        updatedAt = registeredAt;
    }

    @PreUpdate
    void updated() {
        updatedAt = DbTime.now();
    }

    public String fullName() {
        return firstName + " " + lastName;
    }

    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getPasswordHash() { return passwordHash; }

    /** Sets a new password (hash) and raises the credential stamp, so that sessions signed in before end. */
    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
        credentialStamp++;
    }

    public int getCredentialStamp() { return credentialStamp; }

    /**
     * Waits for the customer to confirm {@code address} with the link whose token hashes to {@code tokenHash}, until
     * {@code expires}; replaces a change waiting before.
     */
    public void requestEmailChange(String address, String tokenHash, Instant expires) {
        newEmail = address;
        emailToken = tokenHash;
        emailTokenExpires = expires;
    }

    /**
     * The waiting address becomes the e-mail address (the sign-in name); the credential stamp rises, as with a new
     * password, so that sessions signed in before end. Nothing waits afterwards, and a reset link mailed to the old
     * address no longer works.
     */
    public void confirmEmailChange() {
        email = newEmail;
        credentialStamp++;
        resetToken = null;
        resetExpires = null;
        dropEmailChange();
    }

    public void dropEmailChange() {
        newEmail = null;
        emailToken = null;
        emailTokenExpires = null;
    }

    public String getNewEmail() { return newEmail; }
    public Instant getEmailTokenExpires() { return emailTokenExpires; }
    public String getFirstName() { return firstName; }
    public void setFirstName(String firstName) { this.firstName = firstName; }
    public String getLastName() { return lastName; }
    public void setLastName(String lastName) { this.lastName = lastName; }
    public String getStreet() { return street; }
    public void setStreet(String street) { this.street = street; }
    public String getPostcode() { return postcode; }
    public void setPostcode(String postcode) { this.postcode = postcode; }
    public String getCity() { return city; }
    public void setCity(String city) { this.city = city; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public CustomerStatus getStatus() { return status; }
    public void setStatus(CustomerStatus status) { this.status = status; }
    public boolean isEmailVerified() { return emailVerified; }
    public void setEmailVerified(boolean emailVerified) { this.emailVerified = emailVerified; }
    public String getVerifyToken() { return verifyToken; }
    public void setVerifyToken(String verifyToken) { this.verifyToken = verifyToken; }
    public String getResetToken() { return resetToken; }
    public void setResetToken(String resetToken) { this.resetToken = resetToken; }
    public Instant getResetExpires() { return resetExpires; }
    public void setResetExpires(Instant resetExpires) { this.resetExpires = resetExpires; }
    public Instant getExistsMailAt() { return existsMailAt; }
    public Long getHomeTourId() { return homeTourId; }
    public void setHomeTourId(Long homeTourId) { this.homeTourId = homeTourId; }
    public String getNotes() { return notes; }
    public void setNotes(String notes) { this.notes = notes; }
    public String getLocale() { return locale; }
    public void setLocale(String locale) { this.locale = locale; }
    public Instant getRegisteredAt() { return registeredAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getActivatedAt() { return activatedAt; }
    public void setActivatedAt(Instant activatedAt) { this.activatedAt = activatedAt; }
    public String getExternalId() { return externalId; }
    public void setExternalId(String externalId) { this.externalId = externalId; }
    public long getChangeSeq() { return changeSeq; }
    public void setChangeSeq(long changeSeq) { this.changeSeq = changeSeq; }
}
