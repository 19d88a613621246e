package io.paygate.codec.v3;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code POST .../out-trade-no/{out_trade_no}/reverse}: {@code {"appid","mchid","out_trade_no"}}, or
 * for a partner order {@code {"sp_appid","sp_mchid","sub_appid","sub_mchid","out_trade_no"}}.
 */
@JsonPropertyOrder({"appid", "mchid", "sp_appid", "sp_mchid", "sub_appid", "sub_mchid", "out_trade_no"})
public record ReverseResponse(String appid, String mchid, String spAppid, String spMchid, String subAppid,
                              String subMchid, String outTradeNo) {
}
