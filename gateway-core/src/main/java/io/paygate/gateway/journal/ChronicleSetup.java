package io.paygate.gateway.journal;

/**
 * Chronicle reads these properties once, when its classes load, so they are set in code before the
 * first queue is built: no analytics, no announcement banner, scratch files under the JVM's tmp.
 */
public final class ChronicleSetup {
    private ChronicleSetup() {
    }

    /** Idempotent. */
    public static void init() {
        setIfAbsent("chronicle.analytics.disable", "true");
        setIfAbsent("chronicle.announcer.disable", "true");
        setIfAbsent("chronicle.disk.monitor.disable", "true");
        setIfAbsent("disable.thread.safety", "false");
        setIfAbsent("project.build.directory", System.getProperty("java.io.tmpdir") + "/paygate-chronicle");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
