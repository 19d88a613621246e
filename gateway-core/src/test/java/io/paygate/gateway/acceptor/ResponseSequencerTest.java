package io.paygate.gateway.acceptor;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResponseSequencerTest {

    final ResponseSequencer sequencer = new ResponseSequencer();
    EmbeddedChannel ch;

    @BeforeEach
    void setUp() {
        ch = new EmbeddedChannel(new ChannelHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                sequencer.attach(ctx);
            }
        });
    }

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
    }

    static FullHttpResponse response(int n) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer("response-" + n, StandardCharsets.UTF_8));
        r.headers().set("X-N", n);
        return r;
    }

    /** The numbers of the responses written so far, in write order (each released once read). */
    List<Integer> written() {
        List<Integer> out = new ArrayList<>();
        Object m;
        while ((m = ch.readOutbound()) != null) {
            out.add(((FullHttpResponse) m).headers().getInt("X-N"));
            ReferenceCountUtil.release(m);
        }
        return out;
    }

    List<ResponseSequencer.Slot> open(int n) {
        List<ResponseSequencer.Slot> slots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            slots.add(sequencer.open());
        }
        return slots;
    }

    @Test
    void responseAtTheHeadIsWrittenAtOnce() {
        ResponseSequencer.Slot s = sequencer.open();
        sequencer.complete(s, response(1), false);
        assertThat(written()).containsExactly(1);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void responsesCompletedOutOfOrderAreWrittenInRequestOrder() {
        List<ResponseSequencer.Slot> s = open(4);
        sequencer.complete(s.get(2), response(3), false);
        sequencer.complete(s.get(1), response(2), false);
        assertThat(written()).as("the head is still missing").isEmpty();
        sequencer.complete(s.get(0), response(1), false);
        assertThat(written()).containsExactly(1, 2, 3);
        sequencer.complete(s.get(3), response(4), false);
        assertThat(written()).containsExactly(4);
    }

    @Test
    void closeResponseClosesTheChannelAfterItIsFlushed() {
        List<ResponseSequencer.Slot> s = open(2);
        sequencer.complete(s.get(0), response(1), false);
        sequencer.complete(s.get(1), response(2), true);
        assertThat(written()).containsExactly(1, 2);
        assertThat(ch.isOpen()).isFalse();
        assertThat(sequencer.closing()).isTrue();
    }

    @Test
    void closeResponseReleasesTheResponsesQueuedBehindIt() {
        List<ResponseSequencer.Slot> s = open(3);
        FullHttpResponse r2 = response(2);
        FullHttpResponse r3 = response(3);
        sequencer.complete(s.get(1), r2, false);
        sequencer.complete(s.get(2), r3, false);
        sequencer.complete(s.get(0), response(1), true);
        assertThat(written()).containsExactly(1);
        assertThat(ch.isOpen()).isFalse();
        assertThat(r2.refCnt()).isZero();
        assertThat(r3.refCnt()).isZero();
    }

    @Test
    void responseCompletedAfterTheCloseIsReleasedNotWritten() {
        List<ResponseSequencer.Slot> s = open(2);
        sequencer.complete(s.get(0), response(1), true);
        FullHttpResponse late = response(2);
        sequencer.complete(s.get(1), late, false);
        assertThat(written()).containsExactly(1);
        assertThat(late.refCnt()).isZero();
    }

    @Test
    void responseForAnInactiveChannelIsReleased() {
        ResponseSequencer.Slot s = sequencer.open();
        ch.close();
        FullHttpResponse r = response(1);
        sequencer.complete(s, r, false);
        assertThat(r.refCnt()).isZero();
        assertThat(written()).isEmpty();
    }

    @Test
    void readingPausesAtThePipelineDepthAndResumesWhenDrained() {
        List<ResponseSequencer.Slot> s = open(ResponseSequencer.PIPELINE_DEPTH_PAUSE - 1);
        assertThat(ch.config().isAutoRead()).isTrue();
        s.add(sequencer.open());
        assertThat(ch.config().isAutoRead()).isFalse();

        // answers behind the head do not drain the line
        sequencer.complete(s.get(1), response(2), false);
        assertThat(ch.config().isAutoRead()).isFalse();

        sequencer.complete(s.get(0), response(1), false);
        assertThat(written()).containsExactly(1, 2);
        assertThat(ch.config().isAutoRead()).isTrue();
    }

    @Test
    void clientIgnoringBackPressureIsDisconnectedAtTheMaximumDepth() {
        open(ResponseSequencer.PIPELINE_DEPTH_MAX - 1);
        assertThat(ch.isOpen()).isTrue();
        assertThat(sequencer.closing()).isFalse();
        sequencer.open();
        assertThat(sequencer.closing()).isTrue();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void releaseRestReleasesEveryWaitingResponse() {
        List<ResponseSequencer.Slot> s = open(3);
        FullHttpResponse r2 = response(2);
        FullHttpResponse r3 = response(3);
        sequencer.complete(s.get(1), r2, false);
        sequencer.complete(s.get(2), r3, false);
        assertThat(r2.refCnt()).isEqualTo(1);
        sequencer.releaseRest();
        assertThat(r2.refCnt()).isZero();
        assertThat(r3.refCnt()).isZero();
        assertThat(written()).isEmpty();
    }

    @Test
    void releaseRestOnAnEmptyLineDoesNothing() {
        sequencer.releaseRest();
        ResponseSequencer.Slot s = sequencer.open();
        sequencer.complete(s, response(1), false);
        assertThat(written()).containsExactly(1);
    }

    @Test
    void drainingDoesNotResumeReadingThatARefusalStopped() {
        List<ResponseSequencer.Slot> s = open(2);
        // a later request was refused below the API handler: reading stops, its error waits in line
        ch.config().setAutoRead(false);
        ResponseSequencer.Slot refused = sequencer.open();
        sequencer.complete(refused, response(3), true);

        sequencer.complete(s.get(0), response(1), false);
        assertThat(written()).containsExactly(1);
        assertThat(ch.config().isAutoRead()).isFalse();
    }
}
