package org.farmstand.api.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.farmstand.catalog.control.DateStock;
import org.farmstand.catalog.control.Pricing;
import org.farmstand.catalog.entity.Product;
import org.farmstand.catalog.entity.ProductDateStock;
import org.farmstand.catalog.entity.Unit;
import org.farmstand.customers.entity.Customer;
import org.farmstand.customers.entity.CustomerStatusChange;
import org.farmstand.ordering.control.ChangeFeed;
import org.farmstand.ordering.boundary.OrderAdminService;
import org.farmstand.ordering.control.OrderedSoFar;
import org.farmstand.ordering.control.Weighing;
import org.farmstand.ordering.entity.CustomerOrder;
import org.farmstand.ordering.entity.OrderStatus;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.tenancy.boundary.ContentVersions;
import org.farmstand.tours.entity.Tour;
import org.farmstand.tours.entity.TourDate;
import org.farmstand.tours.control.Cutoffs;
import org.farmstand.waitlist.boundary.WaitlistService;
import org.farmstand.waitlist.control.WishedOrder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** What the REST API for management systems reads and writes, in the thread's shop (set from the API token). */
@ApplicationScoped
@Transactional
@Tenanted
public class ApiService {

    public static final int MAX_PAGE = 200;

    /** EclipseLink query hints (org.eclipse.persistence.config.QueryHints.BATCH / BATCH_TYPE). */
    private static final String BATCH = "eclipselink.batch";
    private static final String BATCH_TYPE = "eclipselink.batch.type";

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    ContentVersions contentVersions;

    @Inject
    WaitlistService waitlists;

    @Inject
    OrderedSoFar orderedSoFar;

    @Inject
    OrderAdminService orders;

    @Schema(name = "TourDateDto")
    public record TourDateDto(long id, LocalDate date, int capacity, int booked, int held, String status,
                              Instant cutoff) {
    }

    @Schema(name = "TourDto")
    public record TourDto(long id, String name, int weekday, boolean active, List<TourDateDto> dates) {
    }

    /**
     * A line. For a product sold by weight (a piece, bunch or box charged by its weight): {@code pricePerKgCents} and
     * {@code approxWeightGrams} (of one unit) as ordered, {@code unitPriceCents} their estimate of one unit, and
     * {@code weighedGrams} once the shop has weighed the line (all its units); {@code lineTotalCents} is the line's
     * amount now (the estimate, then weight x price per kg), {@code finalLineTotalCents} the amount to bill, null while
     * it is an estimate ({@code estimated}). Lines priced per unit have no weights and their final amount at once.
     * {@code id}: the line's, for {@code PUT /orders/{number}/lines/{id}/weight}.
     */
    @Schema(name = "LineDto", description = "An order line. id: the line's, for PUT"
            + " /orders/{number}/lines/{id}/weight. lineTotalCents: the line's amount now; for a product sold"
            + " by weight (pricePerKgCents and approxWeightGrams set) it is an estimate (estimated: true) until the shop"
            + " weighs the line (in the admin, or the management system with that PUT), then weighedGrams x"
            + " pricePerKgCents / 1000, rounded half up to the cent."
            + " finalLineTotalCents: the amount to bill, null while it is an estimate.")
    public record LineDto(long id, long productId, String productName, String unit, int quantity, long unitPriceCents,
                          long lineTotalCents, Long pricePerKgCents, Integer approxWeightGrams, Integer weighedGrams,
                          boolean estimated, Long finalLineTotalCents) {
    }

    @Schema(name = "OrderDto", description = "An order. totalCents: the sum of the lines' amounts now; estimated:"
            + " true while a line sold by weight is not weighed (totalCents is then an estimate).")
    public record OrderDto(String number, String status, long changeSeq, long tourDateId, LocalDate deliveryDate,
                           long customerId, String customerName, String customerEmail, long totalCents,
                           Instant createdAt, Instant updatedAt, List<LineDto> lines, boolean estimated) {
    }

    /**
     * One page of a change feed (orders or customers, oldest change first): {@code cursor} is where the next page
     * starts (the last item's change number, or the requested one on an empty page), {@code more} whether it has data.
     */
    public record FeedPage<T>(List<T> items, long cursor, boolean more) {
    }

    /** {@code stock}: what is left of the quantity on hand now (orders count it down); null: not tracked. */
    @Schema(name = "ProductDto", description = "A product; stock: what is left of the quantity on hand"
            + " now (every order counts it down, cancellations give back), null when not tracked. unit: PIECE, KG,"
            + " BUNCH or BOX (what one ordered quantity is). A product sold by"
            + " weight has pricePerKgCents and approxWeightGrams (of one unit), and its priceCents is the estimate they"
            + " make (orders are charged by the weighed weight); both are null for a product priced per unit."
            + " externalId: the management system's id of the product, null when none is stored.")
    public record ProductDto(long id, String name, String unit, long priceCents, boolean active, Integer stock,
                             String externalId, long version, Long pricePerKgCents, Integer approxWeightGrams) {
    }

    @Schema(name = "StatusChangeDto")
    public record StatusChangeDto(String status, Instant at) {
    }

    /** {@code locale}: the language of the customer's mails (one of the shop's, e.g. "en"); null: the shop default. */
    @Schema(name = "CustomerDto")
    public record CustomerDto(long id, String email, String firstName, String lastName, String street,
                              String postcode, String city, String phone, String locale, String status,
                              boolean emailVerified,
                              Long homeTourId, String externalId, Instant registeredAt, Instant activatedAt,
                              Instant updatedAt, long changeSeq, List<StatusChangeDto> statusChanges) {
    }

    @Schema(name = "WaitlistDateDto")
    public record WaitlistDateDto(long tourDateId, String tourName, LocalDate date, int capacity, int booked,
                                  int held, long waiting, long offered) {
    }

    @Schema(name = "WishedItemDto")
    public record WishedItemDto(long productId, String productName, int quantity) {
    }

    /** {@code position} 1 for the first in line, null for an entry that holds an offer or is closed. */
    @Schema(name = "WaitlistEntryDto", description = "A waiting-list entry. position: 1 for the first in line, null"
            + " for an entry that holds an offer or has ended. status: WAITING (in line), OFFERED (a place is held"
            + " until offeredUntil), ACCEPTED (the offer became an order), EXPIRED (the offer ran out, or ordering"
            + " closed while it ran), WITHDRAWN (the customer left the list, or was blocked), CANCELLED (the farm"
            + " cancelled the date), NO_PLACE (ordering closed with the customer still waiting), REMOVED (the farm"
            + " took the entry off the list; the customer was told by mail).")
    public record WaitlistEntryDto(long id, Integer position, String status, long customerId, String customerName,
                                   String customerEmail, Instant createdAt, Instant offeredUntil,
                                   List<WishedItemDto> wished) {
    }

    @Schema(name = "WaitlistDto")
    public record WaitlistDto(long tourDateId, String tourName, LocalDate date, int capacity, int booked, int held,
                              List<WaitlistEntryDto> entries) {
    }

    /** {@code remaining} null: not limited. */
    @Schema(name = "DateStockDto")
    public record DateStockDto(long productId, long tourDateId, LocalDate date, boolean available, Integer stock,
                               int sold, Integer remaining, Instant updatedAt) {
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
    public FeedPage<OrderDto> changes(long since, int limit) {
        return feedPage(em.createQuery("SELECT o FROM CustomerOrder o JOIN FETCH o.tourDate"
                        + " JOIN FETCH o.customer WHERE o.changeSeq > :since ORDER BY o.changeSeq", CustomerOrder.class)
                        .setHint(BATCH, "o.lines").setHint(BATCH_TYPE, "IN"), // the page's lines in one more query
                since, limit, CustomerOrder::getChangeSeq, page -> page.stream().map(ApiService::order).toList());
    }

    /**
     * The one paging of both change feeds: the entities after {@code since} in change-number order (the query's
     * {@code :since}), at most {@code limit} (1 to {@value #MAX_PAGE}) of them; one more is fetched to know whether
     * there are more. The numbers come from {@link ChangeFeed}, whose counter row stays locked until the writer
     * commits, so a number below the cursor never becomes visible later.
     */
    private static <E, D> FeedPage<D> feedPage(TypedQuery<E> query, long since, int limit, ToLongFunction<E> changeSeq,
                                               Function<List<E>, List<D>> dtos) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        List<E> found = query.setParameter("since", since).setMaxResults(size + 1).getResultList();
        List<E> page = found.stream().limit(size).toList();
        long cursor = page.isEmpty() ? since : changeSeq.applyAsLong(page.get(page.size() - 1));
        return new FeedPage<>(dtos.apply(page), cursor, found.size() > size);
    }

    /** The orders on one of this shop's tour dates; empty when the date is not this shop's. */
    public Optional<List<OrderDto>> ordersOn(long tourDateId) {
        if (em.find(TourDate.class, tourDateId) == null) {
            return Optional.empty();
        }
        return Optional.of(em.createNamedQuery(CustomerOrder.FIND_BY_TOUR_DATE, CustomerOrder.class)
                .setParameter("tourDateId", tourDateId).setHint(BATCH, "o.lines").setHint(BATCH_TYPE, "IN")
                .getResultList().stream().map(ApiService::order).toList());
    }

    /** One of the shop's orders by its number, as in the feed; empty when the shop has no such order. */
    public Optional<OrderDto> order(String number) {
        if (number == null || number.length() > 20) {
            return Optional.empty();
        }
        return em.createQuery("SELECT o FROM CustomerOrder o JOIN FETCH o.tourDate JOIN FETCH o.customer"
                        + " WHERE o.orderNumber = :number", CustomerOrder.class)
                .setParameter("number", number).getResultStream().findFirst().map(ApiService::order);
    }

    /**
     * The shop's products, active or not, by id; with {@code externalId}, only those that carry it (the management
     * system's id of a product).
     */
    public List<ProductDto> products(String externalId) {
        TypedQuery<Product> query = externalId == null
                ? em.createQuery("SELECT p FROM Product p ORDER BY p.id", Product.class)
                : em.createQuery("SELECT p FROM Product p WHERE p.externalId = :externalId ORDER BY p.id",
                        Product.class).setParameter("externalId", externalId);
        return query.getResultStream().map(ApiService::product).toList();
    }

    /** One of the shop's products; empty when the shop has no such product. */
    public Optional<ProductDto> product(long id) {
        return Optional.ofNullable(em.find(Product.class, id)).map(ApiService::product);
    }

    /**
     * The product as {@link #product} answers it, read with a write lock that holds until the caller's transaction
     * ends (an API write's If-Match: nothing, an order's stock included, changes it before the write is made).
     */
    public Optional<ProductDto> lockedProduct(long id) {
        return Optional.ofNullable(em.find(Product.class, id, LockModeType.PESSIMISTIC_WRITE)).map(ApiService::product);
    }

    /**
     * The order as {@link #order(String)} answers it, its row read with a write lock that holds until the caller's
     * transaction ends (only the order's row: its tour date stays free for other orders). The status change and
     * the weighing lock the order first too.
     */
    public Optional<OrderDto> lockedOrder(String number) {
        if (number == null || number.length() > 20) {
            return Optional.empty();
        }
        return em.createQuery("SELECT o FROM CustomerOrder o WHERE o.orderNumber = :number", CustomerOrder.class)
                .setParameter("number", number).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().map(ApiService::order);
    }

    /** Customers created or changed after {@code since} (a customer change number), oldest change first. */
    public FeedPage<CustomerDto> customerChanges(long since, int limit) {
        return feedPage(em.createQuery("SELECT c FROM Customer c WHERE c.changeSeq > :since"
                        + " ORDER BY c.changeSeq", Customer.class),
                since, limit, Customer::getChangeSeq, page -> {
                    Map<Long, List<StatusChangeDto>> history = statusChanges(page.stream().map(Customer::getId).toList());
                    return page.stream().map(c -> customer(c, history.getOrDefault(c.getId(), List.of()))).toList();
                });
    }

    /** One customer as in the feed, or empty when the shop has no such customer. */
    public Optional<CustomerDto> customer(long id) {
        return Optional.ofNullable(em.find(Customer.class, id))
                .map(c -> customer(c, statusChanges(List.of(id)).getOrDefault(id, List.of())));
    }

    private Map<Long, List<StatusChangeDto>> statusChanges(Collection<Long> customerIds) {
        Map<Long, List<StatusChangeDto>> result = new HashMap<>();
        if (customerIds.isEmpty()) {
            return result;
        }
        em.createNamedQuery(CustomerStatusChange.FIND_FOR_CUSTOMERS, CustomerStatusChange.class)
                .setParameter("ids", List.copyOf(customerIds)).getResultStream()
                .forEach(s -> result.computeIfAbsent(s.getCustomerId(), k -> new ArrayList<>())
                        .add(new StatusChangeDto(s.getStatus().name(), s.getChangedAt())));
        return result;
    }

    private static CustomerDto customer(Customer c, List<StatusChangeDto> history) {
        return new CustomerDto(c.getId(), c.getEmail(), c.getFirstName(), c.getLastName(), c.getStreet(),
                c.getPostcode(), c.getCity(), c.getPhone(), c.getLocale(), c.getStatus().name(), c.isEmailVerified(),
                c.getHomeTourId(), c.getExternalId(), c.getRegisteredAt(), c.getActivatedAt(), c.getUpdatedAt(),
                c.getChangeSeq(), history);
    }

    /** Upcoming dates that have live waiting-list entries, soonest first. */
    public List<WaitlistDateDto> waitlists() {
        return waitlists.datesWithLists().stream().filter(WaitlistService.DateSummary::live)
                .map(d -> new WaitlistDateDto(d.tourDateId(), d.tourName(), d.date(), d.capacity(), d.booked(),
                        d.held(), d.waiting(), d.offered()))
                .toList();
    }

    /** A date's waiting list in order (live entries by position, then the history); empty when not this shop's. */
    public Optional<WaitlistDto> waitlist(long tourDateId) {
        TourDate date = em.find(TourDate.class, tourDateId);
        if (date == null) {
            return Optional.empty();
        }
        List<WaitlistService.EntryView> entries = waitlists.entriesFor(tourDateId);
        Map<Long, Map<Long, Integer>> wished = new HashMap<>();
        java.util.Set<Long> productIds = new java.util.HashSet<>();
        for (WaitlistService.EntryView e : entries) {
            Map<Long, Integer> items = WishedOrder.parse(e.wishedOrder());
            wished.put(e.id(), items);
            productIds.addAll(items.keySet());
        }
        Map<Long, String> productNames = new HashMap<>();
        if (!productIds.isEmpty()) {
            em.createNamedQuery(Product.FIND_BY_IDS, Product.class).setParameter("ids", List.copyOf(productIds))
                    .getResultStream().forEach(p -> productNames.put(p.getId(), p.getName()));
        }
        Map<Long, String> emails = new HashMap<>();
        List<Long> customerIds = entries.stream().map(WaitlistService.EntryView::customerId).distinct().toList();
        if (!customerIds.isEmpty()) {
            em.createQuery("SELECT c FROM Customer c WHERE c.id IN :ids", Customer.class)
                    .setParameter("ids", customerIds).getResultStream()
                    .forEach(c -> emails.put(c.getId(), c.getEmail()));
        }
        List<WaitlistEntryDto> dtos = entries.stream().map(e -> new WaitlistEntryDto(e.id(),
                        e.position() > 0 ? e.position() : null, e.status().name(), e.customerId(), e.customerName(),
                        emails.get(e.customerId()), e.createdAt(), e.offeredUntil(),
                        wished.get(e.id()).entrySet().stream()
                                .map(w -> new WishedItemDto(w.getKey(), productNames.get(w.getKey()), w.getValue()))
                                .toList()))
                .toList();
        return Optional.of(new WaitlistDto(date.getId(), date.getTour().getName(), date.getDeliveryDate(),
                date.getCapacity(), date.getBooked(), date.getHeld(), dtos));
    }

    /** Availability and stock of a product on the dates that have them; empty when the product is not this shop's. */
    public Optional<List<DateStockDto>> dateStocksOf(long productId) {
        if (em.find(Product.class, productId) == null) {
            return Optional.empty();
        }
        return Optional.of(em.createNamedQuery(ProductDateStock.FIND_BY_PRODUCT, ProductDateStock.class)
                .setParameter("productId", productId).getResultStream().map(this::dateStock).toList());
    }

    /** Availability and stock of the products that have them on a date; empty when the date is not this shop's. */
    public Optional<List<DateStockDto>> dateStocksOn(long tourDateId) {
        if (em.find(TourDate.class, tourDateId) == null) {
            return Optional.empty();
        }
        return Optional.of(em.createNamedQuery(ProductDateStock.FIND_BY_DATE, ProductDateStock.class)
                .setParameter("tourDateId", tourDateId).getResultStream().map(this::dateStock).toList());
    }

    /**
     * Sets whether a product can be ordered for a date and how much of it ({@code stock} null: no limit). The first
     * write for a product and date counts what active orders already hold of it as sold. Empty when the product or
     * the date is not this shop's.
     */
    public Optional<DateStockDto> setDateStock(long productId, long tourDateId, boolean available, Integer stock) {
        TourDate date = em.find(TourDate.class, tourDateId);
        if (em.find(Product.class, productId) == null || date == null) {
            return Optional.empty();
        }
        // Orders hold their tour date's row from booking the place until they commit and take stock in between: with
        // that row locked here, every order on the date has either committed or waits, and then takes from the stock
        // row this call creates. The stock row is read with a lock, so it is the latest committed one; the first row
        // counts the active orders in a transaction of its own (DateStock.open), never waiting for an order's lines.
        em.lock(date, LockModeType.PESSIMISTIC_WRITE);
        ProductDateStock row = em.createNamedQuery(ProductDateStock.FIND, ProductDateStock.class)
                .setParameter("productId", productId).setParameter("tourDateId", tourDateId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst()
                .orElseGet(() -> DateStock.open(em, productId, tourDateId,
                        () -> orderedSoFar.quantity(productId, tourDateId)));
        row.setAvailable(available);
        row.setStock(stock);
        em.flush();
        return Optional.of(dateStock(row));
    }

    private DateStockDto dateStock(ProductDateStock s) {
        TourDate date = em.find(TourDate.class, s.getTourDateId());
        return new DateStockDto(s.getProductId(), s.getTourDateId(), date == null ? null : date.getDeliveryDate(),
                s.isAvailable(), s.getStock(), s.getSold(), s.remaining(), s.getUpdatedAt());
    }

    /** Outcome of {@link #setPrice}. */
    public sealed interface PriceResult {
        record Written(ProductDto product) implements PriceResult { }
        record NotFound() implements PriceResult { }
        /** The price does not fit how the product is priced; nothing was written. {@code detail} says why. */
        record Refused(String problem, String detail) implements PriceResult { }
    }

    /**
     * Sets a product's price: {@code priceCents} (the price of one unit; with unit kg the price per kg) for a product
     * priced per unit, {@code pricePerKgCents} for a product sold by weight (its estimated unit price follows from it
     * and its approximate weight, see catalog.control.Pricing); exactly one of them is given. A unit price for a
     * product sold by weight is refused rather than taken: it is an estimate there, and storing it would contradict
     * the price per kg the shop charges by. A price per kg for a product with unit kg is its price.
     */
    public PriceResult setPrice(long productId, Long priceCents, Long pricePerKgCents) {
        if ((priceCents == null) == (pricePerKgCents == null)) {
            throw new IllegalArgumentException("exactly one of priceCents and pricePerKgCents");
        }
        // locked, as every API write of a product: a management system pushing over several connections at once has
        // its writes made one after the other instead of failing each other's version check (409 after the retries)
        Product product = em.find(Product.class, productId, LockModeType.PESSIMISTIC_WRITE);
        if (product == null) {
            return new PriceResult.NotFound();
        }
        boolean byWeight = product.isSoldByWeight();
        if (byWeight) {
            if (pricePerKgCents == null) {
                return new PriceResult.Refused("sold-by-weight", "The product is sold by weight: it costs "
                        + product.getPricePerKgCents() + " cents per kg, one " + product.getUnit().name().toLowerCase()
                        + " weighs about " + product.getApproxWeightGrams() + " g, and its priceCents ("
                        + product.getPriceCents() + ") is the estimate they make. Send pricePerKgCents instead.");
            }
            List<Pricing.Problem> problems = Pricing.check(product.getUnit(), null, pricePerKgCents,
                    product.getApproxWeightGrams());
            if (!problems.isEmpty()) {
                return new PriceResult.Refused("price-out-of-range", switch (problems.get(0).key()) {
                    case "products.edit.pricePerKg.zero" -> "pricePerKgCents must be more than 0.";
                    case "products.edit.piece.free" -> "At " + pricePerKgCents + " cents per kg one unit of about "
                            + product.getApproxWeightGrams() + " g would cost 0 cents.";
                    default -> "At " + pricePerKgCents + " cents per kg one unit of about "
                            + product.getApproxWeightGrams() + " g would cost more than " + Product.MAX_PRICE_CENTS
                            + " cents.";
                });
            }
            product.setPricePerKgCents(pricePerKgCents);
            Pricing.apply(product);
        } else if (priceCents == null && product.getUnit() != Unit.KG) {
            return new PriceResult.Refused("priced-per-unit", "The product is priced per "
                    + product.getUnit().name().toLowerCase() + ", not sold by weight: send priceCents.");
        } else {
            product.setPriceCents(priceCents != null ? priceCents : pricePerKgCents);
        }
        contentVersions.bump();
        em.flush();
        return new PriceResult.Written(product(product));
    }

    public Optional<ProductDto> setActive(long productId, boolean active) {
        return changeProduct(productId, LockModeType.PESSIMISTIC_WRITE, p -> p.setActive(active));
    }

    /**
     * Sets the stock, the quantity on hand that orders count down from now on (catalog.control.ProductStock); null
     * means "not tracked" (unlimited). The row is read with a lock: orders take from it in the database, and a value
     * equal to this transaction's older snapshot would otherwise not be written.
     */
    public Optional<ProductDto> setStock(long productId, Integer stock) {
        return changeProduct(productId, LockModeType.PESSIMISTIC_WRITE, p -> p.setStock(stock));
    }

    /**
     * Marks an order PACKED or DELIVERED (the management system packs and delivers). Setting the status it already
     * has changes nothing and succeeds; a cancelled order, or going back from DELIVERED, is not allowed.
     */
    public StatusResult setOrderStatus(String number, OrderStatus to) {
        if (to != OrderStatus.PACKED && to != OrderStatus.DELIVERED) {
            throw new IllegalArgumentException("Only PACKED and DELIVERED can be set through the API");
        }
        // locked first, like the customer's cancel and change and the admin's status change: a concurrent cancel is
        // waited for and its status checked (NotAllowed), and the change counter is never taken before the order's
        // row (the other order would deadlock with a customer's cancel)
        Optional<CustomerOrder> found = number == null || number.length() > 20 ? Optional.empty()
                : em.createQuery("SELECT o FROM CustomerOrder o WHERE o.orderNumber = :number", CustomerOrder.class)
                .setParameter("number", number).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
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

    /** Outcome of {@link #setWeight}. */
    public sealed interface WeightResult {
        record Written(OrderDto order) implements WeightResult { }
        record NotFound() implements WeightResult { }
        /** The order's status refuses weighing (cancelled). */
        record NotAllowed(OrderStatus status) implements WeightResult { }
        /** The line is priced per unit. */
        record NotByWeight() implements WeightResult { }
        /** The weight is not from 1 to {@code maxGrams}. */
        record OutOfBounds(int maxGrams) implements WeightResult { }
    }

    /**
     * Sets what a line sold by weight weighed (all its units together), or clears it back to the estimate
     * ({@code grams} null), through the admin's own rule ({@link OrderAdminService#weighLine}: status, bounds, audit,
     * total, change feed); answers the order as in the feed. Another shop's order, or a line of another order, is not
     * found.
     */
    public WeightResult setWeight(String number, long lineId, Integer grams) {
        Optional<Long> orderId = number == null || number.length() > 20 ? Optional.empty()
                : em.createQuery("SELECT o.id FROM CustomerOrder o WHERE o.orderNumber = :number", Long.class)
                .setParameter("number", number).getResultStream().findFirst();
        if (orderId.isEmpty()) {
            return new WeightResult.NotFound();
        }
        OrderAdminService.LineResult result = orders.weighLine(orderId.get(), lineId, grams);
        CustomerOrder order = em.find(CustomerOrder.class, orderId.get());
        return switch (result) {
            case WEIGHED -> new WeightResult.Written(order(order));
            case NOT_FOUND -> new WeightResult.NotFound();
            case NOT_ALLOWED -> new WeightResult.NotAllowed(order.getStatus());
            case NOT_BY_WEIGHT -> new WeightResult.NotByWeight();
            case OUT_OF_BOUNDS -> new WeightResult.OutOfBounds(order.getLines().stream()
                    .filter(l -> l.getId() == lineId).findFirst().map(Weighing::maxGrams).orElseThrow());
        };
    }

    private Optional<ProductDto> changeProduct(long productId, LockModeType lock, Consumer<Product> change) {
        Product product = em.find(Product.class, productId, lock);
        if (product == null) {
            return Optional.empty();
        }
        change.accept(product);
        contentVersions.bump();
        em.flush();
        return Optional.of(product(product));
    }

    private static ProductDto product(Product p) {
        boolean byWeight = p.isSoldByWeight();
        return new ProductDto(p.getId(), p.getName(), p.getUnit().name(), p.getPriceCents(), p.isActive(), p.getStock(),
                p.getExternalId(), p.getVersion(), byWeight ? p.getPricePerKgCents() : null,
                byWeight ? p.getApproxWeightGrams() : null);
    }

    private static TourDateDto date(TourDate d) {
        return new TourDateDto(d.getId(), d.getDeliveryDate(), d.getCapacity(), d.getBooked(), d.getHeld(),
                d.getStatus().name(), d.getCutoffAt());
    }

    private static OrderDto order(CustomerOrder o) {
        var c = o.getCustomer();
        var d = o.getTourDate();
        List<LineDto> lines = o.getLines().stream().map(l -> {
            boolean estimated = l.isByWeight() && !l.isWeighed();
            return new LineDto(l.getId(), l.getProductId(), l.getProductName(), l.getUnit().name(), l.getQuantity(),
                    l.getUnitPriceCents(), l.getLineTotalCents(), l.isByWeight() ? l.getPricePerKgCents() : null,
                    l.isByWeight() ? l.getApproxWeightGrams() : null, l.getWeighedGrams(), estimated,
                    estimated ? null : l.getLineTotalCents());
        }).toList();
        return new OrderDto(o.getOrderNumber(), o.getStatus().name(), o.getChangeSeq(), d.getId(),
                d.getDeliveryDate(), c.getId(), c.fullName(), c.getEmail(), o.getTotalCents(), o.getCreatedAt(),
                o.getUpdatedAt(), lines, lines.stream().anyMatch(LineDto::estimated));
    }
}
