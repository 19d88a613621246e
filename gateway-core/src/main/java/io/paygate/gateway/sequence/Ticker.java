package io.paygate.gateway.sequence;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandType;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Time for the matcher, which has no clock: on a fixed interval, when the matcher has due work
 * (an order to lapse, a USERPAYING payment to revoke, a pay code to drop, a refund to settle), a
 * TICK command stamped with the wall clock is published and journaled like any other command.
 * An idle gateway publishes nothing. A full ring skips a tick (the next one comes an interval later).
 */
public final class Ticker implements AutoCloseable {

    private final Ring ring;
    private final Intake intake;
    private final LongSupplier nextDeadlineMillis;
    private final long intervalMillis;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "paygate-ticker");
        t.setDaemon(true);
        return t;
    });

    public Ticker(Ring ring, Intake intake, LongSupplier nextDeadlineMillis, long intervalMillis) {
        this.ring = ring;
        this.intake = intake;
        this.nextDeadlineMillis = nextDeadlineMillis;
        this.intervalMillis = intervalMillis;
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::check, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    void check() {
        if (!intake.isOpen()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (now >= nextDeadlineMillis.getAsLong()) {
            Command tick = new Command();
            tick.type = CommandType.TICK;
            tick.acceptedAtMillis = now;
            ring.tryPublish(tick, null);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
