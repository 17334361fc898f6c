package org.farmstand.admin.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIInput;
import jakarta.faces.context.FacesContext;
import org.primefaces.component.inputtext.InputText;
import org.primefaces.component.inputtext.InputTextRenderer;
import org.primefaces.component.inputtextarea.InputTextarea;
import org.primefaces.component.inputtextarea.InputTextareaRenderer;

/**
 * A text field's {@code maxlength} as a rule the server checks, not a cut. PrimeFaces' text inputs shorten a longer
 * submitted value to {@code maxlength} when they decode it: the rest was dropped without a word (a 10,000-character
 * name saved as its first 120), and a cut through a character outside the BMP (an emoji) left half of it, stored as
 * "?". The browser keeps a typed value within {@code maxlength}; a longer one (a post made without the page, a script)
 * is now a field error ("at most N characters") and the page shows what was sent. Registered for both components in
 * faces-config.xml.
 */
public final class MaxLength {

    private MaxLength() {
    }

    /** After PrimeFaces' decode: a sent value longer than {@code maxlength} makes the field invalid, unchanged. */
    static void check(FacesContext context, UIInput input, int maxlength) {
        if (maxlength <= 0 || input.getSubmittedValue() == null) {
            return; // nothing sent, or a disabled or read-only field (PrimeFaces does not decode those)
        }
        String clientId = input.getClientId(context);
        String sent = context.getExternalContext().getRequestParameterMap().get(clientId);
        if (sent == null || sent.length() <= maxlength) {
            return;
        }
        input.setSubmittedValue(sent);
        input.setValid(false);
        context.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                Messages.format("general.tooLong", maxlength, sent.length()), null));
    }

    /** {@code p:inputText}. */
    public static class TextRenderer extends InputTextRenderer {
        @Override
        public void decode(FacesContext context, jakarta.faces.component.UIComponent component) {
            super.decode(context, component);
            check(context, (InputText) component, ((InputText) component).getMaxlength());
        }
    }

    /** {@code p:inputTextarea}. */
    public static class TextareaRenderer extends InputTextareaRenderer {
        @Override
        public void decode(FacesContext context, jakarta.faces.component.UIComponent component) {
            super.decode(context, component);
            check(context, (InputTextarea) component, ((InputTextarea) component).getMaxlength());
        }
    }
}
