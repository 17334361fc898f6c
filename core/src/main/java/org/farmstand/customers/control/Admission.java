package org.farmstand.customers.control;

import org.farmstand.customers.entity.CustomerStatus;
import org.farmstand.tenancy.entity.CustomerPolicy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/** The new-customer policy of a shop, applied to a customer who has just verified their e-mail address. */
public final class Admission {

    public enum Decision {
        /** May order now. */
        ACTIVATE,
        /** Waits for a producer's approval. */
        AWAIT_APPROVAL,
        /** This week's intake is used up: waits on the home tour's admission list. */
        WAIT_IN_LINE
    }

    private Admission() {
    }

    public static Decision decide(CustomerPolicy policy, long activatedThisWeek, int weeklyIntake) {
        return switch (policy) {
            case OPEN -> Decision.ACTIVATE;
            case APPROVAL -> Decision.AWAIT_APPROVAL;
            case CAPPED -> activatedThisWeek < weeklyIntake ? Decision.ACTIVATE : Decision.WAIT_IN_LINE;
        };
    }

    /**
     * How many of those waiting in line (they came while the intake was capped and used up) may be admitted now: with
     * a capped intake what is left of the week's ({@code activatedThisWeek} of {@code weeklyIntake}); once the shop is
     * open, all of them (a newcomer is let in at once there, so nobody in line may stay behind); with approval by the
     * producer none (the producer approves them from the queue, where they are).
     */
    public static long roomForThoseInLine(CustomerPolicy policy, int weeklyIntake, long activatedThisWeek) {
        return switch (policy) {
            case OPEN -> Long.MAX_VALUE;
            case APPROVAL -> 0;
            case CAPPED -> Math.max(0, weeklyIntake - activatedThisWeek);
        };
    }

    /**
     * Whether a producer may approve a customer with this status: a new one (pending), or one rejected before (the
     * decision is taken back; they get the same welcome mail). Blocked customers are unblocked instead, active ones
     * need nothing.
     */
    public static boolean approvable(CustomerStatus status) {
        return status == CustomerStatus.PENDING || status == CustomerStatus.REJECTED;
    }

    /** Start of the intake week: Monday 00:00 in the shop's zone. */
    public static Instant weekStart(LocalDate today, ZoneId zone) {
        return today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant();
    }
}
