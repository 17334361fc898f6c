package org.farmstand.admin.orders;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.validator.ValidatorException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.farmstand.admin.web.Formats;
import org.farmstand.admin.web.Messages;
import org.farmstand.admin.web.Pages;
import org.farmstand.catalog.control.Pricing;
import org.farmstand.ordering.boundary.OrderAdminService;
import org.farmstand.ordering.entity.OrderStatus;
import org.farmstand.platform.web.Causes;

import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One order (/orders/detail?id=N), its status changes and the weights of its lines sold by weight. */
@Named
@ViewScoped
public class OrderDetailBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    private Long id;
    private OrderAdminService.OrderDetail order;
    /** Line id → the weight as typed (kg in the page's language); prefilled with what was weighed. */
    private final Map<Long, String> weights = new HashMap<>();

    public void load() {
        order = id == null ? null : service().order(id).orElse(null);
        if (order == null) {
            Pages.notFound();
            return;
        }
        Locale language = Formats.language();
        weights.clear();
        order.lines().stream().filter(OrderAdminService.Line::byWeight)
                .forEach(l -> weights.put(l.id(), Formats.weight(l.weighedGrams(), language)));
    }

    /**
     * Changes the status. When the customer cancelled or changed the order meanwhile, the service has waited for them
     * and checked the status anew: a change no longer possible is said so with the status the order has now, and the
     * page shows the order as it is (not the buttons of the status it had). A concurrent write the lock did not keep
     * out (optimistic lock at flush) is the same kind of message, never the error page: nothing was written.
     */
    public void change(OrderStatus to) {
        OrderStatus shown = order.status();
        OrderAdminService.ChangeResult result;
        try {
            result = service().changeStatus(order.id(), to);
        } catch (RuntimeException e) {
            if (!Causes.optimisticLock(e)) {
                throw e;
            }
            load(); // the order as it is now
            if (order != null) {
                Pages.error(null, "orders.detail.conflict");
            }
            return;
        }
        switch (result) {
            case CHANGED -> {
                Pages.info("orders.detail.changed", Messages.get("OrderStatus." + to.name()));
                Pages.redirect("/orders/detail?id=" + order.id());
            }
            case NOT_ALLOWED -> {
                load(); // the order as it is now (its buttons are those of its status now)
                if (order == null) {
                    return;
                }
                if (order.status() != shown) {
                    Pages.error(null, "orders.detail.notAllowed.now", Messages.get("OrderStatus." + order.status()));
                } else {
                    Pages.error(null, "orders.detail.notAllowed");
                }
            }
            case NOT_FOUND -> Pages.notFound();
        }
    }

    /**
     * Checks one weight field on the server (the line comes as the field's attribute "line"): kg with the page's
     * decimal separator, at most grams, more than 0, at most five times the line's estimate. Blank leaves it as is.
     */
    public void validateWeight(FacesContext context, UIComponent component, Object value) {
        OrderAdminService.Line line = (OrderAdminService.Line) component.getAttributes().get("line");
        Locale language = Formats.language();
        Pricing.Weight weight = Pricing.parseWeight((String) value, language, line.quantity(), line.approxWeightGrams());
        if (weight.problem() != null) {
            throw new ValidatorException(new FacesMessage(FacesMessage.SEVERITY_ERROR, Messages.format(weight.problem(),
                    line.productName(), Formats.kg(line.estimatedGrams(), language),
                    Formats.kg(Pricing.maxWeighedGrams(line.quantity(), line.approxWeightGrams()), language)), null));
        }
    }

    /** Saves the weights entered (blank fields leave their line as it is). */
    public void weigh() {
        Locale language = Formats.language();
        Map<Long, Integer> grams = new LinkedHashMap<>();
        for (OrderAdminService.Line line : order.lines()) {
            if (!line.byWeight()) {
                continue;
            }
            Pricing.Weight weight = Pricing.parseWeight(weights.get(line.id()), language, line.quantity(),
                    line.approxWeightGrams());
            if (weight.problem() != null) { // the field's validator has said so: not reached from the page
                Pages.error(null, weight.problem(), line.productName(), Formats.kg(line.estimatedGrams(), language),
                        Formats.kg(Pricing.maxWeighedGrams(line.quantity(), line.approxWeightGrams()), language));
                return;
            }
            if (weight.grams() != null) {
                grams.put(line.id(), weight.grams());
            }
        }
        switch (service().weigh(order.id(), order.version(), grams)) {
            case WEIGHED -> {
                Pages.info("orders.detail.weighed");
                Pages.redirect("/orders/detail?id=" + order.id());
            }
            case NOT_ALLOWED -> Pages.error(null, "orders.detail.weigh.notAllowed");
            case STALE -> {
                Pages.error(null, "orders.detail.weigh.stale");
                Map<Long, String> typed = new HashMap<>(weights);
                load(); // the order as it is now, with what was typed (to check and save again)
                typed.forEach((line, text) -> weights.computeIfPresent(line, (k, v) -> text));
            }
            case INVALID -> Pages.error(null, "orders.detail.weigh.invalid");
            case NOT_FOUND -> Pages.notFound();
        }
    }

    /**
     * Clears a line's weight entered by mistake: the line is an estimate again. The message names the weight it had,
     * so a wrong click is undone by typing it again (no confirmation: nothing is lost and nobody is told).
     */
    public void clear(long lineId) {
        OrderAdminService.Line line = order.lines().stream().filter(l -> l.id() == lineId).findFirst().orElse(null);
        if (line == null) { // not a line of the order shown (a tampered post)
            Pages.error(null, "orders.detail.weigh.invalid");
            return;
        }
        switch (service().clearWeight(order.id(), order.version(), lineId)) {
            case WEIGHED -> {
                Pages.info("orders.detail.weightCleared", line.productName(),
                        line.weighedGrams() == null ? "" : Formats.kg(line.weighedGrams(), Formats.language()));
                Pages.redirect("/orders/detail?id=" + order.id());
            }
            case NOT_ALLOWED -> Pages.error(null, "orders.detail.weigh.notAllowed");
            case STALE -> {
                Pages.error(null, "orders.detail.weigh.stale");
                load();
            }
            case INVALID -> Pages.error(null, "orders.detail.weigh.invalid");
            case NOT_FOUND -> Pages.notFound();
        }
    }

    /** The clear button's accessible name: "Clear the weight of Bergkäse". */
    public String clearLabel(OrderAdminService.Line line) {
        return Messages.format("orders.detail.weight.clear.label", line.productName());
    }

    /** "Cancel order 2026-0042 of Emil Ärger? They will be told by mail." */
    public String getCancelQuestion() {
        return order == null ? null
                : Messages.format("orders.detail.cancel.confirm", order.number(), order.customerName());
    }

    private static OrderAdminService service() {
        return CDI.current().select(OrderAdminService.class).get();
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public OrderAdminService.OrderDetail getOrder() { return order; }
    public Map<Long, String> getWeights() { return weights; }
}
