package org.farmstand.admin.staff;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.farmstand.admin.web.Pages;
import org.farmstand.tenancy.boundary.ShopSettingsService;
import org.farmstand.tenancy.boundary.StaffAdminService;
import org.farmstand.tenancy.boundary.StaffAdminService.StaffRow;
import org.farmstand.tenancy.entity.StaffRole;

import java.io.Serializable;
import java.util.List;

/**
 * The shop's staff users (/staff/list), for owners only (AdminAuthFilter answers 403 to staff), and the form that
 * invites a new one: with an initial password, or (password left empty) with a set-password mail.
 */
@Named
@ViewScoped
public class StaffListBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient List<StaffRow> users;
    private String email;
    private String name;
    private StaffRole role = StaffRole.STAFF;
    private String password;

    public List<StaffRow> getUsers() {
        if (users == null) {
            users = service().list();
        }
        return users;
    }

    public void invite() {
        try {
            service().invite(email, name, role, password);
        } catch (ShopSettingsService.Rejected e) {
            for (var p : e.problems()) {
                Pages.error("invite:" + p.field(), p.key(), p.value());
            }
            return;
        }
        Pages.info(password == null || password.isEmpty() ? "staff.invited.link" : "staff.invited", email.strip());
        Pages.redirect("/staff/list");
    }

    public StaffRole[] getRoles() {
        return new StaffRole[]{StaffRole.STAFF, StaffRole.OWNER};
    }

    static StaffAdminService service() {
        return CDI.current().select(StaffAdminService.class).get();
    }

    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public StaffRole getRole() { return role; }
    public void setRole(StaffRole role) { this.role = role; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
}
