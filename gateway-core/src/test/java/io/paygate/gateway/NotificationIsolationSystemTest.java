package io.paygate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.paygate.gateway.cli.MerchantClient;
import io.paygate.gateway.support.AdminClient;
import io.paygate.gateway.support.CallbackServer;
import io.paygate.gateway.support.NotificationLog;
import io.paygate.gateway.support.SandboxPayments;
import io.paygate.gateway.support.TestGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One merchant's endpoint hangs; another merchant's notifications go out as if nothing were wrong.
 * Shown with state and ordering facts only (no clock readings): the healthy merchant's notifications
 * are all delivered on their first attempt while the hanging merchant's backlog is still waiting for
 * its first attempts, and the hanging merchant never has more attempts in flight than its lane allows.
 */
class NotificationIsolationSystemTest {

    @TempDir
    Path dir;

    record Merchants(MerchantClient a, String aPayer, MerchantClient b, String bPayer) {
    }

    static Merchants merchants(TestGateway gw, Path dir) {
        MerchantClient a = new MerchantClient(gw.demo(), gw.apiBaseUrl());
        MerchantClient b = new MerchantClient(AdminClient.of(gw).provisionMerchant("healthy", dir).info(),
                gw.apiBaseUrl());
        return new Merchants(a, a.newPayer(10_000_000), b, b.newPayer(10_000_000));
    }

    static long count(List<JsonNode> views, java.util.function.Predicate<JsonNode> p) {
        return views.stream().filter(p).count();
    }

    @Test
    void aHangingMerchantDoesNotDelayAHealthyMerchantsNotifications() throws Exception {
        int aBacklog = 16;
        int lane = 2;
        try (TestGateway gw = TestGateway.start(dir.resolve("gw"), Map.of(
                "paygate.notify.attempt-timeout", "1s",
                "paygate.notify.concurrency-per-merchant", lane,
                "paygate.notify.retry-schedule", List.of("2s", "2s", "2s", "2s", "2s")));
             CallbackServer hanging = new CallbackServer().delay(60_000);
             CallbackServer healthy = new CallbackServer()) {
            Merchants m = merchants(gw, dir);
            NotificationLog log = NotificationLog.of(gw);
            String aMchid = m.a().info().mchid();
            String bMchid = m.b().info().mchid();

            // A's backlog is journaled first, B's after it
            for (int i = 0; i < aBacklog; i++) {
                SandboxPayments.payNative(m.a(), m.aPayer(), "ISO_A_" + (100 + i), 100, hanging.url("/a"));
            }
            for (int i = 0; i < 3; i++) {
                SandboxPayments.payNative(m.b(), m.bPayer(), "ISO_B_" + (100 + i), 100, healthy.url("/b"));
            }

            await().atMost(Duration.ofSeconds(10)).until(() ->
                    count(log.ofMerchant(bMchid), n -> n.path("status").asText().equals("DELIVERED")) == 3);
            List<JsonNode> aAtThatMoment = log.ofMerchant(aMchid);
            List<JsonNode> b = log.ofMerchant(bMchid);
            assertThat(b).hasSize(3).allSatisfy(n -> assertThat(n.path("attempts").asInt())
                    .as("B's first attempt succeeded").isEqualTo(1));
            assertThat(healthy.requests()).isEqualTo(3);
            // B was served while A's own backlog still waited for a first attempt: B did not queue behind A
            assertThat(aAtThatMoment).hasSize(aBacklog);
            assertThat(count(aAtThatMoment, n -> n.path("attempts").asInt() == 0))
                    .as("A's notifications not attempted yet when B's were all delivered").isGreaterThan(0);
            assertThat(count(aAtThatMoment, n -> n.path("status").asText().equals("DELIVERED"))).isZero();

            // A's attempts time out and A goes on retrying; B stays healthy meanwhile
            await().atMost(Duration.ofSeconds(15)).until(() -> count(log.ofMerchant(aMchid),
                    n -> n.path("status").asText().equals("RETRYING")
                            && n.path("last_error").asText().equals("timeout")) >= lane);
            SandboxPayments.payNative(m.b(), m.bPayer(), "ISO_B_200", 100, healthy.url("/b"));
            await().atMost(Duration.ofSeconds(10)).until(() -> healthy.requests() == 4);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    count(log.ofMerchant(bMchid), n -> n.path("status").asText().equals("DELIVERED")) == 4);
            List<JsonNode> aLater = log.ofMerchant(aMchid);
            assertThat(count(aLater, n -> n.path("status").asText().equals("DELIVERED"))).isZero();
            assertThat(count(aLater, n -> n.path("status").asText().equals("PENDING")
                    || n.path("status").asText().equals("RETRYING"))).isEqualTo(aBacklog);
            assertThat(healthy.received()).allMatch(r -> r.path().equals("/b"));
        }
    }

    @Test
    void concurrencyPerMerchantBoundsTheAttemptsInFlightToOneEndpoint() throws Exception {
        int lane = 3;
        int aBacklog = 8;
        // the attempt timeout outlasts the test: no attempt of A's ends, so every request A's server
        // has received is still in flight, and the lane must keep the rest waiting
        try (TestGateway gw = TestGateway.start(dir.resolve("gw"), Map.of(
                "paygate.notify.attempt-timeout", "60s",
                "paygate.notify.concurrency-per-merchant", lane));
             CallbackServer hanging = new CallbackServer().delay(120_000);
             CallbackServer healthy = new CallbackServer()) {
            Merchants m = merchants(gw, dir);
            NotificationLog log = NotificationLog.of(gw);
            for (int i = 0; i < aBacklog; i++) {
                SandboxPayments.payNative(m.a(), m.aPayer(), "LANE_A_" + (100 + i), 100, hanging.url("/a"));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> hanging.requests() == lane);
            // B's event was journaled after all of A's: once it is delivered, the notifier has passed A's backlog
            SandboxPayments.payNative(m.b(), m.bPayer(), "LANE_B_100", 100, healthy.url("/b"));
            await().atMost(Duration.ofSeconds(10)).until(() -> log.ofMerchant(m.b().info().mchid()).stream()
                    .allMatch(n -> n.path("status").asText().equals("DELIVERED")) && healthy.requests() == 1);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> hanging.requests() == lane);

            assertThat(hanging.inFlightMax()).isEqualTo(lane);
            List<JsonNode> a = log.ofMerchant(m.a().info().mchid());
            assertThat(a).hasSize(aBacklog).allMatch(n -> n.path("status").asText().equals("PENDING")
                    && n.path("attempts").asInt() == 0);
        }
    }
}
