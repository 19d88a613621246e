package io.paygate.bench.jmh;

import io.paygate.bench.ChronicleFork;
import io.paygate.codec.Json;
import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandCodec;
import io.paygate.codec.command.TradeType;
import io.paygate.codec.v3.PrepayResponses;
import io.paygate.gateway.decode.OrderDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wire and journal formats on one thread: the Native prepay body as the acceptor decodes and
 * validates it (Jackson plus the field rules), the code_url answer as the respond stage encodes it,
 * and the journal record of a create-order command both ways (CRC32C included). Run with
 * {@code -prof gc}: decoding a journal record should cost only the strings it must create.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CodecBenchmark extends ChronicleFork {

    static final String PREPAY_BODY = "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1900000001\","
            + "\"description\":\"Image形象店-深圳腾大-QQ公仔\",\"out_trade_no\":\"1217752501201407033233368018\","
            + "\"time_expire\":\"2099-06-08T10:34:56+08:00\",\"attach\":\"自定义数据说明\","
            + "\"notify_url\":\"https://www.weixin.qq.com/wxpay/pay.php\",\"goods_tag\":\"WXG\","
            + "\"support_fapiao\":false,\"amount\":{\"total\":100,\"currency\":\"CNY\"}}";

    private final OrderDecoder decoder = new OrderDecoder(true);
    private final byte[] body = PREPAY_BODY.getBytes(StandardCharsets.UTF_8);
    private final Command decoded = new Command();
    private final CommandCodec codec = new CommandCodec();
    private final Command command = new Command();
    private final Command readBack = new Command();
    private final byte[] record = new byte[CommandCodec.RECORD_BYTES_MAX];
    private int recordLength;
    private final long nowMillis = System.currentTimeMillis();
    private final PrepayResponses.CodeUrl answer = new PrepayResponses.CodeUrl("weixin://wxpay/bizpayurl?pr=p4lpSuKzz");

    @Setup
    public void setUp() {
        decoder.prepay(TradeType.NATIVE, body, 0, body.length, "1900000001", nowMillis, command);
        command.sequence = 42;
        command.acceptedAtMillis = nowMillis;
        command.token = "p4lpSuKzzQv3XbEk";
        command.deadlineMillis = nowMillis + 7_200_000L;
        recordLength = codec.encode(command, record);
    }

    @Benchmark
    public Command prepayDecode() {
        decoded.reset();
        decoder.prepay(TradeType.NATIVE, body, 0, body.length, "1900000001", nowMillis, decoded);
        return decoded;
    }

    @Benchmark
    public byte[] codeUrlEncode() {
        return Json.write(answer);
    }

    @Benchmark
    public int journalEncode() {
        return codec.encode(command, record);
    }

    @Benchmark
    public Command journalDecode() {
        codec.decode(record, 0, recordLength, readBack);
        return readBack;
    }
}
