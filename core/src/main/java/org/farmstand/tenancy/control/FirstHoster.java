package org.farmstand.tenancy.control;

import org.farmstand.tenancy.boundary.StaffAdminService;
import org.farmstand.tenancy.entity.StaffRole;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of the hoster bootstrap ({@link org.farmstand.tenancy.boundary.HosterBootstrap}): which configured
 * address and password are acceptable, and what to do with the account that may already hold the address. Only when
 * no active hoster exists does the configuration create (or revive) one; it never overwrites a password otherwise.
 */
public final class FirstHoster {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** What the bootstrap does. */
    public enum Action {
        /** An active hoster exists: nothing. */
        NOTHING,
        /** No account has the address: a new hoster account. */
        CREATE,
        /** The address is an inactive hoster's: reactivate it with the configured password (a locked-out hoster). */
        REACTIVATE,
        /** The address belongs to a shop's staff account: refused. */
        ADDRESS_TAKEN
    }

    private FirstHoster() {
    }

    /** The address as accounts store it: stripped, lower case; null stays null. */
    public static String normalize(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /** Why the configured values cannot make a hoster (empty when they can); never names the password itself. */
    public static List<String> problems(String email, String password) {
        List<String> problems = new ArrayList<>();
        String mail = normalize(email);
        if (mail == null || mail.isEmpty()) {
            problems.add("farmstand.bootstrap.hoster-email is not set");
        } else if (mail.length() > 190 || !EMAIL.matcher(mail).matches()) {
            problems.add("farmstand.bootstrap.hoster-email is not a valid e-mail address (at most 190 characters)");
        }
        if (password == null || password.isEmpty()) {
            problems.add("farmstand.bootstrap.hoster-password is not set");
        } else if (!StaffAdminService.passwordOk(password)) {
            problems.add("farmstand.bootstrap.hoster-password does not pass the staff password rule ("
                    + org.farmstand.tenancy.boundary.HosterService.MIN_PASSWORD + " to 200 characters)");
        }
        return problems;
    }

    /**
     * @param activeHoster whether any active hoster account exists
     * @param holderRole   the role of the account that has the configured address, null when none has it
     * @param holderActive whether that account is active
     */
    public static Action decide(boolean activeHoster, StaffRole holderRole, boolean holderActive) {
        if (activeHoster) {
            return Action.NOTHING;
        }
        if (holderRole == null) {
            return Action.CREATE;
        }
        if (holderRole == StaffRole.HOSTER && !holderActive) {
            return Action.REACTIVATE;
        }
        return Action.ADDRESS_TAKEN;
    }
}
