package io.paygate.gateway.acceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netty.handler.codec.http.HttpMethod;
import io.paygate.gateway.respond.ApiError;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouterTest {

    static final Router ROUTER = new Router(true);

    static final String TX = "/v3/pay/transactions/";

    static ApiError rejection(HttpMethod method, String path) {
        ApiError.RejectedRequest r = catchThrowableOfType(ApiError.RejectedRequest.class,
                () -> ROUTER.route(method, path));
        assertThat(r).as("%s %s should be refused", method, path).isNotNull();
        return r.error();
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("POST", TX + "native", Endpoint.NATIVE_PREPAY, null),
                Arguments.of("POST", TX + "jsapi", Endpoint.JSAPI_PREPAY, null),
                Arguments.of("POST", TX + "app", Endpoint.APP_PREPAY, null),
                Arguments.of("POST", TX + "h5", Endpoint.H5_PREPAY, null),
                Arguments.of("GET", TX + "out-trade-no/1217752501201407033233368018", Endpoint.QUERY_BY_OUT_TRADE_NO,
                        "1217752501201407033233368018"),
                Arguments.of("GET", TX + "id/4200000000000000000000000001", Endpoint.QUERY_BY_TRANSACTION_ID,
                        "4200000000000000000000000001"),
                Arguments.of("POST", TX + "out-trade-no/1217752501201407033233368018/close", Endpoint.CLOSE,
                        "1217752501201407033233368018"),
                Arguments.of("GET", "/v3/certificates", Endpoint.CERTIFICATES, null),
                Arguments.of("POST", TX + "codepay", Endpoint.CODEPAY, null),
                Arguments.of("POST", TX + "out-trade-no/1217752501201407033233368018/reverse", Endpoint.REVERSE,
                        "1217752501201407033233368018"),
                Arguments.of("POST", "/v3/refund/domestic/refunds", Endpoint.REFUND_CREATE, null),
                Arguments.of("GET", "/v3/refund/domestic/refunds/R%7C001", Endpoint.REFUND_QUERY, "R|001"),
                Arguments.of("POST", "/sandbox/v1/payers", Endpoint.SANDBOX_CREATE_PAYER, null),
                Arguments.of("GET", "/sandbox/v1/payers/oPAYER", Endpoint.SANDBOX_QUERY_PAYER, "oPAYER"),
                Arguments.of("POST", "/sandbox/v1/payers/oPAYER/auth-codes", Endpoint.SANDBOX_AUTH_CODE, "oPAYER"),
                Arguments.of("POST", "/sandbox/v1/payers/oPAYER/status", Endpoint.SANDBOX_PAYER_STATUS, "oPAYER"),
                Arguments.of("POST", "/sandbox/v1/payers/oPAYER/confirm", Endpoint.SANDBOX_CONFIRM, "oPAYER"),
                Arguments.of("POST", "/sandbox/v1/payments", Endpoint.SANDBOX_PAY, null),
                // an out_trade_no that happens to be called "close" is a query, not a close
                Arguments.of("GET", TX + "out-trade-no/close", Endpoint.QUERY_BY_OUT_TRADE_NO, "close"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("routes")
    void everyRouteIsFound(String method, String path, Endpoint endpoint, String param) {
        Route r = ROUTER.route(HttpMethod.valueOf(method), path);
        assertThat(r.endpoint()).isEqualTo(endpoint);
        assertThat(r.pathParam()).isEqualTo(param);
        assertThat(r.partner()).isFalse();
        assertThat(endpoint.method().name()).isEqualTo(method);
    }

    /** Every payment endpoint has a service-provider twin under /v3/pay/partner/transactions/. */
    @ParameterizedTest(name = "partner {0} {1} -> {2}")
    @MethodSource("routes")
    void everyPaymentRouteHasAPartnerTwin(String method, String path, Endpoint endpoint, String param) {
        if (!path.startsWith(TX)) {
            return; // refunds, certificates and the sandbox have no partner path
        }
        String partnerPath = "/v3/pay/partner/transactions/" + path.substring(TX.length());
        Route r = ROUTER.route(HttpMethod.valueOf(method), partnerPath);
        assertThat(r.endpoint()).isEqualTo(endpoint);
        assertThat(r.pathParam()).isEqualTo(param);
        assertThat(r.partner()).isTrue();
    }

    @Test
    void everyEndpointHasARoute() {
        assertThat(routes().map(a -> a.get()[2]).distinct()).containsExactlyInAnyOrder((Object[]) Endpoint.values());
    }

    static Stream<Arguments> encodedParams() {
        return Stream.of(
                Arguments.of("GET", TX + "out-trade-no/ORDER%7C0001", "ORDER|0001"),
                Arguments.of("GET", TX + "out-trade-no/ORDER%7c0001", "ORDER|0001"),
                Arguments.of("GET", TX + "out-trade-no/ORDER%2A0001", "ORDER*0001"),
                Arguments.of("GET", TX + "out-trade-no/ORDER|0001", "ORDER|0001"),
                Arguments.of("POST", TX + "out-trade-no/ORDER%7C0001/close", "ORDER|0001"),
                Arguments.of("GET", TX + "out-trade-no/%E8%AE%A2%E5%8D%95", "订单"),
                Arguments.of("GET", TX + "id/%34%32", "42"));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("encodedParams")
    void pathParamsArePercentDecodedOnce(String method, String path, String expected) {
        assertThat(ROUTER.route(HttpMethod.valueOf(method), path).pathParam()).isEqualTo(expected);
    }

    @Test
    void doubleEncodingIsDecodedOnlyOnce() {
        assertThat(ROUTER.route(HttpMethod.GET, TX + "out-trade-no/ORDER%257C0001").pathParam()).isEqualTo("ORDER%7C0001");
    }

    @Test
    void plusInAPathParamStaysAPlus() {
        assertThat(ROUTER.route(HttpMethod.GET, TX + "out-trade-no/ORDER+0001").pathParam()).isEqualTo("ORDER+0001");
    }

    @ParameterizedTest
    @ValueSource(strings = {TX + "out-trade-no/ORDER%ZZ", TX + "out-trade-no/ORDER%7", TX + "out-trade-no/ORDER%",
            TX + "id/%G1"})
    void badPercentEncodingIsAParamError(String path) {
        ApiError e = rejection(HttpMethod.GET, path);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("PARAM_ERROR");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "", "/v3", "/v3/pay/transactions", TX, TX + "native/", TX + "NATIVE", TX + "codepay/",
            TX + "native/extra", TX + "out-trade-no/", TX + "out-trade-no", TX + "out-trade-no/ORDER0001/",
            TX + "out-trade-no/ORDER0001/extra", TX + "out-trade-no/ORDER0001/close/extra",
            TX + "out-trade-no/ORDER0001/close/", TX + "out-trade-no//close", TX + "out-trade-no/a/b/close",
            TX + "id/", TX + "id/1/2", TX + "id/1/close", "/v3/certificates/", "/v3/certificates/x",
            "/v3/refund/domestic/refunds/", "/v3/refund/domestic/refunds/a/b", "/sandbox/v1/payers/",
            "/sandbox/v1/payer", "/v3/pay/transactions//native", "/v3/pay/partner/transactions/",
            "/v3/pay/partner/transactions/native/", "/v3/pay/partner/native", "/v3/pay/partner/transactions/refunds",
            "/v3/pay/partner/transactions/out-trade-no/"})
    void unknownPathIsNotFound(String path) {
        ApiError e = rejection(HttpMethod.GET, path);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.message()).isNotEmpty();
        assertThat(rejection(HttpMethod.POST, path).status()).isEqualTo(404);
    }

    @Test
    void sandboxPathsAreNotFoundOutsideSandboxMode() {
        Router production = new Router(false);
        ApiError.RejectedRequest r = catchThrowableOfType(ApiError.RejectedRequest.class,
                () -> production.route(HttpMethod.POST, "/sandbox/v1/payers"));
        assertThat(r.error().status()).isEqualTo(404);
        assertThat(production.route(HttpMethod.POST, TX + "native").endpoint()).isEqualTo(Endpoint.NATIVE_PREPAY);
    }

    @Test
    void notFoundMessageTruncatesALongPath() {
        String path = "/" + "x".repeat(5000);
        ApiError e = rejection(HttpMethod.GET, path);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.message()).contains("x".repeat(63) + "...").doesNotContain("x".repeat(65));
    }

    static Stream<Arguments> wrongMethods() {
        return Stream.of(
                Arguments.of("GET", TX + "native"),
                Arguments.of("PUT", TX + "native"),
                Arguments.of("DELETE", TX + "jsapi"),
                Arguments.of("GET", TX + "app"),
                Arguments.of("HEAD", TX + "h5"),
                Arguments.of("POST", TX + "out-trade-no/ORDER0001"),
                Arguments.of("DELETE", TX + "out-trade-no/ORDER0001"),
                Arguments.of("POST", TX + "id/4200000000000000000000000001"),
                Arguments.of("GET", TX + "out-trade-no/ORDER0001/close"),
                Arguments.of("POST", "/v3/certificates"),
                Arguments.of("OPTIONS", "/v3/certificates"));
    }

    @ParameterizedTest(name = "{0} {1} -> 405")
    @MethodSource("wrongMethods")
    void wrongMethodIsNotAllowed(String method, String path) {
        ApiError e = rejection(HttpMethod.valueOf(method), path);
        assertThat(e.status()).isEqualTo(405);
        assertThat(e.code()).isEqualTo("INVALID_REQUEST");
        assertThat(e.message()).isNotEmpty();
    }
}
