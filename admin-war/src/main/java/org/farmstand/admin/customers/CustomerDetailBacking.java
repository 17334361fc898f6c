package org.farmstand.admin.customers;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.admin.web.Messages;
import org.farmstand.admin.web.Pages;
import org.farmstand.customers.boundary.CustomerAdminService;
import org.farmstand.customers.boundary.CustomerAdminService.Row;
import org.farmstand.customers.control.CustomerLanguage;
import org.farmstand.ordering.boundary.OrderService;
import org.farmstand.ordering.boundary.OrderView;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * One customer with their orders; approve or reject a new one (a rejected one may be approved after all), block or
 * unblock, and the language of their mails (one of the shop's languages or none: the shop's default). Another shop's
 * customer id answers 404. An action that meets a concurrent change of the customer is tried once more
 * ({@link ConflictRetry}).
 */
@Named
@ViewScoped
public class CustomerDetailBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient CustomerAdminService customers;

    @Inject
    transient OrderService orders;

    private Long id;
    private Row customer;
    private transient List<OrderView> customerOrders;
    private String language;
    private List<String> languages;
    /** The delivery note as typed, and as the page showed it (to notice a colleague's change in between). */
    private String note;
    private String shownNote;

    public void load() throws IOException {
        customer = id == null ? null : customers.find(id).orElse(null);
        if (customer != null) {
            // a language the shop has dropped since is shown as what it now means: the shop's default
            language = getDroppedLanguage() == null ? customer.language() : null;
            note = customer.note();
            shownNote = customer.note();
        } else {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(HttpServletResponse.SC_NOT_FOUND, "");
            FacesContext.getCurrentInstance().responseComplete();
        }
    }

    public List<OrderView> getOrders() {
        if (customerOrders == null && customer != null) {
            customerOrders = orders.ordersOf(customer.id());
        }
        return customerOrders;
    }

    public void approve() {
        result(ConflictRetry.run(() -> customers.approve(customer.id())), "customers.approved");
    }

    /** "Reject Emil Ärger? They will be told by mail." */
    public String getRejectQuestion() {
        return customer == null ? null : Messages.format("customers.reject.confirm", customer.name());
    }

    public void reject() {
        result(ConflictRetry.run(() -> customers.reject(customer.id())), "customers.rejected");
    }

    public void block() {
        result(ConflictRetry.run(() -> customers.block(customer.id())), "customers.blocked");
    }

    public void unblock() {
        result(ConflictRetry.run(() -> customers.unblock(customer.id())), "customers.unblocked");
    }

    /** The select offers only the shop's languages; the service checks again (the shop may have changed them). */
    public void saveLanguage() {
        var change = ConflictRetry.run(() -> customers.setLanguage(customer.id(), language));
        if (change.isEmpty()) {
            customer = customers.find(customer.id()).orElse(customer);
            Pages.error(null, "customers.conflict");
            return;
        }
        switch (change.get()) {
            case CHANGED -> {
                customer = customers.find(customer.id()).orElse(customer);
                Pages.info("customers.language.saved");
            }
            case NOT_OFFERED -> Pages.error("language:value", "customers.language.invalid");
            case NO_SUCH_CUSTOMER -> Pages.notFound();
        }
    }

    /**
     * Saves the delivery note (printed on the delivery lists; blank clears it). When a colleague changed it since the
     * page was shown, nothing is saved: the page shows their note, and what was typed stays in the field to merge.
     */
    public void saveNote() {
        var change = customers.setNote(customer.id(), shownNote, note);
        switch (change) {
            case CHANGED -> {
                Pages.info("customers.note.saved");
                Pages.redirect("/customers/detail?id=" + customer.id());
            }
            case CONFLICT -> {
                customer = customers.find(customer.id()).orElse(customer);
                shownNote = customer.note();
                Pages.error("note:text", "customers.note.conflict", customer.note() == null ? "" : customer.note());
            }
            case TOO_LONG -> Pages.error("note:text", "customers.note.tooLong", CustomerAdminService.NOTE_MAX);
            case NO_SUCH_CUSTOMER -> Pages.notFound();
        }
    }

    /**
     * The customer's stored language when the shop no longer offers it (their mails go out in the shop's default
     * language; saving the form replaces it), else null.
     */
    public String getDroppedLanguage() {
        String stored = customer == null ? null : customer.language();
        return CustomerLanguage.allowed(stored, getLanguages()) ? null : stored;
    }

    /** The shop's languages, for the language select. */
    public List<String> getLanguages() {
        if (languages == null) {
            languages = customers.languages();
        }
        return languages;
    }

    /** {@code ok} empty: a concurrent change made every attempt fail (see {@link ConflictRetry}). */
    private void result(Optional<Boolean> ok, String key) {
        customer = customers.find(customer.id()).orElse(customer);
        if (ok.isEmpty()) {
            Pages.error(null, "customers.conflict");
            return;
        }
        FacesContext.getCurrentInstance().addMessage(null, ok.get()
                ? new FacesMessage(FacesMessage.SEVERITY_INFO, Messages.get(key), null)
                : new FacesMessage(FacesMessage.SEVERITY_WARN, Messages.get("customers.notChanged"), null));
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Row getCustomer() { return customer; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }
    public String getNote() { return note; }
    public void setNote(String note) { this.note = note; }
    public int getNoteMax() { return CustomerAdminService.NOTE_MAX; }
}
