package org.farmstand.storefront.ordering;

import jakarta.inject.Inject;
import org.farmstand.ordering.boundary.OrderService;
import org.farmstand.ordering.boundary.PlaceResult;
import org.farmstand.platform.persistence.TenantContext;
import org.farmstand.platform.security.Tokens;
import org.farmstand.tenancy.boundary.TenantService;
import org.farmstand.tours.boundary.TourAdminService;
import org.farmstand.waitlist.boundary.WaitlistService;
import org.farmstand.waitlist.boundary.WaitlistService.JoinResult;
import org.farmstand.waitlist.control.WaitlistSweeper;
import org.farmstand.waitlist.entity.WaitlistStatus;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * In the container, against MariaDB: the waiting list of a full date — offers when a place frees up, expiry passes
 * the place on, acceptance turns it into an order; concurrent cancellations and acceptances never give one place
 * to two customers nor lose one, and the invariants hold afterwards.
 */
@ExtendWith(ArquillianExtension.class)
class WaitlistIT {

    private static final long[] NO_VIOLATIONS = {0, 0, 0, 0};

    @Deployment
    static WebArchive deployment() {
        File war = new File(System.getProperty("farmstand.it.build-dir", "target"), "storefront.war");
        return ShrinkWrap.createFromZipFile(WebArchive.class, war)
                .addClasses(OrderProbe.class, WaitlistProbe.class, WaitlistIT.class);
    }

    @Inject
    OrderService orders;

    @Inject
    WaitlistService waitlist;

    @Inject
    WaitlistSweeper sweeper;

    @Inject
    TourAdminService tourAdmin;

    @Inject
    OrderProbe orderProbe;

    @Inject
    WaitlistProbe probe;

    @Inject
    TenantService tenants;

    record Setup(long tenant, long date, List<Long> customers, Map<Long, Integer> lines) {
    }

    Setup setup(int capacity, int customers, int daysAhead) {
        return setup("sonnenhof", capacity, customers, daysAhead);
    }

    Setup setup(String shop, int capacity, int customers, int daysAhead) {
        long tenant = tenants.bySlug(shop).orElseThrow().id();
        long minOrder = tenants.byId(tenant).orElseThrow().minOrderCents();
        return TenantContext.callAs(tenant, () -> {
            long tour = orderProbe.activeCustomer()[1];
            long[] product = orderProbe.product();
            int qty = (int) Math.min(99, minOrder / product[1] + 1);
            long date = orderProbe.newDate(tour, capacity, daysAhead);
            return new Setup(tenant, date, probe.newCustomers(customers, tour), Map.of(product[0], qty));
        });
    }

    String place(Setup s, long customer) {
        PlaceResult result = TenantContext.callAs(s.tenant(),
                () -> orders.place(customer, s.date(), s.lines(), Tokens.random(24)));
        return assertInstanceOf(PlaceResult.Placed.class, result).orderNumber();
    }

    long join(Setup s, long customer) {
        JoinResult result = TenantContext.callAs(s.tenant(), () -> waitlist.join(customer, s.date(), s.lines()));
        return assertInstanceOf(JoinResult.Joined.class, result).entryId();
    }

    @Test
    void aFreedPlaceIsOfferedInOrderExpiresToTheNextAndBecomesAnOrder() {
        Setup s = setup(1, 3, 20);
        long a = s.customers().get(0);
        long b = s.customers().get(1);
        long c = s.customers().get(2);
        String orderOfA = place(s, a);
        assertInstanceOf(PlaceResult.Full.class, TenantContext.callAs(s.tenant(),
                () -> orders.place(b, s.date(), s.lines(), Tokens.random(24))));
        long entryB = join(s, b);
        // the position told at joining is the one read back later (the fresh entry must not count itself)
        var joinedC = assertInstanceOf(JoinResult.Joined.class,
                TenantContext.callAs(s.tenant(), () -> waitlist.join(c, s.date(), s.lines())));
        assertEquals(2, joinedC.position());
        long entryC = joinedC.entryId();
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(1, waitlist.position(probe.entry(entryB)));
            assertEquals(2, waitlist.position(probe.entry(entryC)));
            // joining twice keeps one place in line
            assertInstanceOf(JoinResult.AlreadyWaiting.class, waitlist.join(b, s.date(), s.lines()));
        });

        long offerMailsBefore = TenantContext.callAs(s.tenant(), () -> orderProbe.outboxMails("Ein Platz ist frei"));
        // A cancels: after the commit, B (first in line) is offered the place, which is held for B
        assertEquals(OrderService.CancelResult.CANCELLED,
                TenantContext.callAs(s.tenant(), () -> orders.cancel(a, orderOfA)));
        awaitStatus(s, entryB, WaitlistStatus.OFFERED);
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(WaitlistStatus.OFFERED, probe.entry(entryB).getStatus());
            assertEquals(1, probe.held(s.date()));
            assertEquals(1, waitlist.position(probe.entry(entryC)));
            // the place is held: a new order does not get it
            assertInstanceOf(PlaceResult.Full.class, orders.place(a, s.date(), s.lines(), Tokens.random(24)));
            assertEquals(offerMailsBefore + 1, orderProbe.outboxMails("Ein Platz ist frei"), "offer mail in the outbox");
        });

        // B's offer runs out: the sweeper passes the place to C
        TenantContext.runAs(s.tenant(), () -> probe.expireOfferNow(entryB));
        assertDoesNotThrowSweep();
        String tokenC = TenantContext.callAs(s.tenant(), () -> {
            assertEquals(WaitlistStatus.EXPIRED, probe.entry(entryB).getStatus());
            assertEquals(WaitlistStatus.OFFERED, probe.entry(entryC).getStatus());
            return probe.entry(entryC).getOfferToken();
        });
        // B's old token is worthless now; C accepts (twice, as a double click) and gets exactly one order
        String tokenB = TenantContext.callAs(s.tenant(), () -> probe.entry(entryB).getOfferToken());
        assertInstanceOf(PlaceResult.Invalid.class,
                TenantContext.callAs(s.tenant(), () -> waitlist.accept(b, tokenB, Tokens.random(24), null)));
        String key = Tokens.random(24);
        PlaceResult accepted = TenantContext.callAs(s.tenant(), () -> waitlist.accept(c, tokenC, key, null));
        assertInstanceOf(PlaceResult.Placed.class, accepted);
        assertInstanceOf(PlaceResult.AlreadyPlaced.class,
                TenantContext.callAs(s.tenant(), () -> waitlist.accept(c, tokenC, key, null)));
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(WaitlistStatus.ACCEPTED, probe.entry(entryC).getStatus());
            assertNotNull(probe.entry(entryC).getOrderId());
            assertEquals(1, orderProbe.booked(s.date()));
            assertEquals(0, probe.held(s.date()));
            assertArrayEquals(NO_VIOLATIONS, probe.violations(s.date()));
        });
    }

    /** Offers after a commit are made on a managed thread: wait (with a deadline) for the entry's status. */
    void awaitStatus(Setup s, long entryId, WaitlistStatus expected) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (TenantContext.callAs(s.tenant(), () -> probe.entry(entryId).getStatus()) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("entry " + entryId + " did not become " + expected);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private void assertDoesNotThrowSweep() {
        try {
            sweeper.sweep();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void concurrentCancellationsAndAcceptancesNeverDoubleBookNorLoseAPlace() throws Exception {
        int capacity = 5;
        Setup s = setup(capacity, 15, 21);
        List<Long> holders = s.customers().subList(0, capacity);
        List<Long> waiting = s.customers().subList(capacity, 15);
        List<String> numbers = new ArrayList<>();
        for (long customer : holders) {
            numbers.add(place(s, customer));
        }
        List<Long> entries = new ArrayList<>();
        for (long customer : waiting) {
            entries.add(join(s, customer));
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            // all holders cancel at once, while sweeps run too
            List<Callable<Object>> cancels = new ArrayList<>();
            for (int i = 0; i < capacity; i++) {
                long customer = holders.get(i);
                String number = numbers.get(i);
                cancels.add(() -> TenantContext.callAs(s.tenant(), () -> orders.cancel(customer, number)));
                cancels.add(() -> {
                    sweeper.sweep();
                    return null;
                });
            }
            for (Future<Object> f : pool.invokeAll(cancels)) {
                f.get();
            }
            sweeper.sweep();
            TenantContext.runAs(s.tenant(), () -> {
                assertEquals(0, orderProbe.booked(s.date()));
                assertEquals(capacity, probe.held(s.date()), "every freed place is held for someone");
                assertArrayEquals(NO_VIOLATIONS, probe.violations(s.date()));
            });
            // every offered customer accepts twice at once, the others try with no token; one withdraws instead
            List<Callable<PlaceResult>> accepts = new ArrayList<>();
            int offered = 0;
            for (int i = 0; i < entries.size(); i++) {
                long entryId = entries.get(i);
                long customer = waiting.get(i);
                var entry = TenantContext.callAs(s.tenant(), () -> probe.entry(entryId));
                if (entry.getStatus() == WaitlistStatus.OFFERED) {
                    offered++;
                    String token = entry.getOfferToken();
                    for (int twice = 0; twice < 2; twice++) {
                        accepts.add(() -> TenantContext.callAs(s.tenant(),
                                () -> waitlist.accept(customer, token, Tokens.random(24), null)));
                    }
                }
            }
            assertEquals(capacity, offered, "the first five in line got the offers");
            int placed = 0;
            for (Future<PlaceResult> f : pool.invokeAll(accepts)) {
                if (f.get() instanceof PlaceResult.Placed) {
                    placed++;
                }
            }
            assertEquals(capacity, placed, "each held place became exactly one order");
            TenantContext.runAs(s.tenant(), () -> {
                assertEquals(capacity, orderProbe.booked(s.date()));
                assertEquals(0, probe.held(s.date()));
                assertArrayEquals(NO_VIOLATIONS, probe.violations(s.date()));
            });
        } finally {
            pool.shutdownNow();
        }
    }

    /** Joining a full date's list with nothing wished says the cart is empty (it had said "quantities 1 to 99"). */
    @Test
    void joiningWithAnEmptyCartSaysTheCartIsEmpty() {
        Setup s = setup(1, 2, 439);
        place(s, s.customers().get(0));
        long b = s.customers().get(1);
        assertEquals(new JoinResult.Invalid("order.invalid.empty"),
                TenantContext.callAs(s.tenant(), () -> waitlist.join(b, s.date(), Map.of())));
        assertEquals(new JoinResult.Invalid("order.invalid.quantity"),
                TenantContext.callAs(s.tenant(), () -> waitlist.join(b, s.date(), Map.of(s.lines().keySet().iterator().next(), 100))));
    }

    /**
     * A cart below the shop's minimum order cannot join a waiting list (it had joined, and the offer then failed on
     * the minimum when the customer accepted it).
     */
    @Test
    void joiningWithACartBelowTheMinimumOrderIsRefused() {
        Setup s = setup(1, 2, 433);
        place(s, s.customers().get(0));
        long b = s.customers().get(1);
        long product = s.lines().keySet().iterator().next();
        assertTrue(s.lines().get(product) > 1, "setup: one piece of the product is below the minimum order");
        assertEquals(new JoinResult.Invalid("order.invalid.minimum"),
                TenantContext.callAs(s.tenant(), () -> waitlist.join(b, s.date(), Map.of(product, 1))));
        assertInstanceOf(JoinResult.Joined.class,
                TenantContext.callAs(s.tenant(), () -> waitlist.join(b, s.date(), s.lines())));
    }

    /** A waiting-list entry offered its place, and the offer's token. */
    record Offered(long entry, String token) {
    }

    /**
     * The first customer of {@code s} orders the date's one place, the second joins its waiting list, the first
     * cancels: the second's entry is offered the place.
     */
    Offered offeredToSecond(Setup s) {
        long a = s.customers().get(0);
        long b = s.customers().get(1);
        String orderOfA = place(s, a);
        long entryB = join(s, b);
        assertEquals(OrderService.CancelResult.CANCELLED,
                TenantContext.callAs(s.tenant(), () -> orders.cancel(a, orderOfA)));
        awaitStatus(s, entryB, WaitlistStatus.OFFERED);
        return new Offered(entryB, TenantContext.callAs(s.tenant(), () -> probe.entry(entryB).getOfferToken()));
    }

    /**
     * An offer is accepted at today's prices, checked against the total its page showed: a total that no longer
     * matches (prices changed since the page) takes nothing and keeps the offer; the total shown now places it.
     */
    @Test
    void acceptingAnOfferChecksTheTotalTheCustomerSaw() {
        Setup s = setup(1, 2, 437);
        long b = s.customers().get(1);
        Offered offered = offeredToSecond(s);
        long entryB = offered.entry();
        String token = offered.token();
        long total = s.lines().entrySet().stream()
                .mapToLong(e -> TenantContext.callAs(s.tenant(), () -> orderProbe.price(e.getKey())) * e.getValue())
                .sum();

        String key = Tokens.random(24);
        assertInstanceOf(PlaceResult.PricesChanged.class,
                TenantContext.callAs(s.tenant(), () -> waitlist.accept(b, token, key, total - 1)));
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(WaitlistStatus.OFFERED, probe.entry(entryB).getStatus(), "the offer stays open");
            assertEquals(1, probe.held(s.date()), "the place stays held");
            assertEquals(0, orderProbe.ordersWithKey(key));
        });
        assertInstanceOf(PlaceResult.Placed.class,
                TenantContext.callAs(s.tenant(), () -> waitlist.accept(b, token, key, total)));
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(WaitlistStatus.ACCEPTED, probe.entry(entryB).getStatus());
            assertEquals(1, orderProbe.booked(s.date()));
            assertArrayEquals(NO_VIOLATIONS, probe.violations(s.date()));
        });
    }

    /**
     * The wished product ran out on the date between the offer and its acceptance: the customer is told which product
     * (and that none is left); nothing is taken, the offer and its held place stay; with stock again it becomes an order.
     */
    @Test
    void acceptingAnOfferWhoseWishedProductRanOutOnTheDateTakesNothingAndKeepsTheOffer() {
        Setup s = setup(1, 2, 431);
        long b = s.customers().get(1);
        long product = s.lines().keySet().iterator().next();
        int quantity = s.lines().get(product);
        Offered offered = offeredToSecond(s);
        long entryB = offered.entry();
        String token = offered.token();
        // meanwhile the product is sold out on this date
        TenantContext.runAs(s.tenant(), () -> orderProbe.dateStock(product, s.date(), 0, true));

        String key = Tokens.random(24);
        PlaceResult refused = TenantContext.callAs(s.tenant(), () -> waitlist.accept(b, token, key, null));
        PlaceResult.OutOfStock out = assertInstanceOf(PlaceResult.OutOfStock.class, refused);
        assertEquals(product, out.productId());
        assertEquals(TenantContext.callAs(s.tenant(), () -> probe.productName(product)), out.productName());
        assertEquals(0, out.remaining());
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(WaitlistStatus.OFFERED, probe.entry(entryB).getStatus(), "the offer stays open");
            assertEquals(token, probe.entry(entryB).getOfferToken());
            assertEquals(1, probe.held(s.date()), "the place stays held");
            assertEquals(0, orderProbe.booked(s.date()));
            assertEquals(0, orderProbe.ordersWithKey(key));
            assertEquals(0, orderProbe.sold(product, s.date()));
            assertArrayEquals(NO_VIOLATIONS, probe.violations(s.date()));
        });

        // with enough stock again the same offer becomes the order
        TenantContext.runAs(s.tenant(), () -> probe.changeDateStock(product, s.date(), quantity));
        assertInstanceOf(PlaceResult.Placed.class, TenantContext.callAs(s.tenant(), () -> waitlist.accept(b, token, key, null)));
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(WaitlistStatus.ACCEPTED, probe.entry(entryB).getStatus());
            assertEquals(1, orderProbe.booked(s.date()));
            assertEquals(0, probe.held(s.date()));
            assertEquals(quantity, orderProbe.sold(product, s.date()));
            assertArrayEquals(NO_VIOLATIONS, probe.violations(s.date()));
        });
    }

    @Test
    void raisingADatesCapacityOffersTheNewPlaceToTheFirstInLine() {
        Setup s = setup(1, 3, 22);
        place(s, s.customers().get(0));
        long first = join(s, s.customers().get(1));
        long second = join(s, s.customers().get(2));
        long mailsBefore = TenantContext.callAs(s.tenant(), () -> orderProbe.outboxMails("Ein Platz ist frei"));
        assertEquals(TourAdminService.Result.DONE, TenantContext.callAs(s.tenant(), () -> tourAdmin.resize(s.date(), 2)));
        awaitStatus(s, first, WaitlistStatus.OFFERED);
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(WaitlistStatus.OFFERED, probe.entry(first).getStatus());
            assertEquals(WaitlistStatus.WAITING, probe.entry(second).getStatus());
            assertEquals(1, probe.held(s.date()));
            assertEquals(mailsBefore + 1, orderProbe.outboxMails("Ein Platz ist frei"));
            // lowering below booked + held is refused
            assertEquals(TourAdminService.Result.BELOW_BOOKED, tourAdmin.resize(s.date(), 1));
            assertArrayEquals(NO_VIOLATIONS, probe.violations(s.date()));
        });
    }

    @Inject
    org.farmstand.customers.boundary.CustomerAdminService customerAdmin;

    /**
     * A blocked customer can never accept an offer: blocking withdraws their entries and passes a place held for
     * them to the next in line at once; an entry of a customer blocked by other means is skipped when a place frees.
     */
    @Test
    void aBlockedCustomerLeavesTheListAndAPlaceHeldForThemGoesToTheNext() {
        Setup s = setup(1, 3, 441);
        String orderOfA = place(s, s.customers().get(0));
        long b = s.customers().get(1);
        long entryB = join(s, b);
        long entryC = join(s, s.customers().get(2));
        TenantContext.runAs(s.tenant(), () -> orders.cancel(s.customers().get(0), orderOfA));
        awaitStatus(s, entryB, WaitlistStatus.OFFERED);

        assertTrue(TenantContext.callAs(s.tenant(), () -> customerAdmin.block(b)));
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(WaitlistStatus.WITHDRAWN, probe.entry(entryB).getStatus());
            assertEquals(WaitlistStatus.OFFERED, probe.entry(entryC).getStatus(), "the held place went on at once");
            assertEquals(1, probe.held(s.date()));
            assertArrayEquals(NO_VIOLATIONS, probe.violations(s.date()));
        });

        Setup t = setup(1, 3, 443);
        String orderOfD = place(t, t.customers().get(0));
        long entryE = join(t, t.customers().get(1));
        long entryF = join(t, t.customers().get(2));
        long mailsBefore = TenantContext.callAs(t.tenant(), () -> orderProbe.outboxMails("Ein Platz ist frei"));
        TenantContext.runAs(t.tenant(), () -> probe.customerStatus(t.customers().get(1),
                org.farmstand.customers.entity.CustomerStatus.BLOCKED));
        TenantContext.runAs(t.tenant(), () -> orders.cancel(t.customers().get(0), orderOfD));
        awaitStatus(t, entryF, WaitlistStatus.OFFERED);
        TenantContext.runAs(t.tenant(), () -> {
            assertEquals(WaitlistStatus.WITHDRAWN, probe.entry(entryE).getStatus());
            assertEquals(mailsBefore + 1, orderProbe.outboxMails("Ein Platz ist frei"), "no offer to the blocked one");
            assertEquals(1, probe.held(t.date()));
            assertArrayEquals(NO_VIOLATIONS, probe.violations(t.date()));
        });
    }

    /** The farm cancels a date: its orders are cancelled, and its waiting list ends with a mail to each in line. */
    @Test
    void cancellingADateEndsItsWaitingListAndTellsThoseWaiting() {
        Setup s = setup(1, 3, 445);
        place(s, s.customers().get(0));
        long entryB = join(s, s.customers().get(1));
        long entryC = join(s, s.customers().get(2));
        assertEquals(TourAdminService.Result.DONE,
                TenantContext.callAs(s.tenant(), () -> tourAdmin.resize(s.date(), 2)));
        awaitStatus(s, entryB, WaitlistStatus.OFFERED);
        long mailsBefore = TenantContext.callAs(s.tenant(), () -> orderProbe.outboxMails("Keine Lieferung am"));

        // cancelling a date is the owner's (StaffRight.CANCEL_TOUR_DATE)
        try (TenantContext.Scope owner = org.farmstand.tenancy.boundary.StaffAccess.enter(
                org.farmstand.tenancy.entity.StaffRole.OWNER)) {
            assertEquals(1, TenantContext.callAs(s.tenant(), () -> tourAdmin.cancelDate(s.date())), "orders cancelled");
        }
        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(WaitlistStatus.CANCELLED, probe.entry(entryB).getStatus());
            assertEquals(WaitlistStatus.CANCELLED, probe.entry(entryC).getStatus());
            assertEquals(0, probe.held(s.date()));
            assertEquals(mailsBefore + 2, orderProbe.outboxMails("Keine Lieferung am"));
            assertTrue(waitlist.datesWithLists().stream().noneMatch(d -> d.tourDateId() == s.date()),
                    "no list left for the producer");
            assertArrayEquals(NO_VIOLATIONS, probe.violations(s.date()));
        });
    }

    /**
     * A full date's cut-off passes with customers still on its list: the sweep ends each one still waiting as
     * NO_PLACE and mails them once, in their language, that no place became free; two sweeps at the same moment and
     * the rounds after them change nothing more. An offer still running (the cut-off was moved earlier since it was
     * made) expires and gives its place back, and its holder is told once, in their language, that ordering closed. Another shop's list is closed as that shop; a list whose cut-off is
     * still ahead stays as it is.
     */
    @Test
    void theCutoffEndsTheWaitingListAndTellsThoseStillWaitingOnce() throws Exception {
        Setup s = setup(1, 5, 447);
        long german = s.customers().get(2);
        long english = s.customers().get(3);
        long blocked = s.customers().get(4);
        place(s, s.customers().get(0));
        long offered = join(s, s.customers().get(1));
        long waitingDe = join(s, german);
        long waitingEn = join(s, english);
        long waitingBlocked = join(s, blocked);
        TenantContext.runAs(s.tenant(), () -> {
            probe.customerLocale(german, "de");
            probe.customerLocale(english, "en");
            probe.customerLocale(s.customers().get(1), "en");
            // blocked by other means since joining: may no longer order, and is not written to
            probe.customerStatus(blocked, org.farmstand.customers.entity.CustomerStatus.BLOCKED);
        });
        assertEquals(TourAdminService.Result.DONE, TenantContext.callAs(s.tenant(), () -> tourAdmin.resize(s.date(), 2)));
        awaitStatus(s, offered, WaitlistStatus.OFFERED);
        Setup other = setup("lindenhof", 1, 2, 447);
        place(other, other.customers().get(0));
        long otherEntry = join(other, other.customers().get(1));
        Setup ahead = setup(1, 2, 449);
        place(ahead, ahead.customers().get(0));
        long aheadEntry = join(ahead, ahead.customers().get(1));

        // the cut-off passes (moved to a minute ago: the offer, made to end by the old cut-off, outlives it)
        java.time.Instant past = java.time.Instant.now().minusSeconds(60);
        TenantContext.runAs(s.tenant(), () -> probe.dateState(s.date(), 1, past));
        TenantContext.runAs(other.tenant(), () -> probe.dateState(other.date(), 1, past));

        // two nodes sweep at the same moment, then the next rounds come
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Future<Integer>> sweeps = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                sweeps.add(pool.submit(() -> {
                    start.await();
                    return sweeper.sweep();
                }));
            }
            start.countDown();
            for (Future<Integer> f : sweeps) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertDoesNotThrowSweep();
        assertDoesNotThrowSweep();

        TenantContext.runAs(s.tenant(), () -> {
            assertEquals(WaitlistStatus.EXPIRED, probe.entry(offered).getStatus(), "the offer ends with ordering");
            assertEquals(WaitlistStatus.NO_PLACE, probe.entry(waitingDe).getStatus());
            assertEquals(WaitlistStatus.NO_PLACE, probe.entry(waitingEn).getStatus());
            assertEquals(null, probe.entry(waitingDe).getPositionKey(), "no longer in line");
            assertEquals(0, waitlist.position(probe.entry(waitingDe)));
            assertEquals(0, probe.held(s.date()), "the held place is given back");
            assertArrayEquals(NO_VIOLATIONS, probe.violations(s.date()));
            List<String> toGerman = probe.mailSubjects(german).stream()
                    .filter(m -> m.startsWith("Kein Platz frei geworden am ")).toList();
            assertEquals(1, toGerman.size(), "one mail, in German: " + probe.mailSubjects(german));
            assertTrue(toGerman.get(0).endsWith(" – " + tenants.byId(s.tenant()).orElseThrow().name()),
                    toGerman.get(0));
            List<String> toEnglish = probe.mailSubjects(english);
            assertEquals(1, toEnglish.stream().filter(m -> m.startsWith("No place became free on ")).count(),
                    "one mail, in English: " + toEnglish);
            assertTrue(toEnglish.stream().noneMatch(m -> m.startsWith("Kein Platz")), toEnglish.toString());
            assertEquals(WaitlistStatus.WITHDRAWN, probe.entry(waitingBlocked).getStatus());
            assertTrue(probe.mailSubjects(blocked).stream()
                    .noneMatch(m -> m.startsWith("Kein Platz") || m.startsWith("No place")), "no mail to the blocked one");
            assertTrue(probe.mailSubjects(s.customers().get(1)).stream()
                            .noneMatch(m -> m.startsWith("Kein Platz") || m.startsWith("No place")),
                    "the one offered a place is not told there was none");
            // but that the offer ended because ordering closed: once, in their language
            List<String> toHolder = probe.mailSubjects(s.customers().get(1));
            assertEquals(1, toHolder.stream().filter(m -> m.startsWith("Ordering for ")
                    && m.contains(" has closed – ")).count(), "one mail, in English: " + toHolder);
            assertTrue(toHolder.stream().noneMatch(m -> m.startsWith("Bestellschluss")), toHolder.toString());
            // the producer's overview: the date's list is closed, two got no place
            WaitlistService.DateSummary summary = waitlist.datesWithLists().stream()
                    .filter(d -> d.tourDateId() == s.date()).findFirst().orElseThrow();
            assertTrue(summary.closed());
            assertEquals(0, summary.waiting());
            assertEquals(0, summary.offered());
            assertEquals(2, summary.noPlace());
            // a customer can no longer withdraw what has ended
            assertEquals(false, waitlist.withdraw(german, waitingDe));
        });
        TenantContext.runAs(other.tenant(), () -> {
            assertEquals(WaitlistStatus.NO_PLACE, probe.entry(otherEntry).getStatus());
            List<String> subjects = probe.mailSubjects(other.customers().get(1));
            assertEquals(1, subjects.stream().filter(m -> m.startsWith("Kein Platz frei geworden am ")
                    || m.startsWith("No place became free on ")).count(), subjects.toString());
            assertTrue(subjects.stream().anyMatch(m -> m.endsWith(
                    tenants.byId(other.tenant()).orElseThrow().name())), "the other shop's name: " + subjects);
        });
        TenantContext.runAs(ahead.tenant(), () -> {
            assertEquals(WaitlistStatus.WAITING, probe.entry(aheadEntry).getStatus(), "its cut-off is ahead");
            assertTrue(probe.mailSubjects(ahead.customers().get(1)).stream()
                    .noneMatch(m -> m.startsWith("Kein Platz") || m.startsWith("No place")));
        });
    }

    /** A full date suggests the nearest free one, also when the free ones all lie before it. */
    @Test
    void aFullDateSuggestsTheNearestFreeDateEvenAnEarlierOne() {
        // later than every other test's date of the tour (StorefrontIT's reach 559 days): none is free after it
        Setup free = setup(5, 1, 698);
        Setup full = setup(1, 2, 700);
        place(full, full.customers().get(0));
        PlaceResult result = TenantContext.callAs(full.tenant(),
                () -> orders.place(full.customers().get(1), full.date(), full.lines(), Tokens.random(24)));
        assertEquals(free.date(), assertInstanceOf(PlaceResult.Full.class, result).nextTourDateId());
    }

    /**
     * A tour's new capacity and cut-off apply to its dates still open for orders: all get the new cut-off, those with
     * the tour's old capacity the new one unless more is booked; a date past its cut-off or sized on its own keeps
     * what it has. A new weekday adds its dates and leaves the old weekday's to the producer, counted.
     */
    @Test
    void aToursNewRuleAppliesToItsOpenDates() {
        long tenant = tenants.bySlug("sonnenhof").orElseThrow().id();
        TenantContext.runAs(tenant, () -> {
            org.farmstand.tours.entity.Tour tour = new org.farmstand.tours.entity.Tour();
            tour.setName("Regeltour " + Tokens.random(6));
            tour.setWeekday(3);
            tour.setPostcodes("99998");
            tour.setCapacity(3);
            tour.setActive(false);
            long id = tourAdmin.save(tour).tour().getId();
            List<TourAdminService.DateRow> dates = tourAdmin.dates(id);
            assertEquals(6, dates.size());
            long ownSize = dates.get(2).id();
            long full = dates.get(3).id();
            long closed = dates.get(4).id();
            java.time.Instant closedAt = java.time.Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
            assertEquals(TourAdminService.Result.DONE, tourAdmin.resize(ownSize, 10));
            probe.dateState(full, 3, dates.get(3).cutoffAt());
            probe.dateState(closed, 0, closedAt);
            java.time.Instant now = java.time.Instant.now();
            List<TourAdminService.DateRow> open = tourAdmin.dates(id).stream()
                    .filter(d -> d.cutoffAt().isAfter(now)).toList();

            org.farmstand.tours.entity.Tour changed = tourAdmin.tour(id).orElseThrow();
            changed.setCapacity(2);
            changed.setCutoffDaysBefore(1);
            changed.setCutoffTime(java.time.LocalTime.of(12, 0));
            TourAdminService.Saved saved = tourAdmin.save(changed);
            assertEquals(open.size(), saved.changed(), "every open date gets the new cut-off");
            assertEquals(1, saved.keptCapacity(), "the full date cannot shrink");
            for (TourAdminService.DateRow d : tourAdmin.dates(id)) {
                if (d.id() == closed) {
                    assertEquals(closedAt, d.cutoffAt());
                    assertEquals(3, d.capacity());
                } else if (open.stream().anyMatch(o -> o.id() == d.id())) {
                    assertEquals(org.farmstand.tours.control.Cutoffs.cutoff(d.date(), 1, java.time.LocalTime.of(12, 0)),
                            d.cutoffAt(), "cut-off of " + d.date());
                    int capacity = d.id() == ownSize ? 10 : d.id() == full ? 3 : 2;
                    assertEquals(capacity, d.capacity(), "capacity of " + d.date());
                }
            }

            org.farmstand.tours.entity.Tour moved = tourAdmin.tour(id).orElseThrow();
            moved.setWeekday(5);
            // moving a tour to another weekday is the owner's (StaffRight.CHANGE_TOUR_WEEKDAY)
            try (TenantContext.Scope staff = org.farmstand.tenancy.boundary.StaffAccess.enter(
                    org.farmstand.tenancy.entity.StaffRole.STAFF)) {
                assertThrows(org.farmstand.tenancy.boundary.StaffAccess.Forbidden.class, () -> tourAdmin.save(moved));
            }
            TourAdminService.Saved again;
            try (TenantContext.Scope owner = org.farmstand.tenancy.boundary.StaffAccess.enter(
                    org.farmstand.tenancy.entity.StaffRole.OWNER)) {
                again = tourAdmin.save(moved);
            }
            assertEquals(0, again.changed());
            assertEquals(open.size(), again.keptOldWeekday());
            assertTrue(tourAdmin.dates(id).stream()
                    .anyMatch(d -> d.date().getDayOfWeek() == java.time.DayOfWeek.FRIDAY), "the new weekday's dates");
        });
    }

    @Inject
    org.farmstand.customers.boundary.CustomerService customers;

    @Inject
    org.farmstand.platform.persistence.DataSources dataSources;

    /**
     * Capped intake: admission rounds of several nodes running at once (here: 8 threads) admit exactly the week's
     * intake, the first in line, and leave the rest waiting in order.
     */
    @Test
    void concurrentAdmissionRoundsNeverAdmitMoreThanTheWeeksIntake() throws Exception {
        int intake = 3;
        int waiting = 10;
        long tenant;
        List<Long> inLine = new ArrayList<>();
        try (java.sql.Connection c = dataSources.get().getConnection()) {
            c.setAutoCommit(true);
            String slug = "cap-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            try (var s = c.prepareStatement("INSERT INTO tenant (slug, name, customer_policy, weekly_intake)"
                    + " VALUES (?, 'Kappe', 'CAPPED', ?)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, slug);
                s.setInt(2, intake);
                s.executeUpdate();
                tenant = generated(s);
            }
            long tour;
            try (var s = c.prepareStatement("INSERT INTO tour (tenant_id, name, weekday, postcodes, capacity)"
                    + " VALUES (?, 'Kappentour', 2, '12345', 10)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
                s.setLong(1, tenant);
                s.executeUpdate();
                tour = generated(s);
            }
            for (int i = 0; i < waiting; i++) {
                long customer;
                try (var s = c.prepareStatement("INSERT INTO customer (tenant_id, email, password_hash, first_name,"
                        + " last_name, street, postcode, city, status, email_verified, home_tour_id)"
                        + " VALUES (?, ?, 'x', 'Neu', ?, 'Weg 1', '12345', 'Dorf', 'PENDING', TRUE, ?)",
                        java.sql.Statement.RETURN_GENERATED_KEYS)) {
                    s.setLong(1, tenant);
                    s.setString(2, "new-" + i + "-" + slug + "@example.org");
                    s.setString(3, "Kunde " + i);
                    s.setLong(4, tour);
                    s.executeUpdate();
                    customer = generated(s);
                }
                try (var s = c.prepareStatement("INSERT INTO waitlist_entry (tenant_id, tour_id, customer_id, kind,"
                        + " status, position_key, created_at) VALUES (?, ?, ?, 'ADMISSION', 'WAITING', 'T',"
                        + " NOW(3) - INTERVAL ? SECOND)")) {
                    s.setLong(1, tenant);
                    s.setLong(2, tour);
                    s.setLong(3, customer);
                    s.setInt(4, 100 - i); // in line in the order of i
                    s.executeUpdate();
                }
                inLine.add(customer);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int admitted = 0;
        try {
            List<Callable<Integer>> rounds = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                rounds.add(() -> TenantContext.callAs(tenant, () -> customers.admitWaiting()));
            }
            for (Future<Integer> round : pool.invokeAll(rounds)) {
                admitted += round.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // the scheduled admission job (every 0.5 s in these tests) can be one more concurrent round and admit some or
        // all of them first: the database decides, the rounds' own count can only be at most the intake
        assertTrue(admitted <= intake, "rounds admitted " + admitted);
        try (java.sql.Connection c = dataSources.get().getConnection();
             var s = c.prepareStatement("SELECT id FROM customer WHERE tenant_id = ? AND status = 'ACTIVE'"
                     + " AND activated_at IS NOT NULL ORDER BY id")) {
            s.setLong(1, tenant);
            List<Long> active = new ArrayList<>();
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    active.add(rs.getLong(1));
                }
            }
            assertEquals(inLine.subList(0, intake), active, "the first in line, and only the week's intake");
        }
        // the week is full: another round admits nobody
        assertEquals(0, TenantContext.callAs(tenant, () -> customers.admitWaiting()));
        // the line of new customers is no waiting list of a date: an admitted customer's own list is empty
        assertEquals(List.of(), TenantContext.callAs(tenant, () -> waitlist.entriesOf(inLine.get(0))));
    }

    private static long generated(java.sql.PreparedStatement s) throws java.sql.SQLException {
        try (var keys = s.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}
