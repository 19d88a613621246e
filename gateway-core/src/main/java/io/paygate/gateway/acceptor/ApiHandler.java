package io.paygate.gateway.acceptor;


import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.paygate.codec.command.Command;
import io.paygate.codec.command.TradeType;
import io.paygate.gateway.config.GatewayConfig;
import io.paygate.gateway.decode.OrderDecoder;
import io.paygate.gateway.decode.RefundDecoder;
import io.paygate.gateway.decode.SandboxDecoder;
import io.paygate.gateway.notify.CallbackPolicy;
import io.paygate.gateway.notify.HostResolver;
import io.paygate.gateway.respond.ApiError;
import io.paygate.gateway.respond.HttpReplies;
import io.paygate.gateway.respond.PlatformCredentials;
import io.paygate.gateway.respond.Reply;
import io.paygate.gateway.sequence.Intake;
import io.paygate.gateway.sequence.Ring;
import io.paygate.gateway.verify.MerchantCredentials;
import io.paygate.gateway.verify.MerchantDirectory;
import io.paygate.gateway.verify.RequestAuthenticator;
import io.paygate.signing.SignatureFailure;
import io.paygate.signing.SigningKey;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API endpoint handler (one per connection): route → verify → decode → stamp → publish. Everything
 * before the ring happens here on the event loop; a rejection at any step is answered at once, in
 * order behind earlier requests of the same connection.
 */
public final class ApiHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    /** What every handler of the API port shares. */
    public record Services(Intake intake, Ring ring, Router router, MerchantDirectory directory,
                           RequestAuthenticator authenticator, CallbackPolicy callbacks, HostResolver resolver,
                           OrderDecoder orders, RefundDecoder refunds, SandboxDecoder sandbox,
                           GatewayConfig.Business business, PlatformCredentials platform, RequestMetrics metrics,
                           int inFlightMax) {

        /** Wires the decoders for a mode. */
        public static Services of(Intake intake, Ring ring, CallbackPolicy callbacks, HostResolver resolver,
                                  MerchantDirectory directory, RequestAuthenticator authenticator,
                                  GatewayConfig.Business business, PlatformCredentials platform, RequestMetrics metrics,
                                  int inFlightMax) {
            OrderDecoder orders = new OrderDecoder(callbacks);
            return new Services(intake, ring, new Router(callbacks.sandbox()), directory, authenticator, callbacks,
                    resolver, orders,
                    new RefundDecoder(orders),
                    new SandboxDecoder(), business, platform, metrics, inFlightMax);
        }
    }

    private final Services services;
    private final ResponseSequencer sequencer = new ResponseSequencer();

    public ApiHandler(Services services) {
        this.services = services;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        sequencer.attach(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        sequencer.releaseRest();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest req) {
            try {
                if (!sequencer.closing()) {
                    request(ctx, req);
                }
            } finally {
                ReferenceCountUtil.release(req);
            }
        } else if (msg instanceof Rejection rejection) {
            if (!sequencer.closing()) {
                ResponseSequencer.Slot slot = sequencer.open();
                services.metrics().rejected(rejection.error());
                sequencer.complete(slot, HttpReplies.error(ctx.alloc(), rejection.error(), HttpReplies.requestId()), true);
                services.metrics().answered(null, rejection.error().status(), 0);
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void request(ChannelHandlerContext ctx, FullHttpRequest req) {
        long arrivedAt = System.nanoTime();
        String requestId = HttpReplies.requestId();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        ResponseSequencer.Slot slot = sequencer.open();
        Endpoint endpoint = null;
        try {
            QueryStringDecoder target = new QueryStringDecoder(req.uri());
            Route route = services.router().route(req.method(), target.rawPath());
            endpoint = route.endpoint();
            if (ResponseSequencer.loopInFlight() > services.inFlightMax()) {
                // overload: answer at once, before any signature work, so the accepted keep their latency
                throw ApiError.unavailable("系统繁忙，请稍后重试 (overloaded: " + services.inFlightMax()
                        + " requests in flight on this event loop)").reject();
            }
            handle(ctx, req, target, route, slot, requestId, keepAlive, arrivedAt);
        } catch (ApiError.RejectedRequest r) {
            answer(slot, r.error(), requestId, keepAlive, endpoint, arrivedAt, ctx);
        } catch (SignatureFailure f) {
            answer(slot, ApiError.signError(f.getMessage()), requestId, keepAlive, endpoint, arrivedAt, ctx);
        } catch (RequestAuthenticator.ReplayCacheFullException e) {
            answer(slot, ApiError.frequencyLimited("请求过于频繁，请稍后重试 (replay cache full)"), requestId, keepAlive,
                    endpoint, arrivedAt, ctx);
        } catch (RuntimeException e) {
            LOG.error("request {} failed unexpectedly", requestId, e);
            answer(slot, ApiError.systemError("系统异常，请稍后重试"), requestId, keepAlive, endpoint, arrivedAt, ctx);
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder requestTarget, Route route,
                        ResponseSequencer.Slot slot, String requestId, boolean keepAlive, long arrivedAt) {
        if (!services.intake().isOpen()) {
            throw ApiError.unavailable("服务暂不可用，请稍后重试 (" + services.intake().state() + ")").reject();
        }
        byte[] body = ByteBufUtil.getBytes(req.content());
        Map<String, List<String>> query = requestTarget.parameters();
        Command cmd = new Command();
        cmd.acceptedAtMillis = System.currentTimeMillis();
        SigningKey key = null;
        String mchid = null;
        if (route.endpoint().sandbox()) {
            decodeSandbox(route, body, cmd);
        } else {
            RequestAuthenticator.Authenticated auth = services.authenticator().authenticateRequest(req.method().name(),
                    req.uri(), req.headers().get(HttpHeaderNames.AUTHORIZATION), body, 0, body.length);
            MerchantCredentials merchant = auth.merchant();
            mchid = merchant.mchid();
            String platformSerial = req.headers().get(HttpReplies.H_SERIAL);
            key = services.platform().signerFor(platformSerial, auth.schema());
            services.directory().notePlatformSerial(merchant.mchid(), key.keyId());
            if (route.endpoint() == Endpoint.CERTIFICATES) {
                Reply reply = Reply.ok(CertificatesReply.build(services.platform(), merchant.apiV3Key(),
                        single(query, "algorithm_type", false)));
                sequencer.complete(slot, HttpReplies.encode(ctx.alloc(), reply, key, requestId), !keepAlive);
                services.metrics().answered(route.endpoint(), reply.status(), System.nanoTime() - arrivedAt);
                return;
            }
            decodeMerchant(route, body, query, merchant.mchid(), cmd);
        }
        HttpTarget target = new HttpTarget(ctx, sequencer, slot, route.endpoint().shape(), key, requestId, keepAlive,
                route.endpoint(), arrivedAt, services.metrics(), mchid);
        CallbackPolicy.Target callback = callbackToResolve(cmd);
        if (callback == null) {
            publish(cmd, target, arrivedAt);
            return;
        }
        // production: the notify_url's host must not resolve inside; DNS runs off the event loop
        services.resolver().resolve(callback.host()).whenComplete((addresses, failure) -> ctx.executor().execute(() -> {
            try {
                checkResolved(addresses, failure);
                publish(cmd, target, arrivedAt);
            } catch (ApiError.RejectedRequest r) {
                answer(slot, r.error(), requestId, keepAlive, route.endpoint(), arrivedAt, ctx);
            }
        }));
    }

    private void publish(Command cmd, HttpTarget target, long arrivedAt) {
        if (!services.ring().tryPublish(cmd, target)) {
            throw ApiError.unavailable("系统繁忙，请稍后重试 (ring full)").reject();
        }
        services.metrics().accepted(System.nanoTime() - arrivedAt);
    }

    /** The notify_url whose host name must be resolved and checked before the command goes in, or null. */
    private CallbackPolicy.Target callbackToResolve(Command cmd) {
        if (cmd.notifyUrl == null || services.callbacks().sandbox()) {
            return null;
        }
        try {
            CallbackPolicy.Target t = services.callbacks().target(cmd.notifyUrl);
            return t.literal() == null ? t : null;
        } catch (CallbackPolicy.Refused e) {
            throw ApiError.paramError("参数 notify_url 无效 (" + e.getMessage() + ")").reject();
        }
    }

    private void checkResolved(List<InetAddress> addresses, Throwable failure) {
        if (failure != null || addresses == null || addresses.isEmpty()) {
            throw ApiError.paramError("参数 notify_url 无效 (notify_url host does not resolve)").reject();
        }
        try {
            for (InetAddress a : addresses) {
                services.callbacks().check(a);
            }
        } catch (CallbackPolicy.Refused e) {
            throw ApiError.paramError("参数 notify_url 无效 (" + e.getMessage() + ")").reject();
        }
    }

    /** Verified merchant endpoints: decode, validate, stamp tokens and deadlines. */
    private void decodeMerchant(Route route, byte[] body, Map<String, List<String>> query, String signer, Command cmd) {
        OrderDecoder orders = services.orders();
        GatewayConfig.Business business = services.business();
        long now = cmd.acceptedAtMillis;
        boolean partner = route.partner();
        switch (route.endpoint()) {
            case NATIVE_PREPAY -> prepay(TradeType.NATIVE, partner, body, signer, cmd);
            case JSAPI_PREPAY -> prepay(TradeType.JSAPI, partner, body, signer, cmd);
            case APP_PREPAY -> prepay(TradeType.APP, partner, body, signer, cmd);
            case H5_PREPAY -> prepay(TradeType.MWEB, partner, body, signer, cmd);
            case CODEPAY -> {
                orders.codepay(partner, body, 0, body.length, signer, cmd);
                cmd.totalFen = business.passwordFreeLimitFen();
                cmd.deadlineMillis = now + business.userpayingTimeout().toMillis();
            }
            case QUERY_BY_OUT_TRADE_NO -> {
                if (partner) {
                    orders.partnerQueryByOutTradeNo(route.pathParam(), single(query, "sp_mchid", true),
                            single(query, "sub_mchid", true), signer, cmd);
                } else {
                    orders.queryByOutTradeNo(route.pathParam(), single(query, "mchid", true), signer, cmd);
                }
            }
            case QUERY_BY_TRANSACTION_ID -> {
                if (partner) {
                    orders.partnerQueryByTransactionId(route.pathParam(), single(query, "sp_mchid", true),
                            single(query, "sub_mchid", true), signer, cmd);
                } else {
                    orders.queryByTransactionId(route.pathParam(), single(query, "mchid", true), signer, cmd);
                }
            }
            case CLOSE -> orders.close(partner, route.pathParam(), body, 0, body.length, signer, cmd);
            case REVERSE -> orders.reverse(partner, route.pathParam(), body, 0, body.length, signer, cmd);
            case REFUND_CREATE -> services.refunds().create(body, 0, body.length, signer, cmd);
            case REFUND_QUERY -> services.refunds().query(route.pathParam(), single(query, "sub_mchid", false), signer, cmd);
            default -> throw new IllegalStateException("no decoder for " + route.endpoint());
        }
    }

    private void prepay(TradeType type, boolean partner, byte[] body, String signer, Command cmd) {
        services.orders().prepay(type, partner, body, 0, body.length, signer, cmd.acceptedAtMillis, cmd);
        cmd.token = type == TradeType.NATIVE ? Tokens.codeUrlToken() : Tokens.prepayId(cmd.acceptedAtMillis);
        cmd.deadlineMillis = cmd.timeExpireMillis != 0 ? cmd.timeExpireMillis
                : cmd.acceptedAtMillis + services.business().prepayValidity().toMillis();
    }

    /** The payer-side sandbox endpoints (sandbox mode only; the router refuses them otherwise). */
    private void decodeSandbox(Route route, byte[] body, Command cmd) {
        SandboxDecoder sandbox = services.sandbox();
        switch (route.endpoint()) {
            case SANDBOX_CREATE_PAYER -> {
                sandbox.createPayer(body, 0, body.length, cmd);
                cmd.openid = Tokens.openid();
            }
            case SANDBOX_QUERY_PAYER -> sandbox.queryPayer(route.pathParam(), cmd);
            case SANDBOX_AUTH_CODE -> {
                sandbox.issueAuthCode(route.pathParam(), cmd);
                cmd.token = Tokens.authCode();
                cmd.deadlineMillis = cmd.acceptedAtMillis + services.business().authCodeValidity().toMillis();
            }
            case SANDBOX_PAYER_STATUS -> sandbox.setPayerStatus(route.pathParam(), body, 0, body.length, cmd);
            case SANDBOX_PAY -> sandbox.pay(body, 0, body.length, cmd);
            case SANDBOX_CONFIRM -> sandbox.confirm(route.pathParam(), body, 0, body.length, cmd);
            default -> throw new IllegalStateException("no decoder for " + route.endpoint());
        }
    }

    /** A query parameter that may appear at most once. */
    private static String single(Map<String, List<String>> query, String name, boolean required) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            if (required) {
                throw ApiError.paramError("缺少参数 " + name + " (" + name + " is required)").reject();
            }
            return null;
        }
        if (values.size() > 1) {
            throw ApiError.paramError("参数 " + name + " 重复 (" + name + " given more than once)").reject();
        }
        return values.get(0);
    }

    private void answer(ResponseSequencer.Slot slot, ApiError error, String requestId, boolean keepAlive,
                        Endpoint endpoint, long arrivedAt, ChannelHandlerContext ctx) {
        services.metrics().rejected(error);
        AccessLog.answered(requestId, endpoint, null, error.status(), error.code(), System.nanoTime() - arrivedAt);
        sequencer.complete(slot, HttpReplies.error(ctx.alloc(), error, requestId), !keepAlive);
        services.metrics().answered(endpoint, error.status(), System.nanoTime() - arrivedAt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection error on {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

}
