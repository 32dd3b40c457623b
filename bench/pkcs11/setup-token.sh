#!/bin/sh
# Creates a throwaway SoftHSM2 token for the PKCS#11 benchmark: RSA 2048 "auth" key (digitalSignature)
# and EC P-256 "ec" key, each with a self-signed certificate, under $1 (default: ./target/bench-token).
# Prints the SOFTHSM2_CONF to export. The PIN is a test PIN of a throwaway token.
set -eu
dir=$(realpath -m "${1:-target/bench-token}")
module=${SOFTHSM_MODULE:-/usr/lib/softhsm/libsofthsm2.so}
rm -rf "$dir"; mkdir -p "$dir/tokens"
printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' "$dir" > "$dir/softhsm2.conf"
export SOFTHSM2_CONF="$dir/softhsm2.conf"
softhsm2-util --init-token --free --label bench --pin 123456 --so-pin 12345678 >/dev/null
make_key() { # label id openssl-genpkey-args...
  label=$1; id=$2; shift 2
  openssl genpkey "$@" -out "$dir/$label.key" 2>/dev/null
  openssl req -new -x509 -key "$dir/$label.key" -subj "/CN=Bench $label/serialNumber=TSTNMT2321000156-1024/C=SE" \
    -days 30 -addext "keyUsage=critical,digitalSignature" -outform DER -out "$dir/$label.der"
  openssl pkey -in "$dir/$label.key" -out "$dir/$label.p8.pem"
  softhsm2-util --import "$dir/$label.p8.pem" --token bench --label "$label" --id "$id" --pin 123456 >/dev/null
  pkcs11-tool --module "$module" --token-label bench --login --pin 123456 --write-object "$dir/$label.der" \
    --type cert --id "$id" --label "$label" >/dev/null 2>&1
  openssl x509 -inform DER -in "$dir/$label.der" -pubkey -noout > "$dir/$label.pub.pem"
  rm -f "$dir/$label.key" "$dir/$label.p8.pem"
}
make_key auth 01 -algorithm RSA -pkeyopt rsa_keygen_bits:2048
echo "$dir/softhsm2.conf"
