package io.paygate.gateway.notify;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.AbstractChannelPoolMap;
import io.netty.channel.pool.ChannelPool;
import io.netty.channel.pool.SimpleChannelPool;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import io.paygate.codec.Json;
import io.paygate.codec.Rfc3339;
import io.paygate.codec.event.EventRecord;
import io.paygate.codec.v3.Notification;
import io.paygate.gateway.respond.HttpReplies;
import io.paygate.gateway.respond.PlatformCredentials;
import io.paygate.gateway.verify.MerchantCredentials;
import io.paygate.gateway.verify.MerchantDirectory;
import io.paygate.signing.AesGcm;
import io.paygate.signing.ApiV3Signatures;
import io.paygate.signing.Nonces;
import io.paygate.signing.SigningKey;
import io.paygate.signing.Sm;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Delivers notifications over HTTP/1.1 with Netty: keep-alive pools per (scheme, host, port,
 * checked address), TLS with host name verification for https, a hard deadline per attempt, no
 * redirects (a 3xx is a failed attempt). Each attempt checks the URL against the
 * {@link CallbackPolicy}, resolves the host, checks every address, and connects to the checked one.
 * The body is encrypted (AEAD_AES_256_GCM, fresh 12-byte nonce, the merchant's APIv3 key) and signed
 * with the platform key the merchant uses, on the connection's event loop (all cores).
 */
public final class NettySender implements Sender {

    public static final String SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048";
    public static final String SIGNATURE_TYPE_SM2 = "WECHATPAY2-SM2-WITH-SM3";
    private static final AttributeKey<Attempt> ATTEMPT = AttributeKey.valueOf("paygate.notify.attempt");
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private final CallbackPolicy policy;
    private final HostResolver resolver;
    private final MerchantDirectory merchants;
    private final PlatformCredentials platform;
    private final long timeoutMillis;
    private final EventLoopGroup group;
    private final SslContext ssl;
    private final AbstractChannelPoolMap<PoolKey, SimpleChannelPool> pools;

    private record PoolKey(String scheme, String host, int port, InetAddress address) {
    }

    /** One attempt in flight on a channel. */
    private static final class Attempt {
        final Sender.Done done;
        final AtomicBoolean finished = new AtomicBoolean();
        volatile ChannelPool pool;
        volatile Channel channel;
        ScheduledFuture<?> deadline;

        Attempt(Sender.Done done) {
            this.done = done;
        }

        boolean finish(int status, String error) {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            if (deadline != null) {
                deadline.cancel(false);
            }
            done.completed(status, error);
            return true;
        }
    }

    public NettySender(CallbackPolicy policy, HostResolver resolver, MerchantDirectory merchants,
                       PlatformCredentials platform, long timeoutMillis, EventLoopGroup group,
                       Class<? extends SocketChannel> channelType, SslContext ssl) {
        this.policy = policy;
        this.resolver = resolver;
        this.merchants = merchants;
        this.platform = platform;
        this.timeoutMillis = timeoutMillis;
        this.group = group;
        this.ssl = ssl;
        Bootstrap base = new Bootstrap().group(group).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeoutMillis, Integer.MAX_VALUE));
        this.pools = new AbstractChannelPoolMap<>() {
            @Override
            protected SimpleChannelPool newPool(PoolKey key) {
                return new SimpleChannelPool(base.clone().remoteAddress(new InetSocketAddress(key.address(), key.port())),
                        new PoolHandler(key));
            }
        };
    }

    @Override
    public void send(EventRecord event, int attempt, Done done) {
        Attempt a = new Attempt(done);
        a.deadline = group.next().schedule(() -> timedOut(a), timeoutMillis, TimeUnit.MILLISECONDS);
        CallbackPolicy.Target target;
        try {
            target = policy.target(event.notifyUrl());
        } catch (CallbackPolicy.Refused e) {
            a.finish(0, "refused-address");
            return;
        }
        if (target.literal() != null) {
            connect(event, target, target.literal(), a);
            return;
        }
        resolver.resolve(target.host()).whenComplete((addresses, failure) -> {
            if (failure != null || addresses == null || addresses.isEmpty()) {
                a.finish(0, "dns");
                return;
            }
            InetAddress chosen = checked(addresses);
            if (chosen == null) {
                a.finish(0, "refused-address");
            } else {
                connect(event, target, chosen, a);
            }
        });
    }

    /** The first address, when every address the name resolved to is allowed (else null). */
    private InetAddress checked(List<InetAddress> addresses) {
        try {
            for (InetAddress address : addresses) {
                policy.check(address);
            }
            return addresses.get(0);
        } catch (CallbackPolicy.Refused e) {
            return null;
        }
    }

    private void connect(EventRecord event, CallbackPolicy.Target target, InetAddress address, Attempt a) {
        SimpleChannelPool pool = pools.get(new PoolKey(target.scheme(), target.host(), target.port(), address));
        a.pool = pool;
        pool.acquire().addListener((Future<Channel> f) -> {
            if (!f.isSuccess()) {
                a.finish(0, "connect");
                return;
            }
            Channel ch = f.getNow();
            if (a.finished.get()) {
                pool.release(ch); // the deadline passed while connecting
                return;
            }
            a.channel = ch;
            try {
                send(ch, event, target, a);
            } catch (RuntimeException e) {
                a.finish(0, "io");
                ch.close();
                pool.release(ch);
            }
        });
    }

    /** The attempt's whole deadline (resolve, connect, send, answer) passed. */
    private static void timedOut(Attempt a) {
        if (a.finish(0, "timeout")) {
            Channel ch = a.channel;
            if (ch != null) {
                ch.attr(ATTEMPT).set(null);
                ch.close();
                a.pool.release(ch);
            }
        }
    }

    private void send(Channel ch, EventRecord event, CallbackPolicy.Target target, Attempt a) {
        ch.attr(ATTEMPT).set(a);
        FullHttpRequest req = request(event, target);
        ch.writeAndFlush(req).addListener(w -> {
            if (!w.isSuccess() && a.finish(0, errorWord(w.cause()))) {
                ch.attr(ATTEMPT).set(null);
                ch.close();
                a.pool.release(ch);
            }
        });
    }

    /** The signed, encrypted notification request. */
    FullHttpRequest request(EventRecord event, CallbackPolicy.Target target) {
        MerchantCredentials merchant = Objects.requireNonNull(merchants.get(event.mchid()),
                "notification for an unknown merchant");
        // a merchant that speaks national crypto (its SDK named our SM2 certificate) gets SM2 + SM4
        SigningKey key = platform.signerFor(merchants.platformSerial(event.mchid()));
        boolean sm = Sm.isSm2(key.privateKey());
        AesGcm.Algorithm aead = sm ? AesGcm.Algorithm.SM4_GCM : AesGcm.Algorithm.AES_256_GCM;
        String nonce = alphanumeric(12);
        String ciphertext = AesGcm.encryptToBase64(aead, merchant.apiV3Key(), nonce, event.resourceType(),
                event.plaintext().getBytes(StandardCharsets.UTF_8));
        byte[] body = Json.write(new Notification(event.id(), Rfc3339.format(event.createTimeMillis()), "encrypt-resource",
                event.eventType(), event.summary(), new Notification.Resource(event.resourceType(), aead.wireName(),
                ciphertext, event.resourceType(), nonce)));
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String signatureNonce = alphanumeric(32);
        String signature = ApiV3Signatures.sign(key, ApiV3Signatures.responseMessage(timestamp, signatureNonce, body));
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target.pathAndQuery(),
                Unpooled.wrappedBuffer(body));
        HttpHeaders h = req.headers();
        boolean defaultPort = target.port() == (target.https() ? 443 : 80);
        String hostHeader = (target.host().indexOf(':') >= 0 ? "[" + target.host() + "]" : target.host())
                + (defaultPort ? "" : ":" + target.port());
        h.set(HttpHeaderNames.HOST, hostHeader);
        h.set(HttpHeaderNames.CONTENT_TYPE, HttpReplies.CONTENT_TYPE_JSON);
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        h.set(HttpHeaderNames.USER_AGENT, "Paygate-Notify/1");
        h.set(HttpReplies.H_TIMESTAMP, timestamp);
        h.set(HttpReplies.H_NONCE, signatureNonce);
        h.set(HttpReplies.H_SIGNATURE, signature);
        h.set(HttpReplies.H_SERIAL, key.keyId());
        h.set("Wechatpay-Signature-Type", sm ? SIGNATURE_TYPE_SM2 : SIGNATURE_TYPE);
        h.set(HttpReplies.H_REQUEST_ID, HttpReplies.requestId());
        return req;
    }

    private static String alphanumeric(int n) {
        return Nonces.alphanumeric(RANDOM.get(), n);
    }

    /** Builds each pooled connection's pipeline: TLS (https), HTTP codec, aggregator, response handler. */
    private final class PoolHandler extends AbstractChannelPoolHandler {
        private final PoolKey key;

        PoolHandler(PoolKey key) {
            this.key = key;
        }

        @Override
        public void channelCreated(Channel ch) {
            if (key.scheme().equals("https")) {
                SslHandler tls = ssl.newHandler(ch.alloc(), key.host(), key.port());
                SSLEngine engine = tls.engine();
                SSLParameters params = engine.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                engine.setSSLParameters(params);
                ch.pipeline().addLast("tls", tls);
            }
            ch.pipeline().addLast("http", new HttpClientCodec());
            ch.pipeline().addLast("response", new ResponseHandler());
        }
    }

    /**
     * Completes the channel's attempt with the merchant's status once the response is complete, and
     * gives the channel back. Only the status counts (reference §4): the body is read and dropped,
     * whatever its size.
     */
    private static final class ResponseHandler extends SimpleChannelInboundHandler<HttpObject> {
        private int status;
        private boolean keepAlive;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpResponse res) {
                status = res.status().code();
                keepAlive = HttpUtil.isKeepAlive(res);
            }
            if (!(msg instanceof LastHttpContent)) {
                return;
            }
            Attempt a = ctx.channel().attr(ATTEMPT).getAndSet(null);
            if (a == null) {
                ctx.close();
                return;
            }
            if (a.finish(status, null)) {
                if (!keepAlive) {
                    ctx.close();
                }
                a.pool.release(ctx.channel());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            Attempt a = ctx.channel().attr(ATTEMPT).getAndSet(null);
            if (a != null && a.finish(0, "io")) {
                a.pool.release(ctx.channel());
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Attempt a = ctx.channel().attr(ATTEMPT).getAndSet(null);
            if (a != null && a.finish(0, errorWord(cause))) {
                a.pool.release(ctx.channel());
            }
            ctx.close();
        }
    }

    /** The error word of a failure: {@code tls} for handshake and certificate problems, else {@code io}. */
    static String errorWord(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return "tls";
            }
        }
        return "io";
    }

    @Override
    public void close() {
        pools.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
