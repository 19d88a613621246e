package io.paygate.gateway.acceptor;

import io.paygate.gateway.Pipeline;
import io.paygate.gateway.config.GatewayConfig;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.paygate.gateway.respond.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API pipeline below the API handler (idle → HTTP codec → guard → aggregator), built as
 * {@code Pipeline.apiChannel} builds it with the reference.conf limits. What reaches the end of the
 * pipeline is read back from the EmbeddedChannel's inbound queue.
 */
class HttpGuardPipelineTest {

    static final int REQUEST_LINE_MAX = 4096;
    static final int HEADER_MAX = 8192;
    static final int BODY_MAX = 65536;
    static final long DEADLINE_MS = 10_000;
    static final long IDLE_MS = 60_000;
    static final String START = "POST /v3/pay/transactions/native HTTP/1.1\r\nHost: api.mch.weixin.qq.com\r\n";

    EmbeddedChannel ch;

    static EmbeddedChannel pipeline() {
        EmbeddedChannel c = new EmbeddedChannel();
        c.freezeTime();
        Pipeline.httpHandlers(c.pipeline(), new GatewayConfig.Http(BODY_MAX, HEADER_MAX, REQUEST_LINE_MAX,
                Duration.ofMillis(DEADLINE_MS), Duration.ofMillis(IDLE_MS)));
        return c;
    }

    @AfterEach
    void tearDown() {
        if (ch != null) {
            try {
                ch.finishAndReleaseAll();
            } catch (PrematureChannelClosureException expected) {
                // the aggregator reports a request that was still incomplete when the test closed the channel
            }
        }
    }

    void send(String raw) {
        ch.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
    }

    /** Everything that reached the end of the pipeline so far. */
    List<Object> received() {
        List<Object> out = new ArrayList<>();
        Object m;
        while ((m = ch.readInbound()) != null) {
            out.add(m);
        }
        return out;
    }

    /** Everything written towards the client, as text. */
    String written() {
        StringBuilder sb = new StringBuilder();
        Object m;
        while ((m = ch.readOutbound()) != null) {
            if (m instanceof ByteBuf b) {
                sb.append(b.toString(StandardCharsets.ISO_8859_1));
            } else {
                sb.append(m);
            }
            ReferenceCountUtil.release(m);
        }
        return sb.toString();
    }

    /** Exactly one message came up, and it is a Rejection; returns its error. */
    ApiError onlyRejection() {
        List<Object> got = received();
        try {
            assertThat(got).hasSize(1);
            assertThat(got.get(0)).isInstanceOf(Rejection.class);
            return ((Rejection) got.get(0)).error();
        } finally {
            got.forEach(ReferenceCountUtil::release);
        }
    }

    FullHttpRequest onlyRequest() {
        List<Object> got = received();
        assertThat(got).hasSize(1);
        assertThat(got.get(0)).isInstanceOf(FullHttpRequest.class);
        return (FullHttpRequest) got.get(0);
    }

    static String post(String body) {
        return START + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    // ---------------------------------------------------------------- the good case

    @Test
    void wellFormedRequestIsAggregatedAndPassedUp() {
        ch = pipeline();
        send(post("{\"a\":1}"));
        FullHttpRequest req = onlyRequest();
        try {
            assertThat(req.method()).isEqualTo(HttpMethod.POST);
            assertThat(req.uri()).isEqualTo("/v3/pay/transactions/native");
            assertThat(req.content().toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        } finally {
            req.release();
        }
        assertThat(ch.config().isAutoRead()).isTrue();
    }

    @Test
    void chunkedRequestIsAggregated() {
        ch = pipeline();
        send(START + "Transfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n4\r\n\":1}\r\n0\r\n\r\n");
        FullHttpRequest req = onlyRequest();
        try {
            assertThat(req.content().toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        } finally {
            req.release();
        }
    }

    @Test
    void pipelinedRequestsAllPassUp() {
        ch = pipeline();
        send(post("{}") + post("[]"));
        List<Object> got = received();
        assertThat(got).hasSize(2).allMatch(m -> m instanceof FullHttpRequest);
        got.forEach(ReferenceCountUtil::release);
    }

    // ---------------------------------------------------------------- decoder failures and framing

    static Stream<Arguments> refusedInputs() {
        return Stream.of(
                Arguments.of("request line over 4 KiB", "GET /" + "a".repeat(REQUEST_LINE_MAX) + " HTTP/1.1\r\n\r\n", 400),
                Arguments.of("headers over 8 KiB", START + "X-Pad: " + "a".repeat(HEADER_MAX) + "\r\n\r\n", 431),
                Arguments.of("many headers over 8 KiB", START + "X-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"
                        .repeat(HEADER_MAX / 40 + 1) + "\r\n", 431),
                Arguments.of("not HTTP", "HELLO\r\n\r\n", 400),
                Arguments.of("no version", "GET /\r\n\r\n", 400),
                Arguments.of("bare LF line endings", "POST / HTTP/1.1\nHost: a\nContent-Length: 2\n\n{}", 400),
                Arguments.of("bare LF after one header", START + "X-A: a\nContent-Length: 2\r\n\r\n{}", 400),
                Arguments.of("Content-Length and Transfer-Encoding",
                        START + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 400),
                Arguments.of("Transfer-Encoding gzip", START + "Transfer-Encoding: gzip\r\n\r\n{}", 400),
                Arguments.of("Transfer-Encoding gzip, chunked",
                        START + "Transfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 400),
                Arguments.of("Transfer-Encoding chunked twice",
                        START + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 400),
                Arguments.of("repeated equal Content-Length", START + "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}", 400),
                Arguments.of("repeated different Content-Length",
                        START + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400),
                Arguments.of("Content-Length list", START + "Content-Length: 2, 2\r\n\r\n{}", 400),
                Arguments.of("negative Content-Length", START + "Content-Length: -1\r\n\r\n{}", 400),
                Arguments.of("CR inside a header value", START + "X-A: a\rb\r\nContent-Length: 2\r\n\r\n{}", 400),
                Arguments.of("NUL inside a header value", START + "X-A: a\u0000b\r\nContent-Length: 2\r\n\r\n{}", 400),
                Arguments.of("space before the colon", START + "X-A : b\r\nContent-Length: 2\r\n\r\n{}", 400),
                Arguments.of("bad chunk size", START + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("refusedInputs")
    void refusedInputBecomesARejection(String label, String raw, int status) {
        ch = pipeline();
        send(raw);
        ApiError e = onlyRejection();
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.code()).isEqualTo("INVALID_REQUEST");
        assertThat(e.message()).isNotEmpty();
        assertThat(ch.config().isAutoRead()).as("reading stops after a refusal").isFalse();
        assertThat(written()).as("the guard itself writes nothing").isEmpty();
    }

    @Test
    void requestLineOverTheLimitIsCalledARequestLineProblem() {
        ch = pipeline();
        send("GET /" + "a".repeat(REQUEST_LINE_MAX) + " HTTP/1.1\r\n\r\n");
        assertThat(onlyRejection().message()).contains("request line");
    }

    @Test
    void headersOverTheLimitAreCalledAHeaderProblem() {
        ch = pipeline();
        send(START + "X-Pad: " + "a".repeat(HEADER_MAX) + "\r\n\r\n");
        assertThat(onlyRejection().message()).contains("request headers");
    }

    @Test
    void headersJustUnderTheLimitPass() {
        ch = pipeline();
        String start = START + "Content-Length: 2\r\n";
        // Netty counts header bytes without line terminators; stay comfortably below the limit
        send(start + "X-Pad: " + "a".repeat(HEADER_MAX - 200) + "\r\n\r\n{}");
        ReferenceCountUtil.release(onlyRequest());
    }

    @Test
    void obsFoldIsRefused() {
        ch = pipeline();
        send(START + "X-A: one\r\n two\r\nContent-Length: 2\r\n\r\n{}");
        ApiError e = onlyRejection();
        assertThat(e.status()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- the guard's own header checks

    /**
     * The codec already refuses most ambiguous framing itself; these feed decoded requests straight to
     * the guard so its own checks (the second line of defence) are exercised with its own messages.
     */
    EmbeddedChannel guardOnly() {
        EmbeddedChannel c = new EmbeddedChannel();
        c.freezeTime();
        c.pipeline().addLast("guard", new HttpGuard());
        c.pipeline().addLast("aggregate", new BoundedAggregator(BODY_MAX));
        return c;
    }

    static DefaultHttpRequest unvalidated(String... nameValues) {
        HttpHeaders h = DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
        for (int i = 0; i < nameValues.length; i += 2) {
            h.add(nameValues[i], nameValues[i + 1]);
        }
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v3/pay/transactions/native", h);
    }

    static Stream<Arguments> guardChecks() {
        return Stream.of(
                Arguments.of(new String[] {"Content-Length", "2", "Transfer-Encoding", "chunked"}, "ambiguous framing"),
                Arguments.of(new String[] {"Transfer-Encoding", "gzip"}, "only a single chunked coding"),
                Arguments.of(new String[] {"Transfer-Encoding", "gzip, chunked"}, "only a single chunked coding"),
                Arguments.of(new String[] {"Transfer-Encoding", "chunked", "Transfer-Encoding", "chunked"},
                        "only a single chunked coding"),
                Arguments.of(new String[] {"Content-Length", "2", "Content-Length", "2"}, "repeated Content-Length"),
                Arguments.of(new String[] {"X-A", "one\r\n two", "Content-Length", "2"}, "line break in a header value"),
                Arguments.of(new String[] {"X-A", "one\n two", "Content-Length", "2"}, "line break in a header value"),
                Arguments.of(new String[] {"X-A", "one\rtwo", "Content-Length", "2"}, "line break in a header value"),
                Arguments.of(new String[] {"X-A", "one\u0000two", "Content-Length", "2"}, "line break in a header value"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("guardChecks")
    void guardRefusesAmbiguousHeaders(String[] headers, String why) {
        ch = guardOnly();
        ch.writeInbound(unvalidated(headers));
        ApiError e = onlyRejection();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("INVALID_REQUEST");
        assertThat(e.message()).contains(why);
        assertThat(ch.config().isAutoRead()).isFalse();
    }

    @Test
    void guardPassesASingleChunkedCodingInAnyCase() {
        ch = guardOnly();
        ch.writeInbound(unvalidated("Transfer-Encoding", " Chunked "));
        ch.writeInbound(new DefaultLastHttpContent(Unpooled.copiedBuffer("{}", StandardCharsets.US_ASCII)));
        ReferenceCountUtil.release(onlyRequest());
    }

    // ---------------------------------------------------------------- after a refusal

    @Test
    void nothingIsPassedUpAfterARefusal() {
        ch = pipeline();
        send(START + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}" + post("{}"));
        assertThat(onlyRejection().status()).isEqualTo(400);
        send(post("{}"));
        send(post("{}"));
        assertThat(received()).isEmpty();
        assertThat(ch.config().isAutoRead()).isFalse();
    }

    @Test
    void goodRequestBeforeABadOneStillPassesUp() {
        ch = pipeline();
        send(post("{}") + "HELLO\r\n\r\n");
        List<Object> got = received();
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).isInstanceOf(FullHttpRequest.class);
        assertThat(got.get(1)).isInstanceOf(Rejection.class);
        got.forEach(ReferenceCountUtil::release);
    }

    // ---------------------------------------------------------------- body limit and 100-continue

    @Test
    void bodyAtTheLimitIsAccepted() {
        ch = pipeline();
        send(post("x".repeat(BODY_MAX)));
        FullHttpRequest req = onlyRequest();
        assertThat(req.content().readableBytes()).isEqualTo(BODY_MAX);
        req.release();
    }

    @Test
    void contentLengthOverTheLimitIsRefusedWith413BeforeTheBody() {
        ch = pipeline();
        send(START + "Content-Length: " + (BODY_MAX + 1) + "\r\n\r\n");
        ApiError e = onlyRejection();
        assertThat(e.status()).isEqualTo(413);
        assertThat(e.code()).isEqualTo("INVALID_REQUEST");
        assertThat(e.message()).contains(Integer.toString(BODY_MAX));
        assertThat(ch.config().isAutoRead()).isFalse();
        assertThat(written()).as("no plain-text 413 from Netty").isEmpty();
        send("x".repeat(1000));
        assertThat(received()).isEmpty();
    }

    @Test
    void chunkedBodyGrowingOverTheLimitIsRefusedWith413() {
        ch = pipeline();
        send(START + "Transfer-Encoding: chunked\r\n\r\n");
        String chunk = Integer.toHexString(8192) + "\r\n" + "x".repeat(8192) + "\r\n";
        send(chunk.repeat(BODY_MAX / 8192));
        assertThat(received()).isEmpty();
        send(chunk);
        ApiError e = onlyRejection();
        assertThat(e.status()).isEqualTo(413);
        assertThat(ch.config().isAutoRead()).isFalse();
    }

    @Test
    void expectContinueWithOversizeContentLengthIsRefusedWith413AndNoContinue() {
        ch = pipeline();
        send(START + "Expect: 100-continue\r\nContent-Length: " + (BODY_MAX + 1) + "\r\n\r\n");
        ApiError e = onlyRejection();
        assertThat(e.status()).isEqualTo(413);
        assertThat(written()).as("neither 100 Continue nor Netty's own 413").isEmpty();
        assertThat(ch.config().isAutoRead()).isFalse();
    }

    @Test
    void expectContinueWithSmallContentLengthGets100Continue() {
        ch = pipeline();
        send(START + "Expect: 100-continue\r\nContent-Length: 2\r\n\r\n");
        assertThat(written()).startsWith("HTTP/1.1 100 Continue\r\n");
        assertThat(received()).isEmpty();
        send("{}");
        FullHttpRequest req = onlyRequest();
        assertThat(req.content().toString(StandardCharsets.UTF_8)).isEqualTo("{}");
        req.release();
    }

    @Test
    void unknownExpectationIsRefusedWith417() {
        ch = pipeline();
        send(START + "Expect: teapot\r\nContent-Length: 2\r\n\r\n{}");
        assertThat(written()).as("no bare Netty 417").isEmpty();
        ApiError e = onlyRejection();
        assertThat(e.status()).isEqualTo(417);
        assertThat(e.code()).isEqualTo("INVALID_REQUEST");
    }

    // ---------------------------------------------------------------- deadline and idle

    @Test
    void requestThatNeverCompletesGets408AtTheDeadline() {
        ch = pipeline();
        send(START + "Content-Length: 10\r\n\r\n{\"a\"");
        ch.advanceTimeBy(DEADLINE_MS - 1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(received()).as("not yet").isEmpty();

        ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        ApiError e = onlyRejection();
        assertThat(e.status()).isEqualTo(408);
        assertThat(e.code()).isEqualTo("INVALID_REQUEST");
        assertThat(ch.config().isAutoRead()).isFalse();

        send(":1}      ");
        assertThat(received()).as("the late rest of the body is ignored").isEmpty();
    }

    @Test
    void completedRequestCancelsItsDeadline() {
        ch = pipeline();
        send(START + "Content-Length: 2\r\n\r\n{");
        ch.advanceTimeBy(DEADLINE_MS / 2, TimeUnit.MILLISECONDS);
        send("}");
        ReferenceCountUtil.release(onlyRequest());
        ch.advanceTimeBy(DEADLINE_MS * 2, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(received()).isEmpty();
        assertThat(ch.config().isAutoRead()).isTrue();
    }

    @Test
    void eachRequestGetsItsOwnDeadline() {
        ch = pipeline();
        send(post("{}"));
        ReferenceCountUtil.release(onlyRequest());
        ch.advanceTimeBy(DEADLINE_MS - 1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        send(START + "Content-Length: 2\r\n\r\n{");
        ch.advanceTimeBy(DEADLINE_MS - 1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(received()).as("the second request's deadline started when it arrived").isEmpty();
        ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(onlyRejection().status()).isEqualTo(408);
    }

    @Test
    void requestWhoseHeadersNeverCompleteGets408AtTheDeadline() {
        ch = pipeline();
        send("POST /v3/pay/transactions/native HTTP/1.1\r\nHost: a\r\n");
        for (int i = 0; i < 3; i++) {
            ch.advanceTimeBy(DEADLINE_MS / 2, TimeUnit.MILLISECONDS);
            send("X-Slow-" + i + ": x\r\n"); // keeps the connection from going idle
            ch.runScheduledPendingTasks();
        }
        assertThat(onlyRejection().status()).isEqualTo(408);
    }

    @Test
    void idleStateEventClosesTheChannel() {
        ch = pipeline();
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void idleConnectionIsClosedByTheIdleTimeout() {
        ch = pipeline();
        ch.advanceTimeBy(IDLE_MS - 1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        ch.advanceTimeBy(2, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void otherUserEventsPassThrough() {
        ch = pipeline();
        Object custom = new Object();
        List<Object> seen = new ArrayList<>();
        ch.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(io.netty.channel.ChannelHandlerContext ctx, Object evt) {
                seen.add(evt);
            }
        });
        ch.pipeline().fireUserEventTriggered(custom);
        assertThat(seen).containsExactly(custom);
        assertThat(ch.isOpen()).isTrue();
    }
}
