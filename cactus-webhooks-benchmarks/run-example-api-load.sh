#!/bin/sh
# The example app's API under load (docs/benchmark.md, "Example app: API tokens"): builds the example's
# jar and the benchmarks jar, then runs ExampleApiLoadRun with the given options, for example
#   cactus-webhooks-benchmarks/run-example-api-load.sh --rounds 2
# Run from the repository root. Add -o to MVN_FLAGS to build offline.
set -e
cd "$(dirname "$0")/.."
./mvnw -B -q ${MVN_FLAGS:-} package -DskipTests -Djavadoc.skip=true -pl cactus-dashboard-example,cactus-webhooks-benchmarks -am
exec java -cp cactus-webhooks-benchmarks/target/benchmarks.jar io.cactus.webhooks.benchmarks.ExampleApiLoadRun "$@"
