package org.farmstand.admin.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.farmstand.audit.boundary.Actor;
import org.farmstand.audit.boundary.AuditLog;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.platform.web.ClientAddress;
import org.farmstand.tenancy.boundary.StaffAuthService;
import org.farmstand.tenancy.boundary.StaffPrincipal;

import java.io.IOException;
import java.util.Optional;

@Named
@RequestScoped
public class LoginBacking {

    @Inject
    StaffAuthService auth;

    @Inject
    AuditLog audit;

    @NotBlank
    @Size(max = 190)
    private String email;

    @NotBlank
    @Size(max = 200)
    private String password;

    public void login() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        Optional<StaffPrincipal> principal;
        try {
            principal = auth.authenticate(email, password,
                    ClientAddress.of((HttpServletRequest) external.getRequest()));
        } catch (StaffAuthService.LoginThrottled e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    Messages.format("login.throttled", e.retryAfter().toSeconds() + 1), null));
            return;
        }
        if (principal.isEmpty()) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, Messages.get("login.failed"), null));
            return;
        }
        StaffPrincipal signedIn = principal.get();
        if (signedIn.tenantId() != null) {
            TenantContext.runAs(signedIn.tenantId(), () -> audit.record(new Actor(signedIn.userId(), signedIn.email()),
                    AuditLog.SESSION, signedIn.userId(), "signed_in", null));
        }
        AdminSession.signIn((HttpServletRequest) external.getRequest(), signedIn);
        external.redirect(external.getRequestContextPath() + (principal.get().hoster() ? "/hoster/tenants" : "/"));
    }

    public void logout() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        AdminSession.signOut((HttpServletRequest) external.getRequest());
        external.redirect(external.getRequestContextPath() + "/login");
    }

    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
}
