package io.paygate.gateway.cli;

import io.paygate.gateway.journal.ChronicleSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code paygate.jar}. */
@Command(name = "paygate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Self-hosted payment gateway speaking the WeChat Pay API.",
        subcommands = {ServeCommand.class, VerifyCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        ChronicleSetup.init();
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0 || args.length == 0 || !"serve".equals(args[0])) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"paygate " + (v == null ? "dev" : v)};
        }
    }
}
