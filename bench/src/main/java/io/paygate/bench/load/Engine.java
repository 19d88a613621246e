package io.paygate.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The open-loop client: keep-alive connections on ONE event loop thread (so no locks, and the client
 * takes as little of the machine as it can). Jobs start at their intended times {@code start + i/rate}
 * whatever happened to earlier ones; a job that finds no free connection waits in a queue and its
 * latency still counts from the intended time (coordinated omission corrected). Answers are recorded
 * into an HdrHistogram in microseconds.
 *
 * <p>The loop sleeps until the next job's intended time (one timer per due time, not a fixed tick), on
 * Netty's native epoll transport where there is one: its timers wake to the microsecond. NIO's
 * selector waits in whole milliseconds, so a sub-millisecond timer makes Netty poll without sleeping:
 * with NIO and a 250 µs tick this client once spun a whole core of the 2 it shares with the gateway.
 */
final class Engine implements AutoCloseable {

    static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(120);

    /** Native epoll (Linux), else NIO (whose sub-millisecond waits poll: see the class comment). */
    static final boolean EPOLL = Epoll.isAvailable();

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    private final EventLoop loop = group.next();
    private final List<Conn> conns = new ArrayList<>();
    private final ArrayDeque<Conn> idle = new ArrayDeque<>();

    // one run's state, touched only on the event loop
    private List<Job> jobs;
    private long[] intended;
    private int warmupJobs;
    private int nextJob;
    private final ArrayDeque<Integer> pending = new ArrayDeque<>();
    private int completed;
    private Histogram histogram;
    private Histogram okHistogram;
    private TreeMap<Integer, Integer> statuses;
    private long lastCompletionNanos;
    private CompletableFuture<Run> done;
    /** The timer that dispatches the next due job, or null. */
    private ScheduledFuture<?> ticker;
    private int sampleEvery;
    private int sampleMax;
    private int okMeasured;
    private List<Signed> samples;

    private final Bootstrap bootstrap;
    private final String host;
    private final int port;
    private volatile boolean closing;

    Engine(String host, int port, int connections) throws InterruptedException {
        this.host = host;
        this.port = port;
        Bootstrap b = new Bootstrap().group(loop).channel(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Conn c = new Conn();
                        ch.pipeline().addLast(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20), c);
                    }
                });
        this.bootstrap = b;
        for (int i = 0; i < connections; i++) {
            Channel ch = b.connect(host, port).sync().channel();
            Conn c = ch.pipeline().get(Conn.class);
            c.channel = ch;
            conns.add(c);
        }
        loop.submit(() -> idle.addAll(conns)).sync();
    }

    /**
     * A signed 2xx answer kept for checking after the run: its {@code Wechatpay-*} headers and body
     * (a job's last answer, so for {@code flow} the merchant's query).
     */
    record Signed(String timestamp, String nonce, String signature, String serial, byte[] body) {
    }

    /** What one run measured (warm-up jobs excluded). */
    /**
     * @param latencyMicros every measured answer's latency from its intended send time
     * @param okLatencyMicros the 2xx answers' alone (under overload the shed 503s are quick; the
     *                        accepted ones must keep their latency)
     */
    record Run(Histogram latencyMicros, Histogram okLatencyMicros, TreeMap<Integer, Integer> statuses, int measured,
               long firstIntendedNanos, long lastCompletionNanos, long startNanos, List<Signed> samples) {
        double achievedPerSecond() {
            double seconds = (lastCompletionNanos - firstIntendedNanos) / 1e9;
            return seconds <= 0 ? 0 : measured / seconds;
        }

        double okRatio() {
            int ok = 0;
            for (var e : statuses.entrySet()) {
                if (e.getKey() >= 200 && e.getKey() < 300) {
                    ok += e.getValue();
                }
            }
            return measured == 0 ? 0 : (double) ok / measured;
        }
    }

    /**
     * Runs {@code jobs} at {@code ratePerSecond} (0: all at once, closed loop over the connections); the
     * first {@code warmupJobs} are not recorded. Waits for every job, at most {@code timeoutSeconds}
     * after the last intended start.
     */
    Run run(List<Job> jobList, double ratePerSecond, int warmup, long timeoutSeconds) throws Exception {
        return run(jobList, ratePerSecond, warmup, timeoutSeconds, 0, 0);
    }

    /**
     * As {@link #run(List, double, int, long)}, also keeping every {@code sampleEvery}-th measured 2xx
     * answer (at most {@code sampleMax}) with its signature headers, to be verified after the run
     * (copying a few headers is all the event loop does; 0 keeps none).
     */
    Run run(List<Job> jobList, double ratePerSecond, int warmup, long timeoutSeconds, int every, int max)
            throws Exception {
        CompletableFuture<Run> f = new CompletableFuture<>();
        long[] times = new long[jobList.size()];
        loop.execute(() -> {
            sampleEvery = every;
            sampleMax = max;
            okMeasured = 0;
            samples = new ArrayList<>();
            start(jobList, times, ratePerSecond, warmup, f);
        });
        long planned = ratePerSecond > 0 ? (long) (jobList.size() / ratePerSecond) : 0;
        try {
            return f.get(planned + timeoutSeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            CompletableFuture<Run> partial = new CompletableFuture<>();
            loop.execute(() -> partial.complete(finish(true)));
            return partial.get(5, TimeUnit.SECONDS);
        }
    }

    private void start(List<Job> jobList, long[] times, double rate, int warmup, CompletableFuture<Run> f) {
        jobs = jobList;
        intended = times;
        warmupJobs = warmup;
        nextJob = 0;
        completed = 0;
        pending.clear();
        histogram = new Histogram(1, HIGHEST_MICROS, 3);
        okHistogram = new Histogram(1, HIGHEST_MICROS, 3);
        statuses = new TreeMap<>();
        done = f;
        long start = System.nanoTime() + 1_000_000;
        double period = rate > 0 ? 1e9 / rate : 0;
        for (int i = 0; i < times.length; i++) {
            times[i] = start + (long) (i * period);
        }
        ticker = loop.schedule(this::dispatchDue, start - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    /**
     * Starts every job whose intended time has come (on a free connection, or queued), then sleeps
     * until the next one's.
     */
    private void dispatchDue() {
        ticker = null;
        long now = System.nanoTime();
        while (nextJob < jobs.size() && intended[nextJob] <= now) {
            int j = nextJob++;
            Conn c = idle.poll();
            if (c == null) {
                pending.add(j);
            } else {
                c.begin(j);
            }
        }
        if (nextJob < jobs.size()) {
            ticker = loop.schedule(this::dispatchDue, intended[nextJob] - now, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Replaces a connection the gateway closed (its idle timeout closes them while the next trial's
     * requests are being signed): a new one takes a queued job or waits for one. On the event loop.
     */
    private void reconnect() {
        if (closing) {
            return;
        }
        bootstrap.connect(host, port).addListener(f -> {
            if (!f.isSuccess() || closing) {
                return; // the gateway is gone: queued jobs end as status 0 at the run's timeout
            }
            Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
            Conn c = ch.pipeline().get(Conn.class);
            c.channel = ch;
            conns.add(c);
            takeNext(c);
        });
    }

    /** A free connection starts the oldest queued job, or waits for one. */
    private void takeNext(Conn c) {
        Integer waiting = pending.poll();
        if (waiting != null) {
            c.begin(waiting);
        } else {
            idle.add(c);
        }
    }

    private void complete(Conn c, int j, int status) {
        long now = System.nanoTime();
        if (j >= warmupJobs) {
            long micros = Math.min(HIGHEST_MICROS, Math.max(1, (now - intended[j]) / 1000));
            histogram.recordValue(micros);
            if (status >= 200 && status < 300) {
                okHistogram.recordValue(micros);
            }
            statuses.merge(status, 1, Integer::sum);
            lastCompletionNanos = now;
        }
        completed++;
        takeNext(c);
        if (completed == jobs.size()) {
            done.complete(finish(false));
        }
    }

    /** The run's figures; jobs still in flight at a timeout count as status 0. */
    private Run finish(boolean timedOut) {
        if (timedOut) {
            int missing = jobs.size() - completed;
            statuses.merge(0, missing, Integer::sum);
            if (ticker != null) {
                ticker.cancel(false);
                ticker = null;
            }
        }
        int measured = statuses.values().stream().mapToInt(Integer::intValue).sum();
        long firstIntended = intended.length > warmupJobs ? intended[warmupJobs] : intended[0];
        return new Run(histogram, okHistogram, statuses, measured, firstIntended, lastCompletionNanos, intended[0],
                List.copyOf(samples));
    }

    /** One keep-alive connection with at most one request in flight. */
    private final class Conn extends SimpleChannelInboundHandler<FullHttpResponse> {
        Channel channel;
        int job = -1;

        void begin(int j) {
            job = j;
            Job jb = jobs.get(j);
            jb.step = 0;
            channel.writeAndFlush(Unpooled.wrappedBuffer(jb.first));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
            int j = job;
            if (j < 0) {
                return;
            }
            Job jb = jobs.get(j);
            int status = msg.status().code();
            Job.Answer answer = new Job.Answer(status, jb.keepBody || jb.next != null
                    ? msg.content().toString(StandardCharsets.UTF_8) : null);
            if (answer.ok() && jb.next != null) {
                byte[] more = jb.next.apply(++jb.step, answer);
                if (more != null) {
                    channel.writeAndFlush(Unpooled.wrappedBuffer(more));
                    return;
                }
            }
            jb.status = status;
            jb.body = jb.keepBody ? answer.body() : null;
            job = -1;
            if (sampleEvery > 0 && j >= warmupJobs && answer.ok() && okMeasured++ % sampleEvery == 0
                    && samples.size() < sampleMax) {
                var h = msg.headers();
                samples.add(new Signed(h.get("Wechatpay-Timestamp"), h.get("Wechatpay-Nonce"),
                        h.get("Wechatpay-Signature"), h.get("Wechatpay-Serial"),
                        ByteBufUtil.getBytes(msg.content())));
            }
            complete(this, j, status);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            conns.remove(this);
            idle.remove(this);
            if (job >= 0) {
                int j = job;
                job = -1;
                jobs.get(j).status = 0;
                completeWithoutConnection(j);
            }
            reconnect();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** A connection died under a job: record it as status 0 and hand its queue to the others. */
    private void completeWithoutConnection(int j) {
        long now = System.nanoTime();
        if (j >= warmupJobs) {
            histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, (now - intended[j]) / 1000)));
            statuses.merge(0, 1, Integer::sum);
            lastCompletionNanos = now;
        }
        completed++;
        if (completed == jobs.size()) {
            done.complete(finish(false));
        }
    }

    int connections() {
        return conns.size();
    }

    @Override
    public void close() {
        closing = true;
        for (Conn c : new ArrayList<>(conns)) {
            c.channel.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
