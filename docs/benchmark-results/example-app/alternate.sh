#!/bin/bash
for i in 1 2 3 4 5; do
  "$(dirname "$0")"/startup.sh on-$i 1
  "$(dirname "$0")"/startup.sh off-$i 1 --cactus.webhooks.enabled=false
done
