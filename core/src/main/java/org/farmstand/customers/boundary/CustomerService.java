package org.farmstand.customers.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.farmstand.customers.control.Admission;
import org.farmstand.customers.control.CustomerChanges;
import org.farmstand.customers.control.CustomerEmail;
import org.farmstand.customers.control.CustomerLanguage;
import org.farmstand.customers.entity.Customer;
import org.farmstand.customers.entity.CustomerStatus;
import org.farmstand.mail.control.MailText;
import org.farmstand.mail.entity.OutboxMail;
import org.farmstand.ordering.entity.CustomerOrder;
import org.farmstand.ordering.entity.OrderStatus;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.platform.security.PasswordHasher;
import org.farmstand.platform.security.Tokens;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tenancy.boundary.TenantService;
import org.farmstand.tenancy.entity.CustomerPolicy;
import org.farmstand.tenancy.entity.Tenant;
import org.farmstand.tours.boundary.TourService;
import org.farmstand.tours.control.Cutoffs;
import org.farmstand.tours.entity.Tour;
import org.farmstand.tours.entity.TourDate;
import org.farmstand.waitlist.entity.WaitlistEntry;
import org.farmstand.waitlist.entity.WaitlistStatus;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A customer's own account: registration with e-mail verification, admission by the shop's new-customer policy,
 * password reset, profile, change of e-mail address. Mails go through the outbox in the same transaction. Tokens are
 * stored as SHA-256 only.
 */
@ApplicationScoped
@Transactional
@Tenanted
public class CustomerService {

    public static final int MIN_PASSWORD = 10;
    public static final int MAX_PASSWORD = 200;
    public static final Duration RESET_VALID = Duration.ofHours(1);
    static final Duration RESET_RESEND_AFTER = Duration.ofMinutes(1);

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    TourService tours;

    @Inject
    TenantService tenants;

    @Inject
    Validator validator;

    @Inject
    @ConfigProperty(name = "farmstand.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    Clock clock = Clock.systemUTC();

    /** What a visitor typed into the registration form (or the profile form, without email and password). */
    public record Registration(String email, String password, String firstName, String lastName, String street,
                               String postcode, String city, String phone, String locale) {
    }

    /** Wrong input: field name → message key (storefront bundle: {@code account.invalid.<key>}). */
    public static class InvalidInput extends RuntimeException {
        private final Map<String, String> fields;

        public InvalidInput(Map<String, String> fields) {
            super("Invalid input: " + fields.keySet(), null, false, false);
            this.fields = Map.copyOf(fields);
        }

        public Map<String, String> fields() {
            return fields;
        }
    }

    /**
     * A move to a postcode that the tour of some of the customer's open orders or live waiting-list entries does not
     * serve: refused until they are cancelled or left ({@code postcode} → {@code moveHeld}).
     */
    public static class MoveRefused extends InvalidInput {
        private final List<Held> held;

        public MoveRefused(List<Held> held) {
            super(Map.of("postcode", "moveHeld"));
            this.held = List.copyOf(held);
        }

        public List<Held> held() {
            return held;
        }
    }

    /** An open order ({@code orderNumber}) or a waiting-list place (no order number) on a date of a tour. */
    public record Held(LocalDate date, String tourName, String orderNumber) implements Serializable {
    }

    /** A customer's account as the account pages show it. */
    public record Profile(long id, String email, String firstName, String lastName, String street, String postcode,
                          String city, String phone, CustomerStatus status, boolean emailVerified, Long homeTourId,
                          String homeTourName, int waitingPosition, String locale) implements Serializable {
    }

    /** Outcome of a verification link. */
    public record Verified(long customerId, CustomerStatus status, int waitingPosition, CustomerPolicy policy)
            implements Serializable {
    }

    // --- registration ------------------------------------------------------------------------------------------

    /**
     * Registers a new customer (PENDING, unverified) and writes the verification mail. For an address that already
     * has an account here the answer is the same (no field error that would tell a stranger whose address has an
     * account, and a password hash of the same cost): the account's owner gets a mail with the sign-in and the
     * password-reset links instead, and nothing else changes.
     */
    public void register(TenantInfo shop, Registration r) {
        Map<String, String> errors = new LinkedHashMap<>();
        String email = CustomerEmail.normalized(r.email());
        Customer customer = new Customer();
        customer.setEmail(email);
        fill(customer, r);
        collect(customer, errors);
        String passwordProblem = passwordProblem(r.password());
        if (passwordProblem != null) {
            errors.put("password", passwordProblem);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Tour tour = tours.tourFor(customer.getPostcode())
                .orElseThrow(() -> new InvalidInput(Map.of("postcode", "postcodeNotServed")));
        Optional<Customer> existing = em.createNamedQuery(Customer.FIND_BY_EMAIL, Customer.class)
                .setParameter("email", email).getResultStream().findFirst();
        if (existing.isPresent()) {
            hasher.burn(r.password());
            if (mayMailAccountExists(existing.get())) {
                em.persist(accountExistsMail(shop, existing.get()));
            }
            return;
        }
        customer.setHomeTourId(tour.getId());
        customer.setPasswordHash(hasher.hash(r.password()));
        customer.setStatus(CustomerStatus.PENDING);
        customer.setEmailVerified(false);
        String token = Tokens.random(24);
        customer.setVerifyToken(Tokens.sha256Hex(token));
        customer.setLocale(r.locale());
        em.persist(customer);
        try {
            em.flush();
        } catch (PersistenceException e) {
            // the same address registered at the same moment: the unique key (tenant_id, email) decided
            throw new InvalidInput(Map.of("email", "emailTaken"));
        }
        CustomerChanges.status(em, customer, CustomerStatus.PENDING, clock.instant());
        em.persist(verificationMail(shop, customer, token));
    }

    /**
     * Whether another "account exists" mail may be written to this account now, taking the turn if so: at most one in
     * {@link #RESET_RESEND_AFTER}, as for reset mails, so that repeated registrations with someone's address cannot
     * flood their mailbox. One conditional UPDATE decides (concurrent submits of the same address: one wins, and no
     * version conflict fails the others, which would tell a stranger that the address has an account). The caller
     * answers the same either way.
     */
    private boolean mayMailAccountExists(Customer c) {
        Instant now = clock.instant();
        // the version is set to itself: EclipseLink raises it in a bulk UPDATE otherwise, and a producer's edit of the
        // customer open at that moment would fail on a stranger's registration attempt
        return em.createQuery("UPDATE Customer c SET c.existsMailAt = :now, c.version = c.version WHERE c.id = :id"
                        + " AND (c.existsMailAt IS NULL OR c.existsMailAt <= :before)")
                .setParameter("now", now).setParameter("id", c.getId())
                .setParameter("before", now.minus(RESET_RESEND_AFTER)).executeUpdate() == 1;
    }

    /**
     * Marks the e-mail verified and admits the customer by the shop's policy: OPEN → ACTIVE; APPROVAL → PENDING until
     * a producer approves; CAPPED → ACTIVE while fewer than weeklyIntake customers were activated this week, else
     * PENDING and in line on the home tour's admission list. Empty for an unknown or used token.
     */
    public Optional<Verified> verify(String token) {
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        // one admission decision at a time per shop, so a capped intake is never exceeded by concurrent verifications
        // (or admission rounds); locked before anything is read, so this transaction's reads (MariaDB's repeatable
        // read snapshot starts with the first plain read) see every admission committed before it got the lock
        Tenant tenant = em.find(Tenant.class, TenantContext.require(), LockModeType.PESSIMISTIC_WRITE);
        Optional<Customer> found = em.createNamedQuery(Customer.FIND_BY_VERIFY_TOKEN, Customer.class)
                .setParameter("token", Tokens.sha256Hex(token)).getResultStream().findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(markVerified(found.get(), tenant));
    }

    /**
     * The address is proven: verified, and a pending customer admitted by the shop's policy as {@link #verify}
     * describes. Needs the shop's row locked before this transaction's first read.
     */
    private Verified markVerified(Customer c, Tenant tenant) {
        c.setEmailVerified(true);
        c.setVerifyToken(null);
        CustomerPolicy policy = tenant.getCustomerPolicy();
        int position = 0;
        if (c.getStatus() == CustomerStatus.PENDING) {
            // with capped intake, nobody passes those already in line: while anyone waits, a newcomer queues too
            long used = policy != CustomerPolicy.CAPPED ? 0
                    : waitingForAdmission() > 0 ? Long.MAX_VALUE : activatedThisWeek();
            switch (Admission.decide(policy, used, tenant.getWeeklyIntake())) {
                case ACTIVATE -> activate(c);
                case AWAIT_APPROVAL -> { }
                case WAIT_IN_LINE -> {
                    if (c.getHomeTourId() != null) {
                        WaitlistEntry entry = new WaitlistEntry(WaitlistEntry.Kind.ADMISSION, c.getHomeTourId(), null,
                                c.getId(), null);
                        em.persist(entry);
                        em.flush();
                        admitWaiting(); // the week may have room that the admission job has not used yet
                        em.refresh(entry); // status, and created_at as stored (to the millisecond) for the position
                        position = admissionPosition(entry);
                    }
                }
            }
        }
        if (c.getStatus() != CustomerStatus.ACTIVE) {
            CustomerChanges.touched(em, c); // verified (activation touched it already)
        }
        return new Verified(c.getId(), c.getStatus(), position, policy);
    }

    /**
     * Admits waiting new customers of a shop with capped intake, first come first served across its tours, while the
     * week's intake has room (a new week, a raised intake), and all of them (500 per call) once the shop has opened its
     * registration ({@link Admission#roomForThoseInLine}); each gets a welcome mail through the outbox. The shop's
     * row is locked first (as {@link #verify} does), so two nodes running this at once, or a verification at the same
     * moment, take turns and the week's intake is never exceeded; each entry moves WAITING -> ACCEPTED with a
     * conditional UPDATE as well. Returns the number admitted.
     */
    public int admitWaiting() {
        // first statement of the transaction (see verify): the counts below include every earlier admission
        Tenant tenant = em.find(Tenant.class, TenantContext.require(), LockModeType.PESSIMISTIC_WRITE);
        if (tenant == null) {
            return 0;
        }
        long room = Admission.roomForThoseInLine(tenant.getCustomerPolicy(), tenant.getWeeklyIntake(),
                tenant.getCustomerPolicy() == CustomerPolicy.CAPPED ? activatedThisWeek() : 0);
        if (room <= 0) {
            return 0;
        }
        TenantInfo shop = tenants.byId(tenant.getId()).orElseThrow();
        int admitted = 0;
        for (WaitlistEntry entry : em.createQuery("SELECT w FROM WaitlistEntry w"
                        + " WHERE w.kind = org.farmstand.waitlist.entity.WaitlistEntry.Kind.ADMISSION"
                        + " AND w.status = org.farmstand.waitlist.entity.WaitlistStatus.WAITING"
                        + " ORDER BY w.createdAt, w.id", WaitlistEntry.class)
                .setMaxResults((int) Math.min(room, 500)).getResultList()) {
            Customer c = em.find(Customer.class, entry.getCustomerId());
            int taken = em.createQuery("UPDATE WaitlistEntry w SET w.status = org.farmstand.waitlist.entity.WaitlistStatus.ACCEPTED,"
                            + " w.positionKey = NULL WHERE w.id = :id"
                            + " AND w.status = org.farmstand.waitlist.entity.WaitlistStatus.WAITING")
                    .setParameter("id", entry.getId()).executeUpdate();
            if (taken != 1 || c == null || c.getStatus() != CustomerStatus.PENDING) {
                continue; // taken by someone else meanwhile, or the customer was approved, blocked or removed
            }
            activate(c);
            em.persist(welcomeMail(shop, c));
            admitted++;
        }
        return admitted;
    }

    long waitingForAdmission() {
        return em.createQuery("SELECT COUNT(w) FROM WaitlistEntry w"
                        + " WHERE w.kind = org.farmstand.waitlist.entity.WaitlistEntry.Kind.ADMISSION"
                        + " AND w.status = org.farmstand.waitlist.entity.WaitlistStatus.WAITING", Long.class)
                .getSingleResult();
    }

    /**
     * A producer admits a pending customer (APPROVAL shops, or out of turn from the admission list), or a rejected one
     * after all, and the customer gets a welcome mail. False when the customer is neither pending nor rejected
     * ({@link Admission#approvable}).
     */
    public boolean approve(long customerId) {
        Customer c = em.find(Customer.class, customerId);
        if (c == null || !Admission.approvable(c.getStatus())) {
            return false;
        }
        activate(c);
        TenantInfo shop = tenants.byId(TenantContext.require()).orElseThrow();
        em.persist(welcomeMail(shop, c));
        return true;
    }

    private void activate(Customer c) {
        c.setActivatedAt(clock.instant());
        CustomerChanges.status(em, c, CustomerStatus.ACTIVE, c.getActivatedAt());
        em.createQuery("UPDATE WaitlistEntry w SET w.status = org.farmstand.waitlist.entity.WaitlistStatus.ACCEPTED,"
                        + " w.positionKey = NULL WHERE w.customerId = :c"
                        + " AND w.kind = org.farmstand.waitlist.entity.WaitlistEntry.Kind.ADMISSION"
                        + " AND w.positionKey IS NOT NULL")
                .setParameter("c", c.getId()).executeUpdate();
    }

    /** Customers of this shop activated since Monday 00:00 (shop time). */
    long activatedThisWeek() {
        Instant weekStart = Admission.weekStart(LocalDate.now(clock.withZone(Cutoffs.ZONE)), Cutoffs.ZONE);
        return em.createQuery("SELECT COUNT(c) FROM Customer c WHERE c.activatedAt >= :from", Long.class)
                .setParameter("from", weekStart).getSingleResult();
    }

    int admissionPosition(WaitlistEntry entry) {
        if (entry.getStatus() != WaitlistStatus.WAITING) {
            return 0;
        }
        long before = em.createQuery("SELECT COUNT(w) FROM WaitlistEntry w WHERE w.tourId = :t"
                        + " AND w.tourDateId IS NULL AND w.kind = org.farmstand.waitlist.entity.WaitlistEntry.Kind.ADMISSION"
                        + " AND w.status = org.farmstand.waitlist.entity.WaitlistStatus.WAITING"
                        + " AND (w.createdAt < :at OR (w.createdAt = :at AND w.id < :id))", Long.class)
                .setParameter("t", entry.getTourId()).setParameter("at", entry.getCreatedAt())
                .setParameter("id", entry.getId()).getSingleResult();
        return (int) before + 1;
    }

    int admissionPosition(long customerId) {
        return em.createQuery("SELECT w FROM WaitlistEntry w WHERE w.customerId = :c"
                        + " AND w.kind = org.farmstand.waitlist.entity.WaitlistEntry.Kind.ADMISSION"
                        + " AND w.status = org.farmstand.waitlist.entity.WaitlistStatus.WAITING", WaitlistEntry.class)
                .setParameter("c", customerId).getResultStream().findFirst().map(this::admissionPosition).orElse(0);
    }

    // --- password reset ----------------------------------------------------------------------------------------

    /** Writes a reset mail if the address belongs to a customer of this shop; says nothing either way. */
    public void requestPasswordReset(TenantInfo shop, String email) {
        if (email == null || email.isBlank() || email.length() > 190) {
            return;
        }
        em.createNamedQuery(Customer.FIND_BY_EMAIL, Customer.class)
                .setParameter("email", CustomerEmail.normalized(email))
                .getResultStream().findFirst()
                // at most one reset mail a minute per account, so the form cannot be used to flood a mailbox
                .filter(c -> c.getResetExpires() == null
                        || c.getResetExpires().isBefore(clock.instant().plus(RESET_VALID).minus(RESET_RESEND_AFTER)))
                .ifPresent(c -> {
                    String token = Tokens.random(24);
                    c.setResetToken(Tokens.sha256Hex(token));
                    c.setResetExpires(clock.instant().plus(RESET_VALID));
                    em.persist(resetMail(shop, c, token));
                });
    }

    /** Whether a reset link is (still) valid. */
    public boolean resetTokenValid(String token) {
        return resetCustomer(token).isPresent();
    }

    /**
     * Sets a new password with a valid reset link; the link is used up. The link came by mail, so it also proves the
     * address: an account whose verification mail was lost is verified here (and admitted as by {@link #verify}),
     * instead of staying locked out with its address taken. The new password raises the account's credential stamp:
     * sessions signed in before end at their next account page; the answer tells the caller the new stamp, so the
     * session that made the change can stay signed in.
     */
    public PasswordReset resetPassword(String token, String password) {
        requireValidPassword(password);
        // locked first, as in verify(): the admission decision must see every admission committed before it
        Tenant tenant = em.find(Tenant.class, TenantContext.require(), LockModeType.PESSIMISTIC_WRITE);
        Customer c = resetCustomer(token).orElseThrow(() -> new InvalidInput(Map.of("token", "resetTokenInvalid")));
        c.setPasswordHash(hasher.hash(password));
        c.setResetToken(null);
        c.setResetExpires(null);
        if (!c.isEmailVerified()) {
            markVerified(c, tenant);
        }
        return new PasswordReset(c.getId(), c.getCredentialStamp());
    }

    /**
     * Sets a signed-in customer's new password; the caller has checked the current one (the sign-in's check and
     * throttle, {@code CustomerAuthService.signIn}). As with a reset, the credential stamp rises: other sessions end at
     * their next account page, the caller keeps its own with the stamp answered. The customer gets a mail saying so,
     * with the way to a new password in case it was not them.
     */
    public PasswordReset changePassword(TenantInfo shop, long customerId, String password) {
        requireValidPassword(password);
        Customer c = em.find(Customer.class, customerId, LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            throw new InvalidInput(Map.of("current", "passwordWrong"));
        }
        c.setPasswordHash(hasher.hash(password));
        em.persist(passwordChangedMail(shop, c));
        return new PasswordReset(c.getId(), c.getCredentialStamp());
    }

    /** Whose password a reset link set, and the account's credential stamp from now on. */
    public record PasswordReset(long customerId, int credentialStamp) implements Serializable {
    }

    private Optional<Customer> resetCustomer(String token) {
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        return em.createNamedQuery(Customer.FIND_BY_RESET_TOKEN, Customer.class)
                .setParameter("token", Tokens.sha256Hex(token)).getResultStream()
                .filter(c -> c.getResetExpires() != null && clock.instant().isBefore(c.getResetExpires()))
                .findFirst();
    }

    // --- change of e-mail address ------------------------------------------------------------------------------

    /** A new address waiting for the customer to open the link mailed to it, valid until {@code expires}. */
    public record PendingEmail(String email, Instant expires) implements Serializable {
    }

    /** The change of address waiting for confirmation, if any (an expired one is not). */
    public Optional<PendingEmail> pendingEmailChange(long customerId) {
        return Optional.ofNullable(em.find(Customer.class, customerId))
                .filter(c -> c.getNewEmail() != null && CustomerEmail.linkValid(c.getEmailTokenExpires(), clock.instant()))
                .map(c -> new PendingEmail(c.getNewEmail(), c.getEmailTokenExpires()));
    }

    /**
     * What is wrong with a new address as typed, before the current password is checked (a form that cannot pass
     * needs no password check, and counts no failed attempt): {@code email} → "emailMissing", "email" (not an
     * address), "emailUnchanged"; empty if nothing. Whether another customer has the address is told only by
     * {@link #requestEmailChange}, after the password.
     */
    public Map<String, String> emailChangeProblems(long customerId, String typed) {
        Customer c = em.find(Customer.class, customerId);
        if (c == null) {
            throw new InvalidInput(Map.of("current", "currentWrong"));
        }
        String problem = emailProblem(c, CustomerEmail.normalized(typed));
        return problem == null ? Map.of() : Map.of("email", problem);
    }

    private String emailProblem(Customer c, String email) {
        String problem = CustomerEmail.changeProblem(email, c.getEmail());
        if (problem == null && !validator.validateValue(Customer.class, "email", email).isEmpty()) {
            problem = "email"; // registration's rule (Customer's @Email, at most 190 characters)
        }
        return problem;
    }

    /**
     * A signed-in customer asks to change their e-mail address; the caller has checked the current password (the
     * sign-in's check and throttle, as for a password change). The address must be new, well-formed, and not another
     * customer's of this shop ("emailInUse"; addresses are unique per shop). Nothing changes yet: the new address
     * gets a link (valid {@link CustomerEmail#CHANGE_VALID}, in the customer's language) that confirms it, and
     * replaces any change waiting before; at most one such link a minute ("emailTooSoon").
     */
    public PendingEmail requestEmailChange(TenantInfo shop, long customerId, String typed) {
        Customer c = em.find(Customer.class, customerId, LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            throw new InvalidInput(Map.of("current", "currentWrong"));
        }
        String email = CustomerEmail.normalized(typed);
        String problem = emailProblem(c, email);
        if (problem == null && usedByAnother(email, c.getId())) {
            problem = "emailInUse";
        }
        Instant now = clock.instant();
        if (problem == null && !CustomerEmail.mayResend(c.getEmailTokenExpires(), now)) {
            problem = "emailTooSoon";
        }
        if (problem != null) {
            throw new InvalidInput(Map.of("email", problem));
        }
        String token = Tokens.random(24);
        c.requestEmailChange(email, Tokens.sha256Hex(token), now.plus(CustomerEmail.CHANGE_VALID));
        em.persist(emailChangeMail(shop, c, email, token));
        return new PendingEmail(email, c.getEmailTokenExpires());
    }

    private boolean usedByAnother(String email, long customerId) {
        return em.createNamedQuery(Customer.FIND_BY_EMAIL, Customer.class).setParameter("email", email)
                .getResultStream().anyMatch(other -> other.getId() != customerId);
    }

    /** The change a link would confirm (its new address), if the link is valid: for the page that asks first. */
    public Optional<PendingEmail> emailChangeFor(String token) {
        return emailChangeCustomer(token, LockModeType.NONE)
                .map(c -> new PendingEmail(c.getNewEmail(), c.getEmailTokenExpires()));
    }

    /** The customer of this shop whose waiting change of address the link confirms, if it is still valid. */
    private Optional<Customer> emailChangeCustomer(String token, LockModeType lock) {
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        return em.createNamedQuery(Customer.FIND_BY_EMAIL_TOKEN, Customer.class)
                .setParameter("token", Tokens.sha256Hex(token)).setLockMode(lock).getResultStream()
                .filter(c -> c.getNewEmail() != null && CustomerEmail.linkValid(c.getEmailTokenExpires(), clock.instant()))
                .findFirst();
    }

    /** Outcome of a link that confirms a new e-mail address. */
    public sealed interface EmailConfirmation extends Serializable {
        /**
         * The address is changed; {@code credentialStamp} is the account's from now on (sessions signed in before
         * end; the caller may keep its own).
         */
        record Changed(long customerId, String email, int credentialStamp) implements EmailConfirmation { }

        /** Another customer of the shop took the address meanwhile: nothing changed, the link is used up. */
        record Taken(String email) implements EmailConfirmation { }

        /** Unknown (another shop's too), used, replaced by a newer request, or expired. */
        record Invalid() implements EmailConfirmation { }
    }

    /**
     * Confirms a change of address with the link mailed to the new one: the address becomes the sign-in name, the
     * link is used up, the credential stamp rises (as with a new password: the account's other sessions end), the
     * customer is back in the shop's customer feed for the management systems, and the old address gets a notice
     * naming the new one masked ({@link CustomerEmail#masked}). The address is checked again (a registration may
     * have taken it since the request). Only a verified customer can sign in and ask, so the account stays verified:
     * the link proved the new address.
     */
    public EmailConfirmation confirmEmailChange(TenantInfo shop, String token) {
        // locked: the same link sent twice at once changes the address once, the second finds it used
        Optional<Customer> found = emailChangeCustomer(token, LockModeType.PESSIMISTIC_WRITE);
        if (found.isEmpty()) {
            return new EmailConfirmation.Invalid();
        }
        Customer c = found.get();
        String email = c.getNewEmail();
        if (usedByAnother(email, c.getId())) {
            c.dropEmailChange();
            return new EmailConfirmation.Taken(email);
        }
        String old = c.getEmail();
        c.confirmEmailChange();
        try {
            em.flush();
        } catch (PersistenceException e) {
            // registered at the same moment: the unique key (tenant_id, email) decided; this transaction is lost
            throw new EmailTaken(email);
        }
        CustomerChanges.touched(em, c);
        em.persist(emailChangedMail(shop, c, old, email));
        return new EmailConfirmation.Changed(c.getId(), email, c.getCredentialStamp());
    }

    /** The new address was registered by someone else while it was being confirmed; nothing changed. */
    public static class EmailTaken extends RuntimeException {
        private final String email;

        public EmailTaken(String email) {
            super("E-mail address taken meanwhile", null, false, false);
            this.email = email;
        }

        public String email() {
            return email;
        }
    }

    // --- profile -----------------------------------------------------------------------------------------------

    public Optional<Profile> profile(long customerId) {
        Customer c = em.find(Customer.class, customerId);
        if (c == null) {
            return Optional.empty();
        }
        String tourName = c.getHomeTourId() == null ? null : tours.tour(c.getHomeTourId()).map(Tour::getName).orElse(null);
        // a place in line counts while the intake is capped: after a switch to approval the producer decides (the
        // entries stay, should the shop go back to a capped intake)
        int position = c.getStatus() == CustomerStatus.PENDING && tenants.byId(TenantContext.require())
                .map(t -> t.customerPolicy() == CustomerPolicy.CAPPED).orElse(false) ? admissionPosition(c.getId()) : 0;
        return Optional.of(new Profile(c.getId(), c.getEmail(), c.getFirstName(), c.getLastName(), c.getStreet(),
                c.getPostcode(), c.getCity(), c.getPhone(), c.getStatus(), c.isEmailVerified(), c.getHomeTourId(),
                tourName, position, c.getLocale()));
    }

    /**
     * The language of the customer's mails, chosen on their profile page: one of the shop's languages (false, and
     * nothing changed, for any other). It was the page language at registration, changed only by the producer. Like
     * the producer's change, it moves the customer to the end of the change feed.
     */
    public boolean setMailLanguage(long customerId, String requested) {
        String language = CustomerLanguage.normalized(requested);
        List<String> offered = tenants.byId(TenantContext.require()).orElseThrow().locales();
        // a shop that names no languages offers all of the platform's (as its pages do)
        if (language == null || !CustomerLanguage.allowed(language,
                offered == null || offered.isEmpty() ? MailText.LANGUAGES : offered)) {
            return false;
        }
        Customer c = em.find(Customer.class, customerId);
        if (c == null) {
            throw new IllegalArgumentException("No customer " + customerId);
        }
        if (!language.equals(c.getLocale())) {
            c.setLocale(language);
            CustomerChanges.touched(em, c);
        }
        return true;
    }

    /**
     * Changes name, address and phone; a new postcode must be served by a tour, which becomes the home tour. An
     * unchanged postcode keeps the home tour as it is, even one no longer served (the tour was deactivated or its
     * postcodes changed): the customer can still correct a phone number.
     */
    public Profile updateProfile(long customerId, Registration r) {
        Customer c = em.find(Customer.class, customerId);
        if (c == null) {
            throw new IllegalArgumentException("No customer " + customerId);
        }
        Customer check = new Customer();
        check.setEmail(c.getEmail());
        fill(check, r);
        Map<String, String> errors = new LinkedHashMap<>();
        collect(check, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Long homeTourId = c.getHomeTourId();
        if (!check.getPostcode().equals(c.getPostcode())) {
            homeTourId = tours.tourFor(check.getPostcode())
                    .orElseThrow(() -> new InvalidInput(Map.of("postcode", "postcodeNotServedMove"))).getId();
            List<Held> held = heldElsewhere(customerId, check.getPostcode());
            if (!held.isEmpty()) {
                throw new MoveRefused(held);
            }
        }
        fill(c, r);
        c.setHomeTourId(homeTourId);
        CustomerChanges.touched(em, c);
        return profile(customerId).orElseThrow();
    }

    /**
     * The customer's open orders (neither cancelled nor delivered, from today on) and live waiting-list entries on
     * tours that do not serve the postcode: orders store no address, so the old tour's delivery list would take the
     * new address, and neither could be moved to the new tour's dates.
     */
    private List<Held> heldElsewhere(long customerId, String postcode) {
        List<Held> held = new ArrayList<>();
        em.createQuery("SELECT o FROM CustomerOrder o JOIN FETCH o.tourDate d JOIN FETCH d.tour WHERE o.customer.id = :id"
                        + " AND o.status NOT IN :closed AND d.deliveryDate >= :today ORDER BY d.deliveryDate, o.id",
                        CustomerOrder.class)
                .setParameter("id", customerId)
                .setParameter("closed", List.of(OrderStatus.CANCELLED, OrderStatus.DELIVERED))
                .setParameter("today", LocalDate.now(clock.withZone(Cutoffs.ZONE)))
                .getResultStream()
                .filter(o -> !o.getTourDate().getTour().serves(postcode))
                .forEach(o -> held.add(new Held(o.getTourDate().getDeliveryDate(), o.getTourDate().getTour().getName(),
                        o.getOrderNumber())));
        em.createQuery("SELECT w FROM WaitlistEntry w WHERE w.customerId = :id"
                        + " AND w.kind = org.farmstand.waitlist.entity.WaitlistEntry.Kind.ORDER AND w.status IN :live"
                        + " ORDER BY w.createdAt, w.id", WaitlistEntry.class)
                .setParameter("id", customerId)
                .setParameter("live", List.of(WaitlistStatus.WAITING, WaitlistStatus.OFFERED))
                .getResultStream()
                .forEach(w -> {
                    Tour tour = em.find(Tour.class, w.getTourId());
                    TourDate date = w.getTourDateId() == null ? null : em.find(TourDate.class, w.getTourDateId());
                    if (tour != null && !tour.serves(postcode)) {
                        held.add(new Held(date == null ? null : date.getDeliveryDate(), tour.getName(), null));
                    }
                });
        return held;
    }

    private static void fill(Customer c, Registration r) {
        c.setFirstName(strip(r.firstName()));
        c.setLastName(strip(r.lastName()));
        c.setStreet(strip(r.street()));
        c.setPostcode(r.postcode() == null ? "" : r.postcode().strip().toUpperCase(Locale.ROOT));
        c.setCity(strip(r.city()));
        String phone = strip(r.phone());
        c.setPhone(phone.isEmpty() ? null : phone);
    }

    private void collect(Customer c, Map<String, String> errors) {
        for (ConstraintViolation<Customer> v : validator.validate(c)) {
            String field = v.getPropertyPath().toString();
            if (!field.contains(".")) {
                errors.putIfAbsent(field, field);
            }
        }
    }

    /** A new password shorter than {@link #MIN_PASSWORD}, or only blanks. */
    /**
     * What is wrong with a new password ("passwordTooShort": fewer than {@link #MIN_PASSWORD} characters or blank,
     * "passwordTooLong"), or null: the rule of registration, reset and change, also for a form that checks it before
     * anything else.
     */
    public static String passwordProblem(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.isBlank()) {
            return "passwordTooShort";
        }
        return password.length() > MAX_PASSWORD ? "passwordTooLong" : null;
    }

    private static void requireValidPassword(String password) {
        String problem = passwordProblem(password);
        if (problem != null) {
            throw new InvalidInput(Map.of("password", problem));
        }
    }

    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cntrl}");

    /** A one-line text as typed, without control characters (they would end up in mails and lists) and edge spaces. */
    private static String strip(String value) {
        return value == null ? "" : CONTROL.matcher(value).replaceAll("").strip();
    }

    // --- mails -------------------------------------------------------------------------------------------------

    String link(TenantInfo shop, String path, String token) {
        return shopPage(shop, path) + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** A page of the shop under the public address, e.g. {@code shopPage(shop, "/account/login")}. */
    private String shopPage(TenantInfo shop, String path) {
        return MailText.shopPage(publicUrl, shop, path);
    }

    // every link carries the mail's language (MailText.link): the storefront does not follow the browser's

    OutboxMail verificationMail(TenantInfo shop, Customer c, String token) {
        MailText text = MailText.forRecipient(c.getLocale(), shop);
        return text.mail(c.getEmail(), "customer.verify",
                c.getFirstName(), shop.name(), text.link(link(shop, "/account/verify", token)));
    }

    OutboxMail welcomeMail(TenantInfo shop, Customer c) {
        MailText text = MailText.forRecipient(c.getLocale(), shop);
        return text.mail(c.getEmail(), "customer.welcome",
                c.getFirstName(), shop.name(), text.link(shopPage(shop, "/account/login")));
    }

    OutboxMail accountExistsMail(TenantInfo shop, Customer c) {
        MailText text = MailText.forRecipient(c.getLocale(), shop);
        return text.mail(c.getEmail(), "customer.exists", c.getFirstName(), shop.name(),
                text.link(shopPage(shop, "/account/login")), text.link(shopPage(shop, "/account/forgot")));
    }

    OutboxMail passwordChangedMail(TenantInfo shop, Customer c) {
        MailText text = MailText.forRecipient(c.getLocale(), shop);
        return text.mail(c.getEmail(), "customer.passwordChanged", c.getFirstName(), shop.name(),
                text.link(shopPage(shop, "/account/forgot")));
    }

    OutboxMail emailChangeMail(TenantInfo shop, Customer c, String newEmail, String token) {
        MailText text = MailText.forRecipient(c.getLocale(), shop);
        return text.mail(newEmail, "customer.emailChange", c.getFirstName(), shop.name(),
                text.link(link(shop, "/account/email/confirm", token)), CustomerEmail.CHANGE_VALID.toHours());
    }

    OutboxMail emailChangedMail(TenantInfo shop, Customer c, String oldEmail, String newEmail) {
        MailText text = MailText.forRecipient(c.getLocale(), shop);
        return text.mail(oldEmail, "customer.emailChanged", c.getFirstName(), shop.name(),
                CustomerEmail.masked(newEmail));
    }

    OutboxMail resetMail(TenantInfo shop, Customer c, String token) {
        MailText text = MailText.forRecipient(c.getLocale(), shop);
        return text.mail(c.getEmail(), "customer.reset", c.getFirstName(), shop.name(),
                text.link(link(shop, "/account/reset", token)), RESET_VALID.toHours());
    }
}
