package org.farmstand.storefront.web;

import jakarta.servlet.http.HttpServletRequest;
import org.farmstand.tenancy.boundary.TenantInfo;

import java.util.Map;

/** What the router found for a request; stored as a request attribute. */
public record ShopRequest(TenantInfo tenant, String basePath, Route route, Map<String, String> params) {

    public static final String ATTRIBUTE = "farmstand.shopRequest";

    public static ShopRequest of(HttpServletRequest request) {
        return (ShopRequest) request.getAttribute(ATTRIBUTE);
    }

    public String param(String name) {
        return params.get(name);
    }
}
