package org.farmstand.admin.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.farmstand.tenancy.boundary.StaffPrincipal;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tenancy.boundary.TenantService;

import java.text.NumberFormat;
import java.util.Locale;

/** The signed-in staff member and their shop, for pages; plus formatting helpers. */
@Named("staff")
@RequestScoped
public class Staff {

    @Inject
    TenantService tenants;

    private TenantInfo tenant;

    public StaffPrincipal getPrincipal() {
        return AdminSession.principal((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest());
    }

    public TenantInfo getTenant() {
        if (tenant == null && getPrincipal() != null && getPrincipal().tenantId() != null) {
            tenant = tenants.byId(getPrincipal().tenantId()).orElse(null);
        }
        return tenant;
    }

    public Locale getLocale() {
        Locale requested = FacesContext.getCurrentInstance().getExternalContext().getRequestLocale();
        return requested != null && requested.getLanguage().equals("en") ? Locale.ENGLISH : Locale.GERMAN;
    }

    public String money(long cents) {
        return NumberFormat.getCurrencyInstance(Locale.forLanguageTag(getLocale().getLanguage() + "-DE")).format(cents / 100.0);
    }
}
