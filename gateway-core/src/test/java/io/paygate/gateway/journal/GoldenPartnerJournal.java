package io.paygate.gateway.journal;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandType;
import io.paygate.codec.command.TradeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the second golden fixture, {@code src/test/resources/golden/journal-v1-partner.records}:
 * the record fields and command type added after the first fixture (service providers,
 * sub-merchants, partner orders and refunds, commissions, a second merchant key), still record
 * format version 1. Run once (main); the file is then committed and never edited.
 */
public final class GoldenPartnerJournal {

    static final long T0 = 1_796_300_000_000L; // 2026-12-04T..., fixed
    static final String SP = "1900000500";
    static final String SP_APPID = "wx5000000000000500";
    static final String SUB = "1900000501";
    static final String SUB_APPID = "wx5000000000000501";
    static final String PAYER = "oGOLDENPARTNERPAYER0000000001";

    private final GoldenJournal.History h = new GoldenJournal.History(T0);

    private Command next(CommandType type) {
        return h.next(type);
    }

    static List<Command> history() {
        GoldenPartnerJournal g = new GoldenPartnerJournal();
        Command sp = g.next(CommandType.PROVISION_MERCHANT);
        sp.name = "golden acquiring bank";
        sp.mchid = SP;
        sp.appid = SP_APPID;
        sp.serialNo = "5A0000000000000000000000000000000000000A";
        sp.publicKeyDer = new byte[] {0x30, 0x0d, 0x06, 0x09, 0x2b};
        sp.secret = "b9f8e7d6c5b4a3928170f1e2d3c4b5a6";
        sp.secret2 = "v2sp2v2v2v2v2v2v2v2v2v2v2v2v2v2v";
        sp.feeRatePpm = 6_000;
        sp.flags = Command.FLAG_SERVICE_PROVIDER;
        Command sub = g.next(CommandType.PROVISION_MERCHANT);
        sub.name = "golden noodle shop";
        sub.mchid = SUB;
        sub.appid = SUB_APPID;
        sub.secret = "c9f8e7d6c5b4a3928170f1e2d3c4b5a6";
        sub.secret2 = "v2sub2v2v2v2v2v2v2v2v2v2v2v2v2v2";
        sub.feeRatePpm = 3_800;
        sub.spMchid = SP;
        sub.commissionPpm = 250_000;
        Command key = g.next(CommandType.ADD_MERCHANT_KEY);
        key.mchid = SP;
        key.serialNo = "5B0000000000000000000000000000000000000B";
        key.publicKeyDer = new byte[] {0x30, 0x59, 0x30, 0x13, 0x06};
        Command payer = g.next(CommandType.CREATE_PAYER);
        payer.openid = PAYER;
        payer.amountFen = 1_000_000;
        g.order("GOLD_SP_NATIVE_1", TradeType.NATIVE, 10_000, "CODEURLPARTNER01", null, false);
        g.order("GOLD_SP_JSAPI_1", TradeType.JSAPI, 2_000, "wx20261204000000dddddddddddddddddddd", PAYER, true);
        Command pay = g.next(CommandType.PAY_ORDER);
        pay.openid = PAYER;
        pay.token = "CODEURLPARTNER01";
        Command close = g.next(CommandType.CLOSE_ORDER);
        close.spMchid = SP;
        close.mchid = SUB;
        close.outTradeNo = "GOLD_SP_JSAPI_1";
        Command refund = g.next(CommandType.CREATE_REFUND);
        refund.spMchid = SP;
        refund.mchid = SUB;
        refund.outTradeNo = "GOLD_SP_NATIVE_1";
        refund.outRefundNo = "GOLD_SP_R_1";
        refund.amountFen = 4_000;
        refund.totalFen = 10_000;
        refund.reason = "golden partner";
        g.next(CommandType.TICK);
        return g.h.commands;
    }

    private void order(String no, TradeType type, long total, String token, String openid, boolean subOpenid) {
        Command c = next(CommandType.CREATE_ORDER);
        c.spMchid = SP;
        c.mchid = SUB;
        c.appid = SP_APPID;
        c.subAppid = subOpenid ? SUB_APPID : null;
        c.tradeType = type;
        c.outTradeNo = no;
        c.description = "金色 partner " + no;
        c.notifyUrl = "https://bank.example/notify";
        c.amountFen = total;
        c.token = token;
        c.openid = openid;
        c.flags = subOpenid ? Command.FLAG_SUB_OPENID : 0;
        c.deadlineMillis = c.acceptedAtMillis + 7_200_000L;
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0]
                : "gateway-core/src/test/resources/golden/journal-v1-partner.records");
        Files.write(file, GoldenJournal.encode(history()));
        System.out.println("wrote " + file);
    }
}
