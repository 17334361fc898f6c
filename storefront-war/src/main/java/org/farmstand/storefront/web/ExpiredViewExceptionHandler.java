package org.farmstand.storefront.web;

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
 * Storefront views are transient and their forms plain POSTs, so a request only carries view state the server does
 * not have when it is stale or forged (an old page from before a restart, a replayed form). Instead of the error page
 * for server errors, the visitor gets the "page expired" page with 409: nothing was done, and the session (cart,
 * sign-in) is left as it is. (A web.xml error-page cannot do this: the container matches the ServletException that
 * wraps the ViewExpiredException against the catch-all Throwable mapping first.)
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
                    && !context.getExternalContext().isResponseCommitted()) {
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
