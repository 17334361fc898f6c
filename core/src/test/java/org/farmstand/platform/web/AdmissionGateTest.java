package org.farmstand.platform.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdmissionGateTest {

    @Test
    void ordinaryRequestsUseAllButTheReservedShare() {
        AdmissionGate gate = new AdmissionGate(3, 1);
        assertThat(gate.tryEnter(false, AdmissionGate.NO_TICKET).admitted()).isTrue();
        assertThat(gate.tryEnter(false, AdmissionGate.NO_TICKET).admitted()).isTrue();
        AdmissionGate.Decision third = gate.tryEnter(false, AdmissionGate.NO_TICKET);
        assertThat(third.admitted()).isFalse();
        assertThat(third.number()).isEqualTo(1);
        assertThat(third.position()).isEqualTo(1);
        // a signed-in customer still gets the reserved place, and then nobody
        assertThat(gate.tryEnter(true, AdmissionGate.NO_TICKET).admitted()).isTrue();
        assertThat(gate.tryEnter(true, AdmissionGate.NO_TICKET).admitted()).isFalse();
        assertThat(gate.inFlight()).isEqualTo(3);
    }

    @Test
    void queuedVisitorsAreLetInInTheOrderOfTheirTickets() {
        AdmissionGate gate = new AdmissionGate(1, 0);
        assertThat(gate.tryEnter(false, AdmissionGate.NO_TICKET).admitted()).isTrue();
        long first = gate.tryEnter(false, AdmissionGate.NO_TICKET).number();
        long second = gate.tryEnter(false, AdmissionGate.NO_TICKET).number();
        long third = gate.tryEnter(false, AdmissionGate.NO_TICKET).number();
        assertThat(first).isLessThan(second);
        assertThat(second).isLessThan(third);
        assertThat(gate.waiting()).isEqualTo(3);

        gate.release(); // the place is free: number `first` is called, the others are not
        assertThat(gate.tryEnter(false, third).admitted()).as("third is not called yet").isFalse();
        // (each arrival that sees room calls the next number, so the queue moves on if `first` never comes back)
        assertThat(gate.tryEnter(false, first).admitted()).isTrue();
        assertThat(gate.tryEnter(false, second).admitted()).as("called, but the place is taken again").isFalse();
        gate.release();
        assertThat(gate.tryEnter(false, second).admitted()).isTrue();
    }

    @Test
    void aNewcomerDoesNotOvertakeTheQueue() {
        AdmissionGate gate = new AdmissionGate(1, 0);
        assertThat(gate.tryEnter(false, AdmissionGate.NO_TICKET).admitted()).isTrue();
        long first = gate.tryEnter(false, AdmissionGate.NO_TICKET).number();
        long second = gate.tryEnter(false, AdmissionGate.NO_TICKET).number();
        gate.release();
        AdmissionGate.Decision newcomer = gate.tryEnter(false, AdmissionGate.NO_TICKET);
        assertThat(newcomer.admitted()).as("there is room, but numbers are waiting").isFalse();
        assertThat(newcomer.number()).isGreaterThan(second);
        assertThat(gate.tryEnter(false, first).admitted()).isTrue();
    }

    @Test
    void aCalledVisitorWhoFindsTheNodeFullKeepsTheirNumber() {
        AdmissionGate gate = new AdmissionGate(2, 1);
        assertThat(gate.tryEnter(false, AdmissionGate.NO_TICKET).admitted()).isTrue();
        long number = gate.tryEnter(false, AdmissionGate.NO_TICKET).number();
        gate.release();
        assertThat(gate.tryEnter(true, AdmissionGate.NO_TICKET).admitted()).isTrue(); // privileged takes the place
        AdmissionGate.Decision again = gate.tryEnter(false, number);
        assertThat(again.admitted()).isFalse();
        assertThat(again.number()).isEqualTo(number);
        gate.release();
        assertThat(gate.tryEnter(false, number).admitted()).isTrue();
    }

    @Test
    void theQueueDrainsWhenTheNodeIsIdle() {
        AdmissionGate gate = new AdmissionGate(1, 0);
        assertThat(gate.tryEnter(false, AdmissionGate.NO_TICKET).admitted()).isTrue();
        for (int i = 0; i < 5; i++) {
            gate.tryEnter(false, AdmissionGate.NO_TICKET); // these visitors leave and never come back
        }
        gate.release();
        // newcomers queue but call the abandoned numbers one by one, then get in
        boolean in = false;
        for (int i = 0; i < 10 && !in; i++) {
            AdmissionGate.Decision d = gate.tryEnter(false, AdmissionGate.NO_TICKET);
            in = d.admitted();
        }
        assertThat(in).isTrue();
    }

    @Test
    void aQuietNodeCallsEveryNumberStillWaiting() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        AdmissionGate gate = new AdmissionGate(32, 8, null, now::get);
        List<AdmissionGate.Decision> in = fill(gate, 0);
        assertThat(in).hasSize(24);
        long live = gate.tryEnter(false, AdmissionGate.NO_TICKET).number();
        for (int i = 0; i < 1000; i++) {
            gate.tryEnter(false, AdmissionGate.NO_TICKET); // a surge of visitors who take a number and leave
        }
        in.forEach(gate::release); // the surge is over: 24 numbers called, 977 still waiting
        assertThat(gate.tryEnter(false, AdmissionGate.NO_TICKET).admitted())
                .as("right after the surge a newcomer still queues behind the waiting numbers").isFalse();

        now.addAndGet(AdmissionGate.QUIET.toNanos() + 1);
        AdmissionGate.Decision newcomer = gate.tryEnter(false, AdmissionGate.NO_TICKET);
        assertThat(newcomer.admitted()).as("not full for the quiet time: nobody waits for numbers of visitors who left")
                .isTrue();
        assertThat(gate.waiting()).isZero();
        assertThat(gate.tryEnter(false, live).admitted()).as("a visitor who stayed gets in at the next refresh")
                .isTrue();
    }

    @Test
    void aNodeThatWasFullRecentlyKeepsCallingInOrder() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        AdmissionGate gate = new AdmissionGate(1, 0, null, now::get);
        AdmissionGate.Decision a = gate.tryEnter(false, AdmissionGate.NO_TICKET);
        now.addAndGet(AdmissionGate.QUIET.toNanos() + 1);
        long first = gate.tryEnter(false, AdmissionGate.NO_TICKET).number(); // full now: the quiet time starts again
        gate.tryEnter(false, AdmissionGate.NO_TICKET);
        long third = gate.tryEnter(false, AdmissionGate.NO_TICKET).number();
        gate.release(a); // the place is free: `first` is called
        now.addAndGet(AdmissionGate.QUIET.toNanos() / 2);
        assertThat(gate.tryEnter(false, third).admitted()).as("third is not called yet").isFalse();
        assertThat(gate.tryEnter(false, first).admitted()).isTrue();
    }

    @Test
    void ticketsTheGateNeverIssuedAreIgnored() {
        AdmissionGate gate = new AdmissionGate(1, 0);
        assertThat(gate.tryEnter(false, 999).admitted()).isTrue(); // unknown number: treated as a newcomer
        AdmissionGate.Decision queued = gate.tryEnter(false, 999);
        assertThat(queued.admitted()).isFalse();
        assertThat(queued.number()).isEqualTo(1);
    }

    @Test
    void limitsAreValidatedAndCanChangeAtRunTime() {
        assertThatThrownBy(() -> new AdmissionGate(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionGate(2, 3)).isInstanceOf(IllegalArgumentException.class);
        AdmissionGate gate = new AdmissionGate(1, 1);
        assertThat(gate.tryEnter(false, AdmissionGate.NO_TICKET).admitted()).isFalse();
        gate.configure(4, 1);
        assertThat(gate.tryEnter(false, 1).admitted()).isTrue();
    }

    @Test
    void waitEstimateIsBounded() {
        AdmissionGate gate = new AdmissionGate(1, 0);
        assertThat(gate.retryAfterSeconds(1)).isEqualTo(1);
        assertThat(gate.retryAfterSeconds(5)).isBetween(2, 15);
        assertThat(gate.retryAfterSeconds(1_000_000)).isEqualTo(15);
    }

    // --- adaptive limit ----------------------------------------------------------------------------------------

    final AtomicLong clock = new AtomicLong(1_000_000_000L);

    AdmissionGate adaptiveGate(int max, int reserved) {
        return new AdmissionGate(max, reserved, AdaptiveLimit.Settings.of(Duration.ofMillis(250), 4), clock::get);
    }

    /**
     * Fills the gate: ordinary visitors until one is queued, then up to {@code privileged} signed-in customers until
     * one is queued.
     */
    List<AdmissionGate.Decision> fill(AdmissionGate gate, int privileged) {
        List<AdmissionGate.Decision> in = new ArrayList<>();
        AdmissionGate.Decision d;
        while ((d = gate.tryEnter(false, AdmissionGate.NO_TICKET)).admitted()) {
            in.add(d);
        }
        for (int i = 0; i < privileged && (d = gate.tryEnter(true, AdmissionGate.NO_TICKET)).admitted(); i++) {
            in.add(d);
        }
        return in;
    }

    /** All of them end after {@code ms} (at least the 1-s window). */
    void finishAfter(AdmissionGate gate, List<AdmissionGate.Decision> in, long ms) {
        clock.addAndGet(Duration.ofMillis(Math.max(ms, 1000)).toNanos());
        in.forEach(gate::release);
    }

    @Test
    void aFixedGateKeepsItsLimitWhateverTheServiceTime() {
        AdmissionGate gate = new AdmissionGate(4, 1);
        for (int round = 0; round < 5; round++) {
            List<AdmissionGate.Decision> in = fill(gate, 1);
            assertThat(in).hasSize(4);
            finishAfter(gate, in, 5000);
        }
        assertThat(gate.adaptive()).isFalse();
        assertThat(gate.limit()).isEqualTo(4);
        assertThat(gate.reservedShare()).isEqualTo(1);
        assertThat(gate.latencyMillis()).isEqualTo(-1);
    }

    @Test
    void slowRequestsShrinkTheOrdinaryShareFirstAndSignedInCustomersKeepHalf() {
        AdmissionGate gate = adaptiveGate(32, 8);
        assertThat(gate.limit()).isEqualTo(32);
        List<AdmissionGate.Decision> in = fill(gate, 8);
        assertThat(in).as("8 reserved + 24 ordinary").hasSize(32);
        finishAfter(gate, in, 1000); // p90 1 s, far above the target of 250 ms
        assertThat(gate.limit()).isEqualTo(24);
        assertThat(gate.reservedShare()).as("the configured 8 while the limit is at least 16").isEqualTo(8);
        assertThat(gate.latencyMillis()).isGreaterThan(250);

        in = fill(gate, 0);
        assertThat(in).as("ordinary visitors: 24 - 8").hasSize(16);
        long queuedNumber = gate.tryEnter(false, AdmissionGate.NO_TICKET).number();
        List<AdmissionGate.Decision> customers = fill(gate, 20);
        assertThat(customers).as("signed-in customers fill the rest of the limit only").hasSize(8);
        in.addAll(customers);
        finishAfter(gate, in, 1000);
        assertThat(gate.limit()).isEqualTo(18);

        while (gate.limit() > 4) {
            finishAfter(gate, fill(gate, 20), 1000);
        }
        assertThat(gate.limit()).as("the minimum").isEqualTo(4);
        assertThat(gate.reservedShare()).as("half of a small limit").isEqualTo(2);
        in = fill(gate, 0);
        assertThat(in).hasSize(2);
        assertThat(fill(gate, 5)).hasSize(2);

        // the queue works as before: numbers are called in order as places free up
        gate.release(in.get(0));
        AdmissionGate.Decision newcomer = gate.tryEnter(false, AdmissionGate.NO_TICKET);
        assertThat(newcomer.admitted()).as("numbers are waiting").isFalse();
        assertThat(newcomer.number()).isGreaterThan(queuedNumber);
    }

    @Test
    void slowSignedInCustomersDoNotShrinkTheLimitSlowVisitorsDo() {
        AdmissionGate gate = adaptiveGate(32, 8);
        for (int round = 0; round < 5; round++) {
            // a full node of signed-in customers, each taking a second (e.g. waiting for the row of the date they book)
            List<AdmissionGate.Decision> customers = new ArrayList<>();
            AdmissionGate.Decision d;
            while ((d = gate.tryEnter(true, AdmissionGate.NO_TICKET)).admitted()) {
                customers.add(d);
            }
            assertThat(customers).hasSize(32).allMatch(AdmissionGate.Decision::privileged);
            finishAfter(gate, customers, 1000);
        }
        assertThat(gate.limit()).as("waiting buyers are not a flood to turn away").isEqualTo(32);

        List<AdmissionGate.Decision> visitors = fill(gate, 0);
        assertThat(visitors).hasSize(24).noneMatch(AdmissionGate.Decision::privileged);
        finishAfter(gate, visitors, 1000);
        assertThat(gate.limit()).as("slow visitors shrink it").isEqualTo(24);
    }

    @Test
    void fastRequestsLetTheLimitGrowBackWhileVisitorsQueue() {
        AdmissionGate gate = adaptiveGate(32, 8);
        finishAfter(gate, fill(gate, 8), 1000);
        finishAfter(gate, fill(gate, 8), 1000);
        assertThat(gate.limit()).isEqualTo(18);

        // light traffic, fast: the limit stays
        for (int i = 0; i < 20; i++) {
            AdmissionGate.Decision d = gate.tryEnter(false, AdmissionGate.NO_TICKET);
            clock.addAndGet(Duration.ofMillis(100).toNanos());
            gate.release(d);
        }
        assertThat(gate.limit()).isEqualTo(18);

        // a full node answering fast: one more place per window
        List<AdmissionGate.Decision> in = fill(gate, 0); // the last one was queued
        clock.addAndGet(Duration.ofMillis(1000).toNanos());
        for (AdmissionGate.Decision d : in) {
            gate.release(new AdmissionGate.Decision(true, d.number(), 0, clock.get() - Duration.ofMillis(50).toNanos(), false));
        }
        assertThat(gate.limit()).isEqualTo(19);
        assertThat(gate.latencyMillis()).isLessThan(250);
    }

    @Test
    void reconfiguringStartsTheAdaptiveLimitAgainAtTheNewMaximum() {
        AdmissionGate gate = adaptiveGate(32, 8);
        finishAfter(gate, fill(gate, 8), 1000);
        assertThat(gate.limit()).isEqualTo(24);
        gate.configure(1, 1);
        assertThat(gate.limit()).isEqualTo(1);
        assertThat(gate.tryEnter(false, AdmissionGate.NO_TICKET).admitted()).as("all reserved").isFalse();
        AdmissionGate.Decision customer = gate.tryEnter(true, AdmissionGate.NO_TICKET);
        assertThat(customer.admitted()).isTrue();
        gate.release(customer);
        gate.configure(64, 16);
        assertThat(gate.limit()).isEqualTo(64);
        assertThat(gate.reservedShare()).isEqualTo(16);
        assertThat(gate.minLimit()).isEqualTo(4);
    }
}
