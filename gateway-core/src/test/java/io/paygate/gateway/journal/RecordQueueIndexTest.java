package io.paygate.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RecordQueue.Reader#lastIndex()} must be the index of the record {@code next()} returned:
 * the notifier keeps it to reload a final notification's event for a resend.
 */
class RecordQueueIndexTest {

    @TempDir
    Path dir;

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Reads the record at {@code index} with a fresh reader, or null. */
    static String at(RecordQueue q, long index) {
        try (RecordQueue.Reader r = q.reader()) {
            byte[] b = r.moveTo(index) ? r.next() : null;
            return b == null ? null : new String(b, StandardCharsets.UTF_8);
        }
    }

    @Test
    void lastIndexFindsTheRecordAgainWhenTheReaderStartsOnAFilledQueue() {
        try (RecordQueue q = new RecordQueue(dir.resolve("q"))) {
            long first = q.append(bytes("one"));
            long second = q.append(bytes("two"));
            try (RecordQueue.Reader r = q.reader()) {
                r.next();
                assertThat(r.lastIndex()).isEqualTo(first);
                r.next();
                assertThat(r.lastIndex()).isEqualTo(second);
                assertThat(at(q, r.lastIndex())).isEqualTo("two");
                long third = q.append(bytes("three"));
                r.next();
                assertThat(r.lastIndex()).isEqualTo(third);
            }
        }
    }

    @Test
    void lastIndexFindsTheFirstRecordOfAQueueTheReaderStartedOnEmpty() {
        try (RecordQueue q = new RecordQueue(dir.resolve("q")); RecordQueue.Reader r = q.reader()) {
            assertThat(r.next()).isNull();
            long appended = q.append(bytes("first"));
            assertThat(r.next()).isNotNull();
            assertThat(r.lastIndex()).isEqualTo(appended);
            assertThat(at(q, r.lastIndex())).isEqualTo("first");
        }
    }

    @Test
    void lastIndexFindsTheFirstRecordOfANewRollCycle() {
        Path qdir = dir.resolve("q");
        long yesterday = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
        try (SingleChronicleQueue old = SingleChronicleQueueBuilder.binary(qdir.toFile()).rollCycle(RollCycles.FAST_DAILY)
                .timeProvider(() -> yesterday).build();
             ExcerptAppender a = old.createAppender()) {
            Bytes<byte[]> b = Bytes.allocateElasticOnHeap(64);
            b.write(bytes("yesterday"));
            a.writeBytes(b);
        }
        try (RecordQueue q = new RecordQueue(qdir); RecordQueue.Reader r = q.reader()) {
            assertThat(new String(r.next(), StandardCharsets.UTF_8)).isEqualTo("yesterday");
            assertThat(r.next()).isNull();
            long today = q.append(bytes("today"));
            assertThat(new String(r.next(), StandardCharsets.UTF_8)).isEqualTo("today");
            assertThat(r.lastIndex()).isEqualTo(today);
            assertThat(at(q, r.lastIndex())).isEqualTo("today");
        }
    }
}
