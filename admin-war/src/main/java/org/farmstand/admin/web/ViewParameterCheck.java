package org.farmstand.admin.web;

import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import jakarta.faces.view.ViewMetadata;

/**
 * Answers 404 when a page is opened with a view parameter that does not convert ({@code /orders/detail?id=abc},
 * {@code id=1.5}, an id beyond a long), the same answer as an unknown id. Faces skips the page's view action after a
 * conversion failure, so the backing bean's own 404 never runs and the page would render around an empty bean: a
 * server error or a hollow page with working forms. Only a GET is checked: on a postback a failed field is the form's
 * own validation message.
 */
public class ViewParameterCheck implements PhaseListener {

    private static final long serialVersionUID = 1L;

    @Override
    public PhaseId getPhaseId() {
        return PhaseId.RENDER_RESPONSE;
    }

    @Override
    public void beforePhase(PhaseEvent event) {
        var faces = event.getFacesContext();
        if (!faces.isPostback() && faces.isValidationFailed() && faces.getViewRoot() != null
                && ViewMetadata.getViewParameters(faces.getViewRoot()).stream().anyMatch(p -> !p.isValid())) {
            Pages.notFound();
        }
    }

    @Override
    public void afterPhase(PhaseEvent event) {
    }
}
