#!/bin/sh
# PKCS#11 signing benchmark on one SoftHSM2 token (RSA 2048, PKCS#1 v1.5 over SHA-256):
#   1. the library's Token.sign, warm, in one JVM (SignBench.java),
#   2. `legitimera sign --stdin` as a whole process (JVM start included),
#   3. `pkcs11-tool --sign` as a whole process (the reference),
# and prints the medians and the ratios to pkcs11-tool. Run from the repository root after
#   ./mvnw -B -q package -pl app -am -DskipTests
# Optional: RUNS (process runs, default 21), LIB_RUNS (default 2000).
set -eu
root=$(pwd)
module=${SOFTHSM_MODULE:-/usr/lib/softhsm/libsofthsm2.so}
runs=${RUNS:-21}
lib_runs=${LIB_RUNS:-2000}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
work="$root/bench/pkcs11/target"
mkdir -p "$work"
SOFTHSM2_CONF=$("$root/bench/pkcs11/setup-token.sh" "$work/token")
export SOFTHSM2_CONF
printf 'benchmark data\n' > "$work/data.txt"

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }
time_ms() { # command...: prints wall time in ms of one run
  s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo "$(( (e - s) / 1000 ))" | awk '{printf "%.3f\n", $1/1000}'
}

lib=$("$java" --enable-native-access=ALL-UNNAMED -cp "$root/app/target/lib/*" "$root/bench/pkcs11/SignBench.java" \
  "$module" auth 300 "$lib_runs" 2>/dev/null | awk '/^median_ms/ {print $2}')

tool_sign() { pkcs11-tool --module "$module" --token-label bench --login --pin 123456 --id 01 \
  -m SHA256-RSA-PKCS --sign -i "$work/data.txt" -o "$work/tool.sig"; }
cli_sign() { echo 123456 | "$root/app/target/legitimera" sign --module "$module" --cert auth \
  --in "$work/data.txt" --out "$work/cli.sig" --stdin; }

# Both outputs must verify before they are timed.
tool_sign >/dev/null 2>&1
openssl dgst -sha256 -verify "$work/token/auth.pub.pem" -signature "$work/tool.sig" "$work/data.txt" >/dev/null
cli_sign
openssl dgst -sha256 -verify "$work/token/auth.pub.pem" -signature "$work/cli.sig" "$work/data.txt" >/dev/null

tool=$(i=0; while [ $i -lt "$runs" ]; do time_ms tool_sign; i=$((i+1)); done | median)
cli=$(i=0; while [ $i -lt "$runs" ]; do time_ms cli_sign; i=$((i+1)); done | median)

echo "median ms: library (warm, in-process) $lib | legitimera sign (process) $cli | pkcs11-tool --sign (process) $tool"
awk -v l="$lib" -v c="$cli" -v t="$tool" 'BEGIN {
  printf "ratio library / pkcs11-tool        = %.4f (target <= 1.10)\n", l / t
  printf "ratio legitimera sign / pkcs11-tool = %.2f\n", c / t }'
