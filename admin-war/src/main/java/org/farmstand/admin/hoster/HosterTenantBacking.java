package org.farmstand.admin.hoster;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.farmstand.admin.web.Pages;
import org.farmstand.platform.web.Causes;
import org.farmstand.tenancy.boundary.HosterService;
import org.farmstand.tenancy.boundary.ShopSettingsService;
import org.farmstand.tenancy.control.Domains;
import org.farmstand.tenancy.entity.TenantStatus;

import java.io.Serializable;

/** One shop for the hoster (/hoster/tenant?id=N): suspend or reactivate it, set its host names. */
@Named
@ViewScoped
public class HosterTenantBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    private Long id;
    private HosterService.HostedShop shop;
    private String domains;

    public void load() {
        if (shop != null) {
            return;
        }
        var found = id == null ? java.util.Optional.<HosterService.HostedShop>empty() : HosterTenantsBacking.service().shop(id);
        if (found.isEmpty()) {
            Pages.notFound();
            return;
        }
        shop = found.get();
        domains = String.join("\n", shop.domains().stream().map(Domains::readable).toList());
    }

    public void toggleStatus() {
        TenantStatus next = shop.active() ? TenantStatus.SUSPENDED : TenantStatus.ACTIVE;
        HosterTenantsBacking.service().setStatus(shop.id(), next);
        Pages.info(next == TenantStatus.ACTIVE ? "hoster.reactivated" : "hoster.suspended", shop.name());
        Pages.redirect("/hoster/tenant?id=" + shop.id());
    }

    public void saveDomains() {
        try {
            HosterTenantsBacking.service().setDomains(shop.id(), Domains.parse(domains));
        } catch (ShopSettingsService.Rejected e) {
            for (var p : e.problems()) {
                Pages.error("hostnames:domains", p.key(), p.value());
            }
            return;
        } catch (RuntimeException e) {
            if (Causes.causedBy(e, java.sql.SQLIntegrityConstraintViolationException.class)) {
                Pages.error("hostnames:domains", "settings.domains.taken", String.join(", ", Domains.parse(domains)));
                return;
            }
            throw e;
        }
        Pages.info("hoster.domains.saved");
        Pages.redirect("/hoster/tenant?id=" + shop.id());
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public HosterService.HostedShop getShop() { return shop; }
    public String getDomains() { return domains; }
    public void setDomains(String domains) { this.domains = domains; }
}
