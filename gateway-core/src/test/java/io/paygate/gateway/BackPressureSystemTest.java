package io.paygate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.codec.command.CommandType;
import io.paygate.gateway.cli.MerchantClient;
import io.paygate.gateway.journal.ChronicleJournal;
import io.paygate.gateway.journal.Journal;
import io.paygate.gateway.support.FaultyJournal;
import io.paygate.gateway.support.RawHttp;
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
 * Back-pressure (reliability G20): with the smallest ring ({@code ring.size = 64}) behind a journal
 * that stalls, the requests that do not fit are answered 503 + {@code Retry-After} while the stall
 * lasts (the event loops keep answering), the accepted ones wait and complete with 200 after the
 * release, and the journal holds exactly the accepted orders, none of the rejected ones.
 */
class BackPressureSystemTest {

    static final int RING = 64;
    static final int REQUESTS = 3 * RING;

    @TempDir
    Path dir;

    private static String statuses(List<CompletableFuture<MerchantClient.Reply>> replies) {
        Map<String, Integer> count = new java.util.TreeMap<>();
        for (CompletableFuture<MerchantClient.Reply> f : replies) {
            String k = !f.isDone() ? "pending" : f.isCompletedExceptionally() ? "failed"
                    : f.join().status() + " " + f.join().body().substring(0, Math.min(80, f.join().body().length()));
            count.merge(k, 1, Integer::sum);
        }
        return count.toString();
    }

    @Test
    @Timeout(180)
    void fullRingAnswers503AtOnceAndOnlyAcceptedRequestsAreJournaled() throws Exception {
        AtomicReference<FaultyJournal> faults = new AtomicReference<>();
        UnaryOperator<Journal> wrap = j -> {
            FaultyJournal f = new FaultyJournal(j);
            faults.set(f);
            return f;
        };
        Set<String> accepted = new HashSet<>();
        Set<String> rejected = new HashSet<>();
        ExecutorService clients = Executors.newFixedThreadPool(REQUESTS);
        try (TestGateway gw = TestGateway.start(dir, Map.of("paygate.ring.size", RING), null, wrap)) {
            MerchantClient m = new MerchantClient(gw.demo(), gw.apiBaseUrl());
            assertThat(FailStopSystemTest.order(gw, m, "BPRESS_WARMUP").status()).isEqualTo(200);
            List<CompletableFuture<MerchantClient.Reply>> replies = new ArrayList<>();
            faults.get().stall();
            try {
                for (int i = 0; i < REQUESTS; i++) {
                    String no = "BPRESS_" + i;
                    replies.add(CompletableFuture.supplyAsync(() -> FailStopSystemTest.order(gw, m, no), clients));
                }
                assertThat(faults.get().awaitStalled(30)).as("the journal thread is stalled; " + statuses(replies))
                        .isTrue();
                // while the journal is stalled, everything beyond the ring's capacity is answered
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (replies.stream().filter(CompletableFuture::isDone).count() < REQUESTS - RING
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(replies.stream().filter(CompletableFuture::isDone).count())
                        .as("answered during the stall: " + statuses(replies)).isGreaterThanOrEqualTo(REQUESTS - RING);
                RawHttp.RawResponse unrouted = RawHttp.exchange(gw.apiPort(),
                        "GET /v3/nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
                assertThat(unrouted.status()).as("the event loop still answers during the stall").isEqualTo(404);
                for (int i = 0; i < REQUESTS; i++) {
                    CompletableFuture<MerchantClient.Reply> f = replies.get(i);
                    if (f.isDone()) {
                        MerchantClient.Reply r = f.join();
                        assertThat(r.status()).as("nothing can be acknowledged while the journal is stalled: "
                                + r.body()).isEqualTo(503);
                        assertThat(r.headers().firstValue("Retry-After")).as("503 carries Retry-After").isPresent();
                        assertThat(SignedClient.parse(r.body()).path("code").asText()).isNotEmpty();
                        rejected.add("BPRESS_" + i);
                    }
                }
            } finally {
                faults.get().release();
            }
            for (int i = 0; i < REQUESTS; i++) {
                if (!rejected.contains("BPRESS_" + i)) {
                    MerchantClient.Reply r = replies.get(i).get(60, TimeUnit.SECONDS);
                    assertThat(r.status()).as("an accepted request completes after the release: " + r.body())
                            .isEqualTo(200);
                    accepted.add("BPRESS_" + i);
                }
            }
            System.out.println("BackPressureSystemTest: ring " + RING + ", " + REQUESTS + " requests: " + accepted.size()
                    + " accepted (200 after the release), " + rejected.size() + " answered 503 + Retry-After during the stall");
            assertThat(accepted).isNotEmpty().hasSizeLessThanOrEqualTo(RING);
        } finally {
            clients.shutdownNow();
        }

        Set<String> journaled = new HashSet<>();
        try (ChronicleJournal j = new ChronicleJournal(dir.resolve("journal").resolve("commands"))) {
            j.replay(c -> {
                if (c.type == CommandType.CREATE_ORDER && c.outTradeNo.startsWith("BPRESS_") && !c.outTradeNo.equals("BPRESS_WARMUP")) {
                    journaled.add(c.outTradeNo);
                }
            });
        }
        assertThat(journaled).as("the journal holds exactly the accepted orders").isEqualTo(accepted);
    }
}
