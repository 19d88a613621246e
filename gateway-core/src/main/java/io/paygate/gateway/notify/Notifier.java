package io.paygate.gateway.notify;

import io.paygate.codec.Rfc3339;
import io.paygate.codec.event.DeliveryRecord;
import io.paygate.codec.event.EventRecord;
import io.paygate.gateway.journal.RecordQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Delivers every journaled event to its merchant, at least once, with WeChat's retry schedule.
 *
 * <p>All state lives on one thread (the notifier thread, or the test calling {@link #runOnce()}):
 * it tails the events queue, keeps a due-time queue, starts attempts through the {@link Sender}
 * (which does the I/O, signing and encryption elsewhere), and journals each attempt's outcome to
 * the deliveries queue before acting on it. Other threads talk to it through a task queue: attempt
 * outcomes, resend requests, event-log queries.
 *
 * <p>Isolation: each merchant may have at most {@code concurrencyPerMerchant} attempts in flight;
 * the rest of its due notifications wait in its own lane, so a merchant whose endpoint hangs uses up
 * only its own lane and never delays another merchant's first attempt.
 *
 * <p>Recovery: the deliveries queue says how far each event got; events without a final outcome are
 * due again (an attempt in flight at a crash is simply made again, with the same notification id).
 */
public final class Notifier implements AutoCloseable {

    /** One event's delivery state. Notifier-thread confined. */
    private static final class Notification {
        final long seq;
        final String id;
        final String eventType;
        final String mchid;
        final String notifyUrl;
        final long createdAtMillis;
        final long queueIndex;
        EventRecord record; // dropped once final, reloaded by index for a resend
        NotificationStatus status = NotificationStatus.PENDING;
        int attempts;
        /** Attempts the retry schedule made (resends after a failure do not move the schedule). */
        int scheduled;
        /** An operator asked for an attempt while the merchant's lane was full: it goes first. */
        boolean resendRequested;
        int lastHttpStatus;
        String lastError;
        long lastAttemptAtMillis;
        long nextAttemptAtMillis;
        boolean inFlight;

        Notification(EventRecord r, long queueIndex) {
            this.seq = r.sequence();
            this.id = r.id();
            this.eventType = r.eventType();
            this.mchid = r.mchid();
            this.notifyUrl = r.notifyUrl();
            this.createdAtMillis = r.createTimeMillis();
            this.queueIndex = queueIndex;
            this.record = r;
        }

        boolean isFinal() {
            return status == NotificationStatus.DELIVERED || status == NotificationStatus.EXHAUSTED;
        }
    }

    /** A merchant's share of delivery concurrency. */
    private static final class Lane {
        int inFlight;
        final ArrayDeque<Notification> waiting = new ArrayDeque<>();
    }

    private final RecordQueue events;
    private final RecordQueue deliveries;
    private final RecordQueue.Reader tail;
    private final Sender sender;
    private final RetrySchedule schedule;
    private final int concurrencyPerMerchant;
    private final LongSupplier clock;
    private final Map<Long, Notification> bySeq = new LinkedHashMap<>();
    private final Map<String, Notification> byId = new HashMap<>();
    private final Map<String, Lane> lanes = new HashMap<>();
    private final PriorityQueue<Notification> due = new PriorityQueue<>(
            Comparator.comparingLong((Notification n) -> n.nextAttemptAtMillis).thenComparingLong(n -> n.seq));
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean running;
    private Thread thread;
    private AttemptListener attemptListener = (delivered, nanos) -> { };

    /** Told of every finished attempt (metrics), on the notifier thread. */
    @FunctionalInterface
    public interface AttemptListener {
        void attempted(boolean delivered, long nanos);
    }

    /** Sets the attempt listener (before {@link #start()}). */
    public Notifier onAttempt(AttemptListener listener) {
        this.attemptListener = listener;
        return this;
    }

    public Notifier(RecordQueue events, RecordQueue deliveries, Sender sender, RetrySchedule schedule,
                    int concurrencyPerMerchant, LongSupplier clock) {
        this.events = events;
        this.deliveries = deliveries;
        this.sender = sender;
        this.schedule = schedule;
        this.concurrencyPerMerchant = concurrencyPerMerchant;
        this.clock = clock;
        this.tail = events.reader();
        recover();
    }

    /** Rebuilds every notification's state from the two queues. */
    private void recover() {
        Map<Long, DeliveryRecord> lastAttempt = new HashMap<>();
        try (RecordQueue.Reader r = deliveries.reader()) {
            for (byte[] b = r.next(); b != null; b = r.next()) {
                DeliveryRecord d = DeliveryRecord.decode(b, b.length);
                lastAttempt.put(d.eventSequence(), d);
            }
        }
        long now = clock.getAsLong();
        for (byte[] b = tail.next(); b != null; b = tail.next()) {
            Notification n = register(EventRecord.decode(b, b.length), tail.lastIndex(), now);
            DeliveryRecord d = lastAttempt.get(n.seq);
            if (d != null) {
                restore(n, d, now);
            }
        }
    }

    private void restore(Notification n, DeliveryRecord d, long now) {
        n.attempts = d.attempt();
        n.scheduled = d.scheduledAttempts();
        n.lastHttpStatus = d.httpStatus();
        n.lastError = d.error();
        n.lastAttemptAtMillis = d.atMillis();
        n.status = NotificationStatus.valueOf(d.status());
        if (n.isFinal()) {
            n.record = null;
            due.remove(n);
        } else {
            due.remove(n);
            n.nextAttemptAtMillis = Math.max(now, d.nextAttemptAtMillis());
            due.add(n);
        }
    }

    private Notification register(EventRecord r, long index, long now) {
        Notification n = new Notification(r, index);
        n.nextAttemptAtMillis = now;
        bySeq.put(n.seq, n);
        byId.put(n.id, n);
        due.add(n);
        return n;
    }

    /** Starts the notifier thread. */
    public void start() {
        tail.handOver();
        running = true;
        thread = new Thread(this::loop, "paygate-notifier");
        thread.setDaemon(true);
        thread.start();
    }

    /** Wakes the notifier (new events were journaled). Any thread. */
    public void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void loop() {
        while (running) {
            long next = runOnce();
            long waitMillis = Math.min(Math.max(next - clock.getAsLong(), 0), 50);
            if (tasks.isEmpty()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.max(1, waitMillis)));
            }
        }
    }

    /**
     * One round: run queued tasks, pick up new events, start every due attempt a lane allows.
     *
     * @return when the next attempt is due (Long.MAX_VALUE when nothing is scheduled)
     */
    public long runOnce() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
        }
        long now = clock.getAsLong();
        for (byte[] b = tail.next(); b != null; b = tail.next()) {
            EventRecord r = EventRecord.decode(b, b.length);
            if (!bySeq.containsKey(r.sequence())) {
                register(r, tail.lastIndex(), now);
            }
        }
        while (!due.isEmpty() && due.peek().nextAttemptAtMillis <= now) {
            Notification n = due.poll();
            if (n.isFinal() || n.inFlight) {
                continue;
            }
            Lane lane = lanes.computeIfAbsent(n.mchid, k -> new Lane());
            if (lane.inFlight >= concurrencyPerMerchant) {
                lane.waiting.addLast(n);
            } else {
                attempt(n, lane, false);
            }
        }
        return due.isEmpty() ? Long.MAX_VALUE : due.peek().nextAttemptAtMillis;
    }

    private void attempt(Notification n, Lane lane, boolean resend) {
        if (n.record == null) {
            n.record = reload(n.queueIndex);
        }
        n.inFlight = true;
        lane.inFlight++;
        int attempt = n.attempts + 1;
        long startedAt = clock.getAsLong();
        sender.send(n.record, attempt, (status, error) -> {
            tasks.add(() -> finished(n, lane, attempt, startedAt, status, error, resend));
            wake();
        });
    }

    private EventRecord reload(long index) {
        try (RecordQueue.Reader r = events.reader()) {
            byte[] b = r.moveTo(index) ? r.next() : null;
            if (b == null) {
                throw new IllegalStateException("event at index " + Long.toHexString(index) + " is gone");
            }
            return EventRecord.decode(b, b.length);
        }
    }

    private void finished(Notification n, Lane lane, int attempt, long startedAt, int status, String error,
                          boolean resend) {
        long now = clock.getAsLong();
        n.inFlight = false;
        lane.inFlight--;
        n.attempts = attempt;
        n.lastHttpStatus = status;
        n.lastError = error;
        n.lastAttemptAtMillis = startedAt;
        boolean ok = error == null && (status == 200 || status == 204);
        attemptListener.attempted(ok, Math.max(0, now - startedAt) * 1_000_000L);
        if (ok) {
            n.status = NotificationStatus.DELIVERED;
        } else if (!resend || n.status == NotificationStatus.PENDING) {
            n.scheduled++;
            long delay = schedule.delayAfterFailedAttemptMillis(n.scheduled);
            n.status = delay < 0 ? NotificationStatus.EXHAUSTED : NotificationStatus.RETRYING;
            n.nextAttemptAtMillis = delay < 0 ? 0 : now + delay;
        }
        // a failed resend leaves the status and the schedule as they were
        long next = n.status == NotificationStatus.RETRYING ? n.nextAttemptAtMillis : 0;
        deliveries.append(new DeliveryRecord(n.seq, attempt, startedAt, now - startedAt, status, error,
                n.status.name(), next, resend, n.scheduled).encode());
        due.remove(n);
        if (n.isFinal()) {
            n.record = null;
        } else {
            due.add(n);
        }
        startWaiting(lane, now);
    }

    private void startWaiting(Lane lane, long now) {
        while (lane.inFlight < concurrencyPerMerchant && !lane.waiting.isEmpty()) {
            Notification w = lane.waiting.pollFirst();
            if (w.resendRequested && !w.inFlight) {
                w.resendRequested = false;
                attempt(w, lane, true);
            } else if (!w.isFinal() && !w.inFlight && w.nextAttemptAtMillis <= now) {
                attempt(w, lane, false);
            }
        }
    }

    /** Asks for one more attempt now, whatever the status. Completes with the view, or null if unknown. */
    public CompletableFuture<NotificationView> resend(String id) {
        return call(() -> {
            Notification n = byId.get(id);
            if (n == null) {
                return null;
            }
            Lane lane = lanes.computeIfAbsent(n.mchid, k -> new Lane());
            if (n.inFlight || n.resendRequested) {
                return view(n); // already on its way
            }
            if (lane.inFlight >= concurrencyPerMerchant) {
                n.resendRequested = true; // the lane is full: first in line when a slot frees
                lane.waiting.addFirst(n);
            } else {
                attempt(n, lane, true);
            }
            return view(n);
        });
    }

    /**
     * The event log, newest first: notifications of {@code mchid} (null: all) in {@code status}
     * (null: all), at most {@code limit}.
     */
    public CompletableFuture<List<NotificationView>> list(String mchid, NotificationStatus status, int limit) {
        return call(() -> {
            List<Notification> all = new ArrayList<>(bySeq.values());
            List<NotificationView> out = new ArrayList<>();
            for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
                Notification n = all.get(i);
                if ((mchid == null || mchid.equals(n.mchid)) && (status == null || status == n.status)) {
                    out.add(view(n));
                }
            }
            return out;
        });
    }

    /** Per merchant: {pending (PENDING or RETRYING), exhausted}. */
    public CompletableFuture<Map<String, long[]>> countsByMerchant() {
        return call(() -> {
            Map<String, long[]> counts = new TreeMap<>();
            for (Notification n : bySeq.values()) {
                long[] c = counts.computeIfAbsent(n.mchid, k -> new long[2]);
                if (n.status == NotificationStatus.PENDING || n.status == NotificationStatus.RETRYING) {
                    c[0]++;
                } else if (n.status == NotificationStatus.EXHAUSTED) {
                    c[1]++;
                }
            }
            return counts;
        });
    }

    private <T> CompletableFuture<T> call(java.util.function.Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                f.complete(work.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        wake();
        if (thread == null) {
            runOnce(); // not started (tests, tools): run the task here
        }
        return f;
    }

    private static NotificationView view(Notification n) {
        return new NotificationView(n.id, n.eventType, n.mchid, n.notifyUrl, Rfc3339.format(n.createdAtMillis),
                n.status.name(), n.attempts, n.attempts == 0 ? null : n.lastHttpStatus, n.lastError,
                n.attempts == 0 ? null : Rfc3339.format(n.lastAttemptAtMillis),
                n.status == NotificationStatus.PENDING || n.status == NotificationStatus.RETRYING
                        ? Rfc3339.format(n.nextAttemptAtMillis) : null);
    }

    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tail.close();
        sender.close();
    }
}
