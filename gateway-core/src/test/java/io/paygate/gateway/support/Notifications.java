package io.paygate.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import io.paygate.codec.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reading what a {@link CallbackServer} received: the JSON body, and the official SDK's parse of it. */
public final class Notifications {

    private Notifications() {
    }

    /** The notification body as JSON. */
    public static JsonNode body(CallbackServer.Received r) {
        try {
            return Json.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + r.body(), e);
        }
    }

    /** The notification id ({@code EV-...}). */
    public static String id(CallbackServer.Received r) {
        return body(r).path("id").asText();
    }

    /**
     * What the merchant's backend does with the official wechatpay-java SDK: verify the signature
     * over the raw body with the platform key (or certificate) the headers name, then decrypt the
     * resource with the APIv3 key into {@code type}. Throws if either fails.
     */
    public static <T> T parse(NotificationConfig config, CallbackServer.Received r, Class<T> type) {
        return parse(new NotificationParser(config), r, type);
    }

    /** Like {@link #parse(NotificationConfig, CallbackServer.Received, Class)} with a parser of one's own (SM2/SM4). */
    public static <T> T parse(NotificationParser parser, CallbackServer.Received r, Class<T> type) {
        return parser.parse(requestParam(r), type);
    }

    /** The SDK's view of a received notification: the signature headers and the raw body. */
    public static RequestParam requestParam(CallbackServer.Received r) {
        return new RequestParam.Builder()
                .serialNumber(r.header("Wechatpay-Serial"))
                .nonce(r.header("Wechatpay-Nonce"))
                .signature(r.header("Wechatpay-Signature"))
                .timestamp(r.header("Wechatpay-Timestamp"))
                .signType(r.header("Wechatpay-Signature-Type"))
                .body(r.body())
                .build();
    }
}
