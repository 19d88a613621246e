package io.paygate.gateway;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.paygate.gateway.acceptor.ApiHandler;
import io.paygate.gateway.acceptor.BoundedAggregator;
import io.paygate.gateway.acceptor.HttpGuard;
import io.paygate.gateway.acceptor.StrictRequestDecoder;
import io.paygate.gateway.admin.AdminHandler;
import io.paygate.gateway.config.GatewayConfig;
import io.paygate.gateway.journal.JournalStage;
import io.paygate.gateway.notify.OutboxStage;
import io.paygate.gateway.respond.RespondStage;
import io.paygate.gateway.sequence.MatcherStage;
import io.paygate.gateway.sequence.Ring;
import java.util.concurrent.TimeUnit;

/**
 * The stage order, in one place. A request goes
 *
 * <pre>
 * client --HTTP/1.1--> acceptor (Netty event loops, N = cores)
 *    idle → http decode (limits, obs-fold, deadline) → guard (framing) → aggregate (body limit)
 *    → api: route → verify signature over raw bytes → decode JSON → validate → stamp
 *    → ring.tryPublish                      full ring ⇒ 503 + Retry-After, nothing journaled
 *                    |
 *    Disruptor ring (multi-producer), consumers in this order:
 *      1. journal : append to Chronicle Queue `commands` (CRC), assign the sequence
 *      2. matcher : one thread, pure, deterministic; writes the result into the slot
 *      3. respond : apply effects, hand the result to the request's event loop,
 *                   which encodes JSON, signs (RSA, on every core) and writes in request order
 *         outbox  : (beside respond) journal the matcher's events to `events`
 *                    |
 *    notifier : tails `events`, POSTs signed + encrypted notifications with WeChat's retry schedule,
 *               journals every attempt to `deliveries`
 * </pre>
 */
public final class Pipeline {

    /** Admin request bodies (a merchant's public key PEM and a name) are small. */
    public static final int ADMIN_BODY_BYTES_MAX = 64 * 1024;

    private Pipeline() {
    }

    /** Disruptor handler graph: journal, then matcher, then respond and outbox side by side. */
    public static void wireRing(Ring ring, JournalStage journal, MatcherStage matcher, RespondStage respond,
                                OutboxStage outbox) {
        ring.disruptor().handleEventsWith(ring.signalling(journal)).then(ring.signalling(matcher)).then(respond, outbox);
    }

    /** Netty pipeline of an API connection. */
    public static ChannelInitializer<SocketChannel> apiChannel(GatewayConfig.Http http, ApiHandler.Services services) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                httpHandlers(ch.pipeline(), http);
                ch.pipeline().addLast("api", new ApiHandler(services));
            }
        };
    }

    /**
     * The HTTP layer of an API connection, in order: idle timeout, request decoding within the limits
     * (obs-fold refused, per-request deadline), response encoding, the framing guard, body aggregation.
     */
    public static void httpHandlers(ChannelPipeline p, GatewayConfig.Http http) {
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(http.requestLineBytesMax())
                .setMaxHeaderSize(http.headerBytesMax())
                .setMaxChunkSize(8192)
                .setStrictLineParsing(true)
                .setAllowDuplicateContentLengths(false)
                .setUseRfc9112TransferEncoding(true);
        p.addLast("idle", new IdleStateHandler(0, 0, http.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        p.addLast("http-decoder", new StrictRequestDecoder(decoder, http.requestDeadline().toMillis()));
        p.addLast("http-encoder", new HttpResponseEncoder());
        p.addLast("guard", new HttpGuard());
        p.addLast("aggregate", new BoundedAggregator(http.bodyBytesMax()));
    }

    /** Netty pipeline of an admin connection. */
    public static ChannelInitializer<SocketChannel> adminChannel(AdminHandler.Services services) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ChannelPipeline p = ch.pipeline();
                p.addLast("idle", new IdleStateHandler(0, 0, 60, TimeUnit.SECONDS));
                p.addLast("http-decoder", new StrictRequestDecoder(new HttpDecoderConfig().setStrictLineParsing(true), 10_000));
                p.addLast("http-encoder", new HttpResponseEncoder());
                p.addLast("guard", new HttpGuard());
                p.addLast("aggregate", new BoundedAggregator(ADMIN_BODY_BYTES_MAX));
                p.addLast("admin", new AdminHandler(services));
            }
        };
    }
}
