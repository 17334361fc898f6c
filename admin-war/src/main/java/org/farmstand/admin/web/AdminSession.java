package org.farmstand.admin.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.farmstand.tenancy.boundary.StaffPrincipal;

/** Where the signed-in staff member is kept: one small Serializable session attribute. */
public final class AdminSession {

    public static final String ATTRIBUTE = "farmstand.staff";

    private AdminSession() {
    }

    public static StaffPrincipal principal(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (StaffPrincipal) session.getAttribute(ATTRIBUTE);
    }

    /** Signs in: a new session id (against fixation), then the principal. */
    public static void signIn(HttpServletRequest request, StaffPrincipal principal) {
        request.getSession(true);
        request.changeSessionId();
        request.getSession().setAttribute(ATTRIBUTE, principal);
    }

    public static void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
