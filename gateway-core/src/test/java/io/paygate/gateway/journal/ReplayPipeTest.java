package io.paygate.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The two-thread replay hand-off: order, completeness, and failures on either side. */
class ReplayPipeTest {

    /** Produces records with sequences 1..count (then fails, if asked), on whatever thread calls it. */
    private static final class Counting implements ReplayPipe.Source {
        private final long count;
        private final RuntimeException failAfter;
        final AtomicLong produced = new AtomicLong();
        final AtomicBoolean closed = new AtomicBoolean();
        volatile Thread thread;

        Counting(long count, RuntimeException failAfter) {
            this.count = count;
            this.failAfter = failAfter;
        }

        @Override
        public boolean next(Command out) {
            thread = Thread.currentThread();
            if (produced.get() == count) {
                if (failAfter != null) {
                    throw failAfter;
                }
                return false;
            }
            out.reset();
            out.type = CommandType.TICK;
            out.sequence = produced.incrementAndGet();
            out.mchid = "m" + out.sequence;
            return true;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void handsEveryRecordOverInOrderOnTheCallingThread() {
        long count = ReplayPipe.SLOTS * 7L + 3;
        Counting source = new Counting(count, null);
        List<Long> seen = new ArrayList<>();
        Thread caller = Thread.currentThread();
        ReplayPipe.run("test-replay-read", source, cmd -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            assertThat(cmd.mchid).isEqualTo("m" + cmd.sequence);
            seen.add(cmd.sequence);
        });
        assertThat(seen).hasSize((int) count);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(i + 1L);
        }
        assertThat(source.thread).isNotSameAs(caller);
        assertThat(source.closed).isTrue();
    }

    @Test
    void emptySourceHandsNothingOver() {
        Counting source = new Counting(0, null);
        ReplayPipe.run("test-replay-read", source, cmd -> {
            throw new AssertionError("nothing to hand over");
        });
        assertThat(source.closed).isTrue();
    }

    @Test
    void aReaderFailureIsThrownAfterEveryRecordBeforeItWasHandedOver() {
        JournalCorruptException damage = new JournalCorruptException("damaged at 2500");
        Counting source = new Counting(2500, damage);
        AtomicLong last = new AtomicLong();
        assertThatThrownBy(() -> ReplayPipe.run("test-replay-read", source, cmd -> last.set(cmd.sequence)))
                .isSameAs(damage);
        assertThat(last).hasValue(2500);
        assertThat(source.closed).isTrue();
    }

    @Test
    void aSinkFailureStopsTheReader() {
        Counting source = new Counting(Long.MAX_VALUE, null);
        IllegalStateException refused = new IllegalStateException("invariant broken at 100");
        assertThatThrownBy(() -> ReplayPipe.run("test-replay-read", source, cmd -> {
            if (cmd.sequence == 100) {
                throw refused;
            }
        })).isSameAs(refused);
        assertThat(source.closed).isTrue(); // run returned only after the reader ended
        assertThat(source.produced.get()).isLessThanOrEqualTo(100 + ReplayPipe.SLOTS);
    }
}
