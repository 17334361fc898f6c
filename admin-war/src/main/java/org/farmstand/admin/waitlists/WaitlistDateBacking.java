package org.farmstand.admin.waitlists;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.admin.web.Messages;
import org.farmstand.tours.boundary.TourService;
import org.farmstand.tours.boundary.TourService.DateView;
import org.farmstand.waitlist.boundary.WaitlistService;
import org.farmstand.waitlist.boundary.WaitlistService.EntryView;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * One tour date's waiting list in order, with its history (offers sent, accepted, expired): offer a free place to an
 * entry out of turn, or remove an entry. The date is looked up as the signed-in shop: another shop's id is a 404.
 */
@Named
@ViewScoped
public class WaitlistDateBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient WaitlistService waitlist;

    @Inject
    transient TourService tours;

    private Long id;
    private DateView date;
    private transient List<EntryView> entries;

    public void load() throws IOException {
        date = id == null ? null : tours.date(id).orElse(null);
        if (date == null) {
            FacesContext.getCurrentInstance().getExternalContext().responseSendError(HttpServletResponse.SC_NOT_FOUND, "");
            FacesContext.getCurrentInstance().responseComplete();
        }
    }

    public List<EntryView> getEntries() {
        if (entries == null && date != null) {
            entries = waitlist.entriesFor(date.id());
        }
        return entries;
    }

    public void offer(long entryId) {
        boolean done = belongsHere(entryId) && waitlist.offerTo(entryId);
        message(done, done ? "waitlists.offered.done" : "waitlists.offerFailed");
    }

    public void remove(long entryId) {
        boolean done = belongsHere(entryId) && waitlist.remove(entryId);
        message(done, done ? "waitlists.removed" : "waitlists.removeFailed");
    }

    /** Only entries shown on this page can be acted on (no ids of other dates slipped into the form). */
    private boolean belongsHere(long entryId) {
        return waitlist.entriesFor(date.id()).stream().anyMatch(e -> e.id() == entryId);
    }

    private void message(boolean ok, String key) {
        entries = null;
        date = tours.date(date.id()).orElse(date);
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(
                ok ? FacesMessage.SEVERITY_INFO : FacesMessage.SEVERITY_WARN, Messages.get(key), null));
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public DateView getDate() { return date; }
}
