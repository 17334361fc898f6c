package org.farmstand.platform.web;

import org.junit.jupiter.api.Test;

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
}
