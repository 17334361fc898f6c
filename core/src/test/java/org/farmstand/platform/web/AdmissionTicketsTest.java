package org.farmstand.platform.web;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdmissionTicketsTest {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final Instant NOW = Instant.parse("2026-11-27T20:00:00Z");

    static AdmissionTickets at(Instant instant) {
        return new AdmissionTickets(KEY, Duration.ofMinutes(30), Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void anIssuedTicketVerifiesToItsNumber() {
        String ticket = at(NOW).issue(42);
        assertThat(ticket).startsWith("42.").doesNotContain(";", ",", " ", "\"");
        assertThat(at(NOW.plusSeconds(60)).verify(ticket)).hasValue(42);
    }

    @Test
    void aChangedNumberOrSignatureIsRejected() {
        String ticket = at(NOW).issue(42);
        assertThat(at(NOW).verify(ticket.replaceFirst("^42", "1"))).isEmpty();
        String signature = ticket.substring(ticket.lastIndexOf('.') + 1);
        char last = signature.charAt(signature.length() - 1);
        assertThat(at(NOW).verify(ticket.substring(0, ticket.length() - 1) + (last == 'A' ? 'B' : 'A'))).isEmpty();
        assertThat(at(NOW).verify(ticket.substring(0, ticket.lastIndexOf('.')))).isEmpty();
        assertThat(at(NOW).verify("")).isEmpty();
        assertThat(at(NOW).verify(null)).isEmpty();
        assertThat(at(NOW).verify("a.b.c")).isEmpty();
    }

    @Test
    void anotherKeyDoesNotAcceptTheTicket() {
        String ticket = at(NOW).issue(7);
        AdmissionTickets other = new AdmissionTickets("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII),
                Duration.ofMinutes(30), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(other.verify(ticket)).isEmpty();
        assertThat(AdmissionTickets.withRandomKey(Duration.ofMinutes(30)).verify(ticket)).isEmpty();
    }

    @Test
    void anExpiredOrFutureTicketIsRejected() {
        String ticket = at(NOW).issue(3);
        assertThat(at(NOW.plus(Duration.ofMinutes(31))).verify(ticket)).isEmpty();
        assertThat(at(NOW.minus(Duration.ofMinutes(1))).verify(ticket)).isEmpty();
    }

    @Test
    void oneInstanceSignsAndVerifiesOnManyThreadsAtOnce() throws Exception {
        AdmissionTickets tickets = at(NOW);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long base = t * 10_000L + 1;
                results.add(pool.submit(() -> {
                    for (long n = base; n < base + 2_000; n++) {
                        if (tickets.verify(tickets.issue(n)).orElse(-1) != n) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (var result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> new AdmissionTickets(new byte[8], Duration.ofMinutes(1), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
