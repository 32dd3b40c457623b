#!/usr/bin/env bash
# Try Legitimera in Keycloak: builds the extension and the app, starts Keycloak 26.7.3 (from Maven Central,
# unpacked under keycloak/target) with the extension and the demo realm (keycloak/realm) on
# https://127.0.0.1:${PORT:-8543}, TLS and card trust from the devkit test PKI (~/.legitimera-devkit/pki),
# and, with pcscd+vpcd and a display, the virtual SITHS card and the tray app allowing it; opens each login
# in the browser and prints the ID token's claims. Ctrl-C stops all it started.
# Without pcscd or a display: log in with `legitimera auth` and a card of your own (the command is printed).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
PORT="${PORT:-8543}"

# pre-integration-test: the provider jar, the app's launcher and the unpacked distribution, in one reactor
# run that also writes the test class path (our modules are never installed into ~/.m2).
./mvnw -B -q -pl keycloak -am pre-integration-test dependency:build-classpath -DskipTests \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/demo-classpath.txt >/dev/null

cd keycloak
exec "$JAVA_HOME/bin/java" \
    -Dlegitimera.keycloak.dist=target/keycloak-dist/keycloak-26.7.3 \
    -Dlegitimera.keycloak.provider=target/legitimera-keycloak.jar \
    -Dlegitimera.keycloak.demoRealm=realm/legitimera-demo-realm.json \
    -Dlegitimera.keycloak.work=target/keycloak-demo \
    -Dlegitimera.keycloak.pki="$HOME/.legitimera-devkit/pki" \
    -Dlegitimera.keycloak.port="$PORT" \
    -cp "target/test-classes:target/classes:$(cat target/demo-classpath.txt)" \
    se.legitimera.keycloak.stack.KeycloakDemo
