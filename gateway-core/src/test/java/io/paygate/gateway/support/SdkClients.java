package io.paygate.gateway.support;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import io.paygate.gateway.admin.MerchantInfo;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The official wechatpay-java SDK pointed at a local gateway, as reference §5 describes: an OkHttp
 * interceptor rewrites scheme, host and port (the signature covers only path and query, so it stays
 * valid). Both platform key modes: WeChat Pay public key and auto-downloaded platform certificates.
 */
public final class SdkClients {

    private SdkClients() {
    }

    /** An OkHttp client that sends everything to {@code 127.0.0.1:port} over plain HTTP. */
    public static OkHttpClient rewritingTo(int port) {
        return new OkHttpClient.Builder()
                .addInterceptor(chain -> {
                    Request r = chain.request();
                    HttpUrl url = r.url().newBuilder().scheme("http").host("127.0.0.1").port(port).build();
                    return chain.proceed(r.newBuilder().url(url).build());
                })
                .build();
    }

    /** Public-key mode config ({@code RSAPublicKeyConfig}) for a merchant. */
    public static Config publicKeyConfig(MerchantInfo m) {
        return new RSAPublicKeyConfig.Builder()
                .merchantId(m.mchid())
                .privateKeyFromPath(m.merchantPrivateKeyFile())
                .merchantSerialNumber(m.merchantSerialNo())
                .publicKeyFromPath(m.platformPublicKeyFile())
                .publicKeyId(m.platformPublicKeyId())
                .apiV3Key(m.apiv3Key())
                .build();
    }

    /**
     * Certificate mode config ({@code RSAAutoCertificateConfig}); its {@code build()} downloads the
     * platform certificates from the gateway through {@code /v3/certificates}.
     */
    public static Config certificateConfig(MerchantInfo m, int apiPort) {
        return new RSAAutoCertificateConfig.Builder()
                .merchantId(m.mchid())
                .privateKeyFromPath(m.merchantPrivateKeyFile())
                .merchantSerialNumber(m.merchantSerialNo())
                .apiV3Key(m.apiv3Key())
                .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(rewritingTo(apiPort)))
                .build();
    }

    /** The SDK's HTTP client for a config, talking to the gateway. */
    public static HttpClient httpClient(Config config, int apiPort) {
        return new DefaultHttpClientBuilder().config(config).okHttpClient(rewritingTo(apiPort)).build();
    }
}
