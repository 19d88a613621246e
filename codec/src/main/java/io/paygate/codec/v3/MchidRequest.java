package io.paygate.codec.v3;

/**
 * Body of {@code POST .../out-trade-no/{out_trade_no}/close} ({@code {"mchid"}}) and
 * {@code .../reverse} ({@code {"appid","mchid"}}).
 */
public final class MchidRequest {
    public String mchid;
    public String appid;
    /** Partner close and reverse: the service provider and the sub-merchant. */
    public String spMchid;
    public String subMchid;
    public String spAppid;
    public String subAppid;
}
