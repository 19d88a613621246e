package io.paygate.gateway.acceptor;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.paygate.gateway.respond.ApiError;
import java.util.List;

/**
 * Refuses what HTTP/1.1 framing makes ambiguous, before anything reads a body: a decoder failure
 * (line or headers over the limit, malformed syntax, bad chunk framing, obs-fold, the request
 * deadline — see {@link StrictRequestDecoder}), {@code Content-Length} together with
 * {@code Transfer-Encoding}, a transfer coding other than a single {@code chunked}, repeated
 * {@code Content-Length}, header values carrying line breaks, an {@code Expect} other than
 * {@code 100-continue}. Also closes idle connections. After a refusal nothing more is read from the
 * connection; the error goes up as a {@link Rejection} so it leaves in order, and the connection
 * closes after it.
 */
public final class HttpGuard extends ChannelInboundHandlerAdapter {

    private boolean refused;

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
                refused = true;
                ctx.channel().config().setAutoRead(false);
                ctx.fireChannelRead(new Rejection(problem));
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    static ApiError problem(HttpObject o) {
        DecoderResult result = o.decoderResult();
        if (result.isFailure()) {
            return decoderFailure(result.cause());
        }
        if (o instanceof HttpRequest req) {
            return framing(req.headers());
        }
        return null;
    }

    private static ApiError decoderFailure(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return ApiError.headersTooLarge("请求头过大 (request headers exceed the limit)");
        }
        if (cause instanceof TooLongHttpLineException) {
            return ApiError.invalidRequest("请求行过长 (request line exceeds the limit)");
        }
        if (cause instanceof TooLongFrameException) {
            return ApiError.invalidRequest("请求格式超出限制 (HTTP framing exceeds a limit)");
        }
        if (cause instanceof StrictRequestDecoder.ObsFoldException) {
            return ApiError.invalidRequest("请求头不能折行 (obs-fold header continuation lines are not accepted)");
        }
        if (cause instanceof StrictRequestDecoder.DeadlineException) {
            return new ApiError(408, "INVALID_REQUEST", "请求超时 (request not complete within the deadline)");
        }
        return ApiError.invalidRequest("HTTP 请求不符合规范 (malformed HTTP request)");
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
        List<String> expect = h.getAll(HttpHeaderNames.EXPECT);
        if (expect.size() > 1 || (expect.size() == 1
                && !expect.get(0).trim().equalsIgnoreCase(HttpHeaderValues.CONTINUE.toString()))) {
            return new ApiError(417, "INVALID_REQUEST", "不支持的Expect (only Expect: 100-continue is accepted)");
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

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}
