package org.farmstand.platform.persistence;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The one place where the tenant reaches EclipseLink: it sets the tenant discriminator on the transaction's
 * EntityManager. Runs after {@code @Transactional}'s interceptor (PLATFORM_BEFORE + 200) so the property lands on
 * the EntityManager of the running transaction; with no tenant known it refuses to run at all.
 * <p>
 * Without a transaction (methods marked {@code NOT_SUPPORTED}, which run each attempt in a transactional bean of
 * their own) there is no EntityManager to set it on, and it does not try: Payara keeps the EntityManager it opens
 * outside a transaction in a field of the one wrapper all threads share and closes it at the next call, so touching
 * the EntityManager there fails other threads under load ("closed EntityManager"). Such methods must not use the
 * EntityManager themselves; the beans they call set the tenant on their own transaction.
 */
@Tenanted
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class TenantInterceptor {

    public static final String TENANT_PROPERTY = "farmstand.tenant";

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @AroundInvoke
    public Object withTenant(InvocationContext ctx) throws Exception {
        long tenantId = TenantContext.require();
        if (transactions.getTransactionKey() != null) {
            em.setProperty(TENANT_PROPERTY, tenantId);
        }
        return ctx.proceed();
    }
}
