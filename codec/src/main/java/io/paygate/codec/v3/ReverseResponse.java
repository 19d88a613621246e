package io.paygate.codec.v3;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code POST .../out-trade-no/{out_trade_no}/reverse}: {@code {"appid","mchid","out_trade_no"}}. */
@JsonPropertyOrder({"appid", "mchid", "out_trade_no"})
public record ReverseResponse(String appid, String mchid, String outTradeNo) {
}
