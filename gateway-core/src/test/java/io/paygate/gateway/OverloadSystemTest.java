package io.paygate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.codec.command.CommandType;
import io.paygate.gateway.cli.MerchantClient;
import io.paygate.gateway.journal.ChronicleJournal;
import io.paygate.gateway.journal.Journal;
import io.paygate.gateway.support.AdminClient;
import io.paygate.gateway.support.FaultyJournal;
import io.paygate.gateway.support.SignedClient;
import io.paygate.gateway.support.TestGateway;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overload sheds instead of queueing ({@code paygate.http.in-flight-max}): an event loop that holds
 * that many unanswered requests answers the next ones 503 + {@code Retry-After} at once, before any
 * signature work, with the ring far from full; the ones it holds complete normally, nothing of the
 * shed ones is journaled, and once the held ones are answered the loop takes requests again.
 */
class OverloadSystemTest {

    static final int IN_FLIGHT_MAX = 4;
    static final int EXTRA = 6;

    @TempDir
    Path dir;

    /** {@code paygate_ring_occupancy} from the admin port's /metrics. */
    static long ringOccupancy(TestGateway gw) {
        for (String line : AdminClient.of(gw).send("GET", "/metrics", null).text().split("\n")) {
            if (line.startsWith("paygate_ring_occupancy ")) {
                return (long) Double.parseDouble(line.substring("paygate_ring_occupancy ".length()).trim());
            }
        }
        throw new AssertionError("no paygate_ring_occupancy in /metrics");
    }

    @Test
    @Timeout(120)
    void anEventLoopHoldingInFlightMaxRequestsSheds503AtOnce() throws Exception {
        AtomicReference<FaultyJournal> faults = new AtomicReference<>();
        UnaryOperator<Journal> wrap = j -> {
            FaultyJournal f = new FaultyJournal(j);
            faults.set(f);
            return f;
        };
        ExecutorService clients = Executors.newFixedThreadPool(IN_FLIGHT_MAX + EXTRA);
        Set<String> accepted = new HashSet<>();
        try (TestGateway gw = TestGateway.start(dir, Map.of("paygate.api.io-threads", 1,
                "paygate.http.in-flight-max", IN_FLIGHT_MAX), null, wrap)) {
            MerchantClient m = new MerchantClient(gw.demo(), gw.apiBaseUrl());
            assertThat(FailStopSystemTest.order(gw, m, "OVERLOAD_WARMUP").status()).isEqualTo(200);
            faults.get().stall();
            List<CompletableFuture<MerchantClient.Reply>> held = new ArrayList<>();
            try {
                for (int i = 0; i < IN_FLIGHT_MAX; i++) {
                    String no = "OVERLOAD_HELD_" + i;
                    held.add(CompletableFuture.supplyAsync(() -> FailStopSystemTest.order(gw, m, no), clients));
                }
                assertThat(faults.get().awaitStalled(30)).isTrue();
                // the one event loop now waits on IN_FLIGHT_MAX requests (one in the stalled journal,
                // the rest behind it in the ring); wait until all of them reached the ring
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (ringOccupancy(gw) < IN_FLIGHT_MAX && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(ringOccupancy(gw)).isEqualTo(IN_FLIGHT_MAX);
                for (int i = 0; i < EXTRA; i++) {
                    MerchantClient.Reply shed = FailStopSystemTest.order(gw, m, "OVERLOAD_SHED_" + i);
                    assertThat(shed.status()).as(shed.body()).isEqualTo(503);
                    assertThat(shed.headers().firstValue("Retry-After")).isPresent();
                    assertThat(SignedClient.parse(shed.body()).path("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
                    assertThat(SignedClient.parse(shed.body()).path("message").asText()).contains("overloaded");
                }
                assertThat(held).noneMatch(CompletableFuture::isDone);
            } finally {
                faults.get().release();
            }
            for (int i = 0; i < IN_FLIGHT_MAX; i++) {
                MerchantClient.Reply r = held.get(i).get(60, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                accepted.add("OVERLOAD_HELD_" + i);
            }
            // every held request was answered: the loop's count is back to zero and it takes requests again
            for (int i = 0; i < 2 * IN_FLIGHT_MAX; i++) {
                assertThat(FailStopSystemTest.order(gw, m, "OVERLOAD_AFTER_" + i).status()).isEqualTo(200);
                accepted.add("OVERLOAD_AFTER_" + i);
            }
        } finally {
            clients.shutdownNow();
        }
        Set<String> journaled = new HashSet<>();
        try (ChronicleJournal j = new ChronicleJournal(dir.resolve("journal").resolve("commands"))) {
            j.replay(c -> {
                if (c.type == CommandType.CREATE_ORDER && !c.outTradeNo.equals("OVERLOAD_WARMUP")) {
                    journaled.add(c.outTradeNo);
                }
            });
        }
        assertThat(journaled).as("exactly the held and later orders; none of the shed ones").isEqualTo(accepted);
    }
}
