package org.farmstand.tours.boundary;

/**
 * Places on a tour date became free (a cancellation, a raised capacity, an expired offer). Fired inside the
 * transaction that freed them; the waiting list offers them after that transaction commits.
 */
public record CapacityFreed(long tenantId, long tourDateId) {
}
