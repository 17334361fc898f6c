package org.farmstand.storefront.account;

import org.farmstand.customers.boundary.CustomerService;
import org.farmstand.storefront.web.Pages;

import java.util.Map;

/** The address fields shared by the registration and profile forms, read from a plain POST. */
final class AccountForm {

    private AccountForm() {
    }

    static CustomerService.Registration read(String email, String password, String locale) {
        return new CustomerService.Registration(email, password, raw("firstName"), raw("lastName"), raw("street"),
                raw("postcode"), raw("city"), raw("phone"), locale);
    }

    /** The value as posted (length-capped), for redisplay and for the service (which strips it). */
    static String raw(String name) {
        String value = Pages.request().getParameter(name);
        return value == null ? null : value.length() > 500 ? value.substring(0, 500) : value;
    }

    /** Bundle key of a field error ({@code account.invalid.<code>}), or null. */
    static String errorKey(Map<String, String> errors, String field) {
        String code = errors.get(field);
        return code == null ? null : "account.invalid." + code;
    }
}
