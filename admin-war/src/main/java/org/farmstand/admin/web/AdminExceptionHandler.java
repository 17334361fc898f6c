package org.farmstand.admin.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseId;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.farmstand.platform.web.Causes;
import org.farmstand.platform.web.ExpiredViewExceptionHandler;
import org.farmstand.tenancy.boundary.StaffAccess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/**
 * The admin's answers to exceptions of an action: besides the "page expired" page ({@link ExpiredViewExceptionHandler}),
 * a save that the entities' own constraints refused (a form sent without one of its fields — Faces validates only the
 * fields that were sent, so only the entity's check at the flush saw it) shows the same page again with a message of
 * what was wrong and status 422, instead of the server-error page; nothing was saved (the transaction rolled back).
 * An owner's action that a service refused to staff ({@link StaffAccess.Forbidden}) answers the 403 page; a form with a
 * file field posted without multipart/form-data (no browser does) answers 400.
 * Registered in faces-config.xml.
 */
public class AdminExceptionHandler extends ExpiredViewExceptionHandler {

    public AdminExceptionHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    protected boolean answer(FacesContext context, Throwable exception) {
        if (Causes.causeOf(exception, StaffAccess.Forbidden.class) != null && !context.getResponseComplete()
                && !context.getExternalContext().isResponseCommitted()) {
            // a service refused an owner's action to staff (the page should not have offered it): the 403 page
            try {
                context.getExternalContext().responseSendError(403, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            context.responseComplete();
            return true;
        }
        if (notMultipart(context, exception)) {
            // a form with a file field posted as a plain form (no browser sends that): 400, not the server error
            try {
                context.getExternalContext().responseSendError(400, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            context.responseComplete();
            return true;
        }
        ConstraintViolationException invalid = Causes.causeOf(exception, ConstraintViolationException.class);
        if (invalid == null || context.getCurrentPhaseId() != PhaseId.INVOKE_APPLICATION
                || context.getViewRoot() == null) {
            return super.answer(context, exception);
        }
        String details = invalid.getConstraintViolations().stream()
                .map(AdminExceptionHandler::describe).sorted().collect(Collectors.joining("; "));
        context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                Messages.format("general.formIncomplete", details), null));
        context.validationFailed();
        context.getExternalContext().setResponseStatus(422);
        context.renderResponse();
        return true;
    }

    /**
     * Whether a form with a file field (the product, the shop's logo) failed to read its fields because it was posted
     * without multipart/form-data: the container refuses to give the parts.
     */
    private static boolean notMultipart(FacesContext context, Throwable exception) {
        String type = context.getExternalContext().getRequestContentType();
        return context.getCurrentPhaseId() == PhaseId.APPLY_REQUEST_VALUES
                && Causes.causeOf(exception, jakarta.servlet.ServletException.class) != null
                && (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/"))
                && !context.getResponseComplete() && !context.getExternalContext().isResponseCommitted();
    }

    private static String describe(ConstraintViolation<?> violation) {
        String field = null;
        for (var node : violation.getPropertyPath()) {
            field = node.getName();
        }
        return field == null ? violation.getMessage() : field + ": " + violation.getMessage();
    }

    /** Registered in faces-config.xml. */
    public static class Factory extends ExceptionHandlerFactory {

        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new AdminExceptionHandler(getWrapped().getExceptionHandler());
        }
    }
}
