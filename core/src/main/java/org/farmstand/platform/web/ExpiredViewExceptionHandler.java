package org.farmstand.platform.web;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.component.UIViewRoot;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Iterator;
import java.util.logging.Logger;

/**
 * A request whose view state the server does not have (an old page from before a restart or after the session's
 * views were evicted, a replayed or forged form) gets the "page expired" page ({@code /WEB-INF/errorpages/expired.xhtml}
 * of the WAR) with 409 instead of the error page for server errors: nothing was done, and the session (cart,
 * sign-in) is left as it is. A web.xml error-page cannot set the status: the container answers an exception with 500.
 * Ajax requests are left to the component library's handling (a partial response, not a page). Registered in both
 * WARs' faces-config.xml.
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
            while (exception != null && !(exception instanceof ViewExpiredException) && exception.getCause() != exception) {
                exception = exception.getCause();
            }
            if (exception instanceof ViewExpiredException expired && context != null
                    && !context.getExternalContext().isResponseCommitted()
                    && !context.getPartialViewContext().isAjaxRequest()) {
                events.remove();
                LOG.fine(() -> "Stale view state posted to " + expired.getViewId());
                context.getExternalContext().setResponseStatus(HttpServletResponse.SC_CONFLICT);
                UIViewRoot root = context.getApplication().getViewHandler().createView(context, VIEW);
                context.setViewRoot(root);
                context.renderResponse();
            }
        }
        getWrapped().handle();
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
