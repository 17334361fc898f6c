package org.farmstand.customers.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.farmstand.audit.boundary.AuditDetail;
import org.farmstand.audit.boundary.AuditLog;
import org.farmstand.customers.control.Admission;
import org.farmstand.customers.control.CustomerChanges;
import org.farmstand.customers.control.CustomerLanguage;
import org.farmstand.customers.entity.Customer;
import org.farmstand.customers.entity.CustomerStatus;
import org.farmstand.mail.control.MailText;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tenancy.boundary.TenantService;
import org.farmstand.tours.boundary.TourService;
import org.farmstand.tours.entity.Tour;
import org.farmstand.waitlist.boundary.WaitlistService;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The producer's view of the shop's customers: search, the queue of new customers (approve with the tour the
 * postcode proposes, or reject, each with a mail), block and unblock, and the language of their mails. Ids are looked
 * up as the signed-in shop (the staff member's or the API token's).
 */
@ApplicationScoped
@Transactional
@Tenanted
public class CustomerAdminService {

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    CustomerService customers;

    @Inject
    TourService tours;

    @Inject
    TenantService tenants;

    @Inject
    AuditLog audit;

    @Inject
    WaitlistService waitlist;

    /**
     * A customer row for admin tables; {@code language} null: none stored, the shop's default; {@code note} the
     * producer's delivery note (null: none).
     */
    public record Row(long id, String name, String email, String postcode, String city, CustomerStatus status,
                      String homeTour, String proposedTour, Instant registeredAt, long version, String language,
                      String street, String phone, String note)
        implements java.io.Serializable {
    }

    /** The longest delivery note (a few lines for the driver; the column is TEXT). */
    public static final int NOTE_MAX = 500;

    /** What {@link #setNote} did. */
    public enum NoteChange { CHANGED, CONFLICT, TOO_LONG, NO_SUCH_CUSTOMER }

    /** What {@link #setLanguage} did. */
    public enum LanguageChange { CHANGED, NOT_OFFERED, NO_SUCH_CUSTOMER }

    public List<Row> search(String query, CustomerStatus status, int first, int size) {
        TypedQuery<Customer> q = em.createQuery("SELECT c FROM Customer c" + where(query, status)
                + " ORDER BY c.registeredAt DESC, c.id DESC", Customer.class);
        bind(q, query, status);
        return q.setFirstResult(Math.max(0, first)).setMaxResults(Math.min(Math.max(size, 1), MAX_PAGE))
                .getResultStream().map(this::row).toList();
    }

    public long count(String query, CustomerStatus status) {
        TypedQuery<Long> q = em.createQuery("SELECT COUNT(c) FROM Customer c" + where(query, status), Long.class);
        bind(q, query, status);
        return q.getSingleResult();
    }

    /** The largest page {@link #search} and {@link #pending} return. */
    public static final int MAX_PAGE = 200;

    /**
     * New customers waiting for a decision, oldest first: {@code size} (at most {@link #MAX_PAGE}) from
     * {@code first}.
     */
    public List<Row> pending(int first, int size) {
        return em.createNamedQuery(Customer.FIND_BY_STATUS, Customer.class)
                .setParameter("status", CustomerStatus.PENDING)
                .setFirstResult(Math.max(0, first)).setMaxResults(Math.min(Math.max(size, 1), MAX_PAGE))
                .getResultStream().map(this::row).toList();
    }

    /** How many new customers wait for a decision (index customer(tenant_id, status, registered_at)). */
    public long countPending() {
        return count(null, CustomerStatus.PENDING);
    }

    public Optional<Row> find(long id) {
        return Optional.ofNullable(em.find(Customer.class, id)).map(this::row);
    }

    private static String where(String query, CustomerStatus status) {
        StringBuilder sb = new StringBuilder();
        if (query != null && !query.isBlank()) {
            sb.append(" WHERE (LOWER(c.email) LIKE :q OR LOWER(c.lastName) LIKE :q OR LOWER(c.firstName) LIKE :q OR c.postcode LIKE :q)");
        }
        if (status != null) {
            sb.append(sb.length() == 0 ? " WHERE" : " AND").append(" c.status = :status");
        }
        return sb.toString();
    }

    private static void bind(TypedQuery<?> q, String query, CustomerStatus status) {
        if (query != null && !query.isBlank()) {
            q.setParameter("q", "%" + query.strip().toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (status != null) {
            q.setParameter("status", status);
        }
    }

    private Row row(Customer c) {
        String home = c.getHomeTourId() == null ? null
                : tours.tour(c.getHomeTourId()).map(Tour::getName).orElse(null);
        String proposed = tours.tourFor(c.getPostcode()).map(Tour::getName).orElse(null);
        return new Row(c.getId(), c.fullName(), c.getEmail(), c.getPostcode(), c.getCity(), c.getStatus(), home,
                proposed, c.getRegisteredAt(), c.getVersion(), c.getLocale(), c.getStreet(), c.getPhone(), c.getNotes());
    }

    /**
     * The producer's delivery note on a customer ("box by the garage door, ring twice"), printed on the delivery
     * lists of their orders; internal, never shown to the customer. Blank clears it. {@code shown} is the note the
     * editor was shown: when someone else changed it since, nothing is saved ({@link NoteChange#CONFLICT}), so one
     * colleague's note does not silently replace another's (a version check would fail on every change the customer
     * makes to their account meanwhile).
     */
    public NoteChange setNote(long id, String shown, String note) {
        String text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && text.length() > NOTE_MAX) {
            return NoteChange.TOO_LONG;
        }
        Customer c = em.find(Customer.class, id);
        if (c == null) {
            return NoteChange.NO_SUCH_CUSTOMER;
        }
        String before = c.getNotes();
        if (Objects.equals(text, before)) {
            return NoteChange.CHANGED; // the same again (a double click, or both wrote the same)
        }
        if (!Objects.equals(shown == null || shown.isBlank() ? null : shown.strip(), before)) {
            return NoteChange.CONFLICT;
        }
        c.setNotes(text);
        em.flush();
        // the note's beginning: the detail column holds 1000 characters, and a note cut there would not read back
        audit.record(AuditLog.CUSTOMER, id, "note", AuditDetail.of(text == null ? "audit.detail.customer.note_cleared"
                : "audit.detail.customer.note", c.getEmail(), text == null ? ""
                : text.length() <= 200 ? text : text.substring(0, Character.isHighSurrogate(text.charAt(198)) ? 198 : 199)
                + "…"));
        return NoteChange.CHANGED;
    }

    /** The languages a customer of this shop may have (the shop's languages, e.g. de, en). */
    public List<String> languages() {
        return tenants.byId(TenantContext.require()).orElseThrow().locales();
    }

    /**
     * Sets the language of the customer's mails: one of {@link #languages()}, or null / blank for none (the shop's
     * default). The customer moves to the end of the change feed, so management systems see the new value.
     */
    public LanguageChange setLanguage(long id, String requested) {
        String language = CustomerLanguage.normalized(requested);
        if (!CustomerLanguage.allowed(language, languages())) {
            return LanguageChange.NOT_OFFERED;
        }
        Customer c = em.find(Customer.class, id);
        if (c == null) {
            return LanguageChange.NO_SUCH_CUSTOMER;
        }
        if (!Objects.equals(language, c.getLocale())) {
            c.setLocale(language);
            CustomerChanges.touched(em, c);
            audit.record(AuditLog.CUSTOMER, id, "language", AuditDetail.of("audit.detail.customer.language",
                    c.getEmail(), new AuditDetail.Key(language == null ? "customers.language.shopDefault"
                            : "settings.language." + language)));
        }
        return LanguageChange.CHANGED;
    }

    /**
     * Approves a pending customer, or a rejected one after all (the audit log says so); the tour is the one their
     * postcode proposes when they have none yet. They get the welcome mail.
     */
    public boolean approve(long id) {
        Customer c = em.find(Customer.class, id);
        if (c == null || !Admission.approvable(c.getStatus())) {
            return false;
        }
        boolean wasRejected = c.getStatus() == CustomerStatus.REJECTED;
        if (c.getHomeTourId() == null) {
            tours.tourFor(c.getPostcode()).ifPresent(t -> c.setHomeTourId(t.getId()));
        }
        boolean approved = customers.approve(id);
        if (approved) {
            audit.record(AuditLog.CUSTOMER, id, wasRejected ? "approved_after_rejection" : "approved",
                    c.getHomeTourId() == null
                    ? AuditDetail.of("audit.detail.text", c.getEmail())
                    : AuditDetail.of("audit.detail.customer.approved", c.getEmail(),
                            tours.tour(c.getHomeTourId()).map(Tour::getName).orElse("?")));
        }
        return approved;
    }

    /**
     * After the shop's new-customer policy changed: those waiting in line for a capped intake are admitted as far as
     * the new policy lets them (all of them once registration is open, see {@link CustomerService#admitWaiting}), at
     * once rather than at the next admission round. Returns the number admitted.
     */
    public int admitThoseInLine() {
        return customers.admitWaiting();
    }

    public boolean reject(long id) {
        return change(id, CustomerStatus.PENDING, CustomerStatus.REJECTED, "customer.declined");
    }

    public boolean block(long id) {
        return change(id, CustomerStatus.ACTIVE, CustomerStatus.BLOCKED, null);
    }

    public boolean unblock(long id) {
        return change(id, CustomerStatus.BLOCKED, CustomerStatus.ACTIVE, null);
    }

    /**
     * Moves the customer from one status to another; {@code mail}: the MailText key of the mail to them, or null. A
     * customer who may no longer order leaves the waiting lists (and the line of new customers) with it.
     */
    private boolean change(long id, CustomerStatus from, CustomerStatus to, String mail) {
        Customer c = em.find(Customer.class, id);
        if (c == null || c.getStatus() != from) {
            return false;
        }
        CustomerChanges.status(em, c, to, Instant.now());
        if (to != CustomerStatus.ACTIVE) {
            waitlist.withdrawAllOf(id);
        }
        audit.record(AuditLog.CUSTOMER, id, switch (to) {
            case REJECTED -> "rejected";
            case BLOCKED -> "blocked";
            default -> from == CustomerStatus.BLOCKED ? "unblocked" : to.name().toLowerCase(Locale.ROOT);
        }, c.getEmail());
        if (mail != null) {
            TenantInfo shop = tenants.byId(TenantContext.require()).orElseThrow();
            em.persist(MailText.forRecipient(c.getLocale(), shop).mail(c.getEmail(), mail, c.getFirstName(), shop.name()));
        }
        return true;
    }
}
