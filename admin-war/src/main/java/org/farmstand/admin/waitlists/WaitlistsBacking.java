package org.farmstand.admin.waitlists;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.farmstand.admin.web.Messages;
import org.farmstand.admin.web.Pages;
import org.farmstand.tenancy.boundary.ShopSettingsService;
import org.farmstand.tenancy.boundary.StaffRight;
import org.farmstand.tenancy.boundary.TenantService;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.waitlist.boundary.WaitlistService;
import org.farmstand.waitlist.boundary.WaitlistService.DateSummary;

import java.io.Serializable;
import java.util.List;

/** Overview of the shop's waiting lists and the offer validity setting. */
@Named
@ViewScoped
public class WaitlistsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient WaitlistService waitlist;

    @Inject
    transient ShopSettingsService settings;

    @Inject
    transient TenantService tenants;

    private transient List<DateSummary> dates;

    @NotNull
    @Min(ShopSettingsService.MIN_OFFER_HOURS)
    @Max(ShopSettingsService.MAX_OFFER_HOURS)
    private Integer offerHours;

    @PostConstruct
    void init() {
        offerHours = tenants.byId(TenantContext.require()).orElseThrow().offerHours();
    }

    public List<DateSummary> getDates() {
        if (dates == null) {
            dates = waitlist.datesWithLists();
        }
        return dates;
    }

    /** Owner only ({@link StaffRight#OFFER_HOURS}): staff see the hold time but not the form; 403 when posted. */
    public void saveOfferHours() {
        if (!Pages.allowed(StaffRight.OFFER_HOURS)) {
            return;
        }
        boolean saved = settings.setOfferHours(offerHours);
        FacesContext.getCurrentInstance().addMessage(null, saved
                ? new FacesMessage(FacesMessage.SEVERITY_INFO, Messages.get("waitlists.offerHours.saved"), null)
                : new FacesMessage(FacesMessage.SEVERITY_ERROR, Messages.get("waitlists.offerHours.invalid"), null));
    }

    public Integer getOfferHours() { return offerHours; }
    public void setOfferHours(Integer offerHours) { this.offerHours = offerHours; }
}
