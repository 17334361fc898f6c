package org.farmstand.ordering.control;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlacementGateTest {

    @Test
    void atMostThePermitsRunAtOnceAndALateCallerGetsBusyNotAConnection() throws Exception {
        PlacementGate gate = new PlacementGate(1, 100);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = pool.submit(() -> gate.call(() -> {
                inside.countDown();
                await(leave);
                return "first";
            }));
            assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> gate.call(() -> "second")).isInstanceOf(PlacementGate.Busy.class);
            leave.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(gate.call(() -> "third")).as("the permit came back").isEqualTo("third");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingCallGivesItsPermitBack() {
        PlacementGate gate = new PlacementGate(1, 100);
        assertThatThrownBy(() -> gate.call(() -> {
            throw new IllegalStateException("deadlock victim");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(gate.call(() -> "next")).isEqualTo("next");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
