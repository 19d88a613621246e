package io.paygate.codec.v3;

import java.util.List;

/**
 * Body of {@code POST /v3/pay/transactions/{native|jsapi|app|h5|codepay}} and of their partner
 * twins under {@code /v3/pay/partner/transactions/}. One model serves all five
 * because they share every field; what each endpoint requires is checked by the decode stage.
 */
public final class PrepayRequest {
    public String appid;
    public String mchid;
    /** Partner endpoints ({@code /v3/pay/partner/transactions/...}): the service provider's appid. */
    public String spAppid;
    /** Partner endpoints: the service provider, who signs the request. */
    public String spMchid;
    /** Partner endpoints: the sub-merchant's own appid, if it has one. */
    public String subAppid;
    /** Partner endpoints: the sub-merchant the order is for, who gets the money. */
    public String subMchid;
    public String description;
    public String outTradeNo;
    public String timeExpire;
    public String attach;
    public String notifyUrl;
    public String goodsTag;
    public Boolean supportFapiao;
    public List<String> limitPay;
    public Amount amount;
    public Payer payer;
    public SceneInfo sceneInfo;
    public Detail detail;
    public SettleInfo settleInfo;

    /** {@code amount}: integer fen. */
    public static final class Amount {
        public Long total;
        public String currency;
    }

    /** {@code payer}: {@code openid} for JSAPI, {@code auth_code} for codepay. */
    public static final class Payer {
        public String openid;
        public String authCode;
        /** Partner JSAPI: the payer's openid under {@code sp_appid}. */
        public String spOpenid;
        /** Partner JSAPI: the payer's openid under {@code sub_appid}. */
        public String subOpenid;
    }

    /** {@code scene_info}. */
    public static final class SceneInfo {
        public String payerClientIp;
        public String deviceId;
        public String deviceIp;
        public StoreInfo storeInfo;
        public H5Info h5Info;
    }

    /** {@code scene_info.store_info}. */
    public static final class StoreInfo {
        public String id;
        public String outId;
        public String name;
        public String areaCode;
        public String address;
    }

    /** {@code scene_info.h5_info}. */
    public static final class H5Info {
        public String type;
        public String appName;
        public String appUrl;
        public String bundleId;
        public String packageName;
    }

    /** {@code detail}. */
    public static final class Detail {
        public Long costPrice;
        public String invoiceId;
        public List<GoodsDetail> goodsDetail;
    }

    /** {@code detail.goods_detail[]}. */
    public static final class GoodsDetail {
        public String merchantGoodsId;
        public String wechatpayGoodsId;
        public String wxpayGoodsId;
        public String goodsName;
        public Long quantity;
        public Long unitPrice;
    }

    /** {@code settle_info}. */
    public static final class SettleInfo {
        public Boolean profitSharing;
    }
}
