package org.farmstand.admin.web;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.farmstand.tenancy.boundary.StaffPrincipal;
import org.farmstand.tenancy.boundary.StaffSessions;

/**
 * Where the signed-in staff member is kept: one small Serializable session attribute, and next to it the account's
 * credential stamp at sign-in ({@link StaffSessions}: a new password ends the sessions signed in before).
 */
public final class AdminSession {

    public static final String ATTRIBUTE = "farmstand.staff";
    static final String STAMP_ATTRIBUTE = "farmstand.staff.credentialStamp";

    private AdminSession() {
    }

    public static StaffPrincipal principal(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (StaffPrincipal) session.getAttribute(ATTRIBUTE);
    }

    /**
     * The credential stamp the session signed in with; 0 for a session from before stamps were kept (the stamp every
     * account had then).
     */
    static int credentialStamp(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object stamp = session == null ? null : session.getAttribute(STAMP_ATTRIBUTE);
        return stamp instanceof Integer value ? value : 0;
    }

    /** Signs in: a new session id (against fixation), then the principal and the account's credential stamp. */
    public static void signIn(HttpServletRequest request, StaffPrincipal principal) {
        int stamp = sessions().credentialStamp(principal.userId());
        request.getSession(true);
        request.changeSessionId();
        request.getSession().setAttribute(STAMP_ATTRIBUTE, stamp);
        request.getSession().setAttribute(ATTRIBUTE, principal);
    }

    /**
     * After this session set a new password for {@code userId}: if that is the signed-in staff member, the session
     * takes the new stamp and a new id, and stays signed in (their other sessions end).
     */
    public static void passwordChanged(HttpServletRequest request, long userId) {
        StaffPrincipal principal = principal(request);
        if (principal != null && principal.userId() == userId) {
            request.changeSessionId();
            request.getSession().setAttribute(STAMP_ATTRIBUTE, sessions().credentialStamp(userId));
        }
    }

    public static void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    private static StaffSessions sessions() {
        return CDI.current().select(StaffSessions.class).get();
    }
}
