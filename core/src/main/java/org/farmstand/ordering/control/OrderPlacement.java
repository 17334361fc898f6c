package org.farmstand.ordering.control;

import jakarta.annotation.Resource;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.farmstand.waitlist.control.Offers;
import org.farmstand.waitlist.control.WishedOrder;
import org.farmstand.waitlist.entity.WaitlistEntry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.farmstand.catalog.control.DateStock;
import org.farmstand.catalog.entity.Product;
import org.farmstand.customers.entity.Customer;
import org.farmstand.customers.entity.CustomerStatus;
import org.farmstand.mail.control.MailText;
import org.farmstand.mail.entity.OutboxMail;
import org.farmstand.ordering.boundary.PlaceResult;
import org.farmstand.ordering.entity.CustomerOrder;
import org.farmstand.ordering.entity.OrderLine;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.platform.persistence.Tenanted;
import org.farmstand.tenancy.boundary.ContentVersions;
import org.farmstand.tenancy.boundary.TenantInfo;
import org.farmstand.tenancy.boundary.TenantService;
import org.farmstand.tours.control.Cutoffs;
import org.farmstand.tours.control.DateOrdering;
import org.farmstand.tours.entity.TourDate;
import org.farmstand.tours.entity.TourDateStatus;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One attempt to place an order, in its own transaction (REQUIRES_NEW): if the INSERT hits the UNIQUE idempotency
 * key of a concurrent twin, this transaction rolls back as a whole and {@link org.farmstand.ordering.boundary.OrderService}
 * looks the key up again in a fresh one (also after any other failure, e.g. a deadlock victim: one more attempt).
 * Lock order: the order's rows are inserted first (a shared lock on the customer's row through its foreign key),
 * then the tour date, the stock rows of the date, the rows of the products that count their stock and the change-feed
 * counter, in one database call, which also ends the transaction (V8: COMMIT when placed, ROLLBACK when not), so
 * those rows are locked only inside the database. Nothing is written after that call, except the shop's content
 * version when the order took the last of a product's stock ({@code bumpIfSoldOut}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
@Tenanted
public class OrderPlacement {

    public static final int MAX_QUANTITY = 99;
    public static final int MAX_LINES = 50;
    private static final String NUMBER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** EclipseLink disables native SQL once multitenant entities exist; the procedure filters by tenant itself. */
    private static final String NATIVE = "eclipselink.jdbc.allow-native-sql-query";

    @PersistenceContext(unitName = "farmstand")
    EntityManager em;

    @Inject
    TenantService tenants;

    @Inject
    ContentVersions versions;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** The shop's public address: the order mails link the order's page. */
    @Inject
    @ConfigProperty(name = "farmstand.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    Clock clock = Clock.systemUTC();

    public Optional<CustomerOrder> byKey(String key) {
        return em.createNamedQuery(CustomerOrder.FIND_BY_KEY, CustomerOrder.class)
                .setParameter("key", key).getResultStream().findFirst();
    }

    /** The order number a key created for this customer, if any. */
    public Optional<String> numberForKey(long customerId, String key) {
        return byKey(key).filter(o -> o.getCustomer().getId() == customerId).map(CustomerOrder::getOrderNumber);
    }

    public static boolean validKey(String key) {
        return key != null && key.matches("[A-Za-z0-9_-]{16,64}");
    }

    /** Pure rule check of the requested quantities (no database): null when fine, else a reason key. */
    public static String checkQuantities(Map<Long, Integer> quantities) {
        if (quantities == null || quantities.isEmpty()) {
            return "order.invalid.empty";
        }
        if (quantities.size() > MAX_LINES) {
            return "order.invalid.tooManyLines";
        }
        for (Map.Entry<Long, Integer> e : quantities.entrySet()) {
            if (e.getKey() == null || e.getValue() == null || e.getValue() < 1 || e.getValue() > MAX_QUANTITY) {
                return "order.invalid.quantity";
            }
        }
        return null;
    }

    /**
     * The requested lines at today's prices: {@code problem} is null when they can be ordered (quantities within the
     * rules, every product active, the total at least {@code minOrderCents}), else a reason key of the storefront
     * bundle and the other fields are empty; {@code problemProduct} names the product the problem is about (one that
     * is no longer available: the refusal names it), else null. Reads the products in the caller's transaction. The
     * products' stock is not checked here: an order takes it in the database, where what is left decides
     * (catalog.control.ProductStock).
     */
    public record Priced(List<OrderLine> lines, Map<Long, Product> products, long totalCents, String problem,
                         Product problemProduct) {

        static Priced refused(String problem) {
            return refused(problem, null);
        }

        static Priced refused(String problem, Product product) {
            return new Priced(List.of(), Map.of(), 0, problem, product);
        }

        /** The first line (in product id order) asking for more than its product's stock as read, if any. */
        public Optional<OrderLine> beyondStock() {
            return lines.stream().sorted(java.util.Comparator.comparingLong(OrderLine::getProductId))
                    .filter(l -> {
                        Integer stock = products.get(l.getProductId()).getStock();
                        return stock != null && stock < l.getQuantity();
                    }).findFirst();
        }
    }

    /** Prices {@code quantities} (see {@link Priced}); used by the placement and by joining a waiting list. */
    public static Priced price(EntityManager em, Map<Long, Integer> quantities, long minOrderCents) {
        String problem = checkQuantities(quantities);
        if (problem != null) {
            return Priced.refused(problem);
        }
        Map<Long, Product> products = new HashMap<>();
        em.createNamedQuery(Product.FIND_BY_IDS, Product.class)
                .setParameter("ids", List.copyOf(quantities.keySet()))
                .getResultList().forEach(p -> products.put(p.getId(), p));
        List<OrderLine> lines = new ArrayList<>();
        long total = 0;
        for (Map.Entry<Long, Integer> e : quantities.entrySet()) {
            Product p = products.get(e.getKey());
            if (p == null) {
                return Priced.refused("order.invalid.product");
            }
            if (!p.isActive()) {
                return Priced.refused("order.invalid.unavailable", p); // deactivated: the refusal names it
            }
            OrderLine line = new OrderLine(p.getId(), p.getName(), p.getUnit(), e.getValue(), p.getPriceCents());
            if (p.isSoldByWeight()) {
                line.soldByWeight(p.getPricePerKgCents(), p.getApproxWeightGrams()); // charged by its weight later
            }
            lines.add(line);
            total += line.getLineTotalCents();
        }
        return total < minOrderCents ? Priced.refused("order.invalid.minimum") : new Priced(lines, products, total, null, null);
    }

    /**
     * Prices a waiting-list offer's wished lines (see {@link Priced}) as its page shows them: the lines of products
     * that can no longer be ordered (gone, deactivated, none of their stock left: what the shop shows as no longer
     * available) are left out instead of refusing the whole order. With none left the problem is
     * "waitlist.offer.nothingLeft"; the shop's minimum order applies to what is left ("waitlist.offer.minimum"). Some
     * stock left but less than wished is not left out: the placement refuses it naming the product.
     */
    public static Priced priceOffer(EntityManager em, Map<Long, Integer> wished, long minOrderCents) {
        String problem = checkQuantities(wished);
        if (problem != null) {
            return Priced.refused(problem);
        }
        Map<Long, Integer> orderable = new java.util.LinkedHashMap<>();
        em.createNamedQuery(Product.FIND_BY_IDS, Product.class)
                .setParameter("ids", List.copyOf(wished.keySet()))
                .getResultList().stream()
                .filter(Product::isOrderable)
                .forEach(p -> orderable.put(p.getId(), wished.get(p.getId())));
        if (orderable.isEmpty()) {
            return Priced.refused("waitlist.offer.nothingLeft");
        }
        Priced priced = price(em, orderable, minOrderCents);
        return "order.invalid.minimum".equals(priced.problem()) ? Priced.refused("waitlist.offer.minimum") : priced;
    }

    public PlaceResult tryPlace(long customerId, long tourDateId, Map<Long, Integer> quantities, String key,
                                Long expectedTotalCents) {
        return place(customerId, tourDateId, quantities, key, expectedTotalCents, null);
    }

    /**
     * Turns a waiting-list offer into an order, in one transaction: the entry goes OFFERED -> ACCEPTED with one
     * conditional UPDATE (an expiry running at the same time finds no row, or this finds none), then the held place
     * becomes a booked one. The order holds the wished lines that can still be ordered ({@link #priceOffer}). Any
     * other outcome than Placed rolls the whole transaction back, the entry included.
     */
    public PlaceResult tryPlaceFromOffer(long customerId, String token, String key, Long expectedTotalCents) {
        Optional<CustomerOrder> existing = validKey(key) ? byKey(key) : Optional.empty();
        if (existing.isPresent() && existing.get().getCustomer().getId() == customerId) {
            return new PlaceResult.AlreadyPlaced(existing.get().getOrderNumber());
        }
        WaitlistEntry entry = Offers.byToken(em, customerId, token).orElse(null);
        if (entry == null || entry.getTourDateId() == null) {
            return new PlaceResult.Invalid("waitlist.offer.gone");
        }
        long entryId = entry.getId();
        int taken = em.createQuery("UPDATE WaitlistEntry w SET w.status = org.farmstand.waitlist.entity.WaitlistStatus.ACCEPTED,"
                        + " w.positionKey = NULL WHERE w.id = :id AND w.customerId = :customerId"
                        + " AND w.status = org.farmstand.waitlist.entity.WaitlistStatus.OFFERED AND w.offeredUntil > :now")
                .setParameter("id", entryId).setParameter("customerId", customerId)
                .setParameter("now", clock.instant()).executeUpdate();
        if (taken != 1) {
            return new PlaceResult.Invalid("waitlist.offer.gone");
        }
        PlaceResult result = place(customerId, entry.getTourDateId(), WishedOrder.parse(entry.getWishedOrder()), key,
                expectedTotalCents, entryId);
        if (!(result instanceof PlaceResult.Placed)) {
            transactions.setRollbackOnly();
        }
        return result;
    }

    /** @param offerEntryId the accepted waiting-list entry whose held place the order takes, or null: book one */
    private PlaceResult place(long customerId, long tourDateId, Map<Long, Integer> quantities, String key,
                              Long expectedTotalCents, Long offerEntryId) {
        if (!validKey(key)) {
            return new PlaceResult.Invalid("order.invalid.key");
        }
        Optional<CustomerOrder> existing = byKey(key);
        if (existing.isPresent()) {
            return existing.get().getCustomer().getId() == customerId
                    ? new PlaceResult.AlreadyPlaced(existing.get().getOrderNumber())
                    : new PlaceResult.Invalid("order.invalid.key");
        }
        Customer customer = em.find(Customer.class, customerId);
        if (customer == null || customer.getStatus() != CustomerStatus.ACTIVE) {
            return new PlaceResult.Invalid("order.invalid.customer");
        }
        TenantInfo shop = tenants.byId(TenantContext.require()).orElseThrow();
        // an offer's order leaves out what can no longer be ordered (its page shows so, and its total without it)
        Priced priced = offerEntryId == null ? price(em, quantities, shop.minOrderCents())
                : priceOffer(em, quantities, shop.minOrderCents());
        if (priced.problemProduct() != null) {
            return new PlaceResult.Unavailable(priced.problemProduct().getId(), priced.problemProduct().getName());
        }
        if (priced.problem() != null) {
            return new PlaceResult.Invalid(priced.problem());
        }
        Map<Long, Product> products = priced.products();
        List<OrderLine> lines = priced.lines();
        long total = priced.totalCents();
        if (expectedTotalCents != null && expectedTotalCents != total) {
            return new PlaceResult.PricesChanged(expectedTotalCents, total);
        }
        TourDate date = em.createNamedQuery(TourDate.FIND_WITH_TOUR, TourDate.class)
                .setParameter("id", tourDateId).getResultStream().findFirst().orElse(null);
        if (date == null || customer.getHomeTourId() == null
                || !customer.getHomeTourId().equals(date.getTour().getId())) {
            return new PlaceResult.Invalid("order.invalid.tourDate");
        }
        if (!date.getTour().isActive()) {
            return new PlaceResult.Invalid("order.invalid.tourInactive");
        }
        Instant now = clock.instant();
        // a date the farm cancelled is said so (the checkout must not tell of a cut-off), a closed one is PastCutoff
        DateOrdering.Closed closed = DateOrdering.closed(date, now);
        if (closed == DateOrdering.Closed.CANCELLED) {
            return new PlaceResult.Invalid(closed.reasonKey());
        }
        if (closed != null) {
            return new PlaceResult.PastCutoff();
        }
        // a product whose stock (as just read) is too small is refused before anything is written; the call below
        // takes the stock of the others and decides
        Optional<OrderLine> beyond = priced.beyondStock();
        if (beyond.isPresent()) {
            Product p = products.get(beyond.get().getProductId());
            return new PlaceResult.OutOfStock(p.getId(), p.getName(), Math.max(p.getStock(), 0), false);
        }
        // lines of products that count their stock take it in the call (stock_taken); the others lock no product row
        lines.forEach(l -> l.setStockTaken(products.get(l.getProductId()).getStock() == null ? 0 : l.getQuantity()));
        // Everything that locks no contended row comes first: the order, its lines and its mail are inserted now (a
        // concurrent twin with the same key fails here, on the UNIQUE key, before it has locked anything). Then one
        // call books the place, takes the stock per date and the products' stock, numbers the order in the change
        // feed and commits (or rolls back): the date's row, the stock rows, the products' rows and the shop's feed
        // counter are never locked outside that call (see V7__order_placement_locked_part.sql,
        // V8__order_placement_commits_in_the_call.sql and V15__product_stock_counted_down.sql).
        CustomerOrder order = new CustomerOrder(newNumber(), customer, date, key);
        lines.forEach(order::addLine);
        em.persist(order);
        em.persist(confirmationMail(shop, customer, order, date, publicUrl));
        em.flush();
        if (offerEntryId != null) {
            em.createQuery("UPDATE WaitlistEntry w SET w.orderId = :orderId WHERE w.id = :id")
                    .setParameter("orderId", order.getId()).setParameter("id", offerEntryId).executeUpdate();
        }
        // all is written: the call below ends the transaction; the persistence context must hold nothing to flush
        em.clear();
        Object[] locked = (Object[]) em.createNativeQuery("CALL place_order_locked(?1, ?2, ?3, ?4)")
                .setHint(NATIVE, "true")
                .setParameter(1, TenantContext.require()).setParameter(2, order.getId())
                .setParameter(3, tourDateId).setParameter(4, offerEntryId != null)
                .getSingleResult();
        if ("PLACED".equals(locked[0])) {
            bumpIfSoldOut(lines);
            return new PlaceResult.Placed(order.getOrderNumber());
        }
        // the call has rolled the transaction back (the order, and for OUT_OF_STOCK the booked place); the
        // transaction manager must not commit what follows either
        transactions.setRollbackOnly();
        if ("OUT_OF_STOCK".equals(locked[0])) {
            long productId = ((Number) locked[1]).longValue();
            int wanted = lines.stream().filter(l -> l.getProductId() == productId).mapToInt(OrderLine::getQuantity).sum();
            return new PlaceResult.OutOfStock(productId, products.get(productId).getName(),
                    ((Number) locked[2]).intValue(), shortOnDate(products.get(productId), tourDateId, wanted));
        }
        // FULL: the call books only an OPEN date, so it refuses one the farm cancelled after the check above as if
        // it were full; the date's status, read after the rollback, tells the two apart (one read, refusals only)
        if (em.createQuery("SELECT d.status FROM TourDate d WHERE d.id = :id", TourDateStatus.class)
                .setParameter("id", tourDateId).getResultStream().anyMatch(s -> s == TourDateStatus.CANCELLED)) {
            return new PlaceResult.Invalid(DateOrdering.Closed.CANCELLED.reasonKey());
        }
        return nearestOrderable(date, now)
                .map(d -> new PlaceResult.Full(d.getId(), d.getDeliveryDate()))
                .orElseGet(() -> new PlaceResult.Full(null, null));
    }

    /**
     * The catalog (cached by the shop's content version) shows a product without stock as sold out: when this order
     * took the last of a product's stock, the version is bumped (after the call's commit, in a transaction of its
     * own that the container commits). One read of the products the order took stock from; orders of products that
     * count no stock (none of their lines took any) read and write nothing more, and most others only read.
     */
    private void bumpIfSoldOut(List<OrderLine> lines) {
        List<Long> counted = lines.stream().filter(l -> l.getStockTaken() > 0).map(OrderLine::getProductId).toList();
        if (!counted.isEmpty() && em.createQuery("SELECT COUNT(p) FROM Product p WHERE p.id IN :ids AND p.stock = 0",
                Long.class).setParameter("ids", counted).getSingleResult() > 0) {
            versions.bump();
        }
    }

    /**
     * Whether the call refused a product for its stock on the date rather than its overall stock (it answers only the
     * product and what is left): always for a product that counts no overall stock as read (only its row for the
     * date can refuse it then); otherwise when that row, read after the call's rollback, has less left than the
     * order wants. Only the refusal's wording depends on it.
     */
    private boolean shortOnDate(Product product, long tourDateId, int wanted) {
        return product.getStock() == null || DateStock.find(em, product.getId(), tourDateId)
                .map(row -> row.remaining() != null && row.remaining() < wanted).orElse(false);
    }

    /** The date to suggest instead of a full one: the first free one after it, else the last free one before it. */
    private Optional<TourDate> nearestOrderable(TourDate full, Instant now) {
        List<TourDate> free = em.createNamedQuery(TourDate.FIND_BY_TOUR, TourDate.class)
                .setParameter("tourId", full.getTour().getId())
                .setParameter("from", LocalDate.ofInstant(now, Cutoffs.ZONE))
                .getResultStream()
                .filter(d -> !d.getId().equals(full.getId()) && d.orderable(now) && d.placesLeft() > 0)
                .toList();
        return free.stream().filter(d -> d.getDeliveryDate().isAfter(full.getDeliveryDate())).findFirst()
                .or(() -> free.stream().filter(d -> d.getDeliveryDate().isBefore(full.getDeliveryDate()))
                        .reduce((first, second) -> second));
    }

    static String newNumber() {
        StringBuilder sb = new StringBuilder(LocalDate.now(Cutoffs.ZONE).format(DateTimeFormatter.ofPattern("yyMMdd")));
        sb.append('-');
        for (int i = 0; i < 6; i++) {
            sb.append(NUMBER_ALPHABET.charAt(RANDOM.nextInt(NUMBER_ALPHABET.length())));
        }
        return sb.toString();
    }

    static OutboxMail confirmationMail(TenantInfo shop, Customer customer, CustomerOrder order, TourDate date,
                                       String publicUrl) {
        return orderMail("order.confirmation", shop, customer, order, date, publicUrl);
    }

    /** Confirms a change of an order (lines, date) with its new content. */
    static OutboxMail changeMail(TenantInfo shop, Customer customer, CustomerOrder order, TourDate date,
                                 String publicUrl) {
        return orderMail("order.changed", shop, customer, order, date, publicUrl);
    }

    /**
     * An order's mail: its lines and total, and until when and where the customer can change or cancel it (the
     * date's cut-off; the order's page in the shop, in the mail's language), so the mail is where they find it again.
     */
    private static OutboxMail orderMail(String key, TenantInfo shop, Customer customer, CustomerOrder order,
                                        TourDate date, String publicUrl) {
        MailText text = MailText.forRecipient(customer.getLocale(), shop);
        StringBuilder lines = new StringBuilder();
        boolean estimated = false;
        for (OrderLine line : order.getLines()) {
            boolean lineEstimated = line.isByWeight() && !line.isWeighed(); // charged by its weight once packed
            estimated |= lineEstimated;
            lines.append(text.orderLine(line.getUnit(), line.getQuantity(), line.getProductName(),
                    line.getLineTotalCents(), lineEstimated)).append('\n');
        }
        String page = MailText.shopPage(publicUrl, shop, "/account/orders/" + order.getOrderNumber());
        return text.mail(customer.getEmail(), key, customer.getFirstName(), shop.name(), order.getOrderNumber(),
                text.date(date.getDeliveryDate()), date.getTour().getName(), lines.toString(),
                text.money(order.getTotalCents(), estimated), text.dateTime(date.getCutoffAt()), text.link(page));
    }
}
