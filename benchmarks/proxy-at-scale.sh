#!/usr/bin/env bash
# The stand-alone fault proxy in front of a Mosquitto, with N bare MQTT clients through it (default 1,000), all on
# 127.0.0.1: ./benchmarks/proxy-at-scale.sh [CLIENTS]. Needs the jar (mvn -DskipTests package) and mosquitto.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-1000}
work=$(mktemp -d)
printf 'listener 21883 127.0.0.1\nallow_anonymous true\n' > "$work/mosquitto.conf"
"$(command -v mosquitto || echo /usr/sbin/mosquitto)" -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
broker=$!
java -jar target/cloudcut.jar proxy --listen 127.0.0.1:21884 --upstream 127.0.0.1:21883 --api 127.0.0.1:28474 \
  > "$work/proxy.log" 2>&1 &
proxy=$!
trap 'kill $proxy $broker 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -sf localhost:28474/faults > /dev/null && break; sleep 0.2; done
java -Dclients="$clients" -cp target/cloudcut.jar benchmarks/ProxyAtScale.java 2> "$work/driver.log"
ps -o rss=,time=,nlwp= -p $proxy | awk '{printf "proxy: %.0f MB resident, %s of CPU, %d threads\n", $1 / 1024, $2, $3}'
echo "proxy: $(wc -l < "$work/proxy.log") lines printed"
