package org.farmstand.storefront.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tenancy.boundary.TenantService;

import java.util.List;

/** The platform's landing page (a request for no shop): links to the active shops. */
@Named
@RequestScoped
public class PlatformBacking {

    @Inject
    TenantService tenants;

    public List<TenantInfo> getShops() {
        return tenants.all().stream().filter(TenantInfo::active).toList();
    }
}
