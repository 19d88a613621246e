package io.paygate.gateway.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.gateway.journal.Pacer;
import io.paygate.gateway.journal.SnapshotStore;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot streams the state ({@link Matcher#writeState}) instead of building one array of its
 * whole size; the streamed bytes must be exactly the canonical state, whatever the chunk size, and a
 * snapshot file larger than a chunk (and than the interval between forced writes) must read back to
 * the same state.
 */
class StateStreamingTest {

    @TempDir
    Path dir;

    @Test
    void theStreamedStateIsTheCanonicalStateInAnyChunkSize() {
        Long fixed = Long.getLong("paygate.seed");
        long seed = fixed != null ? fixed : ThreadLocalRandom.current().nextLong();
        Matcher m = new Matcher();
        new MatcherSimulation(seed, 3_000, MatcherSimulation.of(m), false).run();
        byte[] canonical = m.canonicalState();
        for (int chunk : new int[] {1, 64, 100, 4096, 1 << 20}) {
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            int[] largest = {0};
            long length = m.writeState((b, off, len) -> {
                streamed.write(b, off, len);
                largest[0] = Math.max(largest[0], len);
            }, chunk);
            assertThat(streamed.toByteArray()).as("seed %d, chunks of %d", seed, chunk).isEqualTo(canonical);
            assertThat(length).isEqualTo(canonical.length);
            if (chunk >= 4096) {
                assertThat(largest[0]).as("no chunk beyond its size").isLessThanOrEqualTo(chunk);
            }
        }
    }

    @Test
    void aSnapshotOfManyChunksReadsBackToTheSameState() throws Exception {
        Commands cmds = new Commands();
        Matcher m = new Matcher();
        MatchResult out = new MatchResult();
        m.apply(cmds.journal(cmds.provision("1900000001", "wx0000000000000001").build()), out);
        assertThat(out.code).isEqualTo(ResultCode.OK);
        for (int i = 0; m.canonicalState().length < 12 << 20; i++) {
            for (int j = 0; j < 5_000; j++, i++) {
                m.apply(cmds.journal(cmds.nativeOrder("1900000001", "wx0000000000000001", "STREAM" + i, 100 + i)
                        .build()), out);
                assertThat(out.code).isEqualTo(ResultCode.OK);
            }
        }
        SnapshotStore store = new SnapshotStore(dir);
        Path file = store.write(m.lastSequence(), m, Pacer.unpaced());
        assertThat(Files.size(file)).isGreaterThan(12L << 20);
        SnapshotStore.Raw raw = SnapshotStore.read(file);
        assertThat(raw.sequence()).isEqualTo(m.lastSequence());
        assertThat(raw.stateHash()).isEqualTo(m.stateHash());
        assertThat(store.loadNewest().matcher().stateHash()).isEqualTo(m.stateHash());
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly(file.getFileName().toString());
    }
}
