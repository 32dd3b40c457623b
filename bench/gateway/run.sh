#!/bin/sh
# Builds the app (classes, test fixtures, dependency jars) and runs the gateway benchmark.
# Usage: bench/gateway/run.sh [requests per scenario] [keep-alive connections]
set -eu
cd "$(dirname "$0")/../.."
./mvnw -B -q -pl app -am package -DskipTests
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dlegitimera.logdir="${TMPDIR:-/tmp}" \
  -cp "app/target/classes:app/target/test-classes:app/target/lib/*" \
  bench/gateway/GatewayBench.java "$@"
