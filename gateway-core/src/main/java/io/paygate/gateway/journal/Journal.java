package io.paygate.gateway.journal;

import io.paygate.codec.command.Command;
import java.util.function.Consumer;

/**
 * The command log. One writer thread; replay happens before writing starts. Followers read what the
 * writer appends, each on a thread of its own (the snapshot replica).
 */
public interface Journal extends AutoCloseable {

    /** The sequence of the last record written or replayed, 0 when empty. */
    long lastSequence();

    /**
     * Appends one command; its {@code sequence} must be {@link #lastSequence()} + 1.
     *
     * @return the record's size in bytes
     */
    int append(Command cmd);

    /** Makes everything appended so far durable against power loss (msync). */
    void sync();

    /**
     * Replays every record from the start, in order, into {@code sink} (the command struct is reused
     * between calls). Refuses gaps and corrupt records with {@link JournalCorruptException}.
     *
     * @return the number of records replayed
     */
    default long replay(Consumer<Command> sink) {
        return replay(0, sink);
    }

    /**
     * Like {@link #replay(Consumer)}, checking every record, but hands only the records after
     * {@code afterSequence} to {@code sink} (recovery from a snapshot).
     *
     * @return the number of records handed to the sink
     */
    long replay(long afterSequence, Consumer<Command> sink);

    /**
     * A reader of the records after {@code afterSequence}, including those appended from now on, for
     * one thread other than the writer's (it is created, used and closed on that thread). It checks
     * every record as replay does.
     */
    Follower follow(long afterSequence);

    /** Reads records as the writer appends them; see {@link #follow}. */
    interface Follower extends AutoCloseable {
        /**
         * Fills {@code out} with the next record.
         *
         * @return false when the writer has not appended it yet
         * @throws JournalCorruptException on a corrupt record or a sequence gap
         */
        boolean next(Command out);

        @Override
        void close();
    }

    @Override
    void close();
}
