package org.farmstand.tours.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.farmstand.platform.persistence.TenantOwned;
import org.farmstand.tours.control.Postcodes;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

/** A delivery round such as "Tuesday North": a weekday, the postcodes it serves, a capacity per date. */
@Entity
@Table(name = "tour")
@NamedQuery(name = Tour.FIND_ALL, query = "SELECT t FROM Tour t ORDER BY t.weekday, t.name")
@NamedQuery(name = Tour.FIND_ACTIVE, query = "SELECT t FROM Tour t WHERE t.active = TRUE ORDER BY t.weekday, t.name")
public class Tour extends TenantOwned {

    public static final String FIND_ALL = "Tour.findAll";
    public static final String FIND_ACTIVE = "Tour.findActive";

    @NotBlank
    @Size(max = 120)
    private String name;

    /** ISO day of week, 1 = Monday. */
    @Min(1)
    @Max(7)
    private int weekday;

    /** Comma-separated postcodes or prefixes ending in '*' (e.g. "79098, 791*"). */
    @NotBlank
    @Size(max = 1000)
    private String postcodes;

    @Min(0)
    @Max(100_000)
    private int capacity;

    @Min(0)
    @Max(14)
    @Column(name = "cutoff_days_before")
    private int cutoffDaysBefore = 2;

    @NotNull
    @Column(name = "cutoff_time")
    private LocalTime cutoffTime = LocalTime.of(18, 0);

    @Min(1)
    @Max(26)
    @Column(name = "weeks_ahead")
    private int weeksAhead = 6;

    private boolean active = true;

    public Set<String> postcodeRules() {
        return Postcodes.parse(postcodes);
    }

    public boolean serves(String postcode) {
        return Postcodes.matches(postcodeRules(), postcode);
    }

    public DayOfWeek dayOfWeek() {
        return DayOfWeek.of(weekday);
    }

    public String getName() { return name; }
    /** Without surrounding blanks, like a product's name (the tour lists sort and show it). */
    public void setName(String name) { this.name = name == null ? null : name.strip(); }
    public int getWeekday() { return weekday; }
    public void setWeekday(int weekday) { this.weekday = weekday; }
    public String getPostcodes() { return postcodes; }
    public void setPostcodes(String postcodes) { this.postcodes = postcodes; }
    public int getCapacity() { return capacity; }
    public void setCapacity(int capacity) { this.capacity = capacity; }
    public int getCutoffDaysBefore() { return cutoffDaysBefore; }
    public void setCutoffDaysBefore(int cutoffDaysBefore) { this.cutoffDaysBefore = cutoffDaysBefore; }
    public LocalTime getCutoffTime() { return cutoffTime; }
    public void setCutoffTime(LocalTime cutoffTime) { this.cutoffTime = cutoffTime; }
    public int getWeeksAhead() { return weeksAhead; }
    public void setWeeksAhead(int weeksAhead) { this.weeksAhead = weeksAhead; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
}
