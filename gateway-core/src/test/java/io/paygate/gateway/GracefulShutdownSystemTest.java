package io.paygate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.paygate.codec.command.CommandType;
import io.paygate.gateway.cli.MerchantClient;
import io.paygate.gateway.journal.ChronicleJournal;
import io.paygate.gateway.support.AdminClient;
import io.paygate.gateway.support.ChildGateway;
import io.paygate.gateway.support.Cli;
import io.paygate.gateway.support.LogCapture;
import io.paygate.gateway.support.TestGateway;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to {@code paygate serve} in a child JVM, after traffic and while load runs: it drains and
 * exits with status 0 (within 30 s); the journal holds exactly the acknowledged orders (a command
 * journaled during the drain is answered before the process exits); the next start logs no error,
 * cuts off no torn record, has the state hash {@code paygate verify} computes from the stopped data
 * dir, and every acknowledged order.
 */
class GracefulShutdownSystemTest {

    static final String HOCON = "paygate.snapshot.every-commands = 50\n";

    @TempDir
    Path dir;

    @Test
    void sigtermAfterTrafficAndUnderLoadExitsZeroJournalsExactlyTheAcknowledgedOrdersAndRestartsClean()
            throws Exception {
        Path data = dir.resolve("data");
        Set<String> acked = ConcurrentHashMap.newKeySet();
        int exit;
        try (ChildGateway child = ChildGateway.start(data, HOCON)) {
            // traffic first: orders, half of them paid
            MerchantClient m = new MerchantClient(child.demo(), child.apiBaseUrl());
            String payer = m.newPayer(1_000_000);
            for (int i = 0; i < 10; i++) {
                MerchantClient.Reply r = order(m, child, "GRACE_" + i, 100 + i);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                acked.add("GRACE_" + i);
                if (i % 2 == 0) {
                    assertThat(m.sandbox("POST", "/sandbox/v1/payments", "{\"openid\":\"" + payer
                            + "\",\"code_url\":\"" + r.json().get("code_url") + "\"}").status()).isEqualTo(200);
                }
            }
            // then load, and SIGTERM while it runs
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> load = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int worker = w;
                Thread t = new Thread(() -> {
                    MerchantClient c = new MerchantClient(child.demo(), child.apiBaseUrl());
                    for (int i = 0; !stop.get(); i++) {
                        String no = "LOAD_" + worker + "_" + i;
                        try {
                            if (order(c, child, no, 1 + i).status() == 200) {
                                acked.add(no);
                            }
                        } catch (UncheckedIOException | IllegalStateException gone) {
                            return; // the listener is closed: the load ends
                        }
                    }
                }, "grace-load-" + w);
                t.start();
                load.add(t);
            }
            while (acked.size() < 40) {
                Thread.sleep(20);
            }
            exit = child.sigterm(30);
            stop.set(true);
            for (Thread t : load) {
                t.join(30_000);
            }
            assertThat(exit).as("exit status after SIGTERM under load; output:%n%s", child.output()).isZero();
        }
        Set<String> journaled = ConcurrentHashMap.newKeySet();
        try (ChronicleJournal j = new ChronicleJournal(data.resolve("journal").resolve("commands"))) {
            j.replay(c -> {
                if (c.type == CommandType.CREATE_ORDER) {
                    journaled.add(c.outTradeNo);
                }
            });
        }
        System.out.println("GracefulShutdownSystemTest: " + acked.size() + " orders acknowledged, " + journaled.size()
                + " journaled");
        assertThat(journaled).as("the journal holds exactly the acknowledged orders").isEqualTo(acked);
        Cli.Run verify = Cli.verify(data);
        assertThat(verify.code()).as(verify.toString()).isZero();
        assertCleanRestart(data, verify.value("state_hash"), List.copyOf(acked));
    }

    private static MerchantClient.Reply order(MerchantClient m, ChildGateway child, String no, long total) {
        return m.signed("POST", "/v3/pay/transactions/native", "{\"appid\":\"" + child.demo().appid() + "\",\"mchid\":\""
                + child.demo().mchid() + "\",\"description\":\"grace\",\"out_trade_no\":\"" + no + "\",\"notify_url\":"
                + "\"https://merchant.example/n\",\"amount\":{\"total\":" + total + "}}");
    }

    /** The next start: no error logged, no torn record, the same state (when known), every acknowledged order. */
    private static void assertCleanRestart(Path data, String stateHash, List<String> acked) throws Exception {
        try (LogCapture log = LogCapture.of("io.paygate"); TestGateway gw = TestGateway.start(data)) {
            assertThat(log.messages(Level.ERROR)).as("errors logged by the next start").isEmpty();
            try (java.util.stream.Stream<Path> s = Files.list(data.resolve("journal"))) {
                assertThat(s.map(p -> p.getFileName().toString())).as("no torn record cut off")
                        .noneMatch(n -> n.contains(".damaged-"));
            }
            if (stateHash != null) {
                assertThat(AdminClient.of(gw).stateHash()).isEqualTo(stateHash);
            }
            MerchantClient m = new MerchantClient(gw.demo(), gw.apiBaseUrl());
            for (String no : acked) {
                MerchantClient.Reply q = m.signed("GET", "/v3/pay/transactions/out-trade-no/" + no + "?mchid="
                        + gw.demo().mchid(), null);
                assertThat(q.status()).as("acknowledged order " + no + ": " + q.body()).isEqualTo(200);
            }
        }
    }
}
