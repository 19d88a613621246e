package io.paygate.gateway.sequence;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorTwoArg;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.paygate.codec.command.Command;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The multi-producer ring. Publishing never blocks: a full ring is an answer (503), not a wait.
 */
public final class Ring {

    private static final EventTranslatorTwoArg<CommandEvent, Command, ResponseTarget> TRANSLATOR =
            (event, sequence, command, target) -> event.load(command, target, System.nanoTime());

    private final Disruptor<CommandEvent> disruptor;
    private final RingBuffer<CommandEvent> ringBuffer;
    private final WaitStrategy waitStrategy;

    public Ring(int size, String waitStrategy) {
        this.waitStrategy = waitStrategy(waitStrategy);
        this.disruptor = new Disruptor<>(CommandEvent::new, size, threadFactory(), ProducerType.MULTI,
                this.waitStrategy);
        this.ringBuffer = disruptor.getRingBuffer();
    }

    /**
     * A stage that others wait for: at the end of each batch it releases its sequence and wakes the
     * stages sleeping on it (only producers wake sleepers otherwise).
     */
    public EventHandler<CommandEvent> signalling(EventHandler<CommandEvent> stage) {
        return new EventHandler<>() {
            private Sequence sequenceCallback;

            @Override
            public void onEvent(CommandEvent event, long sequence, boolean endOfBatch) throws Exception {
                stage.onEvent(event, sequence, endOfBatch);
                if (endOfBatch && sequenceCallback != null) {
                    sequenceCallback.set(sequence); // what the processor does next, done first so the signal is true
                    waitStrategy.signalAllWhenBlocking();
                }
            }

            @Override
            public void onBatchStart(long batchSize, long queueDepth) {
                stage.onBatchStart(batchSize, queueDepth);
            }

            @Override
            public void onStart() {
                stage.onStart();
            }

            @Override
            public void onShutdown() {
                stage.onShutdown();
            }

            @Override
            public void onTimeout(long sequence) throws Exception {
                stage.onTimeout(sequence);
            }

            @Override
            public void setSequenceCallback(Sequence callback) {
                this.sequenceCallback = callback;
                stage.setSequenceCallback(callback);
            }

            @Override
            public String toString() {
                return stage.toString();
            }
        };
    }

    /** The DSL, for {@code Pipeline} to wire the stages in order. */
    public Disruptor<CommandEvent> disruptor() {
        return disruptor;
    }

    /**
     * Publishes a copy of {@code command}.
     *
     * @return false when the ring is full (nothing was published)
     */
    public boolean tryPublish(Command command, ResponseTarget target) {
        return ringBuffer.tryPublishEvent(TRANSLATOR, command, target);
    }

    /** Slots in use right now (a gauge). */
    public long occupancy() {
        return ringBuffer.getBufferSize() - ringBuffer.remainingCapacity();
    }

    public int size() {
        return ringBuffer.getBufferSize();
    }

    public void start() {
        disruptor.start();
    }

    /** Waits until every published event went through every stage, then stops the stage threads. */
    public void shutdown() {
        disruptor.shutdown();
    }

    static WaitStrategy waitStrategy(String name) {
        return switch (name) {
            case "parking" -> new StageWaitStrategy();
            case "blocking" -> new BlockingWaitStrategy();
            case "sleeping" -> new SleepingWaitStrategy();
            case "yielding" -> new YieldingWaitStrategy();
            case "busy-spin" -> new BusySpinWaitStrategy();
            default -> throw new IllegalArgumentException("ring.wait-strategy: unknown strategy '" + name
                    + "' (parking, blocking, sleeping, yielding, busy-spin)");
        };
    }

    private static ThreadFactory threadFactory() {
        String[] names = {"paygate-journal", "paygate-matcher", "paygate-respond"};
        AtomicInteger n = new AtomicInteger();
        return r -> {
            int i = n.getAndIncrement();
            Thread t = new Thread(r, i < names.length ? names[i] : "paygate-ring-" + i);
            t.setDaemon(true);
            return t;
        };
    }
}
