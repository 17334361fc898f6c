package org.farmstand.tours.entity;

public enum TourDateStatus {
    OPEN, CANCELLED
}
