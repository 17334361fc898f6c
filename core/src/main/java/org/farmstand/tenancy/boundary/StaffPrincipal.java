package org.farmstand.tenancy.boundary;

import org.farmstand.tenancy.entity.StaffRole;

import java.io.Serializable;

/** Who is signed in to admin: ids and small values only, kept in the (replicated) session. */
public record StaffPrincipal(long userId, Long tenantId, String email, String displayName, StaffRole role)
        implements Serializable {

    public boolean owner() {
        return role == StaffRole.OWNER;
    }

    public boolean hoster() {
        return role == StaffRole.HOSTER;
    }
}
