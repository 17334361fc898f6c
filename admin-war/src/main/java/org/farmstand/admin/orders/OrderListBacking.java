package org.farmstand.admin.orders;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.farmstand.ordering.boundary.OrderAdminService;

import java.time.LocalDate;
import java.util.List;

/**
 * Upcoming tour dates with their fill level (/orders/list), and the earlier dates, newest first and paged in the
 * database (/orders/list?until=2026-11-24&amp;page=2: up to and including a day), for complaints about a past delivery;
 * each date links to its orders and its picking and delivery lists.
 */
@Named
@RequestScoped
public class OrderListBacking {

    /** Earlier dates per page. */
    static final int PAGE = 20;

    @Inject
    OrderAdminService service;

    private List<OrderAdminService.DateFill> dates;
    private List<OrderAdminService.DateFill> pastDates;
    private Long pastTotal;
    private LocalDate until;
    private int page = 1;

    /**
     * How many upcoming dates the list shows. Tours generate up to 99 weeks ahead, so a shop can have more: the page
     * then says where the later ones are (their tour's dates page links each date's orders), instead of leaving
     * their orders unreachable without a word.
     */
    static final int UPCOMING = 60;

    private boolean moreDates;

    public List<OrderAdminService.DateFill> getDates() {
        if (dates == null) {
            List<OrderAdminService.DateFill> found = service.upcomingDates(UPCOMING + 1);
            moreDates = found.size() > UPCOMING;
            dates = moreDates ? List.copyOf(found.subList(0, UPCOMING)) : found;
        }
        return dates;
    }

    /** Whether there are upcoming dates after the ones listed. */
    public boolean isMoreDates() {
        getDates();
        return moreDates;
    }

    public int getUpcoming() {
        return UPCOMING;
    }

    public List<OrderAdminService.DateFill> getPastDates() {
        if (pastDates == null) {
            page = Math.max(1, page);
            pastDates = service.pastDates(until, (page - 1) * PAGE, PAGE);
        }
        return pastDates;
    }

    public long getPastTotal() {
        if (pastTotal == null) {
            pastTotal = service.countPastDates(until);
        }
        return pastTotal;
    }

    public long getPastPages() {
        return Math.max(1, (getPastTotal() + PAGE - 1) / PAGE);
    }

    public boolean isHasNext() {
        return (long) Math.max(1, page) * PAGE < getPastTotal();
    }

    public boolean isHasPrevious() {
        return page > 1;
    }

    public LocalDate getUntil() { return until; }
    public void setUntil(LocalDate until) { this.until = until; }
    public int getPage() { return Math.max(1, page); }
    public void setPage(int page) { this.page = page; }
}
