package io.paygate.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The benchmarks jar's entry point: JMH's own command line, plus the flags a forked JVM of
 * JDK 24 or newer needs for Chronicle (JDK 17 refuses {@code --sun-misc-unsafe-memory-access}, so
 * they are added only there). The Chronicle flags themselves live in {@link ChronicleFork}'s
 * {@code @Fork}, which every benchmark inherits.
 */
public final class BenchMain {

    /** What JDK 24+ wants before it lets Chronicle use Unsafe and native access. */
    static final String[] JDK24_FLAGS = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"};

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        if (cli.shouldHelp() || cli.shouldList() || cli.shouldListProfilers() || cli.shouldListWithParams()
                || cli.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (Runtime.version().feature() >= 24) {
            options.jvmArgsPrepend(JDK24_FLAGS);
        }
        new Runner(options.build()).run();
    }
}
