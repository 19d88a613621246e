#!/usr/bin/env bash
# Does taking a snapshot stall requests? A sandbox gateway snapshots every EVERY journaled commands
# while constant-rate Native prepay load grows its state; prints the end-to-end latency of the load,
# each ring stage's own latency (from the gateway's hlog: a snapshot encoded on the matcher thread
# shows up as the match stage's maximum) and the gateway's snapshot log lines.
#
#   bench/snapshot-stall.sh [--jar deploy/target/paygate.jar] [--every 20000] [--rate 1500]
#                           [--duration 150] [--out DIR]
# env GATEWAY_JAVA_OPTS: the gateway's JVM options.
#
# Needs bench/target/benchmarks.jar (./mvnw -q -pl bench,deploy -am package -DskipTests). --jar may
# name a paygate.jar built from another commit, for a before/after comparison.
set -euo pipefail
cd "$(dirname "$0")/.."

GATEWAY_JAR=deploy/target/paygate.jar EVERY=20000 RATE=1500 DUR=150 OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) GATEWAY_JAR=$2; shift 2 ;;
    --every) EVERY=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --duration) DUR=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
JAR=bench/target/benchmarks.jar
[ -f "$JAR" ] && [ -f "$GATEWAY_JAR" ] || { echo "build first: $JAR and $GATEWAY_JAR" >&2; exit 2; }
OUT=${OUT:-$(mktemp -d /tmp/paygate-snapshot-stall-XXXXXX)}
mkdir -p "$OUT"
DATA=$(mktemp -d /tmp/paygate-bench-data-XXXXXX)
cat > "$OUT/gateway.conf" <<EOF
paygate {
  sandbox { auth-code-validity = 30m }
  snapshot { every-commands = $EVERY }
}
EOF
read -r API ADMIN < <(python3 -c 'import socket
s=[socket.socket() for _ in range(2)]
[x.bind(("127.0.0.1",0)) for x in s]
print(*[x.getsockname()[1] for x in s])')
# shellcheck disable=SC2086 # options are words
java ${GATEWAY_JAVA_OPTS:-} "-Xlog:gc:file=$OUT/gc.log" -jar "$GATEWAY_JAR" serve --data-dir "$DATA" --api-port "$API" --admin-port "$ADMIN" \
    --config "$OUT/gateway.conf" > "$OUT/gateway.log" 2>&1 &
GW=$!
trap 'kill $GW 2>/dev/null || true; wait $GW 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do [ -f "$DATA/demo/merchant.json" ] && break; sleep 0.5; done
[ -f "$DATA/demo/merchant.json" ] || { echo "gateway did not start (see $OUT/gateway.log)" >&2; exit 1; }

java -cp "$JAR" io.paygate.bench.load.LoadGenerator --merchant "$DATA/demo/merchant.json" --gateway-pid "$GW" \
    --workload native --rate "$RATE" --duration "$DUR" --prewarm 8 --connections 64 \
    --out "$OUT/load.json" > "$OUT/load.txt"
kill $GW; wait $GW 2>/dev/null || true   # a clean stop writes the last hlog interval

echo "gateway:   $GATEWAY_JAR, a snapshot every $EVERY journaled commands; load: native at $RATE/s for $DUR s"
python3 - "$OUT/load.json" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))["trials"][-1]
print("end to end: achieved %.0f/s, 2xx %.4f, p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f ms" % (
    t["achieved_rate"], t["ok_2xx_ratio"], t["p50_ms"], t["p90_ms"], t["p99_ms"], t["p999_ms"], t["max_ms"]))
EOF
java -jar "$GATEWAY_JAR" hlog --summary "$DATA/metrics" | grep '^stage=' | sed 's/^/stages:    /'
python3 - "$OUT/gc.log" <<'EOF'
import re, sys
p = [float(m.group(1)) for m in re.finditer(r"Pause.* (\d+\.\d+)ms$", open(sys.argv[1]).read(), re.M)]
print("gc pauses: %d, %.0f ms in all, the longest %.1f ms" % (len(p), sum(p), max(p) if p else 0))
EOF
echo "snapshots: $(grep -c 'snapshot at sequence .* written' "$OUT/gateway.log" || true) written; the last:"
grep 'snapshot at sequence .* written' "$OUT/gateway.log" | tail -1 | sed 's/^.*snapshot at/  snapshot at/'
echo "(raw: $OUT)"
