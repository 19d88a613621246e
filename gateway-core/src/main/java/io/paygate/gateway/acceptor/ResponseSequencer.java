package io.paygate.gateway.acceptor;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayDeque;

/**
 * Keeps HTTP/1.1 responses in request order on one connection. A request that is rejected at once
 * must not overtake an earlier one still in the ring, so every request takes a {@link Slot} when it
 * arrives and responses leave only from the head of the line. Event-loop confined.
 *
 * <p>Bounded: past {@link #PIPELINE_DEPTH_PAUSE} requests in flight the connection stops reading
 * until answers drain; past {@link #PIPELINE_DEPTH_MAX} (a client that ignores back-pressure) the
 * connection is closed.
 */
final class ResponseSequencer {

    static final int PIPELINE_DEPTH_PAUSE = 16;
    static final int PIPELINE_DEPTH_MAX = 1024;

    /** Requests taken but not yet answered on this event loop, over all its connections. */
    private static final FastThreadLocal<int[]> LOOP_IN_FLIGHT = new FastThreadLocal<>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    private final ArrayDeque<Slot> line = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean closing;
    /** Reading was paused here (and only then is it resumed here: a refusal below pauses it for good). */
    private boolean pausedReading;

    /** One request's place in line. */
    static final class Slot {
        FullHttpResponse response;
        boolean close;
        /** Counted in the loop's in-flight requests until answered or dropped. */
        boolean inFlight = true;
    }

    /** Requests this event loop holds unanswered right now (call on the loop). */
    static int loopInFlight() {
        return LOOP_IN_FLIGHT.get()[0];
    }

    private static void answered(Slot s) {
        if (s.inFlight) {
            s.inFlight = false;
            LOOP_IN_FLIGHT.get()[0]--;
        }
    }

    void attach(ChannelHandlerContext context) {
        this.ctx = context;
    }

    /** Takes a place in line for a request that just arrived. */
    Slot open() {
        Slot s = new Slot();
        LOOP_IN_FLIGHT.get()[0]++;
        line.addLast(s);
        if (line.size() >= PIPELINE_DEPTH_MAX) {
            closing = true;
            ctx.close();
        } else if (line.size() >= PIPELINE_DEPTH_PAUSE && ctx.channel().config().isAutoRead()) {
            pausedReading = true;
            ctx.channel().config().setAutoRead(false);
        }
        return s;
    }

    /** Whether an answer to this connection's requests will close it (nothing more is read). */
    boolean closing() {
        return closing;
    }

    /**
     * Sets a slot's response and writes every response that is now at the head of the line.
     * Must run on the channel's event loop.
     */
    void complete(Slot slot, FullHttpResponse response, boolean close) {
        answered(slot);
        if (closing || !ctx.channel().isActive()) {
            ReferenceCountUtil.release(response);
            return;
        }
        slot.response = response;
        slot.close = close;
        boolean wrote = false;
        while (!line.isEmpty() && line.peekFirst().response != null) {
            Slot head = line.pollFirst();
            wrote = true;
            if (head.close) {
                closing = true;
                ctx.writeAndFlush(head.response).addListener(ChannelFutureListener.CLOSE);
                releaseRest();
                return;
            }
            ctx.write(head.response);
        }
        if (wrote) {
            ctx.flush();
            if (pausedReading && line.size() < PIPELINE_DEPTH_PAUSE) {
                pausedReading = false;
                ctx.channel().config().setAutoRead(true);
            }
        }
    }

    /** The channel went away: drop whatever waits. */
    void releaseRest() {
        for (Slot s : line) {
            answered(s);
            if (s.response != null) {
                ReferenceCountUtil.release(s.response);
                s.response = null;
            }
        }
        line.clear();
    }
}
