package io.paygate.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * Every benchmark extends this so its forked JVM carries the flags Chronicle Queue needs on Java 17+
 * (JMH's {@code @Fork} is inherited). The heap is fixed so allocation figures compare across runs.
 * JDK 24+ flags are added by {@link BenchMain} only on those JDKs.
 */
@Fork(value = 1, jvmArgs = {
        "-Xms2g", "-Xmx2g",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "-Dchronicle.analytics.disable=true",
        "-Dchronicle.announcer.disable=true",
        "-Djna.tmpdir=target/jna",
        "-Dproject.build.directory=target"})
public abstract class ChronicleFork {
}
