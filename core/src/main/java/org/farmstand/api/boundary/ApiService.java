package org.farmstand.api.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.farmstand.catalog.entity.Product;
import org.farmstand.ordering.control.ChangeFeed;
import org.farmstand.ordering.entity.CustomerOrder;
import org.farmstand.ordering.entity.OrderStatus;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.tenancy.boundary.ContentVersions;
import org.farmstand.tours.entity.Tour;
import org.farmstand.tours.entity.TourDate;
import org.farmstand.tours.control.Cutoffs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** What the REST API for management systems reads and writes, in the thread's shop (set from the API token). */
@ApplicationScoped
@Transactional
@Tenanted
public class ApiService {

    public static final int MAX_PAGE = 200;

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    ContentVersions contentVersions;

    public record TourDateDto(long id, LocalDate date, int capacity, int booked, int held, String status,
                              Instant cutoff) {
    }

    public record TourDto(long id, String name, int weekday, boolean active, List<TourDateDto> dates) {
    }

    public record LineDto(long productId, String productName, String unit, int quantity, long unitPriceCents,
                          long lineTotalCents) {
    }

    public record OrderDto(String number, String status, long changeSeq, long tourDateId, LocalDate deliveryDate,
                           long customerId, String customerName, String customerEmail, long totalCents,
                           Instant createdAt, Instant updatedAt, List<LineDto> lines) {
    }

    /** One page of the change feed: {@code cursor} is where the next page starts, {@code more} whether it has data. */
    public record FeedPage(List<OrderDto> orders, long cursor, boolean more) {
    }

    public record ProductDto(long id, String name, long priceCents, boolean active, Integer stock,
                             String externalId, long version) {
    }

    public sealed interface StatusResult {
        record Changed(OrderDto order) implements StatusResult { }
        record NotFound() implements StatusResult { }
        record NotAllowed(OrderStatus from) implements StatusResult { }
    }

    /** Active tours with their dates from today on. */
    public List<TourDto> tours() {
        Map<Long, List<TourDateDto>> dates = new LinkedHashMap<>();
        em.createQuery("SELECT d FROM TourDate d WHERE d.deliveryDate >= :from ORDER BY d.deliveryDate, d.id",
                        TourDate.class)
                .setParameter("from", LocalDate.now(Cutoffs.ZONE))
                .getResultStream()
                .forEach(d -> dates.computeIfAbsent(d.getTour().getId(), k -> new ArrayList<>()).add(date(d)));
        return em.createQuery("SELECT t FROM Tour t ORDER BY t.weekday, t.name, t.id", Tour.class).getResultStream()
                .map(t -> new TourDto(t.getId(), t.getName(), t.getWeekday(), t.isActive(),
                        dates.getOrDefault(t.getId(), List.of())))
                .toList();
    }

    /** Orders created or changed after {@code since} (a change number), oldest change first. */
    public FeedPage changes(long since, int limit) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        List<CustomerOrder> found = em.createQuery("SELECT o FROM CustomerOrder o JOIN FETCH o.tourDate"
                        + " JOIN FETCH o.customer WHERE o.changeSeq > :since ORDER BY o.changeSeq", CustomerOrder.class)
                .setParameter("since", since)
                .setMaxResults(size + 1)
                .getResultList();
        boolean more = found.size() > size;
        List<OrderDto> page = found.stream().limit(size).map(ApiService::order).toList();
        long cursor = page.isEmpty() ? since : page.get(page.size() - 1).changeSeq();
        return new FeedPage(page, cursor, more);
    }

    /** The orders on one of this shop's tour dates; empty when the date is not this shop's. */
    public Optional<List<OrderDto>> ordersOn(long tourDateId) {
        if (em.find(TourDate.class, tourDateId) == null) {
            return Optional.empty();
        }
        return Optional.of(em.createNamedQuery(CustomerOrder.FIND_BY_TOUR_DATE, CustomerOrder.class)
                .setParameter("tourDateId", tourDateId).getResultStream().map(ApiService::order).toList());
    }

    public Optional<ProductDto> setPrice(long productId, long priceCents) {
        return changeProduct(productId, p -> p.setPriceCents(priceCents));
    }

    public Optional<ProductDto> setActive(long productId, boolean active) {
        return changeProduct(productId, p -> p.setActive(active));
    }

    /** Sets the stock; null means "not tracked" (unlimited). */
    public Optional<ProductDto> setStock(long productId, Integer stock) {
        return changeProduct(productId, p -> p.setStock(stock));
    }

    /**
     * Marks an order PACKED or DELIVERED (the management system packs and delivers). Setting the status it already
     * has changes nothing and succeeds; a cancelled order, or going back from DELIVERED, is not allowed.
     */
    public StatusResult setOrderStatus(String number, OrderStatus to) {
        if (to != OrderStatus.PACKED && to != OrderStatus.DELIVERED) {
            throw new IllegalArgumentException("Only PACKED and DELIVERED can be set through the API");
        }
        Optional<CustomerOrder> found = number == null || number.length() > 20 ? Optional.empty()
                : em.createQuery("SELECT o FROM CustomerOrder o WHERE o.orderNumber = :number", CustomerOrder.class)
                .setParameter("number", number).getResultStream().findFirst();
        if (found.isEmpty()) {
            return new StatusResult.NotFound();
        }
        CustomerOrder order = found.get();
        OrderStatus from = order.getStatus();
        if (from == to) {
            return new StatusResult.Changed(order(order));
        }
        boolean allowed = switch (from) {
            case PLACED, CONFIRMED -> true;
            case PACKED -> to == OrderStatus.DELIVERED;
            case DELIVERED, CANCELLED -> false;
        };
        if (!allowed) {
            return new StatusResult.NotAllowed(from);
        }
        order.setStatus(to);
        ChangeFeed.touch(em, order);
        em.flush();
        return new StatusResult.Changed(order(order));
    }

    private Optional<ProductDto> changeProduct(long productId, Consumer<Product> change) {
        Product product = em.find(Product.class, productId);
        if (product == null) {
            return Optional.empty();
        }
        change.accept(product);
        contentVersions.bump();
        em.flush();
        return Optional.of(product(product));
    }

    private static ProductDto product(Product p) {
        return new ProductDto(p.getId(), p.getName(), p.getPriceCents(), p.isActive(), p.getStock(),
                p.getExternalId(), p.getVersion());
    }

    private static TourDateDto date(TourDate d) {
        return new TourDateDto(d.getId(), d.getDeliveryDate(), d.getCapacity(), d.getBooked(), d.getHeld(),
                d.getStatus().name(), d.getCutoffAt());
    }

    private static OrderDto order(CustomerOrder o) {
        var c = o.getCustomer();
        var d = o.getTourDate();
        List<LineDto> lines = o.getLines().stream().map(l -> new LineDto(l.getProductId(), l.getProductName(),
                l.getUnit().name(), l.getQuantity(), l.getUnitPriceCents(), l.getLineTotalCents())).toList();
        return new OrderDto(o.getOrderNumber(), o.getStatus().name(), o.getChangeSeq(), d.getId(),
                d.getDeliveryDate(), c.getId(), c.fullName(), c.getEmail(), o.getTotalCents(), o.getCreatedAt(),
                o.getUpdatedAt(), lines);
    }
}
