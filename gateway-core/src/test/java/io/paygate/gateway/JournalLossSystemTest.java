package io.paygate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.gateway.cli.MerchantClient;
import io.paygate.gateway.journal.JournalCorruptException;
import io.paygate.gateway.support.TestGateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data dir remembers how far its journal got at each clean stop ({@code DIR/journal-high-water});
 * a start whose journal (and snapshots) ends before that mark refuses instead of starting with less
 * state than was acknowledged: the demo merchant, admin token and keys would otherwise make a lost
 * journal look like a fresh start.
 */
class JournalLossSystemTest {

    @TempDir
    Path dir;

    static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void aLostJournalRefusesToStartAfterACleanStop() throws Exception {
        try (TestGateway gw = TestGateway.start(dir)) {
            MerchantClient m = new MerchantClient(gw.demo(), gw.apiBaseUrl());
            for (int i = 0; i < 3; i++) {
                assertThat(FailStopSystemTest.order(gw, m, "LOSS_ORDER_" + i).status()).isEqualTo(200);
            }
        }
        assertThat(Long.parseLong(Files.readString(dir.resolve("journal-high-water")).trim())).isGreaterThanOrEqualTo(4);

        try (TestGateway again = TestGateway.start(dir)) {
            assertThat(again.demo()).as("an intact data dir starts as before").isNotNull();
        }

        delete(dir.resolve("journal").resolve("commands"));
        delete(dir.resolve("snapshots"));
        assertThatThrownBy(() -> TestGateway.start(dir).close())
                .isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("stopped cleanly at sequence")
                .hasMessageContaining("refusing to start");
    }
}
