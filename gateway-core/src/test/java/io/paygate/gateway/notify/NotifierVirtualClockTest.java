package io.paygate.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.paygate.codec.Rfc3339;
import io.paygate.codec.event.DeliveryRecord;
import io.paygate.codec.event.EventRecord;
import io.paygate.gateway.journal.RecordQueue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The notifier against a virtual clock: real event and delivery queues in a temp dir, a fake
 * {@link Sender} that answers (or holds) each attempt, and the test driving {@link Notifier#runOnce()}
 * and the clock itself. Covers WeChat's whole schedule (16 attempts over 24h4m), what stops it, the
 * deliveries journal, recovery from the two queues after a crash, per-merchant lanes, and resend.
 */
class NotifierVirtualClockTest {

    static final long T0 = 1_700_000_000_000L;
    static final long HOURS_48 = Duration.ofHours(48).toMillis();
    static final String MCH_A = "1900000001";
    static final String MCH_B = "1900000002";

    /** Offsets of the 16 attempts of WeChat's schedule: 0, then the running sums of 15s 15s 30s 3m ... 6h 6h. */
    static final List<Duration> WECHAT_OFFSETS = List.of(Duration.ZERO, Duration.ofSeconds(15), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofMinutes(4), Duration.ofMinutes(14), Duration.ofMinutes(34),
            Duration.ofMinutes(64), Duration.ofMinutes(94), Duration.ofMinutes(124), Duration.ofMinutes(184),
            Duration.ofMinutes(364), Duration.ofMinutes(544), Duration.ofMinutes(724), Duration.ofMinutes(1084),
            Duration.ofMinutes(1444));

    @TempDir
    Path dir;
    final AtomicLong clock = new AtomicLong(T0);
    RecordQueue events;
    RecordQueue deliveries;

    @BeforeEach
    void open() {
        events = new RecordQueue(dir.resolve("events"));
        deliveries = new RecordQueue(dir.resolve("deliveries"));
    }

    @AfterEach
    void close() {
        events.close();
        deliveries.close();
    }

    /** What a crash leaves: the queues on disk. Reopens them; the old notifier is simply abandoned. */
    void crashAndReopen() {
        close();
        open();
    }

    // ---- the fake sender -------------------------------------------------------------------------

    /** The merchant's answer to one attempt: an HTTP status, an error word, or no answer yet (held). */
    record Answer(int status, String error, boolean hold) {
        static Answer status(int s) {
            return new Answer(s, null, false);
        }

        static Answer error(String e) {
            return new Answer(0, e, false);
        }

        static final Answer HOLD = new Answer(0, null, true);
    }

    @FunctionalInterface
    interface Merchant {
        Answer answer(EventRecord event, int attempt);
    }

    /** One attempt the notifier started. */
    record Call(String id, long sequence, String mchid, int attempt, long atMillis, Sender.Done done) {
        long offsetMillis() {
            return atMillis - T0;
        }
    }

    /** Records every attempt, answers at once unless told to hold, tracks attempts in flight per merchant. */
    final class FakeSender implements Sender {
        final Merchant merchant;
        final List<Call> calls = new ArrayList<>();
        final List<Call> held = new ArrayList<>();
        final Map<String, Integer> inFlight = new HashMap<>();
        final Map<String, Integer> inFlightMax = new HashMap<>();

        FakeSender(Merchant merchant) {
            this.merchant = merchant;
        }

        @Override
        public void send(EventRecord event, int attempt, Done done) {
            Call c = new Call(event.id(), event.sequence(), event.mchid(), attempt, clock.get(), done);
            calls.add(c);
            int now = inFlight.merge(event.mchid(), 1, Integer::sum);
            inFlightMax.merge(event.mchid(), now, Math::max);
            Answer a = merchant.answer(event, attempt);
            if (a.hold()) {
                held.add(c);
            } else {
                complete(c, a);
            }
        }

        void complete(Call c, Answer a) {
            inFlight.merge(c.mchid(), -1, Integer::sum);
            held.remove(c);
            c.done().completed(a.status(), a.error());
        }

        List<Call> callsOf(String id) {
            return calls.stream().filter(c -> c.id().equals(id)).toList();
        }
    }

    // ---- driving ---------------------------------------------------------------------------------

    Notifier notifier(Sender sender, List<Duration> schedule, int concurrency) {
        return new Notifier(events, deliveries, sender, new RetrySchedule(schedule), concurrency, clock::get);
    }

    /** Runs rounds at the current virtual time until one starts nothing new; returns when the next attempt is due. */
    static long settle(Notifier n, FakeSender s) {
        int before;
        long next;
        do {
            before = s.calls.size();
            next = n.runOnce();
            next = n.runOnce(); // the outcomes of attempts answered at once
        } while (s.calls.size() != before);
        return next;
    }

    /** Lets virtual time pass up to {@code endMillis}, jumping from one due attempt to the next. */
    void runUntil(Notifier n, FakeSender s, long endMillis) {
        for (long next = settle(n, s); next <= endMillis; next = settle(n, s)) {
            clock.set(Math.max(clock.get(), next));
        }
        clock.set(Math.max(clock.get(), endMillis));
        settle(n, s);
    }

    /** Journals an event as the outbox would, created now. */
    EventRecord append(long commandSequence, String mchid) {
        long seq = commandSequence << 8;
        EventRecord r = new EventRecord(seq, OutboxStage.eventId(seq), "TRANSACTION.SUCCESS", mchid,
                "https://merchant.example/notify/" + commandSequence, clock.get(), "transaction", "支付成功",
                "{\"out_trade_no\":\"T" + commandSequence + "\"}");
        events.append(r.encode());
        return r;
    }

    List<DeliveryRecord> journaledDeliveries() {
        List<DeliveryRecord> out = new ArrayList<>();
        try (RecordQueue.Reader r = deliveries.reader()) {
            for (byte[] b = r.next(); b != null; b = r.next()) {
                out.add(DeliveryRecord.decode(b, b.length));
            }
        }
        return out;
    }

    static NotificationView view(Notifier n, String id) throws Exception {
        return n.list(null, null, 1000).get().stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow();
    }

    static Map<String, NotificationView> views(Notifier n) throws Exception {
        Map<String, NotificationView> out = new HashMap<>();
        n.list(null, null, 1000).get().forEach(v -> out.put(v.id(), v));
        return out;
    }

    static List<Long> offsetsOf(List<Call> calls) {
        return calls.stream().map(Call::offsetMillis).toList();
    }

    static List<Long> millis(List<Duration> ds) {
        return ds.stream().map(Duration::toMillis).toList();
    }

    // ---- the schedule ----------------------------------------------------------------------------

    @ParameterizedTest(name = "merchant answers {0} {1}")
    @CsvSource({"500,", "404,", "202,", "302,", "0, timeout", "0, connect", "0, refused-address"})
    void alwaysFailingMerchantGets16AttemptsOverWeChats24h4mThenExhausted(int status, String error) throws Exception {
        Answer failure = error == null ? Answer.status(status) : Answer.error(error);
        FakeSender s = new FakeSender((e, attempt) -> failure);
        EventRecord e = append(1, MCH_A);
        Notifier n = notifier(s, RetrySchedule.WECHAT, 16);

        runUntil(n, s, T0 + HOURS_48);

        assertThat(offsetsOf(s.calls)).as("attempt offsets").containsExactlyElementsOf(millis(WECHAT_OFFSETS));
        assertThat(s.calls).extracting(Call::attempt).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        assertThat(s.calls).extracting(Call::id).containsOnly(e.id());
        assertThat(s.calls.get(15).offsetMillis()).isEqualTo(Duration.ofHours(24).plusMinutes(4).toMillis())
                .isEqualTo(new RetrySchedule(RetrySchedule.WECHAT).totalMillis());

        NotificationView v = view(n, e.id());
        assertThat(v.status()).isEqualTo("EXHAUSTED");
        assertThat(v.attempts()).isEqualTo(16);
        assertThat(v.lastHttpStatus()).isEqualTo(status);
        assertThat(v.lastError()).isEqualTo(error);
        assertThat(v.nextAttemptTime()).isNull();
        assertThat(v.lastAttemptTime()).isEqualTo(Rfc3339.format(T0 + WECHAT_OFFSETS.get(15).toMillis()));
        assertThat(n.runOnce()).as("nothing scheduled any more").isEqualTo(Long.MAX_VALUE);

        // the deliveries journal has one record per attempt, saying what came next
        List<DeliveryRecord> journal = journaledDeliveries();
        assertThat(journal).hasSize(16);
        for (int i = 0; i < 16; i++) {
            DeliveryRecord d = journal.get(i);
            assertThat(d.eventSequence()).isEqualTo(e.sequence());
            assertThat(d.attempt()).isEqualTo(i + 1);
            assertThat(d.atMillis()).isEqualTo(T0 + WECHAT_OFFSETS.get(i).toMillis());
            assertThat(d.httpStatus()).isEqualTo(status);
            assertThat(d.error()).isEqualTo(error);
            assertThat(d.resend()).isFalse();
            if (i < 15) {
                assertThat(d.status()).isEqualTo("RETRYING");
                assertThat(d.nextAttemptAtMillis()).isEqualTo(T0 + WECHAT_OFFSETS.get(i + 1).toMillis());
            } else {
                assertThat(d.status()).isEqualTo("EXHAUSTED");
                assertThat(d.nextAttemptAtMillis()).isZero();
            }
        }
    }

    @ParameterizedTest(name = "delivered on attempt {0}")
    @ValueSource(ints = {1, 2, 3, 7, 15, 16})
    void aSuccessOnAttemptKStopsTheSchedule(int k) throws Exception {
        FakeSender s = new FakeSender((e, attempt) -> attempt == k ? Answer.status(k % 2 == 0 ? 204 : 200)
                : Answer.status(503));
        EventRecord e = append(7, MCH_A);
        Notifier n = notifier(s, RetrySchedule.WECHAT, 16);

        runUntil(n, s, T0 + HOURS_48);

        assertThat(s.calls).hasSize(k);
        assertThat(offsetsOf(s.calls)).containsExactlyElementsOf(millis(WECHAT_OFFSETS.subList(0, k)));
        NotificationView v = view(n, e.id());
        assertThat(v.status()).isEqualTo("DELIVERED");
        assertThat(v.attempts()).isEqualTo(k);
        assertThat(v.lastHttpStatus()).isEqualTo(k % 2 == 0 ? 204 : 200);
        List<DeliveryRecord> journal = journaledDeliveries();
        assertThat(journal).hasSize(k);
        assertThat(journal.get(k - 1).status()).isEqualTo("DELIVERED");
        assertThat(journal.get(k - 1).nextAttemptAtMillis()).isZero();
        assertThat(journal.subList(0, k - 1)).allMatch(d -> d.status().equals("RETRYING") && d.httpStatus() == 503);
    }

    @Test
    void eachNotificationKeepsItsOwnScheduleFromItsOwnCreation() {
        FakeSender s = new FakeSender((e, attempt) -> Answer.status(500));
        Notifier n = notifier(s, RetrySchedule.WECHAT, 16);
        EventRecord first = append(1, MCH_A);
        settle(n, s);
        clock.set(T0 + 10_000);
        EventRecord second = append(2, MCH_A);
        runUntil(n, s, T0 + HOURS_48);

        assertThat(offsetsOf(s.callsOf(first.id()))).containsExactlyElementsOf(millis(WECHAT_OFFSETS));
        assertThat(offsetsOf(s.callsOf(second.id()))).containsExactlyElementsOf(
                WECHAT_OFFSETS.stream().map(d -> d.toMillis() + 10_000).toList());
    }

    // ---- recovery --------------------------------------------------------------------------------

    @Test
    void aNewNotifierOnTheSameQueuesResumesRetryingOnesOnScheduleAndNeverRedeliversDeliveredOnes() throws Exception {
        FakeSender before = new FakeSender((e, attempt) -> e.sequence() == 1 << 8 ? Answer.status(200) : Answer.status(500));
        Notifier n1 = notifier(before, RetrySchedule.WECHAT, 16);
        EventRecord delivered = append(1, MCH_A);
        EventRecord retrying = append(2, MCH_A); // attempts at 0 and 15 s, next due at 30 s
        settle(n1, before);
        clock.set(T0 + 5_000);
        EventRecord later = append(3, MCH_B); // attempts at 5 s and 20 s, next due at 35 s
        runUntil(n1, before, T0 + 26_000);
        assertThat(before.calls).hasSize(5);

        crashAndReopen();
        FakeSender after = new FakeSender((e, attempt) -> Answer.status(200));
        Notifier n2 = notifier(after, RetrySchedule.WECHAT, 16);

        assertThat(view(n2, delivered.id())).satisfies(v -> {
            assertThat(v.status()).isEqualTo("DELIVERED");
            assertThat(v.attempts()).isEqualTo(1);
        });
        assertThat(view(n2, retrying.id())).satisfies(v -> {
            assertThat(v.status()).isEqualTo("RETRYING");
            assertThat(v.attempts()).isEqualTo(2);
            assertThat(v.lastHttpStatus()).isEqualTo(500);
            assertThat(v.nextAttemptTime()).isEqualTo(Rfc3339.format(T0 + 30_000));
        });
        assertThat(view(n2, later.id()).nextAttemptTime()).isEqualTo(Rfc3339.format(T0 + 35_000));

        assertThat(settle(n2, after)).as("next due").isEqualTo(T0 + 30_000);
        assertThat(after.calls).as("nothing is due yet").isEmpty();

        runUntil(n2, after, T0 + HOURS_48);
        assertThat(after.calls).extracting(Call::id, Call::attempt, Call::offsetMillis).containsExactly(
                tuple(retrying.id(), 3, 30_000L),
                tuple(later.id(), 3, 35_000L));
        assertThat(after.callsOf(delivered.id())).isEmpty();
        assertThat(n2.list(null, null, 10).get()).allMatch(v -> v.status().equals("DELIVERED"));
        assertThat(journaledDeliveries()).hasSize(7); // both lives' attempts, in one journal
    }

    @Test
    void overdueRetriesAreAttemptedAtOnceAfterALongOutageAndFinalOnesStayFinal() throws Exception {
        List<Duration> schedule = List.of(Duration.ofSeconds(1), Duration.ofSeconds(1));
        FakeSender before = new FakeSender((e, attempt) -> switch ((int) (e.sequence() >> 8)) {
            case 1 -> Answer.status(200);
            case 2 -> Answer.status(500);
            default -> attempt == 1 ? Answer.error("timeout") : Answer.HOLD;
        });
        Notifier n1 = notifier(before, schedule, 16);
        EventRecord delivered = append(1, MCH_A);
        EventRecord exhausted = append(2, MCH_A);
        EventRecord overdue = append(3, MCH_A);
        runUntil(n1, before, T0 + 1_500); // overdue: attempt 1 timed out, attempt 2 in flight at the crash
        assertThat(view(n1, exhausted.id()).status()).isEqualTo("RETRYING");
        runUntil(n1, before, T0 + 2_500);
        assertThat(view(n1, exhausted.id()).status()).isEqualTo("EXHAUSTED");

        crashAndReopen();
        clock.set(T0 + Duration.ofHours(3).toMillis());
        FakeSender after = new FakeSender((e, attempt) -> Answer.status(200));
        Notifier n2 = notifier(after, schedule, 16);
        settle(n2, after);

        assertThat(after.calls).extracting(Call::id, Call::attempt)
                .containsExactly(tuple(overdue.id(), 2));
        assertThat(after.calls.get(0).atMillis()).isEqualTo(clock.get());
        assertThat(view(n2, delivered.id()).status()).isEqualTo("DELIVERED");
        assertThat(view(n2, exhausted.id())).satisfies(v -> {
            assertThat(v.status()).isEqualTo("EXHAUSTED");
            assertThat(v.attempts()).isEqualTo(3);
        });
        assertThat(view(n2, overdue.id()).status()).isEqualTo("DELIVERED");
    }

    @Test
    void anAttemptInFlightAtTheCrashIsMadeAgainWithTheSameId() throws Exception {
        // first: held on its first attempt; second: failed once, held on its retry
        FakeSender before = new FakeSender((e, attempt) -> e.sequence() == 2 << 8 && attempt == 1
                ? Answer.status(500) : Answer.HOLD);
        Notifier n1 = notifier(before, RetrySchedule.WECHAT, 16);
        EventRecord first = append(1, MCH_A);
        EventRecord second = append(2, MCH_A);
        runUntil(n1, before, T0 + 16_000);
        assertThat(before.held).extracting(Call::id, Call::attempt).containsExactlyInAnyOrder(
                tuple(first.id(), 1), tuple(second.id(), 2));
        assertThat(journaledDeliveries()).hasSize(1); // only the 500: an attempt in flight has no record yet

        crashAndReopen();
        FakeSender after = new FakeSender((e, attempt) -> Answer.status(200));
        Notifier n2 = notifier(after, RetrySchedule.WECHAT, 16);
        // one snapshot: with the notifier not started, every query also runs a round (and starts due attempts)
        Map<String, NotificationView> recovered = views(n2);
        assertThat(recovered.get(first.id()).status()).isEqualTo("PENDING");
        assertThat(recovered.get(first.id()).attempts()).isZero();
        assertThat(recovered.get(second.id()).status()).isEqualTo("RETRYING");
        assertThat(recovered.get(second.id()).attempts()).isEqualTo(1);
        settle(n2, after);

        assertThat(after.calls).extracting(Call::id, Call::attempt).containsExactlyInAnyOrder(
                tuple(first.id(), 1), tuple(second.id(), 2));
        assertThat(after.calls).allMatch(c -> c.atMillis() == T0 + 16_000);
        assertThat(view(n2, first.id()).status()).isEqualTo("DELIVERED");
        assertThat(view(n2, second.id()).status()).isEqualTo("DELIVERED");
        // the event the merchant gets again is the same event, byte for byte the same id and content
        assertThat(after.callsOf(first.id())).singleElement().extracting(Call::sequence).isEqualTo(first.sequence());
    }

    // ---- lanes -----------------------------------------------------------------------------------

    @Test
    void aMerchantsLaneBoundsItsAttemptsInFlightAndOtherMerchantsAreNotDelayed() throws Exception {
        FakeSender s = new FakeSender((e, attempt) -> e.mchid().equals(MCH_A) ? Answer.HOLD : Answer.status(200));
        Notifier n = notifier(s, RetrySchedule.WECHAT, 2);
        List<EventRecord> a = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            a.add(append(i, MCH_A));
        }
        EventRecord b1 = append(7, MCH_B);
        EventRecord b2 = append(8, MCH_B);
        settle(n, s);

        assertThat(s.calls.stream().filter(c -> c.mchid().equals(MCH_A))).hasSize(2);
        assertThat(s.callsOf(b1.id())).hasSize(1);
        assertThat(s.callsOf(b2.id())).hasSize(1);
        assertThat(view(n, b1.id()).status()).isEqualTo("DELIVERED");
        assertThat(view(n, b2.id()).status()).isEqualTo("DELIVERED");
        assertThat(n.list(MCH_A, NotificationStatus.PENDING, 100).get()).hasSize(6);

        // each answer of A's lets one more of A's go, never more than two at once
        for (int round = 0; round < 10 && !s.held.isEmpty(); round++) {
            s.complete(s.held.get(0), Answer.status(500));
            settle(n, s);
        }
        assertThat(s.inFlightMax.get(MCH_A)).isEqualTo(2);
        assertThat(a).allSatisfy(e -> assertThat(s.callsOf(e.id())).isNotEmpty());
    }

    @Test
    void resendsStayWithinTheMerchantsLane() throws Exception {
        FakeSender s = new FakeSender((e, attempt) -> Answer.HOLD);
        Notifier n = notifier(s, RetrySchedule.WECHAT, 1);
        append(1, MCH_A); // not the queue's first event (see resendWorksForTheFirstEvent...)
        EventRecord waiting = append(2, MCH_A);
        settle(n, s);
        assertThat(s.inFlight.get(MCH_A)).isEqualTo(1);
        n.resend(waiting.id()).get();
        settle(n, s);
        assertThat(s.inFlightMax.get(MCH_A)).as("attempts in flight at once").isEqualTo(1);
    }

    // ---- resend ----------------------------------------------------------------------------------

    @Test
    void resendDeliversAnExhaustedNotificationAndIsJournaledAsAResend() throws Exception {
        List<Duration> schedule = List.of(Duration.ofSeconds(1));
        boolean[] fixed = {false};
        FakeSender s = new FakeSender((e, attempt) -> fixed[0] ? Answer.status(200) : Answer.status(500));
        Notifier n = notifier(s, schedule, 16);
        append(1, MCH_A); // (the very first event of a fresh queue: see the disabled test below)
        runUntil(n, s, T0 + 10_000);
        EventRecord e = append(2, MCH_A);
        runUntil(n, s, T0 + 20_000);
        assertThat(view(n, e.id()).status()).isEqualTo("EXHAUSTED");
        assertThat(n.resend("EV-9999999999999999999").get()).as("unknown id").isNull();

        fixed[0] = true;
        assertThat(n.resend(e.id()).get().id()).isEqualTo(e.id());
        settle(n, s);
        NotificationView v = view(n, e.id());
        assertThat(v.status()).isEqualTo("DELIVERED");
        assertThat(v.attempts()).isEqualTo(3);
        DeliveryRecord last = journaledDeliveries().get(journaledDeliveries().size() - 1);
        assertThat(last.resend()).isTrue();
        assertThat(last.attempt()).isEqualTo(3);
        assertThat(last.status()).isEqualTo("DELIVERED");

        // a resend of a delivered one that fails leaves it delivered
        fixed[0] = false;
        n.resend(e.id()).get();
        settle(n, s);
        assertThat(view(n, e.id()).status()).isEqualTo("DELIVERED");
        assertThat(view(n, e.id()).attempts()).isEqualTo(4);
        runUntil(n, s, T0 + HOURS_48);
        assertThat(s.callsOf(e.id())).hasSize(4);
    }

    @Test
    void resendWorksForTheFirstEventOfAQueueTheNotifierTailedFromEmpty() throws Exception {
        FakeSender s = new FakeSender((e, attempt) -> Answer.status(200));
        Notifier n = notifier(s, List.of(), 16); // created on the empty queue, like a fresh gateway's
        EventRecord e = append(1, MCH_A);
        settle(n, s);
        assertThat(view(n, e.id()).status()).isEqualTo("DELIVERED");
        assertThat(n.resend(e.id()).get()).isNotNull();
        settle(n, s);
        assertThat(s.callsOf(e.id())).hasSize(2);
    }

    @Test
    void aFailedResendOfARetryingNotificationLeavesItsScheduleAsItWas() throws Exception {
        List<Duration> schedule = List.of(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10));
        FakeSender s = new FakeSender((e, attempt) -> Answer.status(500));
        Notifier n = notifier(s, schedule, 16);
        append(1, MCH_A); // not the queue's first event (see the test above)
        settle(n, s);
        EventRecord e = append(2, MCH_A);
        settle(n, s); // attempt 1 at 0 fails: next at 10 s
        clock.set(T0 + 5_000);
        n.resend(e.id()).get();
        settle(n, s); // the resend fails too
        assertThat(view(n, e.id()).status()).isEqualTo("RETRYING");
        assertThat(view(n, e.id()).nextAttemptTime()).isEqualTo(Rfc3339.format(T0 + 10_000));
        runUntil(n, s, T0 + HOURS_48);

        // the schedule's own attempts are all still made: at 0, 10 s, 20 s, 30 s (plus the resend at 5 s)
        assertThat(offsetsOf(s.callsOf(e.id()))).containsExactly(0L, 5_000L, 10_000L, 20_000L, 30_000L);
        assertThat(view(n, e.id()).status()).isEqualTo("EXHAUSTED");
    }

    @Test
    void listAndCountsReflectEachMerchantsNotifications() throws Exception {
        FakeSender s = new FakeSender((e, attempt) -> e.mchid().equals(MCH_A) ? Answer.status(500) : Answer.status(200));
        Notifier n = notifier(s, List.of(Duration.ofSeconds(1)), 16);
        append(1, MCH_A);
        append(2, MCH_B);
        append(3, MCH_A);
        settle(n, s);
        assertThat(n.countsByMerchant().get()).satisfies(c -> {
            assertThat(c.get(MCH_A)).containsExactly(2, 0);
            assertThat(c.get(MCH_B)).containsExactly(0, 0);
        });
        runUntil(n, s, T0 + 10_000);
        assertThat(n.countsByMerchant().get().get(MCH_A)).containsExactly(0, 2);
        assertThat(n.list(MCH_A, null, 100).get()).extracting(NotificationView::id)
                .containsExactly(OutboxStage.eventId(3 << 8), OutboxStage.eventId(1 << 8));
        assertThat(n.list(null, NotificationStatus.DELIVERED, 100).get()).extracting(NotificationView::mchid)
                .containsExactly(MCH_B);
        assertThat(n.list(null, null, 1).get()).hasSize(1);
    }
}
