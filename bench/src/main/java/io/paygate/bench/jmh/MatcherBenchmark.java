package io.paygate.bench.jmh;

import io.paygate.bench.ChronicleFork;
import io.paygate.codec.command.Command;
import io.paygate.gateway.matcher.MatchResult;
import io.paygate.gateway.matcher.Matcher;
import io.paygate.gateway.matcher.ResultCode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The matcher alone, one thread, commands/s by type. Each invocation applies a batch of
 * {@link #BATCH} commands prepared beforehand in {@code @Setup(Level.Invocation)} (not timed), so
 * the figure is the matcher's and the allocation counter ({@link Allocation}) sees only what
 * {@code Matcher.apply} allocates. State grows with every order; past {@link #stateOrders} orders the
 * matcher is rebuilt (untimed) so the heap stays bounded.
 *
 * <p>{@code stateOrders}: 1,000,000 is the gateway's case, a state far larger than the caches, so
 * looking up a random id (a code_url token, an out_trade_no) waits for memory. 16384 keeps the state
 * at 8k to 18k orders (a few MB, within this machine's 32 MB L3 cache): the same commands with the
 * state near the core, which measures how much of the 1M figure is memory latency rather than work.
 *
 * <p>{@code kind}: {@code create} (Native prepay), {@code pay} (sandbox payment of an order made
 * untimed just before), {@code query} (by out_trade_no), {@code tick} (nothing due), {@code mix}
 * (per 100: 40 create, 30 pay, 29 query, 1 tick, as a prepay-pay-query flow produces them).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MatcherBenchmark extends ChronicleFork {

    static final int BATCH = 10_000;
    /** Orders made at start for queries to find (at most half of {@link #stateOrders}). */
    static final int QUERY_ORDERS = 10_000;
    /**
     * Result slots written in turn, as the gateway's matcher stage writes each command's result into
     * that command's ring slot (paygate.ring.size defaults to 16384): a slot is cold when its turn
     * comes again, so the benchmark pays for writing results as the gateway does.
     */
    @Param({"16384"})
    public int resultSlots;

    @Param({"create", "pay", "query", "tick", "mix"})
    public String kind;

    /** The state is rebuilt once it holds more orders than this. */
    @Param({"1000000", "16384"})
    public int stateOrders;

    private MatcherCommands commands;
    private Matcher matcher;
    private final Command[] batch = new Command[BATCH];
    private MatchResult[] results;
    private int nextSlot;
    private long firstUnpaid;
    private int queryOrders;
    private long notOk;

    @Setup(Level.Trial)
    public void trial() {
        for (int i = 0; i < BATCH; i++) {
            batch[i] = new Command();
        }
        if (Integer.bitCount(resultSlots) != 1) {
            throw new IllegalArgumentException("resultSlots must be a power of two, was " + resultSlots);
        }
        results = new MatchResult[resultSlots];
        for (int i = 0; i < resultSlots; i++) {
            results[i] = new MatchResult();
        }
        rebuild();
    }

    private void rebuild() {
        commands = new MatcherCommands();
        matcher = commands.matcher();
        Command c = new Command();
        queryOrders = Math.min(QUERY_ORDERS, stateOrders / 2);
        for (int i = 0; i < queryOrders; i++) {
            commands.applyNow(commands.createOrder(c));
        }
        firstUnpaid = queryOrders + 1;
    }

    @Setup(Level.Invocation)
    public void prepare() {
        if (commands.orders() > stateOrders) {
            rebuild();
        }
        switch (kind) {
            case "create" -> {
                for (Command c : batch) {
                    commands.createOrder(c);
                }
            }
            case "pay" -> {
                Command scratch = new Command();
                long first = commands.orders() + 1;
                for (int i = 0; i < BATCH; i++) {
                    commands.applyNow(commands.createOrder(scratch));
                }
                for (int i = 0; i < BATCH; i++) {
                    commands.pay(batch[i], first + i);
                }
            }
            case "query" -> {
                for (int i = 0; i < BATCH; i++) {
                    commands.query(batch[i], 1 + i % queryOrders);
                }
            }
            case "tick" -> {
                for (Command c : batch) {
                    commands.tick(c);
                }
            }
            case "mix" -> prepareMix();
            default -> throw new IllegalArgumentException("kind " + kind);
        }
        for (Command c : batch) {
            c.cacheHashes(); // as the event loop publishing a command to the ring does (CommandEvent.load)
        }
    }

    /** Pays refer to orders created earlier (in this batch or before), queries to any order made so far. */
    private void prepareMix() {
        for (int i = 0; i < BATCH; i++) {
            int slot = i % 100;
            if (slot < 40) {
                commands.createOrder(batch[i]);
            } else if (slot < 70 && firstUnpaid <= commands.orders()) {
                commands.pay(batch[i], firstUnpaid++);
            } else if (slot < 99 || firstUnpaid > commands.orders()) {
                commands.query(batch[i], 1 + (i * 7919L) % commands.orders());
            } else {
                commands.tick(batch[i]);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public ResultCode apply(Allocation alloc) {
        alloc.begin();
        MatchResult out = null;
        int slot = nextSlot;
        for (Command c : batch) {
            out = results[slot];
            slot = (slot + 1) & (results.length - 1);
            matcher.apply(c, out);
            if (out.code != ResultCode.OK) {
                notOk++;
            }
        }
        nextSlot = slot;
        alloc.end(BATCH);
        return out.code;
    }

    @TearDown(Level.Trial)
    public void check() {
        if (notOk > 0) {
            throw new IllegalStateException(kind + ": " + notOk + " commands were not answered OK: the workload is wrong");
        }
    }
}
