package org.farmstand.admin.audit;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.farmstand.audit.boundary.AuditLog;

import java.util.List;

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
