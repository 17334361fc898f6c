package org.farmstand.admin.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.farmstand.audit.boundary.Actor;
import org.farmstand.audit.boundary.AuditLog;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.tenancy.boundary.StaffAdminService;
import org.farmstand.tenancy.boundary.StaffAuthService;
import org.farmstand.tenancy.boundary.StaffPrincipal;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * Sets a staff member's password from the link an owner's invitation or reset mailed them (/password?token=...).
 * Needs no sign-in; the link is used up, and afterwards the member signs in as usual.
 */
@Named
@ViewScoped
public class SetPasswordBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient StaffAuthService auth;

    @Inject
    transient AuditLog audit;

    private String token;
    private boolean valid;
    private String password;
    private String repeat;

    public void load() {
        valid = auth.passwordLinkValid(token);
    }

    public void save() {
        if (!StaffAdminService.passwordOk(password)) {
            Pages.error("password:password", "staff.password.invalid");
            return;
        }
        if (!Objects.equals(password, repeat)) {
            Pages.error("password:repeat", "password.mismatch");
            return;
        }
        Optional<StaffPrincipal> user = auth.setPasswordWithLink(token, password);
        if (user.isEmpty()) {
            valid = false;
            Pages.error(null, "password.linkInvalid");
            return;
        }
        StaffPrincipal who = user.get();
        // set in a session signed in as that user: it stays signed in, their other sessions end
        AdminSession.passwordChanged((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext()
                .getRequest(), who.userId());
        if (who.tenantId() != null) {
            TenantContext.runAs(who.tenantId(), () -> audit.record(new Actor(who.userId(), who.email()),
                    AuditLog.STAFF_USER, who.userId(), "password_set_by_link", who.email()));
        }
        Pages.info("password.saved");
        Pages.redirect("/login");
    }

    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public boolean isValid() { return valid; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getRepeat() { return repeat; }
    public void setRepeat(String repeat) { this.repeat = repeat; }
}
