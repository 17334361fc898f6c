package org.farmstand.admin.settings;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import org.farmstand.admin.web.AdminSession;
import org.farmstand.admin.web.Pages;
import org.farmstand.media.boundary.MediaService;
import org.farmstand.media.control.ImageProcessor;
import org.farmstand.platform.web.Causes;
import org.farmstand.tenancy.boundary.ShopSettingsService;
import org.farmstand.tenancy.boundary.StaffPrincipal;
import org.farmstand.tenancy.control.Domains;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The shop's settings (/settings/shop), for owners only: staff get a 403 (as from the sign-in filter). The page keeps
 * the shop's version it was loaded with, so saving over someone else's change is refused with a message.
 */
@Named
@ViewScoped
public class ShopSettingsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int MAX_UPLOAD = 12 * 1024 * 1024;

    private long version;
    private String name;
    private String tagline;
    private String welcomeText;
    private String contactEmail;
    private String primaryColor;
    private String accentColor;
    private String minOrder;
    private List<String> languages = new ArrayList<>();
    private String domains;
    private Long logoImageId;
    private String logoHash;
    private transient Part logo;
    private boolean loaded;

    public void load() {
        if (!owner()) {
            Pages.forbidden();
            return;
        }
        if (loaded) {
            return;
        }
        show(service().load());
        loaded = true;
    }

    private void show(ShopSettingsService.Settings s) {
        version = s.version();
        name = s.name();
        tagline = s.tagline();
        welcomeText = s.welcomeText();
        contactEmail = s.contactEmail();
        primaryColor = s.primaryColor();
        accentColor = s.accentColor();
        minOrder = Pages.amount(s.minOrderCents());
        languages = new ArrayList<>(s.locales());
        domains = String.join("\n", s.domains().stream().map(Domains::readable).toList());
        logoImageId = s.logoImageId();
        logoHash = logoImageId == null ? null : media().hashOf(logoImageId).orElse(null);
    }

    public void save() {
        if (!owner()) {
            Pages.forbidden();
            return;
        }
        Long minOrderCents;
        try {
            minOrderCents = Pages.cents(minOrder);
        } catch (NumberFormatException | ArithmeticException e) {
            Pages.error("settings:minOrder", "settings.minOrder.invalid");
            return;
        }
        Long newLogo = null;
        if (logo != null && logo.getSize() > 0) {
            try (InputStream in = logo.getInputStream()) {
                newLogo = media().store(in.readNBytes(MAX_UPLOAD + 1));
            } catch (ImageProcessor.RejectedImage e) {
                Pages.error("settings:logo", e.key(), e.args());
                return;
            } catch (IOException e) {
                Pages.error("settings:logo", "farmstand.image.not-an-image");
                return;
            }
        }
        var settings = new ShopSettingsService.Settings(version, name, tagline, welcomeText, contactEmail,
                primaryColor == null ? null : primaryColor.strip(), accentColor == null ? null : accentColor.strip(),
                minOrderCents == null ? 0 : minOrderCents, languages == null ? List.of() : languages,
                Domains.parse(domains), newLogo);
        try {
            service().update(settings);
        } catch (ShopSettingsService.Rejected e) {
            for (var p : e.problems()) {
                Pages.error("settings:" + p.field(), p.key(), p.value());
            }
            return;
        } catch (ShopSettingsService.Conflict e) {
            Pages.error(null, "settings.conflict");
            return;
        } catch (RuntimeException e) {
            if (causedByOptimisticLock(e)) {
                Pages.error(null, "settings.conflict");
                return;
            }
            if (causedByConstraint(e)) {
                Pages.error("settings:domains", "settings.domains.taken", String.join(", ", Domains.parse(domains)));
                return;
            }
            throw e;
        }
        Pages.info("settings.saved");
        Pages.redirect("/settings/shop");
    }

    private static boolean causedByOptimisticLock(Throwable e) {
        return Causes.optimisticLock(e) || Causes.causedBy(e, ShopSettingsService.Conflict.class);
    }

    private static boolean causedByConstraint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLIntegrityConstraintViolationException) {
                return true;
            }
        }
        return false;
    }

    private static boolean owner() {
        StaffPrincipal principal = AdminSession.principal(
                (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest());
        return principal != null && principal.owner() && principal.tenantId() != null;
    }

    public List<String> getLanguageOptions() {
        return ShopSettingsService.LANGUAGES;
    }

    private static ShopSettingsService service() {
        return CDI.current().select(ShopSettingsService.class).get();
    }

    private static MediaService media() {
        return CDI.current().select(MediaService.class).get();
    }

    public long getVersion() { return version; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getTagline() { return tagline; }
    public void setTagline(String tagline) { this.tagline = tagline; }
    public String getWelcomeText() { return welcomeText; }
    public void setWelcomeText(String welcomeText) { this.welcomeText = welcomeText; }
    public String getContactEmail() { return contactEmail; }
    public void setContactEmail(String contactEmail) { this.contactEmail = contactEmail; }
    public String getPrimaryColor() { return primaryColor; }
    public void setPrimaryColor(String primaryColor) { this.primaryColor = primaryColor; }
    public String getAccentColor() { return accentColor; }
    public void setAccentColor(String accentColor) { this.accentColor = accentColor; }
    public String getMinOrder() { return minOrder; }
    public void setMinOrder(String minOrder) { this.minOrder = minOrder; }
    public List<String> getLanguages() { return languages; }
    public void setLanguages(List<String> languages) { this.languages = languages; }
    public String getDomains() { return domains; }
    public void setDomains(String domains) { this.domains = domains; }
    public String getLogoHash() { return logoHash; }
    public Part getLogo() { return logo; }
    public void setLogo(Part logo) { this.logo = logo; }
}
