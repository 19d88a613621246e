package io.paygate.codec.v3;

/** The three prepay answers: a QR link (Native), a prepay id (JSAPI/App) or an H5 link. */
public final class PrepayResponses {
    private PrepayResponses() {
    }

    /** {@code {"code_url":"weixin://wxpay/bizpayurl?pr=..."}}. */
    public record CodeUrl(String codeUrl) {
    }

    /** {@code {"prepay_id":"wx..."}}. */
    public record PrepayId(String prepayId) {
    }

    /** {@code {"h5_url":"https://wx.tenpay.com/..."}}. */
    public record H5Url(String h5Url) {
    }
}
