package io.paygate.gateway.cli;

import io.paygate.gateway.journal.ChronicleSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code paygate.jar}. */
@Command(name = "paygate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Self-hosted payment gateway speaking the WeChat Pay API.",
        subcommands = {ServeCommand.class, DemoCommand.class, VerifyCommand.class, NotificationsCommand.class,
                HlogCommand.class, ReportCommand.class})
public final class Main implements Runnable {

    /** Set by shutdown hooks: the JVM is already exiting, and System.exit would wait for it forever. */
    private static volatile boolean shuttingDown;

    public static void main(String[] args) {
        ChronicleSetup.init();
        String format = System.getenv("PAYGATE_LOG_FORMAT");
        if ("json".equalsIgnoreCase(format) && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-json.xml"); // before the first logger
        }
        int code = new CommandLine(new Main()).execute(args);
        if (!shuttingDown) {
            System.exit(code);
        }
    }

    /** Called first thing by a shutdown hook. */
    static void shuttingDown() {
        shuttingDown = true;
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
