#!/bin/sh
# Builds the devkit (virtual card, pcscd fixture, card monitor) and runs the PC/SC latency benchmark.
# Usage: bench/pcsc/run.sh [rounds, default 20]. Needs pcscd and vpcd (scripts/install-test-stack.sh);
# reuses a running pcscd, else starts one (as root) and stops only that one.
set -eu
cd "$(dirname "$0")/../.."
./mvnw -B -q -pl devkit -am package -DskipTests
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx128m --enable-native-access=ALL-UNNAMED \
  -cp "devkit/target/legitimera-devkit.jar:devkit/target/lib/*" \
  bench/pcsc/PcscLatencyBench.java "$@"
