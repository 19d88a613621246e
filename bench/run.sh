#!/usr/bin/env bash
# The whole benchmark suite on this machine, written up in bench/RESULTS.md.
#
#   bench/run.sh            quick run (~12 min on 2 busy cores): short JMH iterations, 4 s load trials
#   bench/run.sh --full     annotation defaults for JMH, 15 s load trials, more search steps
#   bench/run.sh --smoke    does every step for a second or two to prove the script works (~3 min with
#                           --skip-jmh); figures meaningless, written to bench/results/RESULTS-smoke.md
#   options: --no-build  --skip-jmh  --skip-load  --skip-idle  --jmh REGEX (default: every benchmark)
#
# Besides RSA: the SM2 crypto ceiling, the SM2 end-to-end search (a fresh SM2 merchant provisioned
# through the admin port, WECHATPAY2-SM2-WITH-SM3 requests, SM2-signed answers), and the gateway's
# idle CPU and CPU per request for each ring wait strategy (IdleCpu, after the load; --skip-idle).
#   env: GATEWAY_CONF (default bench/gateway-bench.conf), GATEWAY_JAR (default deploy/target/paygate.jar),
#        GATEWAY_JAVA_OPTS (the gateway's JVM options; default the GC setting of deploy/paygate)
#
# Raw output goes to bench/results/ (gitignored); ResultsWriter turns it into bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=quick BUILD=1 JMH=1 LOAD=1 IDLE=1 JMH_REGEX='io.paygate.bench.jmh.*'
while [ $# -gt 0 ]; do
  case "$1" in
    --full) MODE=full ;;
    --smoke) MODE=smoke ;;
    --no-build) BUILD=0 ;;
    --skip-jmh) JMH=0 ;;
    --skip-load) LOAD=0 ;;
    --skip-idle) IDLE=0 ;;
    --jmh) JMH_REGEX="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

RES=bench/results
JAR=bench/target/benchmarks.jar
GATEWAY_JAR=${GATEWAY_JAR:-deploy/target/paygate.jar}
GATEWAY_CONF=${GATEWAY_CONF:-bench/gateway-bench.conf}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:--XX:MaxTenuringThreshold=1}
mkdir -p "$RES"
rm -f "$RES"/*.json "$RES"/*.txt "$RES"/*.log
echo "$MODE" > "$RES/mode.txt"

# every command that produces a figure is logged, so RESULTS.md can show it
run() { echo "$*" >> "$RES/commands.txt"; "$@"; }

if [ "$BUILD" = 1 ]; then
  run ./mvnw -q package -pl bench,deploy -am -DskipTests
fi

{
  echo "date (UTC):        $(date -u '+%Y-%m-%d %H:%M:%S')"
  echo "git:               $(git rev-parse --short HEAD) ($(git rev-parse --abbrev-ref HEAD))"
  echo "nproc:             $(nproc)"
  echo "cpu:               $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "jdk:               $(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "memory:            $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
  echo "load avg (before): $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$RES/machine.txt"

if [ "$JMH" = 1 ]; then
  if [ "$MODE" = smoke ]; then
    JMH_OPTS=(-f 1 -wi 0 -i 1 -r 200ms -p records=10000)
  elif [ "$MODE" = quick ]; then
    JMH_OPTS=(-f 1 -wi 2 -w 1s -i 2 -r 1s -p records=200000)
  else
    JMH_OPTS=(-p records=1000000)
  fi
  echo "== JMH ($MODE) -> $RES/jmh.txt" >&2
  run java -jar "$JAR" "${JMH_OPTS[@]}" -prof gc -rf json -rff "$RES/jmh.json" "$JMH_REGEX" > "$RES/jmh.txt" 2>&1 \
    || echo "JMH failed (see $RES/jmh.txt)" >&2
  echo "load avg (after JMH): $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RES/machine.txt"
  if command -v strace > /dev/null; then
    # which msync flags journal.sync=batch really issues (MS_ASYNC makes nothing durable)
    echo "== strace msync (sync=batch)" >&2
    run strace -f -qq -e trace=msync -o "$RES/msync-strace.txt" java -jar "$JAR" RingJournal -p sync=batch \
        -p waitStrategy=blocking -wi 0 -i 1 -r 1s > "$RES/msync-run.txt" 2>&1 || echo "strace run failed" >&2
  fi
fi

CEIL_EXTRA=() OUT_MD=bench/RESULTS.md
case "$MODE" in
  quick) CEIL_S=5 CEIL_W=2 DUR=4 WARM=1 STEPS=5 SM2_STEPS=4 PREWARM=8
         IDLE_OPTS=(--settle 2 --idle 8 --rate 100 --duration 4 --warmup 2) ;;
  full)  CEIL_S=15 CEIL_W=3 DUR=15 WARM=3 STEPS=8 SM2_STEPS=8 PREWARM=15
         IDLE_OPTS=(--settle 5 --idle 15 --rate 100 --duration 15 --warmup 3) ;;
  smoke) CEIL_S=1 CEIL_W=1 DUR=1 WARM=1 STEPS=2 SM2_STEPS=2 PREWARM=1 CEIL_EXTRA=(--warmup-pairs 100)
         IDLE_OPTS=(--settle 1 --idle 2 --rate 50 --duration 1 --warmup 1) OUT_MD="$RES/RESULTS-smoke.md" ;;
esac
echo "== crypto ceiling" >&2
run java -cp "$JAR" io.paygate.bench.CryptoCeiling --seconds $CEIL_S --warmup $CEIL_W "${CEIL_EXTRA[@]}" \
    --out "$RES/ceiling.json" > /dev/null
echo "== crypto ceiling (SM2)" >&2
run java -cp "$JAR" io.paygate.bench.CryptoCeiling --sm2 --seconds $CEIL_S --warmup $CEIL_W "${CEIL_EXTRA[@]}" \
    --out "$RES/ceiling-sm2.json" > /dev/null

if [ "$LOAD" = 1 ]; then
  DATA=$(mktemp -d /tmp/paygate-bench-data-XXXXXX)
  read -r API ADMIN < <(python3 -c 'import socket
s=[socket.socket() for _ in range(2)]
[x.bind(("127.0.0.1",0)) for x in s]
print(*[x.getsockname()[1] for x in s])')
  CONF=(); [ -f "$GATEWAY_CONF" ] && CONF=(--config "$GATEWAY_CONF")
  echo "== gateway (sandbox, data $DATA, API $API)" >&2
  echo "java $GATEWAY_JAVA_OPTS -Xlog:gc:file=$RES/gateway-gc.log -jar $GATEWAY_JAR serve --data-dir $DATA --api-port $API --admin-port $ADMIN ${CONF[*]}" >> "$RES/commands.txt"
  # shellcheck disable=SC2086 # options are words
  java $GATEWAY_JAVA_OPTS "-Xlog:gc:file=$RES/gateway-gc.log" -jar "$GATEWAY_JAR" serve --data-dir "$DATA" --api-port "$API" --admin-port "$ADMIN" "${CONF[@]}" > "$RES/gateway.log" 2>&1 &
  GW=$!
  trap 'kill $GW 2>/dev/null || true; wait $GW 2>/dev/null || true; rm -rf "$DATA"' EXIT
  for _ in $(seq 1 120); do [ -f "$DATA/demo/merchant.json" ] && break; sleep 0.5; done
  [ -f "$DATA/demo/merchant.json" ] || { echo "gateway did not start (see $RES/gateway.log)" >&2; exit 1; }
  sleep 1

  CEILING=$(python3 -c "import json;print(json.load(open('$RES/ceiling.json'))['pairs_per_second'])")
  START=$(python3 -c "print(max(50, int($CEILING * 0.6)))")
  LG=(java -cp "$JAR" io.paygate.bench.load.LoadGenerator --merchant "$DATA/demo/merchant.json" --gateway-pid "$GW"
      --duration $DUR --warmup $WARM --prewarm $PREWARM --connections 64)
  echo "== load: native search from $START/s (ceiling $CEILING/s)" >&2
  run "${LG[@]}" --workload native --search --p99-ms 50 --then-at 0.7 --search-steps $STEPS --rate "$START" \
      --out "$RES/load-1-native.json" > /dev/null
  BEST=$(python3 -c "import json;b=json.load(open('$RES/load-1-native.json')).get('highest_rate');print(int(b['target_rate']) if b else $START//2)")
  HALF=$(python3 -c "print(max(50, int($BEST * 0.5)))")
  i=2
  for w in codepay refund flow mix; do
    R=$HALF; [ "$w" = flow ] && R=$(python3 -c "print(max(20, int($HALF / 3)))")
    echo "== load: $w at $R/s" >&2
    run "${LG[@]}" --workload $w --rate "$R" --out "$RES/load-$i-$w.json" > /dev/null || echo "$w load failed" >&2
    i=$((i + 1))
  done

  # SM2 end to end: a fresh SM2 merchant (admin port, token from $DATA/admin.token), same search.
  # It starts at 3x the RSA rate found above (the search grows 1.5x per passing trial), capped at
  # 60% of the SM2 ceiling like the RSA search, so it does not spend its trials deep in overload.
  SM2_CEILING=$(python3 -c "import json;print(json.load(open('$RES/ceiling-sm2.json'))['pairs_per_second'])")
  SM2_START=$(python3 -c "print(max(50, min(int($SM2_CEILING * 0.6), 3 * $BEST)))")
  echo "== load: SM2 native search from $SM2_START/s (SM2 ceiling $SM2_CEILING/s)" >&2
  run "${LG[@]}" --sm2 --workload native --search --p99-ms 50 --then-at 0.7 --search-steps $SM2_STEPS \
      --rate "$SM2_START" --out "$RES/sm2-load-1-native.json" > /dev/null || echo "SM2 native load failed" >&2
  if [ "$MODE" = full ] && [ -f "$RES/sm2-load-1-native.json" ]; then
    SM2_BEST=$(python3 -c "import json;b=json.load(open('$RES/sm2-load-1-native.json')).get('highest_rate');print(int(b['target_rate']) if b else $SM2_START//2)")
    SM2_HALF=$(python3 -c "print(max(50, int($SM2_BEST * 0.5)))")
    i=2
    for w in codepay refund flow mix; do
      R=$SM2_HALF; [ "$w" = flow ] && R=$(python3 -c "print(max(20, int($SM2_HALF / 3)))")
      echo "== load: SM2 $w at $R/s" >&2
      run "${LG[@]}" --sm2 --workload $w --rate "$R" --out "$RES/sm2-load-$i-$w.json" > /dev/null || echo "SM2 $w load failed" >&2
      i=$((i + 1))
    done
  fi
  kill $GW; wait $GW 2>/dev/null || true

  if [ "$IDLE" = 1 ]; then
    # one fresh gateway per ring wait strategy: CPU idle, then CPU per request at a fixed rate
    echo "== idle CPU by wait strategy" >&2
    run java -cp "$JAR" io.paygate.bench.load.IdleCpu --jar "$GATEWAY_JAR" "${CONF[@]}" \
        --strategies parking,blocking,sleeping "${IDLE_OPTS[@]}" --log-dir "$RES" --out "$RES/idle-cpu.json" > /dev/null \
      || echo "idle CPU comparison failed" >&2
  fi
fi

if [ "$LOAD" = 1 ]; then
  # issue 4: a healthy merchant's notification delay alone and beside a hanging merchant's backlog
  echo "== notification isolation" >&2
  case "$MODE" in
    smoke) ISO=(--payments 3 --backlog 10) ;;
    full) ISO=(--payments 100 --backlog 500) ;;
    *) ISO=(--payments 40 --backlog 200) ;;
  esac
  run java $(tr '\n' ' ' < bench/chronicle-flags.txt) -cp "$JAR" io.paygate.bench.load.NotifyIsolation "${ISO[@]}" \
      --out "$RES/notify-isolation.json" > "$RES/notify-isolation.log" 2>&1 || echo "notification isolation failed" >&2
fi

echo "load avg (after):  $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RES/machine.txt"
java -cp "$JAR" io.paygate.bench.ResultsWriter "$RES" "$OUT_MD"
