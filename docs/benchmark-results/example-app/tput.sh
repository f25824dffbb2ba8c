#!/bin/bash
# usage: tput.sh label N C [extra args]
JAR=/work/wt-receiver/cactus-dashboard-example/target/cactus-dashboard-example-0.1.0-SNAPSHOT.jar
label=$1; n=$2; c=$3; shift 3
d=/tmp/rcv-bench/tput-$label; rm -rf $d
ADMIN_PASSWORD=bench CACTUS_DATA_DIR=$d java -jar $JAR --server.port=18082 --logging.level.io.cactus.webhooks.Dispatcher=INFO "$@" > /tmp/rcv-bench/tput-$label.log 2>&1 &
pid=$!
until curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18082/ | grep -q 200; do sleep 0.2; done
python3 /tmp/rcv-bench/load.py 18082 40 4 > /dev/null   # warm-up
sleep 3
cpu0=$(awk '{print $14+$15}' /proc/$pid/stat)
python3 /tmp/rcv-bench/load.py 18082 $n $c
sleep 3   # let the deliveries of the last requests finish
cpu1=$(awk '{print $14+$15}' /proc/$pid/stat)
echo "$label: app CPU during run (+3 s) = $(( (cpu1-cpu0)*10 )) ms, $(( (cpu1-cpu0)*10 / n )) ms per request"
if [ -z "$*" ]; then
  curl -s -u admin:bench http://127.0.0.1:18082/api/demo/received | python3 -c 'import json,sys; l=json.load(sys.stdin); print("demo receiver (last 500):", sum(e["signatureValid"] for e in l), "valid of", len(l))'
  java -cp ~/.m2/repository/com/h2database/h2/*/h2-*.jar org.h2.tools.Shell -url "jdbc:h2:file:$d/cactus;ACCESS_MODE_DATA=r" -user sa -sql "SELECT 1" >/dev/null 2>&1 || true
fi
kill $pid; wait $pid 2>/dev/null
if [ -z "$*" ]; then
  java -cp $(ls ~/.m2/repository/com/h2database/h2/*/h2-*.jar | head -1) org.h2.tools.Shell -url "jdbc:h2:file:$d/cactus" -user sa -sql "SELECT status, COUNT(*) FROM cactus_webhook_deliveries GROUP BY status" 2>&1 | tail -5
fi
