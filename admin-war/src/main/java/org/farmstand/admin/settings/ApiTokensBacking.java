package org.farmstand.admin.settings;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.farmstand.admin.web.AdminSession;
import org.farmstand.admin.web.Pages;
import org.farmstand.api.boundary.ApiTokenService;
import org.farmstand.tenancy.boundary.StaffPrincipal;

import java.io.Serializable;
import java.util.List;

/**
 * API tokens of the shop (/settings/tokens), for owners only: staff get a 403 (as from the sign-in filter). A new
 * token's plain value is shown once, in the answer to the create request; it is kept in a transient field (never in
 * the replicated session) and dropped at the next action.
 */
@Named
@ViewScoped
public class ApiTokensBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    private String name;
    private boolean write;
    private transient String createdToken;
    private String createdName;
    private transient List<ApiTokenService.TokenInfo> tokens;

    public void load() {
        if (!owner()) {
            Pages.forbidden();
        }
    }

    public void create() {
        createdToken = null;
        if (!owner()) {
            Pages.forbidden();
            return;
        }
        try {
            ApiTokenService.Created created = service().create(name, write);
            createdToken = created.token();
            createdName = created.info().name();
            name = null;
            write = false;
            tokens = null;
        } catch (ApiTokenService.InvalidName e) {
            Pages.error("create:name", "tokens.name.invalid", ApiTokenService.MAX_NAME);
        }
    }

    public void revoke(long id) {
        createdToken = null;
        if (!owner()) {
            Pages.forbidden();
            return;
        }
        String revoked = getTokens().stream().filter(t -> t.id() == id).map(ApiTokenService.TokenInfo::name)
                .findFirst().orElse(null);
        if (revoked == null || !service().revoke(id)) {
            Pages.error(null, "tokens.revoke.unknown");
            return;
        }
        tokens = null;
        Pages.info("tokens.revoked", revoked);
    }

    public List<ApiTokenService.TokenInfo> getTokens() {
        if (tokens == null) {
            tokens = owner() ? service().list() : List.of();
        }
        return tokens;
    }

    /** The plain value of the token created by this request, else null. */
    public String getCreatedToken() {
        return createdToken;
    }

    public String getCreatedName() {
        return createdName;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public boolean isWrite() { return write; }
    public void setWrite(boolean write) { this.write = write; }

    private static boolean owner() {
        StaffPrincipal principal = AdminSession.principal(
                (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest());
        return principal != null && principal.owner() && principal.tenantId() != null;
    }

    private static ApiTokenService service() {
        return CDI.current().select(ApiTokenService.class).get();
    }
}
