#!/bin/sh
# OOB benchmark: 200 concurrent orders on loopback (none lost or mixed up, throughput) and the latency
# from autostart URL to accepted proof without PIN entry and card signature (median, target < 100 ms).
# Runs devkit's OobLoadIT against the reference service, the OCSP responder and the real oob-auth client.
# Usage: bench/oob/run.sh [--enforce]   (--enforce fails when the median misses 100 ms)
set -eu
cd "$(dirname "$0")/../.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
enforce=false
[ "${1:-}" = "--enforce" ] && enforce=true
./mvnw -B -q verify -pl devkit -am \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=OobLoadIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dbench.enforceTarget="$enforce"
cat devkit/target/bench/oob-load.txt
