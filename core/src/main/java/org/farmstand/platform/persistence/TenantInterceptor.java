package org.farmstand.platform.persistence;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The one place where the tenant reaches EclipseLink: it sets the tenant discriminator on the transaction's
 * EntityManager. Runs after {@code @Transactional}'s interceptor (PLATFORM_BEFORE + 200) so the property lands on
 * the EntityManager of the running transaction; with no tenant known it refuses to run at all.
 */
@Tenanted
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class TenantInterceptor {

    public static final String TENANT_PROPERTY = "farmstand.tenant";

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @AroundInvoke
    public Object withTenant(InvocationContext ctx) throws Exception {
        long tenantId = TenantContext.require();
        em.setProperty(TENANT_PROPERTY, tenantId);
        return ctx.proceed();
    }
}
