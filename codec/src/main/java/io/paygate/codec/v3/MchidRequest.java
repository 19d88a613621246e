package io.paygate.codec.v3;

/**
 * Body of {@code POST .../out-trade-no/{out_trade_no}/close} ({@code {"mchid"}}) and
 * {@code .../reverse} ({@code {"appid","mchid"}}).
 */
public final class MchidRequest {
    public String mchid;
    public String appid;
}
