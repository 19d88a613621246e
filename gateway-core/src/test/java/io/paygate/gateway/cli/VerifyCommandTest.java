package io.paygate.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.gateway.journal.JournalFiles;
import io.paygate.gateway.support.AdminClient;
import io.paygate.gateway.support.Cli;
import io.paygate.gateway.support.TestGateway;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code paygate verify} through picocli, on a real gateway's data dir. */
class VerifyCommandTest {

    @TempDir
    Path dir;

    /** A few orders, payments and a refund; returns the live state hash. */
    static String traffic(TestGateway gw) {
        MerchantClient m = new MerchantClient(gw.demo(), gw.apiBaseUrl());
        String payer = m.newPayer(1_000_000);
        for (int i = 0; i < 6; i++) {
            MerchantClient.Reply r = m.signed("POST", "/v3/pay/transactions/native", "{\"appid\":\"" + gw.demo().appid()
                    + "\",\"mchid\":\"" + gw.demo().mchid() + "\",\"description\":\"verify\",\"out_trade_no\":\"VERIFY_"
                    + i + "\",\"notify_url\":\"https://merchant.example/n\",\"amount\":{\"total\":" + (100 + i) + "}}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            if (i % 2 == 0) {
                assertThat(m.sandbox("POST", "/sandbox/v1/payments", "{\"openid\":\"" + payer + "\",\"code_url\":\""
                        + r.json().get("code_url") + "\"}").status()).isEqualTo(200);
            }
        }
        assertThat(m.signed("POST", "/v3/refund/domestic/refunds", "{\"out_trade_no\":\"VERIFY_0\",\"out_refund_no\":"
                + "\"VR0\",\"amount\":{\"refund\":50,\"total\":100,\"currency\":\"CNY\"}}").status()).isEqualTo(200);
        return AdminClient.of(gw).stateHash();
    }

    @Test
    void printsTheLiveStateHashOfAStoppedGateway() throws Exception {
        String live;
        try (TestGateway gw = TestGateway.start(dir)) {
            live = traffic(gw);
        }
        Cli.Run r = Cli.verify(dir);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.value("state_hash")).as(r.toString()).isEqualTo(live);
        assertThat(r.value("sum")).isEqualTo("0");
        assertThat(r.value("negative_accounts")).isEqualTo("0");
        assertThat(r.out()).contains("verify: OK");
    }

    @Test
    void refusesADataDirARunningGatewayHolds() throws Exception {
        try (TestGateway gw = TestGateway.start(dir)) {
            traffic(gw);
            Cli.Run r = Cli.verify(dir);
            assertThat(r.code()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).as(r.toString()).contains("in use");
            assertThat(r.out()).doesNotContain("verify: OK");
        }
    }

    @Test
    void exitsOneNamingTheIndexOfACorruptMiddleRecord() throws Exception {
        try (TestGateway gw = TestGateway.start(dir)) {
            traffic(gw);
        }
        Path journal = dir.resolve("journal").resolve("commands");
        List<JournalFiles.Excerpt> records = JournalFiles.excerpts(journal);
        assertThat(records).hasSizeGreaterThan(4);
        JournalFiles.Excerpt middle = records.get(records.size() / 2);
        Path file = JournalFiles.cycleFile(journal);
        byte[] b = JournalFiles.read(file, middle.dataPos() + middle.length() / 2, 1);
        b[0] ^= 0x10;
        JournalFiles.write(file, middle.dataPos() + middle.length() / 2, b);

        Cli.Run r = Cli.verify(dir);
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).contains("index " + Long.toHexString(middle.index()));
        assertThat(r.out()).doesNotContain("verify: OK").doesNotContain("state_hash");
    }

    @Test
    void exitsOneWhenTheJournalEndsBeforeTheLastCleanStop() throws Exception {
        try (TestGateway gw = TestGateway.start(dir)) {
            traffic(gw);
        }
        java.nio.file.Files.writeString(dir.resolve("journal-high-water"), "1000000\n"); // as if a journal was replaced
        Cli.Run r = Cli.verify(dir);
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).contains("stopped cleanly at sequence 1000000");
        assertThat(r.out()).doesNotContain("verify: OK");
    }

    @Test
    void exitsTwoWithoutADataDir() {
        Cli.Run r = Cli.verify(dir.resolve("nothing-here"));
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
    }
}
