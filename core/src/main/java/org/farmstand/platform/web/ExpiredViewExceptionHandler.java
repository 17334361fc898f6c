package org.farmstand.platform.web;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.PhaseId;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Iterator;
import java.util.logging.Logger;

/**
 * A request whose view state the server does not have (an old page from before a restart or after the session's
 * views were evicted, a replayed or forged form) gets the "page expired" page ({@code /WEB-INF/errorpages/expired.xhtml}
 * of the WAR) with 409 instead of the error page for server errors: nothing was done, and the session (cart,
 * sign-in) is left as it is. A web.xml error-page cannot set the status: the container answers an exception with 500.
 * Ajax requests are left to the component library's handling (a partial response, not a page). Registered in the
 * admin's faces-config.xml; the storefront registers a subclass that answers more exceptions with pages of their own
 * ({@link #answer}).
 */
public class ExpiredViewExceptionHandler extends ExceptionHandlerWrapper {

    static final String VIEW = "/WEB-INF/errorpages/expired.xhtml";
    private static final Logger LOG = Logger.getLogger(ExpiredViewExceptionHandler.class.getName());

    public ExpiredViewExceptionHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() throws FacesException {
        FacesContext context = FacesContext.getCurrentInstance();
        for (Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator(); events.hasNext(); ) {
            Throwable exception = events.next().getContext().getException();
            if (canShowPage(context) && answer(context, exception)) {
                events.remove();
            }
        }
        getWrapped().handle();
    }

    /**
     * Answers an unhandled exception with a page of its own (status set, {@link #show} called) and says so; false
     * leaves it to the wrapped handler, i.e. the server-error page. Subclasses add their cases and call this one.
     */
    protected boolean answer(FacesContext context, Throwable exception) {
        ViewExpiredException expired = Causes.causeOf(exception, ViewExpiredException.class);
        if (expired == null) {
            return false;
        }
        LOG.fine(() -> "Stale view state posted to " + expired.getViewId());
        context.getExternalContext().setResponseStatus(HttpServletResponse.SC_CONFLICT);
        show(context, VIEW);
        return true;
    }

    /**
     * Whether another view can still be rendered instead: nothing sent yet, not an Ajax request, and not already
     * rendering (a new view root set after the render phase would not be rendered, and the old one is half written).
     */
    private static boolean canShowPage(FacesContext context) {
        return context != null && !context.getExternalContext().isResponseCommitted()
                && !context.getPartialViewContext().isAjaxRequest()
                && context.getCurrentPhaseId() != PhaseId.RENDER_RESPONSE;
    }

    /** Renders {@code viewId} (a page of the WAR) as this request's answer, instead of the view that failed. */
    protected static void show(FacesContext context, String viewId) {
        context.setViewRoot(context.getApplication().getViewHandler().createView(context, viewId));
        context.renderResponse();
    }

    /** Registered in faces-config.xml. */
    public static class Factory extends ExceptionHandlerFactory {

        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new ExpiredViewExceptionHandler(getWrapped().getExceptionHandler());
        }
    }
}
