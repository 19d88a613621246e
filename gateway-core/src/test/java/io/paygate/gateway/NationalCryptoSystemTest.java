package io.paygate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.service.certificate.CertificateService;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.gateway.cli.MerchantClient;
import io.paygate.gateway.support.AdminClient;
import io.paygate.gateway.support.CallbackServer;
import io.paygate.gateway.support.Notifications;
import io.paygate.gateway.support.SdkClients;
import io.paygate.gateway.support.ShangmiSdk;
import io.paygate.gateway.support.SignedClient;
import io.paygate.gateway.support.TestGateway;
import io.paygate.signing.Certificates;
import io.paygate.signing.Pem;
import io.paygate.signing.Sm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * National crypto end to end: a merchant provisioned with an SM2 key talks to Paygate through the
 * official wechatpay-java SDK in its national-crypto configuration (SM2 signatures over SM3, SM4-GCM,
 * Tencent Kona as provider, as the SDK's shangmi module assembles it). Requests are signed
 * {@code WECHATPAY2-SM2-WITH-SM3}, Paygate answers with its SM2 platform certificate, serves that
 * certificate through {@code /v3/certificates?algorithm_type=SM2} under AEAD_SM4_GCM, and sends the
 * merchant's notifications SM2-signed and SM4-encrypted.
 */
class NationalCryptoSystemTest {

    @TempDir
    static Path dir;
    static TestGateway gw;
    static MerchantInfo merchant;
    static X509Certificate platformSm2;
    static Config config;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start(dir, Map.of("paygate.notify.retry-schedule", List.of("200ms"),
                "paygate.ticker.interval", "100ms"));
        merchant = AdminClient.of(gw).provisionSm2Merchant("sm-merchant", dir).info();
        platformSm2 = Pem.readCertificate(Files.readString(Path.of(merchant.platformSm2CertificateFile())));
        PrivateKey key = Pem.readPrivateKey(Files.readString(Path.of(merchant.merchantPrivateKeyFile())));
        config = ShangmiSdk.config(merchant.mchid(), merchant.merchantSerialNo(), key, List.of(platformSm2));
        http = SdkClients.httpClient(config, gw.apiPort());
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static NativePayService nativePay() {
        return new NativePayService.Builder().config(config).httpClient(http).build();
    }

    private static PrepayRequest prepay(String outTradeNo, int total, String notifyUrl) {
        PrepayRequest req = new PrepayRequest();
        req.setAppid(merchant.appid());
        req.setMchid(merchant.mchid());
        req.setDescription("national crypto");
        req.setOutTradeNo(outTradeNo);
        req.setNotifyUrl(notifyUrl);
        Amount amount = new Amount();
        amount.setTotal(total);
        req.setAmount(amount);
        return req;
    }

    @Test
    void provisionedMerchantDescriptionNamesTheSm2PlatformCertificate() {
        assertThat(Sm.isSm2(platformSm2.getPublicKey())).isTrue();
        assertThat(merchant.platformSm2CertificateSerialNo()).isEqualTo(Certificates.serialHex(platformSm2));
        assertThat(merchant.platformSm2CertificateSerialNo()).isNotEqualTo(merchant.platformCertificateSerialNo());
    }

    @Test
    void sdkInNationalCryptoModeCreatesQueriesAndClosesAnOrder() {
        NativePayService pay = nativePay();
        // every answer below passed the SDK's WechatPay2Validator with the SM2 verifier
        String codeUrl = pay.prepay(prepay("SM2_ORDER_1", 888, "https://merchant.example.com/n")).getCodeUrl();
        assertThat(codeUrl).startsWith("weixin://wxpay/bizpayurl?pr=");

        QueryOrderByOutTradeNoRequest q = new QueryOrderByOutTradeNoRequest();
        q.setMchid(merchant.mchid());
        q.setOutTradeNo("SM2_ORDER_1");
        Transaction t = pay.queryOrderByOutTradeNo(q);
        assertThat(t.getTradeState()).isEqualTo(Transaction.TradeStateEnum.NOTPAY);
        assertThat(t.getAmount().getTotal()).isEqualTo(888);

        CloseOrderRequest close = new CloseOrderRequest();
        close.setMchid(merchant.mchid());
        close.setOutTradeNo("SM2_ORDER_1");
        pay.closeOrder(close);
        assertThat(pay.queryOrderByOutTradeNo(q).getTradeState()).isEqualTo(Transaction.TradeStateEnum.CLOSED);
    }

    @Test
    void businessErrorsReachTheSdkSm2Signed() {
        NativePayService pay = nativePay();
        pay.prepay(prepay("SM2_DUP", 100, "https://merchant.example.com/n"));
        // same out_trade_no, different terms: a signed 4xx the SDK verifies and turns into ServiceException
        assertThatThrownBy(() -> pay.prepay(prepay("SM2_DUP", 101, "https://merchant.example.com/n")))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo("OUT_TRADE_NO_USED"));
    }

    @Test
    void sm2CertificatesAreDownloadedUnderSm4AndMatchTheCertificateFile() {
        CertificateService service = new CertificateService.Builder().config(config).httpClient(http).build();
        List<X509Certificate> sm2 = service.downloadCertificate(
                "https://api.mch.weixin.qq.com/v3/certificates?algorithm_type=SM2", ShangmiSdk.sm4(merchant.apiv3Key()),
                Pem::readCertificate);
        assertThat(sm2).containsExactly(platformSm2);

        // algorithm_type=ALL carries both kinds; an SM4 cipher can only open the SM2 entries, so ask
        // for RSA with the AES cipher the SDK uses by default
        List<X509Certificate> rsa = service.downloadCertificate(merchant.apiv3Key().getBytes(
                java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(rsa).hasSize(1);
        assertThat(rsa.get(0).getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(Certificates.serialHex(rsa.get(0))).isEqualTo(merchant.platformCertificateSerialNo());
    }

    @Test
    void paymentNotificationIsSm2SignedAndSm4EncryptedAndTheSdkParsesIt() throws Exception {
        try (CallbackServer callbacks = new CallbackServer()) {
            String codeUrl = nativePay().prepay(prepay("SM2_PAID_1", 4321, callbacks.url("/sm2/notify"))).getCodeUrl();
            MerchantClient payerSide = new MerchantClient(merchant, gw.apiBaseUrl());
            String payer = payerSide.newPayer(10_000);
            assertThat(payerSide.sandbox("POST", "/sandbox/v1/payments",
                    "{\"openid\":\"" + payer + "\",\"code_url\":\"" + codeUrl + "\"}").status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> !callbacks.received().isEmpty());
            CallbackServer.Received r = callbacks.received().get(0);
            assertThat(r.header("Wechatpay-Signature-Type")).isEqualTo("WECHATPAY2-SM2-WITH-SM3");
            assertThat(r.header("Wechatpay-Serial")).isEqualTo(merchant.platformSm2CertificateSerialNo());
            assertThat(r.body()).contains("\"algorithm\":\"AEAD_SM4_GCM\"");

            NotificationParser parser = new NotificationParser(
                    Map.of("WECHATPAY2-SM2-WITH-SM3", new ShangmiSdk.Sm2Verifier(List.of(platformSm2))),
                    Map.of("AEAD_SM4_GCM", ShangmiSdk.sm4(merchant.apiv3Key())));
            Transaction t = Notifications.parse(parser, r, Transaction.class);
            assertThat(t.getOutTradeNo()).isEqualTo("SM2_PAID_1");
            assertThat(t.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
            assertThat(t.getAmount().getTotal()).isEqualTo(4321);
            assertThat(t.getPayer().getOpenid()).isEqualTo(payer);
        }
    }

    @Test
    void aMerchantWithAnRsaAndAnSm2KeyIsServedInEachScheme() throws Exception {
        AdminClient admin = AdminClient.of(gw);
        MerchantInfo both = admin.provisionMerchant("both-keys", dir).info(); // RSA at provisioning
        java.security.KeyPair sm2 = Sm.generateSm2(new java.security.SecureRandom());
        String sm2Serial = "5A2B" + merchant.merchantSerialNo().substring(4);
        SignedClient.Response added = admin.send("POST", "/admin/v1/merchants/" + both.mchid() + "/keys",
                AdminClient.merchantRequest("unused", Pem.writePublicKey(sm2.getPublic()), sm2Serial));
        assertThat(added.status()).as("%s", added).isEqualTo(201);
        assertThat(added.json().path("algorithm").asText()).isEqualTo("SM2");

        // the RSA key, through the SDK's RSA configuration
        Config rsa = SdkClients.publicKeyConfig(both);
        NativePayService rsaPay = new NativePayService.Builder().config(rsa)
                .httpClient(SdkClients.httpClient(rsa, gw.apiPort())).build();
        PrepayRequest viaRsa = prepay("BOTH_RSA_1", 100, "https://merchant.example.com/n");
        viaRsa.setAppid(both.appid());
        viaRsa.setMchid(both.mchid());
        assertThat(rsaPay.prepay(viaRsa).getCodeUrl()).startsWith("weixin://");

        // the SM2 key, through the SDK's national-crypto configuration, on the same merchant
        Config sm = ShangmiSdk.config(both.mchid(), sm2Serial, sm2.getPrivate(), List.of(platformSm2));
        NativePayService smPay = new NativePayService.Builder().config(sm)
                .httpClient(SdkClients.httpClient(sm, gw.apiPort())).build();
        QueryOrderByOutTradeNoRequest q = new QueryOrderByOutTradeNoRequest();
        q.setMchid(both.mchid());
        q.setOutTradeNo("BOTH_RSA_1");
        assertThat(smPay.queryOrderByOutTradeNo(q).getAmount().getTotal()).isEqualTo(100);

        // the same serial again, a key that is neither RSA nor SM2, a merchant that does not exist
        SignedClient.Response again = admin.send("POST", "/admin/v1/merchants/" + both.mchid() + "/keys",
                AdminClient.merchantRequest("unused", Pem.writePublicKey(sm2.getPublic()), sm2Serial));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().path("code").asText()).isEqualTo("PARAM_ERROR");
        java.security.KeyPairGenerator ec = java.security.KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        SignedClient.Response p256 = admin.send("POST", "/admin/v1/merchants/" + both.mchid() + "/keys",
                AdminClient.merchantRequest("unused", Pem.writePublicKey(ec.generateKeyPair().getPublic()), "ABC123"));
        assertThat(p256.status()).isEqualTo(400);
        SignedClient.Response nobody = admin.send("POST", "/admin/v1/merchants/1999999999/keys",
                AdminClient.merchantRequest("unused", Pem.writePublicKey(sm2.getPublic()), "ABC124"));
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(nobody.json().path("code").asText()).isEqualTo("MCH_NOT_EXISTS");

        // both keys survive a restart (the added one is journaled)
        gw.restart();
        Config smAfter = ShangmiSdk.config(both.mchid(), sm2Serial, sm2.getPrivate(), List.of(platformSm2));
        NativePayService afterRestart = new NativePayService.Builder().config(smAfter)
                .httpClient(SdkClients.httpClient(smAfter, gw.apiPort())).build();
        assertThat(afterRestart.queryOrderByOutTradeNo(q).getOutTradeNo()).isEqualTo("BOTH_RSA_1");
        // the shared fields of this class point at the restarted gateway again
        config = ShangmiSdk.config(merchant.mchid(), merchant.merchantSerialNo(),
                Pem.readPrivateKey(Files.readString(Path.of(merchant.merchantPrivateKeyFile()))), List.of(platformSm2));
        http = SdkClients.httpClient(config, gw.apiPort());
    }

    @Test
    void anSm2SignatureFromAnRsaMerchantIsRefused() {
        // the demo merchant holds an RSA key: a request claiming the SM2 schema for it is a SIGN_ERROR
        MerchantInfo demo = gw.demo();
        Config rsaAsSm2 = ShangmiSdk.config(demo.mchid(), demo.merchantSerialNo(),
                Sm.generateSm2(new java.security.SecureRandom()).getPrivate(), List.of(platformSm2));
        NativePayService pay = new NativePayService.Builder().config(rsaAsSm2)
                .httpClient(SdkClients.httpClient(rsaAsSm2, gw.apiPort())).build();
        assertThatThrownBy(() -> pay.prepay(prepay("SM2_WRONG_KEY", 100, "https://merchant.example.com/n")))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(401);
                    assertThat(e.getErrorCode()).isEqualTo("SIGN_ERROR");
                });
    }
}
