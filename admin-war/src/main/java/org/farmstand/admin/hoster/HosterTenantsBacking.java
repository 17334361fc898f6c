package org.farmstand.admin.hoster;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.farmstand.admin.web.Pages;
import org.farmstand.tenancy.boundary.HosterService;
import org.farmstand.tenancy.boundary.ShopSettingsService;

import java.io.Serializable;
import java.util.List;

/** The hoster's list of shops (/hoster/tenants) and the form that creates a shop with its first owner. */
@Named
@ViewScoped
public class HosterTenantsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    private String slug;
    private String name;
    private String ownerEmail;
    private transient String password;
    private List<HosterService.HostedShop> shops;

    public List<HosterService.HostedShop> getShops() {
        if (shops == null) {
            shops = service().shops();
        }
        return shops;
    }

    public void create() {
        try {
            long id = service().create(slug, name, ownerEmail, password);
            Pages.info("hoster.created", slug.strip().toLowerCase(java.util.Locale.ROOT));
            Pages.redirect("/hoster/tenant?id=" + id);
        } catch (ShopSettingsService.Rejected e) {
            for (var p : e.problems()) {
                Pages.error("create:" + p.field(), p.key(), p.value());
            }
        }
    }

    static HosterService service() {
        return CDI.current().select(HosterService.class).get();
    }

    public String getSlug() { return slug; }
    public void setSlug(String slug) { this.slug = slug; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getOwnerEmail() { return ownerEmail; }
    public void setOwnerEmail(String ownerEmail) { this.ownerEmail = ownerEmail; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
}
