package io.paygate.gateway.notify;

import com.lmax.disruptor.EventHandler;
import io.paygate.codec.Json;
import io.paygate.codec.Rfc3339;
import io.paygate.codec.command.Command;
import io.paygate.codec.event.EventRecord;
import io.paygate.codec.v3.RefundNotice;
import io.paygate.gateway.journal.RecordQueue;
import io.paygate.gateway.matcher.Event;
import io.paygate.gateway.matcher.EventType;
import io.paygate.gateway.matcher.MatchResult;
import io.paygate.gateway.matcher.Refund;
import io.paygate.gateway.matcher.RefundStatus;
import io.paygate.gateway.respond.Replies;
import io.paygate.gateway.sequence.CommandEvent;
import io.paygate.gateway.sequence.Intake;
import io.paygate.gateway.sequence.StageListener;
import java.nio.charset.StandardCharsets;

/**
 * The outbox: journals each event the matcher emitted, in order, to the events queue. Event ids are
 * derived from the command sequence, so when recovery replays the command journal the outbox sees
 * the same events again and skips those already written: none is lost, none duplicated. A failed
 * append halts intake (an acknowledged payment must not lose its notification).
 */
public final class OutboxStage implements EventHandler<CommandEvent> {

    private final RecordQueue events;
    private final Intake intake;
    private final StageListener listener;
    private long lastWritten;
    private Runnable onWritten = () -> { };
    /** The last command sequence whose events (if any) are journaled; read by the snapshot writer. */
    private volatile long processedSequence;

    public OutboxStage(RecordQueue events, Intake intake, StageListener listener) {
        this.events = events;
        this.intake = intake;
        this.listener = listener;
        byte[] last = events.last();
        this.lastWritten = last == null ? 0 : EventRecord.decode(last, last.length).sequence();
    }

    @Override
    public void onEvent(CommandEvent event, long sequence, boolean endOfBatch) {
        if (!event.journaled || event.command.type.isQuery()) {
            return;
        }
        try {
            if (event.result.eventCount > 0) {
                write(event.command, event.result);
            }
            processedSequence = event.command.sequence;
        } catch (RuntimeException e) {
            intake.halt("outbox append failed: " + e);
            listener.failed("outbox", event.command.toString(), e);
        }
    }

    /** The last command sequence whose events are safely journaled (any thread). */
    public long processedSequence() {
        return processedSequence;
    }

    /** After recovery: everything up to {@code sequence} has been processed. */
    public void recovered(long sequence) {
        processedSequence = sequence;
    }

    /** Called after new events were journaled (the notifier wakes up). */
    public void onWritten(Runnable callback) {
        this.onWritten = callback;
    }

    /** Journals the events of one applied command that are not journaled yet (also used by recovery). */
    public void write(Command cmd, MatchResult result) {
        for (int i = 0; i < result.eventCount; i++) {
            Event e = result.events[i];
            long seq = Event.sequenceOf(cmd.sequence, e.index);
            if (seq <= lastWritten) {
                continue;
            }
            events.append(record(seq, cmd, e).encode());
            lastWritten = seq;
        }
        onWritten.run();
    }

    /** The sequence of the last event journaled. */
    public long lastWritten() {
        return lastWritten;
    }

    static EventRecord record(long seq, Command cmd, Event e) {
        String plaintext = e.type == EventType.TRANSACTION_SUCCESS
                ? new String(Json.write(Replies.transaction(e.order)), StandardCharsets.UTF_8)
                : new String(Json.write(refundNotice(e.refund)), StandardCharsets.UTF_8);
        return new EventRecord(seq, eventId(seq), e.type.wireName(), e.mchid, e.notifyUrl, cmd.acceptedAtMillis,
                e.type.resourceType(), e.type.summary(), plaintext);
    }

    /** {@code EV-} + 19 digits, like WeChat's notification ids, derived from the event sequence. */
    static String eventId(long seq) {
        String digits = Long.toString(seq);
        StringBuilder sb = new StringBuilder(22).append("EV-");
        for (int i = digits.length(); i < 19; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    static RefundNotice refundNotice(Refund r) {
        boolean partner = r.spMchid != null;
        return new RefundNotice(partner ? null : r.mchid, r.spMchid, partner ? r.mchid : null, r.outTradeNo, r.transactionId, r.outRefundNo, r.refundId, r.status.name(),
                r.status == RefundStatus.SUCCESS ? Rfc3339.format(r.successTimeMillis) : null, "支付用户零钱",
                new RefundNotice.Amount(r.orderTotalFen, r.refundFen, r.orderTotalFen, r.refundFen));
    }
}
