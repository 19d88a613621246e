package io.paygate.gateway.support;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Valid prepay bodies for raw requests, one per trade type, as the SDKs would send them. */
public final class OrderBodies {

    public static final String NATIVE = "/v3/pay/transactions/native";
    public static final String JSAPI = "/v3/pay/transactions/jsapi";
    public static final String APP = "/v3/pay/transactions/app";
    public static final String H5 = "/v3/pay/transactions/h5";
    public static final String NOTIFY_URL = "https://www.weixin.qq.com/wxpay/pay.php";

    private OrderBodies() {
    }

    /** A valid body for the prepay endpoint {@code path}. */
    public static ObjectNode prepay(String path, String appid, String mchid, String outTradeNo, long totalFen) {
        ObjectNode o = SignedClient.mapper().createObjectNode();
        o.put("appid", appid);
        o.put("mchid", mchid);
        o.put("description", "Image形象店-深圳腾大-QQ公仔");
        o.put("out_trade_no", outTradeNo);
        o.put("notify_url", NOTIFY_URL);
        ObjectNode amount = o.putObject("amount");
        amount.put("total", totalFen);
        amount.put("currency", "CNY");
        switch (path) {
            case JSAPI -> o.putObject("payer").put("openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
            case H5 -> {
                ObjectNode scene = o.putObject("scene_info");
                scene.put("payer_client_ip", "14.23.150.211");
                scene.putObject("h5_info").put("type", "Wap");
            }
            default -> {
            }
        }
        return o;
    }

    public static String query(String outTradeNo, String mchid) {
        return "/v3/pay/transactions/out-trade-no/" + outTradeNo + "?mchid=" + mchid;
    }

    public static String close(String outTradeNo) {
        return "/v3/pay/transactions/out-trade-no/" + outTradeNo + "/close";
    }
}
