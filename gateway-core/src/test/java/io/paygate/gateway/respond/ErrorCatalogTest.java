package io.paygate.gateway.respond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.gateway.matcher.ResultCode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorCatalogTest {

    @ParameterizedTest
    @EnumSource(value = ResultCode.class, mode = EnumSource.Mode.EXCLUDE, names = {"OK", "OK_REPEATED"})
    void everyFailureMapsToAnHttpErrorWithCodeAndMessage(ResultCode code) {
        ApiError e = ErrorCatalog.of(code);
        assertThat(e.status()).isBetween(400, 599);
        assertThat(e.code()).isNotBlank().matches("[A-Z_]+");
        assertThat(e.message()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(value = ResultCode.class, names = {"OK", "OK_REPEATED"})
    void successIsNotAnError(ResultCode code) {
        assertThatThrownBy(() -> ErrorCatalog.of(code)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Statuses and codes from reference §1.6 where WeChat Pay has one. */
    static Stream<Arguments> wechatMappings() {
        return Stream.of(
                Arguments.of(ResultCode.MCH_NOT_EXISTS, 400, "MCH_NOT_EXISTS"),
                Arguments.of(ResultCode.APPID_MCHID_NOT_MATCH, 400, "APPID_MCHID_NOT_MATCH"),
                Arguments.of(ResultCode.OUT_TRADE_NO_USED, 403, "OUT_TRADE_NO_USED"),
                Arguments.of(ResultCode.ORDER_NOT_EXIST, 404, "ORDER_NOT_EXIST"),
                Arguments.of(ResultCode.ORDER_CLOSED, 400, "ORDER_CLOSED"),
                Arguments.of(ResultCode.ORDER_PAID, 403, "TRADE_ERROR"),
                Arguments.of(ResultCode.ORDER_NOT_CLOSABLE, 403, "TRADE_ERROR"),
                Arguments.of(ResultCode.TOKEN_COLLISION, 500, "SYSTEM_ERROR"),
                Arguments.of(ResultCode.HALTED, 503, "SERVICE_UNAVAILABLE"));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("wechatMappings")
    void failuresUseWeChatPaysStatusAndCode(ResultCode code, int status, String wireCode) {
        ApiError e = ErrorCatalog.of(code);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.code()).isEqualTo(wireCode);
    }
}
