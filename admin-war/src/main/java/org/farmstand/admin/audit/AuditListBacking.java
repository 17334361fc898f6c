package org.farmstand.admin.audit;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.farmstand.admin.web.Formats;
import org.farmstand.admin.web.Messages;
import org.farmstand.admin.web.Staff;
import org.farmstand.audit.boundary.AuditDetail;
import org.farmstand.audit.boundary.AuditLog;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.LongFunction;

/**
 * The shop's audit log (/audit/list?entity=product&amp;page=2), for owners only: newest first, 50 a page, paged and
 * filtered in the database. Read-only, so plain GET links and a GET filter form.
 */
@Named
@RequestScoped
public class AuditListBacking {

    static final int PAGE = 50;

    @Inject
    AuditLog audit;

    @Inject
    Staff staff;

    private String entity;
    private int page = 1;
    private List<AuditLog.Entry> entries;
    private long total;

    public void load() {
        if (entity != null && !AuditLog.ENTITIES.contains(entity)) {
            entity = null;
        }
        page = Math.max(1, page);
        total = audit.count(entity);
        entries = audit.page((page - 1) * PAGE, PAGE, entity);
    }

    /** An entry's detail in the reader's language; older entries (plain text) as they were written. */
    public String detail(AuditLog.Entry entry) {
        Locale language = Formats.language();
        return render(entry.detail(), ResourceBundle.getBundle(Messages.BUNDLE, language), language, staff::money);
    }

    /**
     * {@code stored} (the detail column) rendered with {@code bundle}: its key's text with the arguments filled in, dates
     * and amounts ({@code money}) in the reader's notation.
     */
    static String render(String stored, ResourceBundle bundle, Locale language, LongFunction<String> money) {
        var detail = AuditDetail.decode(stored);
        if (detail.isEmpty() || !bundle.containsKey(detail.get().key())) {
            return stored;
        }
        Object[] args = detail.get().args().stream().map(arg -> {
            if (arg instanceof LocalDate date) {
                return Formats.date(date, language);
            }
            if (arg instanceof AuditDetail.Money amount) {
                return money.apply(amount.cents());
            }
            if (arg instanceof AuditDetail.Key key) {
                return bundle.containsKey(key.key()) ? bundle.getString(key.key()) : key.key();
            }
            return arg;
        }).toArray();
        return new MessageFormat(bundle.getString(detail.get().key()), Formats.formatLocale(language)).format(args);
    }

    public List<String> getEntities() {
        return AuditLog.ENTITIES;
    }

    public boolean isHasNext() {
        return (long) page * PAGE < total;
    }

    public boolean isHasPrevious() {
        return page > 1;
    }

    public long getPages() {
        return Math.max(1, (total + PAGE - 1) / PAGE);
    }

    public String getEntity() { return entity; }
    public void setEntity(String entity) { this.entity = entity == null || entity.isBlank() ? null : entity; }
    public int getPage() { return page; }
    public void setPage(int page) { this.page = page; }
    public List<AuditLog.Entry> getEntries() { return entries; }
    public long getTotal() { return total; }
}
