package org.farmstand.storefront.web;

import jakarta.faces.application.ViewHandler;
import jakarta.faces.application.ViewHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;

/** Forms post back to the pretty URL they were shown under, not to the internal view path. */
public class ShopViewHandler extends ViewHandlerWrapper {

    public ShopViewHandler(ViewHandler wrapped) {
        super(wrapped);
    }

    @Override
    public String getActionURL(FacesContext context, String viewId) {
        HttpServletRequest request = (HttpServletRequest) context.getExternalContext().getRequest();
        ShopRequest shop = ShopRequest.of(request);
        if (shop != null) {
            var route = Route.byViewId(viewId);
            if (shop.route() != null && route.isPresent() && route.get() == shop.route()) {
                Object original = request.getAttribute("jakarta.servlet.forward.request_uri");
                if (original != null) {
                    return original.toString();
                }
            }
            if (route.isPresent() && !route.get().pattern().contains("{")) {
                return shop.basePath() + route.get().path();
            }
        }
        return super.getActionURL(context, viewId);
    }
}
