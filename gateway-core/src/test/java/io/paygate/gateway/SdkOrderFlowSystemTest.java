package io.paygate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayResponse;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.gateway.support.SdkClients;
import io.paygate.gateway.support.TestGateway;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official wechatpay-java SDK drives Native orders through the real pipeline. */
class SdkOrderFlowSystemTest {

    @TempDir
    static Path dir;
    static TestGateway gw;
    static NativePayService nativePay;
    static MerchantInfo demo;

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start(dir);
        demo = gw.demo();
        Config config = SdkClients.publicKeyConfig(demo);
        HttpClient http = SdkClients.httpClient(config, gw.apiPort());
        nativePay = new NativePayService.Builder().config(config).httpClient(http).build();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static PrepayRequest nativeOrder(String outTradeNo, int total) {
        PrepayRequest r = new PrepayRequest();
        r.setAppid(demo.appid());
        r.setMchid(demo.mchid());
        r.setDescription("Image形象店-深圳腾大-QQ公仔");
        r.setOutTradeNo(outTradeNo);
        r.setNotifyUrl("https://www.weixin.qq.com/wxpay/pay.php");
        Amount a = new Amount();
        a.setTotal(total);
        a.setCurrency("CNY");
        r.setAmount(a);
        return r;
    }

    @Test
    void createQueryClose() {
        PrepayResponse prepay = nativePay.prepay(nativeOrder("SDK_NATIVE_0001", 100));
        assertThat(prepay.getCodeUrl()).startsWith("weixin://wxpay/bizpayurl?pr=");

        QueryOrderByOutTradeNoRequest q = new QueryOrderByOutTradeNoRequest();
        q.setMchid(demo.mchid());
        q.setOutTradeNo("SDK_NATIVE_0001");
        Transaction t = nativePay.queryOrderByOutTradeNo(q);
        assertThat(t.getTradeState()).isEqualTo(Transaction.TradeStateEnum.NOTPAY);
        assertThat(t.getAmount().getTotal()).isEqualTo(100);
        assertThat(t.getOutTradeNo()).isEqualTo("SDK_NATIVE_0001");

        CloseOrderRequest c = new CloseOrderRequest();
        c.setMchid(demo.mchid());
        c.setOutTradeNo("SDK_NATIVE_0001");
        nativePay.closeOrder(c);
        assertThat(nativePay.queryOrderByOutTradeNo(q).getTradeState()).isEqualTo(Transaction.TradeStateEnum.CLOSED);
    }

    @Test
    void certificateModeDownloadsPlatformCertificatesAndVerifiesResponses() {
        Config certConfig = SdkClients.certificateConfig(demo, gw.apiPort());
        NativePayService certPay = new NativePayService.Builder().config(certConfig)
                .httpClient(SdkClients.httpClient(certConfig, gw.apiPort())).build();
        PrepayResponse prepay = certPay.prepay(nativeOrder("SDK_CERT_0001", 1));
        assertThat(prepay.getCodeUrl()).startsWith("weixin://wxpay/bizpayurl?pr=");
        QueryOrderByOutTradeNoRequest q = new QueryOrderByOutTradeNoRequest();
        q.setMchid(demo.mchid());
        q.setOutTradeNo("SDK_CERT_0001");
        assertThat(certPay.queryOrderByOutTradeNo(q).getTradeState()).isEqualTo(Transaction.TradeStateEnum.NOTPAY);
    }

    @Test
    void sameOutTradeNoDifferentAmountIsRefused() {
        PrepayResponse first = nativePay.prepay(nativeOrder("SDK_NATIVE_0002", 100));
        assertThat(nativePay.prepay(nativeOrder("SDK_NATIVE_0002", 100)).getCodeUrl()).isEqualTo(first.getCodeUrl());
        assertThatThrownBy(() -> nativePay.prepay(nativeOrder("SDK_NATIVE_0002", 200)))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(403);
                    assertThat(e.getErrorCode()).isEqualTo("OUT_TRADE_NO_USED");
                });
    }
}
