package org.farmstand.storefront.web;

import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.ordering.control.PlacementGate;
import org.farmstand.platform.web.Causes;
import org.farmstand.platform.web.ExpiredViewExceptionHandler;

import java.util.logging.Logger;

/**
 * The storefront's Faces exception handler: the expired-view page as in the admin, and the busy page (503 with
 * Retry-After) for a {@link PlacementGate.Busy} that an action let through. The pages that place, change or accept
 * catch it themselves and show their form again; this is the net for an action that does not, which would otherwise
 * get the server-error page (500): the web.xml error-page for Busy does not see it, Faces wraps it. Nothing was
 * written (the gate refuses before the work starts), so the request may be sent again. Here, not in core's handler:
 * only the storefront has the busy page and calls gated methods.
 */
public class ShopExceptionHandler extends ExpiredViewExceptionHandler {

    static final String BUSY_VIEW = "/WEB-INF/errorpages/busy.xhtml";
    private static final Logger LOG = Logger.getLogger(ShopExceptionHandler.class.getName());

    public ShopExceptionHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    protected boolean answer(FacesContext context, Throwable exception) {
        if (Causes.causeOf(exception, PlacementGate.Busy.class) == null) {
            return super.answer(context, exception);
        }
        // a surge, not a fault: no stack trace in the log
        LOG.fine(() -> "Placement gate busy for " + context.getExternalContext().getRequestServletPath());
        Pages.busy((HttpServletResponse) context.getExternalContext().getResponse());
        show(context, BUSY_VIEW);
        return true;
    }

    /** Registered in faces-config.xml instead of core's factory. */
    public static class Factory extends ExceptionHandlerFactory {

        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new ShopExceptionHandler(getWrapped().getExceptionHandler());
        }
    }
}
