package io.paygate.gateway.acceptor;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Netty's request decoder with two things it does not do: it refuses obs-fold (a header line that
 * begins with a space or tab, which Netty silently unfolds into the previous value), and it gives
 * every request a deadline from its first byte (so a client that trickles header bytes cannot hold a
 * connection open). Both are reported as a request whose decoder result failed, which
 * {@link HttpGuard} turns into a JSON error and a closed connection.
 *
 * <p>The header bytes are scanned before the decoder parses them, in the exact buffer it will parse,
 * so the two can never disagree about where a header block starts or ends.
 */
public final class StrictRequestDecoder extends HttpRequestDecoder {

    /** A header continuation line (obs-fold, RFC 9112 §5.2). */
    public static final class ObsFoldException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ObsFoldException() {
            super("obs-fold in request headers", null);
        }
    }

    /** The request did not arrive completely within the deadline. */
    public static final class DeadlineException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        DeadlineException() {
            super("request not complete within the deadline");
        }
    }

    private enum Scan { BETWEEN, REQUEST_LINE, HEADERS, BODY, FAILED }

    private final long deadlineMillis;
    private Scan scan = Scan.BETWEEN;
    /** Stream offset of the decoder's reader index, and how far the header scan got. */
    private long consumed;
    private long scannedTo;
    /** The previous scanned byte ended a line (so the next byte starts one). */
    private boolean lineStart;
    /** The current header line has no bytes yet besides, possibly, CR. */
    private boolean emptyLine;
    /**
     * One timer per connection, not one per request: scheduling and cancelling a task for every
     * request showed in profiles. The timer stays armed across requests; when it fires it fails the
     * request in progress if that one's deadline has passed, otherwise re-arms itself for what is
     * left of it (or lapses between requests, and the next request arms it again).
     */
    private ScheduledFuture<?> deadline;
    /** A request's bytes are being read, since {@link #requestStartNanos} (executor ticker). */
    private boolean timing;
    private long requestStartNanos;
    private ChannelHandlerContext context;

    public StrictRequestDecoder(HttpDecoderConfig config, long deadlineMillis) {
        super(config);
        this.deadlineMillis = deadlineMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        context = ctx;
        super.handlerAdded(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (scan == Scan.FAILED) {
            buffer.skipBytes(buffer.readableBytes());
            return;
        }
        if (buffer.isReadable() && scan == Scan.BETWEEN) {
            startRequest(ctx);
        }
        if (scanHeaders(buffer)) {
            fail(buffer, out, new ObsFoldException());
            return;
        }
        int before = buffer.readerIndex();
        int emitted = out.size();
        super.decode(ctx, buffer, out);
        consumed += buffer.readerIndex() - before;
        for (int i = emitted; i < out.size(); i++) {
            if (out.get(i) instanceof LastHttpContent) {
                endRequest();
            }
        }
    }

    /** Scans the not yet scanned bytes of a header block; true when a continuation line is found. */
    private boolean scanHeaders(ByteBuf buffer) {
        long end = consumed + buffer.readableBytes();
        long from = Math.max(scannedTo, consumed);
        for (long p = from; p < end && scan != Scan.BODY; p++) {
            byte b = buffer.getByte(buffer.readerIndex() + (int) (p - consumed));
            if (scan == Scan.BETWEEN) {
                if (b == '\r' || b == '\n') {
                    continue; // Netty skips blank lines before a request line
                }
                scan = Scan.REQUEST_LINE;
            }
            if (b == '\n') {
                if (scan == Scan.HEADERS && emptyLine) {
                    scan = Scan.BODY; // end of the header block
                } else {
                    scan = Scan.HEADERS;
                    lineStart = true;
                    emptyLine = true;
                }
                continue;
            }
            if (scan == Scan.HEADERS && lineStart && (b == ' ' || b == '\t')) {
                return true;
            }
            if (b != '\r') {
                emptyLine = false;
            }
            lineStart = false;
        }
        scannedTo = end;
        return false;
    }

    private void startRequest(ChannelHandlerContext ctx) {
        timing = true;
        requestStartNanos = ctx.executor().ticker().nanoTime();
        if (deadline == null) {
            deadline = ctx.executor().schedule(this::deadlinePassed, deadlineMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void endRequest() {
        timing = false;
        scan = Scan.BETWEEN;
        scannedTo = consumed;
        lineStart = false;
        emptyLine = false;
    }

    private void deadlinePassed() {
        deadline = null;
        if (!timing) {
            return;
        }
        long left = requestStartNanos + TimeUnit.MILLISECONDS.toNanos(deadlineMillis) - context.executor().ticker().nanoTime();
        if (left > 0) {
            deadline = context.executor().schedule(this::deadlinePassed, left, TimeUnit.NANOSECONDS);
            return;
        }
        timing = false;
        if (scan != Scan.FAILED && context.channel().isActive()) {
            scan = Scan.FAILED;
            context.fireChannelRead(failed(new DeadlineException()));
        }
    }

    private void fail(ByteBuf buffer, List<Object> out, Exception cause) {
        scan = Scan.FAILED;
        cancelDeadline();
        buffer.skipBytes(buffer.readableBytes());
        out.add(failed(cause));
    }

    private static DefaultFullHttpRequest failed(Exception cause) {
        DefaultFullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/bad-request");
        r.setDecoderResult(DecoderResult.failure(cause));
        return r;
    }

    private void cancelDeadline() {
        timing = false;
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelDeadline();
        super.channelInactive(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
        cancelDeadline();
        super.handlerRemoved0(ctx);
    }
}
