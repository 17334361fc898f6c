package org.farmstand.tenancy.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.farmstand.tenancy.boundary.TenantService;
import org.farmstand.tenancy.entity.TenantDomain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.net.IDN;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host names that resolve to a shop (table tenant_domain, host unique across all shops). After a commit that
 * changes them, the changed hosts are evicted from this node's host cache; other nodes see the change when their
 * cache entry expires (30 s).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY) // only inside its callers' transactions (see TenantInterceptor)
public class Domains {

    /** Labels of letters, digits and inner hyphens, at least two labels, the last one not numeric. */
    private static final Pattern HOST = Pattern.compile(
            "(?=.{4,190}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    TenantService tenants;

    @Resource
    TransactionSynchronizationRegistry registry;

    @Inject
    @ConfigProperty(name = "farmstand.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    /**
     * Splits an input of host names (commas, blanks or lines), lower-cased, without duplicates. A name with letters
     * beyond ASCII ("hofladen-müller.de", as the producer writes it) becomes the ASCII form browsers send in the Host
     * header and DNS knows ("xn--hofladen-mller-psb.de"); it was refused as not a host name. One that cannot be
     * converted stays as typed, for {@link #valid} to refuse with its name.
     */
    public static List<String> parse(String input) {
        Set<String> hosts = new LinkedHashSet<>();
        if (input != null) {
            for (String part : input.split("[,;\\s]+")) {
                String host = part.strip().toLowerCase(Locale.ROOT);
                if (host.endsWith(".")) {
                    host = host.substring(0, host.length() - 1);
                }
                if (!host.isEmpty()) {
                    hosts.add(ascii(host));
                }
            }
        }
        return List.copyOf(hosts);
    }

    private static String ascii(String host) {
        if (host.chars().allMatch(c -> c < 0x80)) {
            return host;
        }
        try {
            return IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return host;
        }
    }

    /** A stored host name as the producer reads and writes it: "hofladen-müller.de" for "xn--hofladen-mller-psb.de". */
    public static String readable(String host) {
        try {
            return IDN.toUnicode(host, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return host;
        }
    }

    public static boolean valid(String host) {
        return host != null && HOST.matcher(host).matches();
    }

    public List<String> of(long tenantId) {
        return em.createNamedQuery(TenantDomain.FIND_BY_TENANT, TenantDomain.class)
                .setParameter("tenantId", tenantId)
                .getResultStream().map(TenantDomain::getHost).toList();
    }

    /** The first host of {@code hosts} that another shop already has, or null. */
    public String takenByOther(long tenantId, Collection<String> hosts) {
        for (String host : hosts) {
            boolean taken = em.createNamedQuery(TenantDomain.FIND_BY_HOST, TenantDomain.class)
                    .setParameter("host", host)
                    .getResultStream().anyMatch(d -> d.getTenantId() != tenantId);
            if (taken) {
                return host;
            }
        }
        return null;
    }

    /**
     * The first of {@code hosts} that is the platform's own host name ({@code farmstand.public-url}) or a name under
     * it and that the shop does not have yet, or null. Those are the hoster's to give: a shop's owner who took the
     * platform's name would answer its start page with their shop (names elsewhere cannot be proven here; see
     * {@link #takenByOther}).
     */
    public String platformsOwn(long tenantId, Collection<String> hosts) {
        String platform = URI.create(publicUrl.strip()).getHost();
        List<String> current = of(tenantId);
        return hosts.stream().filter(h -> !current.contains(h) && under(h, platform)).findFirst().orElse(null);
    }

    /** {@code host} is {@code platformHost} or a name under it (both lower case; a null platform host: none). */
    static boolean under(String host, String platformHost) {
        if (platformHost == null || platformHost.isEmpty()) {
            return false;
        }
        String platform = platformHost.toLowerCase(Locale.ROOT);
        return host.equals(platform) || host.endsWith("." + platform);
    }

    /**
     * Makes {@code hosts} (valid, checked by the caller) the shop's host names. Returns true when something changed.
     * A host another shop took concurrently fails the commit on the unique key.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean replace(long tenantId, List<String> hosts) {
        List<TenantDomain> existing = em.createNamedQuery(TenantDomain.FIND_BY_TENANT, TenantDomain.class)
                .setParameter("tenantId", tenantId).getResultList();
        List<String> changed = new ArrayList<>();
        Set<String> kept = new LinkedHashSet<>();
        for (TenantDomain domain : existing) {
            if (hosts.contains(domain.getHost())) {
                kept.add(domain.getHost());
            } else {
                em.remove(domain);
                changed.add(domain.getHost());
            }
        }
        em.flush();
        for (String host : hosts) {
            if (!kept.contains(host)) {
                em.persist(new TenantDomain(tenantId, host));
                changed.add(host);
            }
        }
        em.flush();
        if (!changed.isEmpty()) {
            List<String> evict = List.copyOf(changed);
            registry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        tenants.forgetHosts(evict);
                    }
                }
            });
        }
        return !changed.isEmpty();
    }
}
