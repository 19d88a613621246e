package io.paygate.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandCodec;
import io.paygate.codec.command.CommandType;
import io.paygate.gateway.matcher.MatchResult;
import io.paygate.gateway.matcher.Matcher;
import io.paygate.gateway.matcher.ResultCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compatibility: the golden journal written by record format version 1 (committed, never edited)
 * must be readable by this version forever, through the codec and through a Chronicle journal, and
 * must rebuild the same state. If the canonical state encoding changes (a new state format version),
 * add a new expected hash; do not edit the fixture.
 */
class GoldenJournalCompatibilityTest {

    /** State hash of the golden history under state format version 1 (before service providers). */
    static final String STATE_HASH_V1 = "fd421ab1feed15274c2462c3770562358617267240165252cc8880809ffa43cb";
    /**
     * The same history under state format version 2, which adds service providers, sub-merchants,
     * commissions, notify defaults and added merchant keys to the canonical encoding (none of them in
     * this history).
     */
    static final String STATE_HASH_V2 = "510cedad625b09673f048ea964e0f9cb615fe171401957fa408a44e4465b1038";

    /** The journaled command types when the fixture was written end at SET_PAYER_STATUS (12). */
    static final int LAST_TYPE_CODE_V1 = 12;

    @TempDir
    Path dir;

    static List<byte[]> records() throws IOException {
        try (InputStream in = GoldenJournalCompatibilityTest.class.getResourceAsStream("/golden/journal-v1.records")) {
            assertThat(in).as("golden fixture on the classpath").isNotNull();
            return GoldenJournal.split(in.readAllBytes());
        }
    }

    @Test
    void everyGoldenRecordDecodesAndReencodesToTheSameBytes() throws IOException {
        CommandCodec codec = new CommandCodec();
        byte[] buf = new byte[CommandCodec.RECORD_BYTES_MAX];
        Set<CommandType> types = EnumSet.noneOf(CommandType.class);
        long expected = 1;
        for (byte[] record : records()) {
            Command c = new Command();
            codec.decode(record, 0, record.length, c);
            assertThat(c.sequence).isEqualTo(expected++);
            types.add(c.type);
            int n = codec.encode(c, buf);
            assertThat(Arrays.copyOf(buf, n)).as("record %d re-encodes identically", c.sequence).isEqualTo(record);
        }
        Set<CommandType> journaled = EnumSet.noneOf(CommandType.class);
        for (CommandType t : CommandType.values()) {
            if (!t.isQuery() && t.code() <= LAST_TYPE_CODE_V1) {
                journaled.add(t);
            }
        }
        assertThat(types).as("the fixture covers every journaled command type of version 1").isEqualTo(journaled);
    }

    @Test
    void goldenHistoryRebuildsTheSameStateThroughTheCodecAndThroughChronicle() throws IOException {
        Matcher direct = new Matcher();
        MatchResult out = new MatchResult();
        List<ResultCode> codes = new ArrayList<>();
        CommandCodec codec = new CommandCodec();
        for (byte[] record : records()) {
            Command c = new Command();
            codec.decode(record, 0, record.length, c);
            direct.apply(c, out);
            codes.add(out.code);
        }
        direct.checkInvariants();
        assertThat(direct.merchantCount()).isEqualTo(1);
        assertThat(direct.payerCount()).isEqualTo(2);
        assertThat(direct.orderCount()).isEqualTo(7);
        assertThat(direct.refundCount()).isEqualTo(3);
        assertThat(direct.balanceSum()).isZero();
        assertThat(codes).as("closing the paid App order is refused").contains(ResultCode.ORDER_PAID)
                .doesNotContain(ResultCode.HALTED);

        try (ChronicleJournal journal = new ChronicleJournal(dir.resolve("commands"))) {
            for (byte[] record : records()) {
                Command c = new Command();
                codec.decode(record, 0, record.length, c);
                journal.append(c);
            }
        }
        Matcher replayed = new Matcher();
        try (ChronicleJournal journal = new ChronicleJournal(dir.resolve("commands"))) {
            journal.replay(c -> replayed.apply(c, new MatchResult()));
        }
        assertThat(replayed.stateHash()).isEqualTo(direct.stateHash());
        System.out.println("golden state hash (state format v2): " + direct.stateHash());
        assertThat(direct.stateHash()).isEqualTo(STATE_HASH_V2);
    }

    // ---------------------------------------------------------------- the partner fixture

    static List<byte[]> partnerRecords() throws IOException {
        try (InputStream in = GoldenJournalCompatibilityTest.class.getResourceAsStream(
                "/golden/journal-v1-partner.records")) {
            assertThat(in).as("partner golden fixture on the classpath").isNotNull();
            return GoldenJournal.split(in.readAllBytes());
        }
    }

    /** State hash of the partner fixture's history under state format version 2. */
    static final String PARTNER_STATE_HASH_V2 = "092a7669ba4c3da84e1e852fcf91119c1c3c8d61f6e5e4d158875248511cb2f8";

    @Test
    void partnerFixtureDecodesReencodesAndRebuildsItsState() throws IOException {
        CommandCodec codec = new CommandCodec();
        byte[] buf = new byte[CommandCodec.RECORD_BYTES_MAX];
        Matcher direct = new Matcher();
        MatchResult out = new MatchResult();
        List<ResultCode> codes = new ArrayList<>();
        Set<CommandType> types = EnumSet.noneOf(CommandType.class);
        boolean sawPartnerFields = false;
        for (byte[] record : partnerRecords()) {
            Command c = new Command();
            codec.decode(record, 0, record.length, c);
            types.add(c.type);
            sawPartnerFields |= c.spMchid != null && c.subAppid != null && c.hasFlag(Command.FLAG_SUB_OPENID);
            int n = codec.encode(c, buf);
            assertThat(Arrays.copyOf(buf, n)).as("record %d re-encodes identically", c.sequence).isEqualTo(record);
            direct.apply(c, out);
            codes.add(out.code);
        }
        assertThat(types).contains(CommandType.ADD_MERCHANT_KEY, CommandType.PROVISION_MERCHANT,
                CommandType.CREATE_REFUND);
        assertThat(sawPartnerFields).isTrue();
        assertThat(codes).as("every command of the partner history succeeds").containsOnly(ResultCode.OK);
        direct.checkInvariants();
        assertThat(direct.merchantCount()).isEqualTo(2);
        assertThat(direct.refundCount()).isEqualTo(1);

        try (ChronicleJournal journal = new ChronicleJournal(dir.resolve("partner"))) {
            for (byte[] record : partnerRecords()) {
                Command c = new Command();
                codec.decode(record, 0, record.length, c);
                journal.append(c);
            }
        }
        Matcher replayed = new Matcher();
        try (ChronicleJournal journal = new ChronicleJournal(dir.resolve("partner"))) {
            journal.replay(c -> replayed.apply(c, new MatchResult()));
        }
        assertThat(replayed.stateHash()).isEqualTo(direct.stateHash());
        System.out.println("partner golden state hash (state format v2): " + direct.stateHash());
        assertThat(direct.stateHash()).isEqualTo(PARTNER_STATE_HASH_V2);
    }
}
