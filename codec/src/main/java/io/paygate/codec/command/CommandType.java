package io.paygate.codec.command;

/**
 * Every kind of command. The {@link #code()} is part of the journal format and never changes meaning;
 * queries have codes too but are never journaled (they travel through the ring only so that they see
 * every write acknowledged before them).
 */
public enum CommandType {
    PROVISION_MERCHANT(1, false),
    CREATE_ORDER(2, false),
    CLOSE_ORDER(3, false),
    TICK(4, false),
    CREATE_PAYER(5, false),
    ISSUE_AUTH_CODE(6, false),
    PAY_ORDER(7, false),
    CODEPAY(8, false),
    CONFIRM_CODEPAY(9, false),
    REVERSE_ORDER(10, false),
    CREATE_REFUND(11, false),
    /** Sandbox: a payer's wallet becomes ACTIVE, FROZEN or CLOSED ({@code name} holds the status). */
    SET_PAYER_STATUS(12, false),
    /** A merchant's second API key (for example SM2 beside RSA): mchid, serial_no, public key. */
    ADD_MERCHANT_KEY(13, false),

    QUERY_ORDER(100, true),
    QUERY_PAYER(101, true),
    QUERY_REFUND(102, true),
    LEDGER_SUMMARY(103, true);

    private static final CommandType[] BY_CODE = new CommandType[128];

    static {
        for (CommandType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final boolean query;

    CommandType(int code, boolean query) {
        this.code = code;
        this.query = query;
    }

    /** The journal code. */
    public int code() {
        return code;
    }

    /** Queries read state and are not journaled. */
    public boolean isQuery() {
        return query;
    }

    /** The type with this journal code, or null when there is none. */
    public static CommandType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
