package io.paygate.gateway.matcher;

import io.paygate.codec.command.Command;

/** Sandbox payers: created with money from the funding source, queried, given pay codes. */
final class Payers {
    private Payers() {
    }

    static void create(State s, Command cmd, MatchResult out) {
        if (cmd.openid == null || s.payers.containsKey(cmd.openid)) {
            out.code = ResultCode.TOKEN_COLLISION;
            return;
        }
        if (cmd.amountFen > 0 && s.ledger.balance(Ledger.FUNDING_ACCOUNT) < Long.MIN_VALUE + cmd.amountFen) {
            out.code = ResultCode.FUNDING_EXHAUSTED; // the sandbox has handed out all the money a long can count
            return;
        }
        Payer p = new Payer(cmd.openid, s.ledger.open(Ledger.PAYER), cmd.acceptedAtMillis);
        if (cmd.amountFen > 0) {
            s.ledger.transfer(Ledger.FUNDING_ACCOUNT, p.account, cmd.amountFen, cmd.sequence);
        }
        s.payers.put(p);
        s.payersInOrder.add(p);
        out.code = ResultCode.OK;
        out.payer(p, s.ledger.balance(p.account));
    }

    static void query(State s, Command cmd, MatchResult out) {
        Payer p = s.payers.get(cmd.openid);
        if (p == null) {
            out.code = ResultCode.PAYER_NOT_EXIST;
            return;
        }
        out.code = ResultCode.OK;
        out.payer(p, s.ledger.balance(p.account));
    }

    /** Sandbox: freeze, close or reactivate a wallet ({@code name} is the status). */
    static void setStatus(State s, Command cmd, MatchResult out) {
        Payer p = s.payers.get(cmd.openid);
        if (p == null) {
            out.code = ResultCode.PAYER_NOT_EXIST;
            return;
        }
        PayerStatus status = parse(cmd.name);
        if (status == null) {
            throw new IllegalArgumentException("unknown payer status in a journaled command"); // the decoder refuses these
        }
        p.status = status;
        out.code = ResultCode.OK;
        out.payer(p, s.ledger.balance(p.account));
    }

    private static PayerStatus parse(String name) {
        for (PayerStatus st : PayerStatus.values()) {
            if (st.name().equals(name)) {
                return st;
            }
        }
        return null;
    }

    /** A single-use pay code for the payer, lapsing at the command's deadline. */
    static void issueAuthCode(State s, Command cmd, MatchResult out) {
        Payer p = s.payers.get(cmd.openid);
        if (p == null) {
            out.code = ResultCode.PAYER_NOT_EXIST;
            return;
        }
        if (p.status != PayerStatus.ACTIVE) {
            out.code = ResultCode.PAYER_ACCOUNT_ERROR;
            return;
        }
        if (cmd.token == null || s.authCodes.containsKey(cmd.token)) {
            out.code = ResultCode.TOKEN_COLLISION;
            return;
        }
        AuthCode code = new AuthCode(cmd.token, p.openid, cmd.deadlineMillis, cmd.sequence);
        s.authCodes.put(code.code, code);
        s.authCodeExpiries.add(code);
        out.code = ResultCode.OK;
        out.openid = p.openid;
        out.authCode = code.code;
        out.expiresAtMillis = code.expiresAtMillis;
    }
}
