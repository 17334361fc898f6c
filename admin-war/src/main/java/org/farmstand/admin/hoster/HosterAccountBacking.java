package org.farmstand.admin.hoster;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.farmstand.admin.web.AdminSession;
import org.farmstand.admin.web.Pages;
import org.farmstand.tenancy.boundary.HosterAccounts;
import org.farmstand.tenancy.boundary.StaffAdminService;

import java.io.Serializable;
import java.util.Objects;

/**
 * The signed-in hoster's own password (/hoster/account): current password, new one twice. This session stays signed
 * in; the hoster's other sessions end at their next request.
 */
@Named
@ViewScoped
public class HosterAccountBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient HosterAccounts accounts;

    private transient String current;
    private transient String password;
    private transient String repeat;

    public void save() {
        if (!StaffAdminService.passwordOk(password)) {
            Pages.error("account:password", "staff.password.invalid");
            return;
        }
        if (!Objects.equals(password, repeat)) {
            Pages.error("account:repeat", "password.mismatch");
            return;
        }
        switch (accounts.changeOwnPassword(current, password)) {
            case WRONG_PASSWORD -> Pages.error("account:current", "hoster.account.wrong");
            case THROTTLED -> Pages.error("account:current", "hoster.account.throttled");
            case INVALID -> Pages.error("account:password", "staff.password.invalid");
            case DONE -> {
                HttpServletRequest request = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext()
                        .getRequest();
                AdminSession.passwordChanged(request, AdminSession.principal(request).userId());
                Pages.info("hoster.account.changed");
                Pages.redirect("/hoster/tenants");
            }
        }
    }

    public String getCurrent() { return current; }
    public void setCurrent(String current) { this.current = current; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getRepeat() { return repeat; }
    public void setRepeat(String repeat) { this.repeat = repeat; }
}
