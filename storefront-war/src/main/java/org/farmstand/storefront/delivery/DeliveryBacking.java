package org.farmstand.storefront.delivery;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.farmstand.customers.boundary.CustomerService;
import org.farmstand.storefront.cart.CustomerLogin;
import org.farmstand.storefront.web.Pages;
import org.farmstand.tours.boundary.TourService;
import org.farmstand.tours.boundary.TourService.TourView;

import java.util.List;

/**
 * "Do you deliver to me?": a GET form with a postcode, answered with the tours serving it and their next dates. Read
 * only, no session: a signed-in customer's own postcode is prefilled from an existing session only.
 */
@Named
@RequestScoped
public class DeliveryBacking {

    /** The same rule as a customer's postcode (Customer.postcode). */
    static final String POSTCODE = "[0-9A-Za-z ]{3,10}";

    @Inject
    TourService tours;

    @Inject
    CustomerService customers;

    private String postcode;
    private String error;
    private List<TourView> serving;
    private boolean searched;

    public void load() {
        postcode = Pages.param("postcode");
        if (postcode == null || postcode.isEmpty()) {
            CustomerLogin login = Pages.login();
            postcode = login == null ? null
                    : customers.profile(login.customerId()).map(CustomerService.Profile::postcode).orElse(null);
        }
        if (postcode == null || postcode.isEmpty()) {
            postcode = "";
            return;
        }
        if (!valid(postcode)) {
            error = "delivery.error.invalid";
            return;
        }
        searched = true;
        serving = tours.toursServing(postcode);
    }

    static boolean valid(String postcode) {
        return postcode != null && postcode.matches(POSTCODE) && postcode.chars().anyMatch(Character::isDigit);
    }

    public String getPostcode() { return postcode; }
    public String getError() { return error; }
    public boolean isSearched() { return searched; }
    public List<TourView> getTours() { return serving == null ? List.of() : serving; }
    public boolean isNoTour() { return searched && getTours().isEmpty(); }
}
