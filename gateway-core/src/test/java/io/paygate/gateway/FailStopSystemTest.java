package io.paygate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.paygate.codec.command.CommandType;
import io.paygate.gateway.cli.MerchantClient;
import io.paygate.gateway.journal.Journal;
import io.paygate.gateway.metrics.Metrics;
import io.paygate.gateway.support.AdminClient;
import io.paygate.gateway.support.Cli;
import io.paygate.gateway.support.FaultyJournal;
import io.paygate.gateway.support.LogCapture;
import io.paygate.gateway.support.SignedClient;
import io.paygate.gateway.support.TestGateway;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail-stop (reliability G25): a failed journal append, a failed msync with {@code journal.sync =
 * batch}, and a matcher invariant breach each answer 503 to the failing request and to every later
 * one, turn {@code /readyz} to 503 with the reason, and log a {@code FAIL-STOP} line. After the
 * append fault, a restart has exactly the state from before the fault.
 */
class FailStopSystemTest {

    @TempDir
    Path dir;

    private final AtomicReference<FaultyJournal> faults = new AtomicReference<>();
    private final UnaryOperator<Journal> wrap = j -> {
        FaultyJournal f = new FaultyJournal(j);
        faults.set(f);
        return f;
    };

    @Test
    void failedAppendHaltsIntakeAndARestartHasTheStateFromBeforeTheFault() throws Exception {
        String before;
        try (LogCapture log = LogCapture.of(Metrics.class); TestGateway gw = TestGateway.start(dir, Map.of(), null, wrap)) {
            MerchantClient m = new MerchantClient(gw.demo(), gw.apiBaseUrl());
            traffic(gw, m);
            before = AdminClient.of(gw).stateHash();
            faults.get().failAppendOf(c -> c.type == CommandType.CREATE_ORDER);

            MerchantClient.Reply failing = order(gw, m, "FAILSTOP_X");
            assertThat(failing.status()).as(failing.body()).isEqualTo(503);
            assertHalted(gw, m, log, "journal append failed");
        }
        try (TestGateway gw = TestGateway.start(dir)) {
            assertThat(AdminClient.of(gw).stateHash()).as("the state from before the fault").isEqualTo(before);
            MerchantClient m = new MerchantClient(gw.demo(), gw.apiBaseUrl());
            assertThat(m.signed("GET", "/v3/pay/transactions/out-trade-no/FAILSTOP_X?mchid=" + gw.demo().mchid(), null)
                    .status()).as("the failed order was never journaled").isEqualTo(404);
        }
        Cli.Run v = Cli.verify(dir);
        assertThat(v.code()).as(v.toString()).isZero();
        assertThat(v.value("state_hash")).isEqualTo(before);
    }

    @Test
    void failedSyncWithBatchSyncHaltsIntake() throws Exception {
        try (LogCapture log = LogCapture.of(Metrics.class);
             TestGateway gw = TestGateway.start(dir, Map.of("paygate.journal.sync", "batch"), null, wrap)) {
            MerchantClient m = new MerchantClient(gw.demo(), gw.apiBaseUrl());
            traffic(gw, m);
            faults.get().failSyncs();
            MerchantClient.Reply failing = order(gw, m, "FAILSTOP_S");
            assertThat(failing.status()).as("appended but not proven durable: never acknowledged; " + failing.body())
                    .isEqualTo(503);
            assertHalted(gw, m, log, "journal sync failed");
        }
    }

    @Test
    void matcherInvariantBreachHaltsIntake() throws Exception {
        try (LogCapture log = LogCapture.of(Metrics.class); TestGateway gw = TestGateway.start(dir, Map.of(), null, wrap)) {
            MerchantClient m = new MerchantClient(gw.demo(), gw.apiBaseUrl());
            traffic(gw, m);
            faults.get().poisonAfterWriting(c -> c.type == CommandType.CREATE_ORDER);
            MerchantClient.Reply failing = order(gw, m, "FAILSTOP_I");
            assertThat(failing.status()).as(failing.body()).isEqualTo(503);
            assertHalted(gw, m, log, "matcher failed");
        }
        try (TestGateway gw = TestGateway.start(dir)) {
            // the poisoned command was journaled intact: recovery replays it and comes up ready
            assertThat(new AdminClient(gw.adminBaseUrl(), null).send("GET", "/readyz", null, null).status()).isEqualTo(200);
        }
    }

    private static void traffic(TestGateway gw, MerchantClient m) {
        String payer = m.newPayer(100_000);
        for (int i = 0; i < 3; i++) {
            MerchantClient.Reply r = order(gw, m, "FAILSTOP_" + i);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(m.sandbox("POST", "/sandbox/v1/payments", "{\"openid\":\"" + payer + "\",\"code_url\":\""
                    + r.json().get("code_url") + "\"}").status()).isEqualTo(200);
        }
    }

    static MerchantClient.Reply order(TestGateway gw, MerchantClient m, String outTradeNo) {
        return m.signed("POST", "/v3/pay/transactions/native", "{\"appid\":\"" + gw.demo().appid() + "\",\"mchid\":\""
                + gw.demo().mchid() + "\",\"description\":\"failstop\",\"out_trade_no\":\"" + outTradeNo
                + "\",\"notify_url\":\"https://merchant.example/n\",\"amount\":{\"total\":100}}");
    }

    /** Every later request is 503 with a JSON error, readyz says why, and a FAIL-STOP line was logged. */
    private static void assertHalted(TestGateway gw, MerchantClient m, LogCapture log, String reason) {
        for (int i = 0; i < 3; i++) {
            MerchantClient.Reply later = order(gw, m, "FAILSTOP_LATER" + i);
            assertThat(later.status()).as("a later order; " + later.body()).isEqualTo(503);
            assertThat(SignedClient.parse(later.body()).path("code").asText()).isNotEmpty();
        }
        assertThat(m.sandbox("POST", "/sandbox/v1/payers", "{\"balance\":1}").status()).as("a later payer").isEqualTo(503);
        assertThat(m.signed("GET", "/v3/pay/transactions/out-trade-no/FAILSTOP_0?mchid=" + gw.demo().mchid(), null)
                .status()).as("a later query").isEqualTo(503);
        AdminClient probes = new AdminClient(gw.adminBaseUrl(), null);
        SignedClient.Response ready = probes.send("GET", "/readyz", null, null);
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().path("message").asText()).contains("halted").contains(reason);
        assertThat(probes.send("GET", "/livez", null, null).status()).isEqualTo(200);
        assertThat(log.messages(Level.ERROR)).anyMatch(l -> l.contains("FAIL-STOP"));
    }
}
