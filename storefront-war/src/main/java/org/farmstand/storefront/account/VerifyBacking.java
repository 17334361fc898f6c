package org.farmstand.storefront.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import org.farmstand.customers.boundary.CustomerService;
import org.farmstand.customers.boundary.CustomerService.Verified;
import org.farmstand.storefront.web.Pages;

/** /account/verify?token=...: the link of the verification mail; says what happens next by the shop's policy. */
@Named
@RequestScoped
public class VerifyBacking {

    @Inject
    CustomerService customers;

    private Verified result;

    public void handle() {
        result = customers.verify(Pages.param("token")).orElse(null);
        if (result == null) {
            Pages.status(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    public Verified getResult() {
        return result;
    }

    /** Bundle key of the outcome: active, pendingApproval, waiting, or invalid. */
    public String getOutcome() {
        if (result == null) {
            return "verify.invalid";
        }
        return switch (result.status()) {
            case ACTIVE -> "verify.active";
            case PENDING -> result.waitingPosition() > 0 ? "verify.waiting" : "verify.pendingApproval";
            default -> "verify.notActive";
        };
    }
}
