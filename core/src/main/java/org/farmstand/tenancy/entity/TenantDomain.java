package org.farmstand.tenancy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A host name that resolves to a shop (custom domain). */
@Entity
@Table(name = "tenant_domain")
@NamedQuery(name = TenantDomain.FIND_BY_HOST, query = "SELECT d FROM TenantDomain d WHERE d.host = :host")
@NamedQuery(name = TenantDomain.FIND_BY_TENANT, query = "SELECT d FROM TenantDomain d WHERE d.tenantId = :tenantId ORDER BY d.host")
public class TenantDomain {

    public static final String FIND_BY_HOST = "TenantDomain.findByHost";
    public static final String FIND_BY_TENANT = "TenantDomain.findByTenant";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tenant_id")
    private long tenantId;

    private String host;

    protected TenantDomain() {
    }

    public TenantDomain(long tenantId, String host) {
        this.tenantId = tenantId;
        this.host = host;
    }

    public Long getId() { return id; }
    public long getTenantId() { return tenantId; }
    public String getHost() { return host; }
}
