package io.paygate.gateway.acceptor;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import io.paygate.gateway.respond.ApiError;

/**
 * {@link HttpObjectAggregator} whose refusals speak JSON: a body over the limit becomes a
 * {@link Rejection} with 413 (in order, then close) instead of Netty's plain-text answer.
 */
public final class BoundedAggregator extends HttpObjectAggregator {

    private final int maxBytes;

    public BoundedAggregator(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        // the aggregator releases the oversized message itself after this returns
        ctx.channel().config().setAutoRead(false);
        ctx.fireChannelRead(new Rejection(ApiError.tooLarge("请求体过大 (request body exceeds " + maxBytes + " bytes)")));
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof FullHttpResponse r && !r.status().equals(HttpResponseStatus.CONTINUE)) {
            // Netty's bare 413: drop it; the oversized Content-Length then reaches handleOversizedMessage
            // (JSON 413, in order). Other expectations never get here: HttpGuard refuses them first.
            ReferenceCountUtil.release(r);
            return null;
        }
        return response;
    }
}
