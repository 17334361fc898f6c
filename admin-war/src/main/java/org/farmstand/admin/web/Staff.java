package org.farmstand.admin.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.farmstand.tenancy.boundary.StaffPrincipal;
import org.farmstand.tenancy.boundary.StaffRight;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tenancy.boundary.TenantService;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/** The signed-in staff member and their shop, for pages; plus formatting helpers. */
@Named("staff")
@RequestScoped
public class Staff {

    /** The admin's languages, the first the default (faces-config's locale-config names the same). */
    public static final List<Locale> LANGUAGES = List.of(Locale.GERMAN, Locale.ENGLISH);

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

    /**
     * Whether the signed-in staff member has a right ({@link StaffRight} by name), for pages that hide what a role may
     * not use: {@code #{staff.may('CANCEL_TOUR_DATE')}}.
     */
    public boolean may(String right) {
        StaffPrincipal principal = getPrincipal();
        return principal != null && StaffRight.valueOf(right).allowedFor(principal.role());
    }

    /** The page language: the first of the visitor's languages (Accept-Language, in their order) the admin speaks. */
    public Locale getLocale() {
        return language(FacesContext.getCurrentInstance().getExternalContext().getRequestLocales());
    }

    /**
     * The first of {@code requested} (the visitor's languages, most wanted first) that the admin is written in; German
     * when none is. "fr-FR, fr;q=0.9, en;q=0.8" gives English.
     */
    public static Locale language(Iterator<Locale> requested) {
        while (requested != null && requested.hasNext()) {
            Locale wanted = requested.next();
            for (Locale language : LANGUAGES) {
                if (language.getLanguage().equals(wanted.getLanguage())) {
                    return language;
                }
            }
        }
        return LANGUAGES.get(0);
    }

    /** e.g. "€3.90" / "3,90 €", in the shop's currency. */
    public String money(long cents) {
        return Formats.money(cents, getTenant() == null ? null : getTenant().currency(), Formats.language());
    }
}
