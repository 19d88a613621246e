package io.paygate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.gateway.cli.MerchantClient;
import io.paygate.gateway.support.CallbackServer;
import io.paygate.gateway.support.ChildGateway;
import io.paygate.gateway.support.NotificationLog;
import io.paygate.gateway.support.Notifications;
import io.paygate.gateway.support.SandboxPayments;
import io.paygate.gateway.support.SdkClients;
import io.paygate.gateway.support.TestGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash tier: a gateway in a child JVM takes payments whose merchant answers 500, is killed with
 * SIGKILL while notifications are retrying (and some not yet attempted), and a new gateway on the
 * same data dir delivers every one of them, under the ids the merchant saw before the crash.
 */
class NotificationCrashTest {

    @TempDir
    Path dir;

    @Test
    void notificationsPendingAtAKill9AreAllDeliveredAfterRestartWithTheSameIds() throws Exception {
        Path dataDir = dir.resolve("data");
        int attemptedBeforeKill = 8;
        int payments = attemptedBeforeKill + 4;
        Map<String, String> outTradeNoById = new HashMap<>();
        Set<String> idsBeforeCrash;
        MerchantInfo demo;
        try (CallbackServer merchantSite = new CallbackServer().answer(500)) {
            try (ChildGateway child = ChildGateway.start(dataDir, "paygate.notify.retry-schedule = [1s, 1s, 1s, 1s, 1s,"
                    + " 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s]\n")) {
                demo = child.demo();
                NotificationConfig sdk = (NotificationConfig) SdkClients.publicKeyConfig(demo);
                MerchantClient merchant = new MerchantClient(demo, child.apiBaseUrl());
                String payer = merchant.newPayer(1_000_000);
                for (int i = 0; i < attemptedBeforeKill; i++) {
                    SandboxPayments.payNative(merchant, payer, "CRASH_" + (100 + i), 100 + i, merchantSite.url("/n"));
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> Set.copyOf(merchantSite.notificationIds()).size()
                        >= attemptedBeforeKill);
                // a few more, killed right after their payments were acknowledged
                for (int i = attemptedBeforeKill; i < payments; i++) {
                    SandboxPayments.payNative(merchant, payer, "CRASH_" + (100 + i), 100 + i, merchantSite.url("/n"));
                }
                child.kill9();
                assertThat(child.output()).contains("paygate: serving API");

                for (CallbackServer.Received r : merchantSite.received()) {
                    outTradeNoById.put(Notifications.id(r), Notifications.parse(sdk, r, Transaction.class).getOutTradeNo());
                }
                idsBeforeCrash = Set.copyOf(outTradeNoById.keySet());
            }
            assertThat(idsBeforeCrash).hasSizeGreaterThanOrEqualTo(attemptedBeforeKill);

            int seenBeforeRestart = merchantSite.requests();
            merchantSite.answer(200);
            try (TestGateway gw = TestGateway.start(dataDir, Map.of("paygate.notify.retry-schedule",
                    List.of("200ms", "200ms", "200ms")))) {
                NotificationLog log = NotificationLog.of(gw);
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    List<JsonNode> all = log.ofMerchant(demo.mchid());
                    return all.size() == payments && all.stream().allMatch(n -> n.path("status").asText().equals("DELIVERED"));
                });

                NotificationConfig sdk = (NotificationConfig) SdkClients.publicKeyConfig(demo);
                List<CallbackServer.Received> after = merchantSite.received().subList(seenBeforeRestart,
                        merchantSite.received().size());
                Map<String, String> deliveredAfter = new HashMap<>();
                for (CallbackServer.Received r : after) {
                    deliveredAfter.put(Notifications.id(r), Notifications.parse(sdk, r, Transaction.class).getOutTradeNo());
                }
                // none lost: every acknowledged payment's notification arrives, once or more
                Set<String> outTradeNos = new HashSet<>(deliveredAfter.values());
                for (int i = 0; i < payments; i++) {
                    assertThat(outTradeNos).contains("CRASH_" + (100 + i));
                }
                assertThat(deliveredAfter).hasSize(payments);
                // the same notification keeps its id across the crash
                assertThat(deliveredAfter.keySet()).containsAll(idsBeforeCrash);
                idsBeforeCrash.forEach(id -> assertThat(deliveredAfter.get(id)).as(id).isEqualTo(outTradeNoById.get(id)));
                assertThat(log.ofMerchant(demo.mchid())).extracting(n -> n.path("id").asText())
                        .containsExactlyInAnyOrderElementsOf(deliveredAfter.keySet());
            }
        }
    }
}
