package org.farmstand.tenancy.boundary;

import org.farmstand.tenancy.entity.CustomerPolicy;
import org.farmstand.tenancy.entity.Tenant;
import org.farmstand.tenancy.entity.TenantStatus;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/** A shop as the web tier sees it: immutable, cached per content version. */
public record TenantInfo(long id, String slug, String name, TenantStatus status, String defaultLocale,
                         List<String> locales, String currency, String primaryColor, String accentColor,
                         Long logoImageId, String logoHash, String tagline, String welcomeText, String contactEmail,
                         CustomerPolicy customerPolicy, int weeklyIntake, long minOrderCents, int offerHours,
                         long contentVersion) implements Serializable {

    static TenantInfo of(Tenant t, String logoHash) {
        return new TenantInfo(t.getId(), t.getSlug(), t.getName(), t.getStatus(), t.getDefaultLocale(),
                List.copyOf(Arrays.stream(t.getLocales().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()),
                t.getCurrency(), t.getPrimaryColor(), t.getAccentColor(), t.getLogoImageId(), logoHash, t.getTagline(),
                t.getWelcomeText(), t.getContactEmail(), t.getCustomerPolicy(), t.getWeeklyIntake(),
                t.getMinOrderCents(), t.getOfferHours(), t.getContentVersion());
    }

    public boolean active() {
        return status == TenantStatus.ACTIVE;
    }
}
