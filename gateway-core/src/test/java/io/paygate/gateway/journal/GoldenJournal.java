package io.paygate.gateway.journal;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandCodec;
import io.paygate.codec.command.CommandType;
import io.paygate.codec.command.TradeType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the golden journal fixture: a fixed, deterministic command history that touches every
 * journaled command type, as the concatenated binary records of record format version 1. Run once
 * (main) to create {@code src/test/resources/golden/journal-v1.records}; the file is then committed
 * and never edited, and {@link GoldenJournalCompatibilityTest} reads it forever after.
 */
public final class GoldenJournal {

    static final long T0 = 1_795_400_000_000L; // 2026-11-23T..., fixed
    static final String MCHID = "1900000001";
    static final String APPID = "wx0123456789abcdef";
    static final String PAYER = "oGOLDENPAYER00000000000000001";
    static final String PAYER2 = "oGOLDENPAYER00000000000000002";

    /** A journal history being written: sequences from 1, a clock a second apart per command. */
    static class History {
        final List<Command> commands = new ArrayList<>();
        private long sequence;
        long clock;

        History(long startMillis) {
            this.clock = startMillis;
        }

        Command next(CommandType type) {
            Command c = new Command();
            c.type = type;
            c.sequence = ++sequence;
            clock += 1_000;
            c.acceptedAtMillis = clock;
            commands.add(c);
            return c;
        }
    }

    private final History h = new History(T0);

    private Command next(CommandType type) {
        return h.next(type);
    }

    static List<Command> history() {
        GoldenJournal g = new GoldenJournal();
        Command m = g.next(CommandType.PROVISION_MERCHANT);
        m.name = "golden merchant";
        m.mchid = MCHID;
        m.appid = APPID;
        m.serialNo = "4B2AF1E3C0D9B0A1C2D3E4F5061728394A5B6C7D";
        m.publicKeyDer = new byte[] {0x30, 0x0d, 0x06, 0x09, 0x2a};
        m.secret = "a9f8e7d6c5b4a3928170f1e2d3c4b5a6";
        m.secret2 = "v2v2v2v2v2v2v2v2v2v2v2v2v2v2v2v2";
        m.feeRatePpm = 6_000;
        g.payer(PAYER, 1_000_000);
        g.payer(PAYER2, 500);
        g.order("GOLD_NATIVE_1", TradeType.NATIVE, 1_001, "CODEURLTOKEN0001", null);
        g.order("GOLD_JSAPI_1", TradeType.JSAPI, 2_000, "wx20261123000000aaaaaaaaaaaaaaaaaaaa", PAYER);
        g.order("GOLD_APP_1", TradeType.APP, 300, "wx20261123000000bbbbbbbbbbbbbbbbbbbb", null);
        g.order("GOLD_H5_1", TradeType.MWEB, 400, "wx20261123000000cccccccccccccccccccc", null);
        g.pay(PAYER, "CODEURLTOKEN0001");
        g.pay(PAYER, "wx20261123000000aaaaaaaaaaaaaaaaaaaa");
        g.pay(PAYER2, "wx20261123000000bbbbbbbbbbbbbbbbbbbb"); // the App order, paid by the second payer
        Command close = g.next(CommandType.CLOSE_ORDER);
        close.mchid = MCHID;
        close.outTradeNo = "GOLD_APP_1"; // paid: a journaled refusal (ORDER_PAID)
        g.authCode(PAYER, "134567890123456789");
        g.codepay("GOLD_CODE_1", "134567890123456789", 500);
        g.authCode(PAYER, "134567890123456790");
        g.codepay("GOLD_CODE_2", "134567890123456790", 150_000);
        Command confirm = g.next(CommandType.CONFIRM_CODEPAY);
        confirm.openid = PAYER;
        confirm.mchid = MCHID;
        confirm.outTradeNo = "GOLD_CODE_2";
        g.authCode(PAYER, "134567890123456791");
        g.codepay("GOLD_CODE_3", "134567890123456791", 120_000); // left to be revoked by a tick
        Command reverse = g.next(CommandType.REVERSE_ORDER);
        reverse.mchid = MCHID;
        reverse.appid = APPID;
        reverse.outTradeNo = "GOLD_CODE_1";
        g.refund("GOLD_NATIVE_1", "GOLD_R_1", 333, 1_001);
        g.refund("GOLD_NATIVE_1", "GOLD_R_2", 333, 1_001);
        Command frozen = g.next(CommandType.SET_PAYER_STATUS);
        frozen.openid = PAYER;
        frozen.name = "FROZEN";
        g.tick(0); // settles the refunds: ABNORMAL (the wallet is frozen)
        Command active = g.next(CommandType.SET_PAYER_STATUS);
        active.openid = PAYER;
        active.name = "ACTIVE";
        g.refund("GOLD_NATIVE_1", "GOLD_R_3", 1_001, 1_001);
        g.tick(60_000); // settles R_3, revokes GOLD_CODE_3, drops the pay codes
        g.tick(3 * 3_600_000L); // the unpaid H5 order lapses
        return g.h.commands;
    }

    private void payer(String openid, long balance) {
        Command c = next(CommandType.CREATE_PAYER);
        c.openid = openid;
        c.amountFen = balance;
    }

    private void order(String no, TradeType type, long total, String token, String openid) {
        Command c = next(CommandType.CREATE_ORDER);
        c.mchid = MCHID;
        c.appid = APPID;
        c.tradeType = type;
        c.outTradeNo = no;
        c.description = "金色 golden " + no;
        c.notifyUrl = "https://merchant.example/notify";
        c.amountFen = total;
        c.token = token;
        c.openid = openid;
        c.deadlineMillis = c.acceptedAtMillis + 7_200_000L;
    }

    private void pay(String openid, String token) {
        Command c = next(CommandType.PAY_ORDER);
        c.openid = openid;
        c.token = token;
    }

    private void authCode(String openid, String code) {
        Command c = next(CommandType.ISSUE_AUTH_CODE);
        c.openid = openid;
        c.token = code;
        c.deadlineMillis = c.acceptedAtMillis + 60_000;
    }

    private void codepay(String no, String code, long total) {
        Command c = next(CommandType.CODEPAY);
        c.mchid = MCHID;
        c.appid = APPID;
        c.tradeType = TradeType.MICROPAY;
        c.outTradeNo = no;
        c.description = "till";
        c.amountFen = total;
        c.totalFen = 100_000;
        c.token = code;
        c.storeId = "S1";
        c.deadlineMillis = c.acceptedAtMillis + 45_000;
    }

    private void refund(String no, String refundNo, long refund, long total) {
        Command c = next(CommandType.CREATE_REFUND);
        c.mchid = MCHID;
        c.outTradeNo = no;
        c.outRefundNo = refundNo;
        c.amountFen = refund;
        c.totalFen = total;
        c.reason = "golden";
    }

    private void tick(long advanceMillis) {
        h.clock += advanceMillis;
        next(CommandType.TICK);
    }

    static byte[] encode(List<Command> history) {
        CommandCodec codec = new CommandCodec();
        byte[] buf = new byte[CommandCodec.RECORD_BYTES_MAX];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Command c : history) {
            out.write(buf, 0, codec.encode(c, buf));
        }
        return out.toByteArray();
    }

    /** Splits a concatenation of records (each starts with its length). */
    static List<byte[]> split(byte[] all) {
        List<byte[]> out = new ArrayList<>();
        int p = 0;
        while (p < all.length) {
            int len = (all[p] & 0xFF) | (all[p + 1] & 0xFF) << 8 | (all[p + 2] & 0xFF) << 16 | (all[p + 3] & 0xFF) << 24;
            out.add(Arrays.copyOfRange(all, p, p + len));
            p += len;
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "gateway-core/src/test/resources/golden/journal-v1.records");
        Files.write(file, encode(history()));
        System.out.println("wrote " + file);
    }
}
