package io.paygate.gateway.support;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.service.payments.app.AppService;
import com.wechat.pay.java.service.payments.h5.H5Service;
import com.wechat.pay.java.service.payments.h5.model.H5Info;
import com.wechat.pay.java.service.payments.h5.model.SceneInfo;
import com.wechat.pay.java.service.payments.jsapi.JsapiService;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import io.paygate.gateway.admin.MerchantInfo;

/**
 * The four prepay services of the official SDK (Native, JSAPI, App, H5) for one merchant and one
 * config, behind one shape: prepay (returns code_url, prepay_id or h5_url), query by out_trade_no,
 * close. Each call goes through the SDK's own request signing and response verification.
 */
public final class SdkOrders {

    /** The trade types, with what the SDK reports as {@code trade_type}. */
    public enum Kind {
        NATIVE(Transaction.TradeTypeEnum.NATIVE),
        JSAPI(Transaction.TradeTypeEnum.JSAPI),
        APP(Transaction.TradeTypeEnum.APP),
        H5(Transaction.TradeTypeEnum.MWEB);

        public final Transaction.TradeTypeEnum tradeType;

        Kind(Transaction.TradeTypeEnum tradeType) {
            this.tradeType = tradeType;
        }
    }

    public static final String OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
    public static final String PAYER_IP = "14.23.150.211";

    private final MerchantInfo merchant;
    private final NativePayService nativePay;
    private final JsapiService jsapi;
    private final AppService app;
    private final H5Service h5;

    public SdkOrders(MerchantInfo merchant, Config config, int apiPort) {
        this.merchant = merchant;
        HttpClient http = SdkClients.httpClient(config, apiPort);
        this.nativePay = new NativePayService.Builder().config(config).httpClient(http).build();
        this.jsapi = new JsapiService.Builder().config(config).httpClient(http).build();
        this.app = new AppService.Builder().config(config).httpClient(http).build();
        this.h5 = new H5Service.Builder().config(config).httpClient(http).build();
    }

    /** Public-key mode ({@code RSAPublicKeyConfig}). */
    public static SdkOrders publicKeyMode(MerchantInfo m, int apiPort) {
        return new SdkOrders(m, SdkClients.publicKeyConfig(m), apiPort);
    }

    /** Certificate mode ({@code RSAAutoCertificateConfig}, which downloads the platform certificate first). */
    public static SdkOrders certificateMode(MerchantInfo m, int apiPort) {
        return new SdkOrders(m, SdkClients.certificateConfig(m, apiPort), apiPort);
    }

    /** Creates (or repeats) an order; returns code_url, prepay_id or h5_url. */
    public String prepay(Kind kind, String outTradeNo, int totalFen, String description) {
        return switch (kind) {
            case NATIVE -> {
                var r = new com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest();
                r.setAppid(merchant.appid());
                r.setMchid(merchant.mchid());
                r.setDescription(description);
                r.setOutTradeNo(outTradeNo);
                r.setNotifyUrl(OrderBodies.NOTIFY_URL);
                var a = new com.wechat.pay.java.service.payments.nativepay.model.Amount();
                a.setTotal(totalFen);
                a.setCurrency("CNY");
                r.setAmount(a);
                yield nativePay.prepay(r).getCodeUrl();
            }
            case JSAPI -> {
                var r = new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
                r.setAppid(merchant.appid());
                r.setMchid(merchant.mchid());
                r.setDescription(description);
                r.setOutTradeNo(outTradeNo);
                r.setNotifyUrl(OrderBodies.NOTIFY_URL);
                var a = new com.wechat.pay.java.service.payments.jsapi.model.Amount();
                a.setTotal(totalFen);
                a.setCurrency("CNY");
                r.setAmount(a);
                Payer p = new Payer();
                p.setOpenid(OPENID);
                r.setPayer(p);
                yield jsapi.prepay(r).getPrepayId();
            }
            case APP -> {
                var r = new com.wechat.pay.java.service.payments.app.model.PrepayRequest();
                r.setAppid(merchant.appid());
                r.setMchid(merchant.mchid());
                r.setDescription(description);
                r.setOutTradeNo(outTradeNo);
                r.setNotifyUrl(OrderBodies.NOTIFY_URL);
                var a = new com.wechat.pay.java.service.payments.app.model.Amount();
                a.setTotal(totalFen);
                a.setCurrency("CNY");
                r.setAmount(a);
                yield app.prepay(r).getPrepayId();
            }
            case H5 -> {
                var r = new com.wechat.pay.java.service.payments.h5.model.PrepayRequest();
                r.setAppid(merchant.appid());
                r.setMchid(merchant.mchid());
                r.setDescription(description);
                r.setOutTradeNo(outTradeNo);
                r.setNotifyUrl(OrderBodies.NOTIFY_URL);
                var a = new com.wechat.pay.java.service.payments.h5.model.Amount();
                a.setTotal(totalFen);
                a.setCurrency("CNY");
                r.setAmount(a);
                SceneInfo scene = new SceneInfo();
                scene.setPayerClientIp(PAYER_IP);
                H5Info info = new H5Info();
                info.setType("Wap");
                scene.setH5Info(info);
                r.setSceneInfo(scene);
                yield h5.prepay(r).getH5Url();
            }
        };
    }

    public Transaction query(Kind kind, String outTradeNo) {
        return switch (kind) {
            case NATIVE -> {
                var q = new com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest();
                q.setMchid(merchant.mchid());
                q.setOutTradeNo(outTradeNo);
                yield nativePay.queryOrderByOutTradeNo(q);
            }
            case JSAPI -> {
                var q = new com.wechat.pay.java.service.payments.jsapi.model.QueryOrderByOutTradeNoRequest();
                q.setMchid(merchant.mchid());
                q.setOutTradeNo(outTradeNo);
                yield jsapi.queryOrderByOutTradeNo(q);
            }
            case APP -> {
                var q = new com.wechat.pay.java.service.payments.app.model.QueryOrderByOutTradeNoRequest();
                q.setMchid(merchant.mchid());
                q.setOutTradeNo(outTradeNo);
                yield app.queryOrderByOutTradeNo(q);
            }
            case H5 -> {
                var q = new com.wechat.pay.java.service.payments.h5.model.QueryOrderByOutTradeNoRequest();
                q.setMchid(merchant.mchid());
                q.setOutTradeNo(outTradeNo);
                yield h5.queryOrderByOutTradeNo(q);
            }
        };
    }

    public void close(Kind kind, String outTradeNo) {
        switch (kind) {
            case NATIVE -> {
                var c = new com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest();
                c.setMchid(merchant.mchid());
                c.setOutTradeNo(outTradeNo);
                nativePay.closeOrder(c);
            }
            case JSAPI -> {
                var c = new com.wechat.pay.java.service.payments.jsapi.model.CloseOrderRequest();
                c.setMchid(merchant.mchid());
                c.setOutTradeNo(outTradeNo);
                jsapi.closeOrder(c);
            }
            case APP -> {
                var c = new com.wechat.pay.java.service.payments.app.model.CloseOrderRequest();
                c.setMchid(merchant.mchid());
                c.setOutTradeNo(outTradeNo);
                app.closeOrder(c);
            }
            case H5 -> {
                var c = new com.wechat.pay.java.service.payments.h5.model.CloseOrderRequest();
                c.setMchid(merchant.mchid());
                c.setOutTradeNo(outTradeNo);
                h5.closeOrder(c);
            }
        }
    }
}
