#!/bin/bash
# usage: startup.sh <label> <runs> [extra args...]
# Each run: fresh H2 data dir, launch the jar, poll GET / until 200 (wall clock), then read VmRSS
# of the java process and the "Started ... in X seconds" line; then stop it (SIGTERM to its pid).
JAR=/work/wt-receiver/cactus-dashboard-example/target/cactus-dashboard-example-0.1.0-SNAPSHOT.jar
label=$1; runs=$2; shift 2
for i in $(seq 1 $runs); do
  d=/tmp/rcv-bench/data-$label-$i; rm -rf $d
  start=$(date +%s.%N)
  ADMIN_PASSWORD=bench CACTUS_DATA_DIR=$d java -jar $JAR --server.port=18081 "$@" > /tmp/rcv-bench/$label-$i.log 2>&1 &
  pid=$!
  until curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18081/ | grep -q 200; do sleep 0.1; done
  ready=$(date +%s.%N)
  sleep 2  # let startup work settle (dispatcher first poll, etc.)
  rss=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
  started=$(grep -o 'Started CactusDashboardApplication in [0-9.]* seconds' /tmp/rcv-bench/$label-$i.log | grep -o '[0-9.]*' | head -1)
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo "$label run $i: ready_wall=$(echo "$ready - $start" | bc) s started_log=$started s rss=$((rss/1024)) MiB load1=$load"
  kill $pid; wait $pid 2>/dev/null
done
