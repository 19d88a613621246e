#!/usr/bin/env bash
# Renders `paygate report` in headless Chromium (Debian's chromium package) and saves a screenshot,
# to check the report is a self-contained page that a browser draws without the network.
#   bench/scripts/report-screenshot.sh [DATA_DIR] [OUT.png]
# Without DATA_DIR it runs a 15 s `paygate demo` in a temporary data dir first.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$root/deploy/target/paygate.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -DskipTests package)
data="${1:-}"
out="${2:-$root/bench/report-screenshot.png}"
if [ -z "$data" ]; then
  data="$(mktemp -d)"
  java -jar "$jar" demo --data-dir "$data" --api-port 18980 --admin-port 18981 --seconds 15 --rate 40 > "$data/demo.log"
fi
java -jar "$jar" report --data-dir "$data" --out "$data/report.html"
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "chromium is not installed (apt-get install -y chromium)" >&2
  exit 2
fi
profile="$(mktemp -d)"
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
  --window-size=1400,2600 --screenshot="$out" "file://$data/report.html" 2> "$profile/chromium.log"
rm -rf "$profile"
test -s "$out"
echo "screenshot: $out ($(stat -c %s "$out") bytes) of $data/report.html"
