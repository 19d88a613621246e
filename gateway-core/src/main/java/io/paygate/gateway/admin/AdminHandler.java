package io.paygate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.paygate.codec.JsonInputException;
import io.paygate.codec.Json;
import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandType;
import io.paygate.gateway.acceptor.Rejection;
import io.paygate.gateway.decode.OrderDecoder;
import io.paygate.gateway.matcher.ResultCode;
import io.paygate.gateway.metrics.LatencyReport;
import io.paygate.gateway.metrics.MetricsSampler;
import io.paygate.gateway.metrics.PrometheusExporter;
import io.paygate.gateway.notify.NotificationStatus;
import io.paygate.gateway.notify.Notifier;
import io.paygate.gateway.respond.ApiError;
import io.paygate.gateway.respond.ErrorCatalog;
import io.paygate.gateway.respond.HttpReplies;
import io.paygate.gateway.sequence.FutureTarget;
import io.paygate.gateway.sequence.Intake;
import io.paygate.gateway.sequence.ResultCopy;
import io.paygate.gateway.sequence.Ring;
import io.paygate.signing.ApiV2Signatures;
import io.paygate.signing.Pem;
import io.paygate.signing.Sm;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin port: probes without authentication, everything under {@code /admin/v1/} behind the
 * bearer token of {@code DIR/admin.token}. Plain JSON (these are Paygate's own endpoints, not
 * WeChat Pay's, so responses are not signed).
 */
public final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);
    static final int NAME_MAX = 64;
    static final String MERCHANTS = "/admin/v1/merchants";
    static final String KEYS = "/keys";
    static final String SERVICE_PROVIDERS = "/admin/v1/service-providers";
    static final String SUB_MERCHANTS = "/sub-merchants";
    /** Rates in parts per million: fee of the amount, commission of the fee. */
    static final long PPM_MAX = 1_000_000;
    static final int SERIAL_MAX = 64;
    static final String NOTIFICATIONS = "/admin/v1/notifications/";
    static final int LIST_LIMIT_DEFAULT = 100;
    static final int LIST_LIMIT_MAX = 1000;

    /** What the admin handlers share. */
    public record Services(Intake intake, Ring ring, MerchantProvisioner provisioner, Notifier notifier, String token,
                           MerchantInfo.Describer describer, PrometheusExporter exporter, MetricsSampler sampler,
                           OrderDecoder orders) {
    }

    private final Services services;

    public AdminHandler(Services services) {
        this.services = services;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof Rejection r) {
            write(ctx, error(ctx, r.error(), HttpReplies.requestId()), false);
            return;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        String requestId = HttpReplies.requestId();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        String path = new QueryStringDecoder(req.uri()).path();
        try {
            route(ctx, req, path, requestId, keepAlive);
        } catch (ApiError.RejectedRequest r) {
            write(ctx, error(ctx, r.error(), requestId), keepAlive);
        } catch (RuntimeException e) {
            LOG.error("admin request {} {} failed", req.method(), path, e);
            write(ctx, error(ctx, ApiError.systemError("internal error"), requestId), keepAlive);
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest req, String path, String requestId, boolean keepAlive) {
        switch (path) {
            case "/livez" -> {
                requireMethod(req, HttpMethod.GET);
                write(ctx, HttpReplies.json(ctx.alloc(), 200, Map.of("status", "live"), requestId), keepAlive);
            }
            case "/readyz" -> {
                requireMethod(req, HttpMethod.GET);
                Intake intake = services.intake();
                if (intake.isOpen()) {
                    write(ctx, HttpReplies.json(ctx.alloc(), 200, Map.of("status", "ready"), requestId), keepAlive);
                } else {
                    String why = intake.isHalted() ? "halted: " + intake.haltReason() : intake.state().name().toLowerCase();
                    write(ctx, error(ctx, ApiError.unavailable("not ready (" + why + ")"), requestId), keepAlive);
                }
            }
            case "/metrics" -> {
                requireMethod(req, HttpMethod.GET);
                byte[] body = services.exporter().scrape();
                FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        ctx.alloc().buffer(body.length).writeBytes(body));
                r.headers().set(HttpHeaderNames.CONTENT_TYPE, services.exporter().contentType())
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                write(ctx, r, keepAlive);
            }
            case "/admin/v1/latency" -> {
                authorize(req);
                requireMethod(req, HttpMethod.GET);
                write(ctx, HttpReplies.json(ctx.alloc(), 200, LatencyReport.of(services.sampler()), requestId), keepAlive);
            }
            case MERCHANTS, SERVICE_PROVIDERS -> {
                authorize(req);
                requireMethod(req, HttpMethod.POST);
                requireOpen();
                createMerchant(ctx, req, path.equals(SERVICE_PROVIDERS), requestId, keepAlive);
            }
            case "/admin/v1/ledger" -> {
                authorize(req);
                requireMethod(req, HttpMethod.GET);
                requireOpen();
                ledger(ctx, requestId, keepAlive);
            }
            case "/admin/v1/notifications" -> {
                authorize(req);
                requireMethod(req, HttpMethod.GET);
                listNotifications(ctx, new QueryStringDecoder(req.uri()), requestId, keepAlive);
            }
            default -> {
                if (path.startsWith(MERCHANTS + "/") && path.endsWith(KEYS)) {
                    authorize(req);
                    requireMethod(req, HttpMethod.POST);
                    requireOpen();
                    addMerchantKey(ctx, req, path.substring(MERCHANTS.length() + 1, path.length() - KEYS.length()),
                            requestId, keepAlive);
                } else if (path.startsWith(SERVICE_PROVIDERS + "/") && path.endsWith(SUB_MERCHANTS)) {
                    authorize(req);
                    requireMethod(req, HttpMethod.POST);
                    requireOpen();
                    createSubMerchant(ctx, req, path.substring(SERVICE_PROVIDERS.length() + 1,
                            path.length() - SUB_MERCHANTS.length()), requestId, keepAlive);
                } else if (path.startsWith(NOTIFICATIONS) && path.endsWith("/resend")) {
                    authorize(req);
                    requireMethod(req, HttpMethod.POST);
                    resend(ctx, path.substring(NOTIFICATIONS.length(), path.length() - "/resend".length()), requestId,
                            keepAlive);
                } else {
                    throw ApiError.notFound("no such admin endpoint").reject();
                }
            }
        }
    }

    private static JsonNode body(FullHttpRequest req) {
        byte[] body = ByteBufUtil.getBytes(req.content());
        try {
            return Json.readTree(body, 0, body.length);
        } catch (JsonInputException e) {
            throw ApiError.paramError(e.getMessage()).reject();
        }
    }

    /**
     * {@code POST /admin/v1/service-providers/{sp_mchid}/sub-merchants} {@code {"name", "fee_rate_ppm"?,
     * "commission_ppm"?, "notify_url"?}}: a sub-merchant of that service provider, with its own fee
     * rate (default 0.60%), the provider's commission as a share of each fee (default none), and a
     * notify default for partner orders that name no notify_url (checked like any notify_url). It has
     * no API key: its provider signs for it.
     */
    private void createSubMerchant(ChannelHandlerContext ctx, FullHttpRequest req, String spMchid, String requestId,
                                   boolean keepAlive) {
        JsonNode json = body(req);
        String name = text(json, "name", NAME_MAX);
        long feeRate = ppm(json, "fee_rate_ppm", MerchantProvisioner.FEE_RATE_PPM_DEFAULT);
        long commission = ppm(json, "commission_ppm", 0);
        JsonNode notify = json.get("notify_url");
        if (notify != null && !notify.isNull() && !notify.isTextual()) {
            throw ApiError.paramError("notify_url must be a string").reject();
        }
        String notifyUrl = notify == null || notify.isNull() ? null : services.orders().notifyUrl(notify.asText());
        services.provisioner().provision(new MerchantProvisioner.Request(name, null, null, null, null, null, null,
                feeRate, false, spMchid, commission, notifyUrl)).whenCompleteAsync((p, failure) -> {
                    if (failure != null) {
                        write(ctx, error(ctx, ApiError.unavailable("busy, retry"), requestId), keepAlive);
                    } else if (p.result().code() != ResultCode.OK) {
                        write(ctx, error(ctx, ErrorCatalog.of(p.result().code()), requestId), keepAlive);
                    } else {
                        Map<String, Object> out = new LinkedHashMap<>();
                        out.put("sub_mchid", p.result().mchid());
                        out.put("sub_appid", p.result().appid());
                        out.put("sp_mchid", spMchid);
                        out.put("name", name);
                        out.put("fee_rate_ppm", feeRate);
                        out.put("commission_ppm", commission);
                        if (notifyUrl != null) {
                            out.put("notify_url", notifyUrl);
                        }
                        write(ctx, HttpReplies.json(ctx.alloc(), 201, out, requestId), keepAlive);
                    }
                }, ctx.executor());
    }

    private static long ppm(JsonNode json, String field, long absent) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > PPM_MAX) {
            throw ApiError.paramError(field + " must be an integer from 0 to " + PPM_MAX + " (parts per million)").reject();
        }
        return v.asLong();
    }

    /** A merchant API key from an admin body: {@code merchant_public_key_pem} (RSA or SM2) and its serial. */
    private record MerchantKey(PublicKey key, String serial) {
    }

    private static MerchantKey merchantKey(JsonNode json) {
        String serial = text(json, "merchant_serial_no", SERIAL_MAX);
        for (int i = 0; i < serial.length(); i++) {
            if (!Character.isLetterOrDigit(serial.charAt(i)) || serial.charAt(i) > 'z') {
                throw ApiError.paramError("merchant_serial_no may contain only letters and digits").reject();
            }
        }
        PublicKey key;
        try {
            key = Pem.readPublicKey(text(json, "merchant_public_key_pem", 8192));
        } catch (IllegalArgumentException e) {
            throw ApiError.paramError("merchant_public_key_pem: " + e.getMessage()).reject();
        }
        if (!"RSA".equals(key.getAlgorithm()) && !Sm.isSm2(key)) {
            throw ApiError.paramError("merchant_public_key_pem must be an RSA or an SM2 public key").reject();
        }
        return new MerchantKey(key, serial);
    }

    /**
     * {@code POST /admin/v1/merchants/{mchid}/keys {"merchant_public_key_pem","merchant_serial_no"}}:
     * another API key for the merchant (an SM2 key beside its RSA one, or a rotation); requests signed
     * with either are accepted, each answered in its own scheme.
     */
    private void addMerchantKey(ChannelHandlerContext ctx, FullHttpRequest req, String mchid, String requestId,
                                boolean keepAlive) {
        MerchantKey mk = merchantKey(body(req));
        services.provisioner().addKey(mchid, mk.key(), mk.serial()).whenCompleteAsync((r, failure) -> {
            if (failure != null) {
                write(ctx, error(ctx, ApiError.unavailable("busy, retry"), requestId), keepAlive);
            } else if (r.code() != ResultCode.OK) {
                write(ctx, error(ctx, ErrorCatalog.of(r.code()), requestId), keepAlive);
            } else {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("mchid", mchid);
                out.put("merchant_serial_no", mk.serial());
                out.put("algorithm", Sm.isSm2(mk.key()) ? "SM2" : "RSA");
                write(ctx, HttpReplies.json(ctx.alloc(), 201, out, requestId), keepAlive);
            }
        }, ctx.executor());
    }

    private void createMerchant(ChannelHandlerContext ctx, FullHttpRequest req, boolean serviceProvider,
                                String requestId, boolean keepAlive) {
        JsonNode json = body(req);
        String name = text(json, "name", NAME_MAX);
        MerchantKey mk = merchantKey(json);
        String serial = mk.serial();
        PublicKey key = mk.key();
        CompletableFuture<MerchantProvisioner.Provisioned> f = services.provisioner().provision(
                new MerchantProvisioner.Request(name, null, null, key, serial, null, null,
                        MerchantProvisioner.FEE_RATE_PPM_DEFAULT, serviceProvider, null, 0, null));
        f.whenCompleteAsync((p, failure) -> {
            if (failure != null) {
                write(ctx, error(ctx, ApiError.unavailable("busy, retry"), requestId), keepAlive);
            } else if (p.result().code() != ResultCode.OK) {
                write(ctx, error(ctx, ErrorCatalog.of(p.result().code()), requestId), keepAlive);
            } else {
                write(ctx, HttpReplies.json(ctx.alloc(), 201, services.describer().describe(p), requestId), keepAlive);
            }
        }, ctx.executor());
    }

    private void ledger(ChannelHandlerContext ctx, String requestId, boolean keepAlive) {
        Command cmd = new Command();
        cmd.type = CommandType.LEDGER_SUMMARY;
        cmd.acceptedAtMillis = System.currentTimeMillis();
        FutureTarget target = new FutureTarget();
        if (!services.ring().tryPublish(cmd, target)) {
            throw ApiError.unavailable("busy, retry").reject();
        }
        target.future().whenCompleteAsync((r, failure) -> {
            if (failure != null) {
                write(ctx, error(ctx, ApiError.systemError("ledger read failed"), requestId), keepAlive);
            } else if (r.code() != ResultCode.OK) {
                write(ctx, error(ctx, ErrorCatalog.of(r.code()), requestId), keepAlive);
            } else {
                write(ctx, HttpReplies.json(ctx.alloc(), 200, ledgerBody(r), requestId), keepAlive);
            }
        }, ctx.executor());
    }

    private void listNotifications(ChannelHandlerContext ctx, QueryStringDecoder query, String requestId,
                                   boolean keepAlive) {
        String mchid = param(query, "mchid");
        String statusName = param(query, "status");
        NotificationStatus status = null;
        if (statusName != null) {
            try {
                status = NotificationStatus.valueOf(statusName);
            } catch (IllegalArgumentException e) {
                throw ApiError.paramError("status must be one of PENDING, RETRYING, DELIVERED, EXHAUSTED").reject();
            }
        }
        int limit = LIST_LIMIT_DEFAULT;
        String limitText = param(query, "limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > LIST_LIMIT_MAX) {
                throw ApiError.paramError("limit must be 1.." + LIST_LIMIT_MAX).reject();
            }
        }
        services.notifier().list(mchid, status, limit).whenCompleteAsync((views, failure) -> {
            if (failure != null) {
                write(ctx, error(ctx, ApiError.systemError("event log read failed"), requestId), keepAlive);
            } else {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("count", views.size());
                body.put("data", views);
                write(ctx, HttpReplies.json(ctx.alloc(), 200, body, requestId), keepAlive);
            }
        }, ctx.executor());
    }

    private void resend(ChannelHandlerContext ctx, String id, String requestId, boolean keepAlive) {
        services.notifier().resend(id).whenCompleteAsync((view, failure) -> {
            if (failure != null) {
                write(ctx, error(ctx, ApiError.systemError("resend failed"), requestId), keepAlive);
            } else if (view == null) {
                write(ctx, error(ctx, new ApiError(404, "RESOURCE_NOT_EXISTS", "no notification " + id), requestId),
                        keepAlive);
            } else {
                write(ctx, HttpReplies.json(ctx.alloc(), 202, view, requestId), keepAlive);
            }
        }, ctx.executor());
    }

    private static String param(QueryStringDecoder query, String name) {
        List<String> values = query.parameters().get(name);
        if (values == null || values.isEmpty() || values.get(0).isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiError.paramError(name + " given more than once").reject();
        }
        return values.get(0);
    }

    static Map<String, Object> ledgerBody(ResultCopy r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accounts", r.accounts());
        m.put("sum", r.balanceSum());
        m.put("negative_accounts", r.negativeAccounts());
        m.put("state_hash", r.stateHash());
        return m;
    }

    private void authorize(FullHttpRequest req) {
        String header = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        String expected = "Bearer " + services.token();
        if (header == null || !ApiV2Signatures.constantTimeEquals(header, expected)) {
            throw new ApiError(401, "UNAUTHORIZED", "admin endpoints need Authorization: Bearer <DIR/admin.token>").reject();
        }
    }

    private void requireOpen() {
        if (!services.intake().isOpen()) {
            throw ApiError.unavailable("not ready (" + services.intake().state() + ")").reject();
        }
    }

    private static void requireMethod(FullHttpRequest req, HttpMethod method) {
        if (!req.method().equals(method)) {
            throw ApiError.methodNotAllowed("use " + method).reject();
        }
    }

    private static String text(JsonNode json, String field, int max) {
        JsonNode v = json.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw ApiError.paramError(field + " is required (a non-empty string)").reject();
        }
        if (v.asText().length() > max) {
            throw ApiError.paramError(field + " is longer than " + max + " characters").reject();
        }
        return v.asText();
    }

    private static FullHttpResponse error(ChannelHandlerContext ctx, ApiError e, String requestId) {
        return HttpReplies.error(ctx.alloc(), e, requestId);
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
