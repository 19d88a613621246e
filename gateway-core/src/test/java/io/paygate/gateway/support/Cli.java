package io.paygate.gateway.support;

import io.paygate.gateway.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs a {@code paygate} subcommand through picocli in this JVM, capturing its output and exit code. */
public final class Cli {

    private Cli() {
    }

    /** What a command printed and returned. */
    public record Run(int code, String out, String err) {
        /** The value of a {@code name value} line of stdout (verify prints {@code state_hash <hex>}), or null. */
        public String value(String name) {
            return out.lines().filter(l -> l.startsWith(name + " ")).map(l -> l.substring(name.length() + 1).trim())
                    .findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new Main()).execute(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** {@code paygate verify --data-dir DIR}. */
    public static Run verify(java.nio.file.Path dataDir) {
        return run("verify", "--data-dir", dataDir.toString());
    }
}
