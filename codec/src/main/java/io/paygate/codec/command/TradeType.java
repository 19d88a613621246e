package io.paygate.codec.command;

/** {@code trade_type} of an order, with its journal code. */
public enum TradeType {
    JSAPI(1),
    NATIVE(2),
    APP(3),
    MICROPAY(4),
    MWEB(5);

    private final int code;

    TradeType(int code) {
        this.code = code;
    }

    /** The journal code. */
    public int code() {
        return code;
    }

    /** The trade type with this journal code, or null. */
    public static TradeType ofCode(long code) {
        for (TradeType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
