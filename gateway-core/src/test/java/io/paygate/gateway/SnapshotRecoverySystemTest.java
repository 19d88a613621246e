package io.paygate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.codec.Json;
import io.paygate.gateway.cli.MerchantClient;
import io.paygate.gateway.journal.SnapshotStore;
import io.paygate.gateway.support.TestGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery = newest valid snapshot + journal after it, with the same state hash as before the stop. */
class SnapshotRecoverySystemTest {

    @TempDir
    Path dir;

    static String stateHash(TestGateway gw) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(gw.adminBaseUrl() + "/admin/v1/ledger"))
                        .header("Authorization", "Bearer " + gw.adminToken()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return (String) Json.mapper().readValue(r.body(), Map.class).get("state_hash");
    }

    static void traffic(TestGateway gw, String prefix, int orders) {
        MerchantClient m = new MerchantClient(gw.demo(), gw.apiBaseUrl());
        String payer = m.newPayer(1_000_000);
        for (int i = 0; i < orders; i++) {
            String no = prefix + i;
            MerchantClient.Reply r = m.signed("POST", "/v3/pay/transactions/native", "{\"appid\":\"" + gw.demo().appid()
                    + "\",\"mchid\":\"" + gw.demo().mchid() + "\",\"description\":\"snap\",\"out_trade_no\":\"" + no
                    + "\",\"notify_url\":\"https://merchant.example/n\",\"amount\":{\"total\":" + (100 + i) + "}}");
            assertThat(r.status()).isEqualTo(200);
            if (i % 2 == 0) {
                m.sandbox("POST", "/sandbox/v1/payments", "{\"openid\":\"" + payer + "\",\"code_url\":\""
                        + r.json().get("code_url") + "\"}");
            }
        }
    }

    @Test
    void restartFromSnapshotsGivesTheSameStateAndFallsBackPastADamagedOne() throws Exception {
        Map<String, Object> every5 = Map.of("paygate.snapshot.every-commands", 5);
        String before;
        try (TestGateway gw = TestGateway.start(dir, every5)) {
            traffic(gw, "SNAP_A_", 12);
            await().atMost(Duration.ofSeconds(10)).until(() -> new SnapshotStore(dir.resolve("snapshots")).files().size() >= 2);
            traffic(gw, "SNAP_B_", 3);
            before = stateHash(gw);
        }
        List<Path> files = new SnapshotStore(dir.resolve("snapshots")).files();
        assertThat(files).hasSizeBetween(2, SnapshotStore.KEEP);

        try (TestGateway gw = TestGateway.start(dir, every5)) {
            assertThat(stateHash(gw)).as("newest snapshot + journal suffix").isEqualTo(before);
        }

        Path newest = new SnapshotStore(dir.resolve("snapshots")).files().get(0);
        byte[] b = Files.readAllBytes(newest);
        b[b.length / 2] ^= 0x40;
        Files.write(newest, b);
        try (TestGateway gw = TestGateway.start(dir, Map.of("paygate.snapshot.every-commands", 1_000_000))) {
            assertThat(stateHash(gw)).as("an older snapshot (or a full replay) after a damaged newest one").isEqualTo(before);
        }

        for (Path f : new SnapshotStore(dir.resolve("snapshots")).files()) {
            Files.delete(f);
        }
        try (TestGateway gw = TestGateway.start(dir, Map.of("paygate.snapshot.every-commands", 1_000_000))) {
            assertThat(stateHash(gw)).as("full replay without snapshots").isEqualTo(before);
        }
    }
}
