#!/bin/sh
# oob-server: proofs verified per second by the library on ONE core (software card keys, OCSP answered from
# the library's cache, in-memory stores). Pins the build and its test JVM to CPU 0 and tells the JVM it has
# one processor. Prints oob-server/target/bench/proof-verify.txt.
# Usage: bench/oob/proofs.sh
set -eu
cd "$(dirname "$0")/../.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
taskset -c 0 ./mvnw -B -q test -pl oob-server -am \
  -Dtest=ProofThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dlegitimera.bench=true -DargLine="-XX:ActiveProcessorCount=1"
cat oob-server/target/bench/proof-verify.txt
