package org.farmstand.tenancy.entity;

public enum TenantStatus {
    ACTIVE, SUSPENDED
}
