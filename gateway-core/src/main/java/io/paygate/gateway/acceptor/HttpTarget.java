package io.paygate.gateway.acceptor;

import io.netty.channel.ChannelHandlerContext;
import io.paygate.gateway.respond.HttpReplies;
import io.paygate.gateway.respond.Replies;
import io.paygate.gateway.respond.Reply;
import io.paygate.gateway.sequence.CommandEvent;
import io.paygate.gateway.sequence.ResponseTarget;
import io.paygate.signing.SigningKey;

/**
 * Where a ring result goes for an API request: built into a reply on the respond thread (a copy,
 * since the slot is reused), then encoded, signed and written on the request's own event loop.
 */
final class HttpTarget implements ResponseTarget {

    private final ChannelHandlerContext ctx;
    private final ResponseSequencer sequencer;
    private final ResponseSequencer.Slot slot;
    private final Replies.Shape shape;
    private final SigningKey signingKey;
    private final String requestId;
    private final boolean keepAlive;
    private final Endpoint endpoint;
    private final long arrivedAtNanos;
    private final RequestMetrics metrics;
    private final String mchid;

    HttpTarget(ChannelHandlerContext ctx, ResponseSequencer sequencer, ResponseSequencer.Slot slot, Replies.Shape shape,
               SigningKey signingKey, String requestId, boolean keepAlive, Endpoint endpoint, long arrivedAtNanos,
               RequestMetrics metrics, String mchid) {
        this.ctx = ctx;
        this.sequencer = sequencer;
        this.slot = slot;
        this.shape = shape;
        this.signingKey = signingKey;
        this.requestId = requestId;
        this.keepAlive = keepAlive;
        this.endpoint = endpoint;
        this.arrivedAtNanos = arrivedAtNanos;
        this.metrics = metrics;
        this.mchid = mchid;
    }

    @Override
    public void complete(CommandEvent event) {
        Reply reply = Replies.of(shape, event.command, event.result);
        ctx.executor().execute(() -> write(reply));
    }

    private void write(Reply reply) {
        long start = System.nanoTime();
        sequencer.complete(slot, HttpReplies.encode(ctx.alloc(), reply, signingKey, requestId), !keepAlive);
        long end = System.nanoTime();
        metrics.responded(end - start);
        metrics.answered(endpoint, reply.status(), end - arrivedAtNanos);
        AccessLog.answered(requestId, endpoint, mchid, reply.status(), reply.isError() ? reply.error().code() : "OK",
                end - arrivedAtNanos);
    }
}
