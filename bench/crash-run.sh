#!/usr/bin/env bash
# The long kill -9 run (issue 5): CrashHarness drives signed load (orders, sandbox payments, codepay,
# refunds, notifications to a local merchant server) against a child `paygate` JVM, kills it with
# SIGKILL at seeded random moments, restarts it on the same data dir, and after every restart and at
# the end checks every acknowledged order, payment and refund, nothing applied twice, the ledger,
# one success event per paid order / settled refund, and `paygate verify` against the live hash.
#   bench/crash-run.sh [CYCLES=100] [SEED=random] [WORK=/tmp/paygate-crash]
# Exit 0 when every check held; otherwise the first failure is printed with the seed to replay it.
set -euo pipefail
cd "$(dirname "$0")/.."
CYCLES=${1:-100}; SEED=${2:-$RANDOM$RANDOM}; WORK=${3:-/tmp/paygate-crash}
./mvnw -q -pl gateway-core -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/gateway-core/target/crash-cp.txt" -Dmdep.includeScope=test
CP=gateway-core/target/test-classes:gateway-core/target/classes:codec/target/classes:signing/target/classes
CP=$CP:$(tr ':' '\n' < gateway-core/target/crash-cp.txt | grep -v '/io/paygate/' | paste -sd:)   # never stale ~/.m2 paygate jars
rm -rf "$WORK" && mkdir -p "$WORK/jna"
JDK24=""
if [ "$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}' | cut -d. -f1)" -ge 24 ]; then
  JDK24="--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
fi
echo "crash run: $CYCLES cycles, seed $SEED, work dir $WORK"
# the child gateways inherit the --add-* and -Dchronicle.*/-Djna.*/-Dproject.* flags of this JVM
exec java \
  --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-exports=java.base/jdk.internal.util=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED \
  --add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED $JDK24 \
  -Dchronicle.analytics.disable=true -Dchronicle.announcer.disable=true \
  -Djna.tmpdir="$WORK/jna" -Dproject.build.directory="$WORK" -Xmx512m \
  -cp "$CP" io.paygate.gateway.support.CrashHarness "$CYCLES" "$WORK/data" "$SEED"
