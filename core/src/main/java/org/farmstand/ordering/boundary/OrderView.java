package org.farmstand.ordering.boundary;

import org.farmstand.catalog.entity.Unit;
import org.farmstand.ordering.entity.OrderStatus;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An order as its customer sees it (lines are empty in lists). */
public record OrderView(String number, OrderStatus status, long tourDateId, String tourName, LocalDate deliveryDate,
                        Instant cutoffAt, long totalCents, Instant createdAt, boolean cancellable,
                        List<Line> lines) implements Serializable {

    public record Line(long productId, String productName, Unit unit, int quantity, long unitPriceCents,
                       long lineTotalCents) implements Serializable {
    }
}
