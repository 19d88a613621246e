package io.paygate.gateway.acceptor;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.paygate.gateway.respond.ApiError;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Refuses what HTTP/1.1 framing makes ambiguous, before anything reads a body: a decoder failure
 * (line or headers over the limit, malformed syntax, bad chunk framing), {@code Content-Length}
 * together with {@code Transfer-Encoding}, a transfer coding other than a single {@code chunked},
 * repeated {@code Content-Length}, header values carrying line breaks (obs-fold remnants). Also
 * enforces the whole-request deadline and closes idle connections. After a refusal nothing more is
 * read from the connection; the error goes up as a {@link Rejection} so it leaves in order.
 */
public final class HttpGuard extends ChannelInboundHandlerAdapter {

    private final long requestDeadlineMillis;
    private boolean refused;
    private ScheduledFuture<?> deadline;

    public HttpGuard(long requestDeadlineMillis) {
        this.requestDeadlineMillis = requestDeadlineMillis;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpObject o) {
            ApiError problem = problem(o);
            if (problem != null) {
                ReferenceCountUtil.release(msg);
                refuse(ctx, problem);
                return;
            }
            if (msg instanceof HttpRequest) {
                startDeadline(ctx);
            }
            if (msg instanceof LastHttpContent) {
                cancelDeadline();
            }
        }
        ctx.fireChannelRead(msg);
    }

    static ApiError problem(HttpObject o) {
        DecoderResult result = o.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            if (cause instanceof TooLongHttpHeaderException) {
                return ApiError.headersTooLarge("请求头过大 (request headers exceed 8 KiB)");
            }
            if (cause instanceof TooLongHttpLineException) {
                return ApiError.invalidRequest("请求行过长 (request line exceeds 4 KiB)");
            }
            if (cause instanceof TooLongFrameException) {
                return ApiError.invalidRequest("请求格式超出限制 (HTTP framing exceeds a limit)");
            }
            return ApiError.invalidRequest("HTTP 请求不符合规范 (malformed HTTP request)");
        }
        if (o instanceof HttpRequest req) {
            return framing(req.headers());
        }
        if (o instanceof HttpContent) {
            return null;
        }
        return null;
    }

    /** Header combinations that different parsers could read differently. */
    static ApiError framing(HttpHeaders h) {
        List<String> te = h.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        List<String> cl = h.getAll(HttpHeaderNames.CONTENT_LENGTH);
        if (!te.isEmpty() && !cl.isEmpty()) {
            return ApiError.invalidRequest("不能同时使用Content-Length与Transfer-Encoding (ambiguous framing)");
        }
        if (te.size() > 1 || (te.size() == 1 && !te.get(0).trim().equalsIgnoreCase("chunked"))) {
            return ApiError.invalidRequest("不支持的Transfer-Encoding (only a single chunked coding is accepted)");
        }
        if (cl.size() > 1) {
            return ApiError.invalidRequest("Content-Length重复 (repeated Content-Length)");
        }
        for (var e : h) {
            String v = e.getValue();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '\r' || c == '\n' || c == 0) {
                    return ApiError.invalidRequest("请求头包含非法字符 (line break in a header value)");
                }
            }
        }
        return null;
    }

    private void refuse(ChannelHandlerContext ctx, ApiError error) {
        refused = true;
        cancelDeadline();
        ctx.channel().config().setAutoRead(false);
        ctx.fireChannelRead(new Rejection(error));
    }

    private void startDeadline(ChannelHandlerContext ctx) {
        cancelDeadline();
        deadline = ctx.executor().schedule(() -> {
            deadline = null;
            if (!refused && ctx.channel().isActive()) {
                refuse(ctx, new ApiError(408, "INVALID_REQUEST", "请求超时 (request not complete within the deadline)"));
            }
        }, requestDeadlineMillis, TimeUnit.MILLISECONDS);
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelDeadline();
        super.channelInactive(ctx);
    }
}
