package org.farmstand.admin.staff;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.farmstand.admin.web.AdminSession;
import org.farmstand.admin.web.Pages;
import org.farmstand.tenancy.boundary.ShopSettingsService;
import org.farmstand.tenancy.boundary.StaffAdminService;
import org.farmstand.tenancy.boundary.StaffAdminService.StaffRow;
import org.farmstand.tenancy.entity.StaffRole;

import java.io.Serializable;

/**
 * One staff user of the shop (/staff/edit?id=N), for owners only: name and role, deactivate or reactivate, set a
 * password or mail a set-password link. Another shop's user id is a 404; the page keeps the version it loaded, so
 * saving over another owner's change is refused; the last active owner can be neither demoted nor deactivated.
 */
@Named
@ViewScoped
public class StaffEditBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    private Long id;
    private StaffRow user;
    private String name;
    private StaffRole role;
    private String newPassword;

    public void load() {
        if (user != null) {
            return;
        }
        user = id == null ? null : StaffListBacking.service().find(id).orElse(null);
        if (user == null) {
            Pages.notFound();
            return;
        }
        name = user.displayName();
        role = user.role();
    }

    public void save() {
        try {
            done(StaffListBacking.service().update(user.id(), user.version(), name, role), "staff.saved");
        } catch (ShopSettingsService.Rejected e) {
            e.problems().forEach(p -> Pages.error("user:" + p.field(), p.key(), p.value()));
        }
    }

    public void deactivate() {
        done(StaffListBacking.service().setActive(user.id(), false), "staff.deactivated");
    }

    public void reactivate() {
        done(StaffListBacking.service().setActive(user.id(), true), "staff.reactivated");
    }

    public void setPassword() {
        try {
            StaffAdminService.Result result = StaffListBacking.service().setPassword(user.id(), newPassword);
            if (result == StaffAdminService.Result.DONE) {
                // the owner's own new password ends their other sessions, not this one
                AdminSession.passwordChanged((HttpServletRequest) FacesContext.getCurrentInstance()
                        .getExternalContext().getRequest(), user.id());
            }
            done(result, "staff.passwordSet");
        } catch (ShopSettingsService.Rejected e) {
            e.problems().forEach(p -> Pages.error("password:newPassword", p.key(), p.value()));
        }
    }

    public void sendLink() {
        done(StaffListBacking.service().sendPasswordLink(user.id()), "staff.linkSent");
    }

    private void done(StaffAdminService.Result result, String key) {
        switch (result) {
            case DONE -> {
                Pages.info(key, user.email());
                Pages.redirect("/staff/edit?id=" + user.id());
            }
            case CONFLICT -> Pages.error(null, "staff.conflict");
            case LAST_OWNER -> Pages.error(null, "staff.lastOwner");
            case NOT_FOUND -> Pages.notFound();
        }
    }

    public StaffRole[] getRoles() {
        return new StaffRole[]{StaffRole.STAFF, StaffRole.OWNER};
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public StaffRow getUser() { return user; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public StaffRole getRole() { return role; }
    public void setRole(StaffRole role) { this.role = role; }
    public String getNewPassword() { return newPassword; }
    public void setNewPassword(String newPassword) { this.newPassword = newPassword; }
}
