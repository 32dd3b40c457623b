#!/usr/bin/env bash
# Checks that every shared library the JavaFX natives of the build need is loadable on this machine, and
# names the missing ones: JavaFX itself only says "Unable to load glass GTK library". Run by .ci/run after
# install-test-stack.sh, so a JavaFX upgrade that needs a new library fails with its name, not in 28 tests.
# Usage: scripts/check-native-libraries.sh [JAR...]  (default: javafx-graphics' Linux jar of the version the
# parent pom pins, from app/target/lib after a build, else fetched into the local Maven repository)
set -euo pipefail
cd "$(dirname "$0")/.."

jars=("$@")
if [ ${#jars[@]} -eq 0 ]; then
  version=$(sed -n 's:.*<javafx.version>\(.*\)</javafx.version>.*:\1:p' pom.xml)
  jar="app/target/lib/javafx-graphics-$version-linux.jar"
  if [ ! -f "$jar" ]; then
    ./mvnw -B -q dependency:get -Dtransitive=false -Dartifact="org.openjfx:javafx-graphics:$version:jar:linux"
    jar="${MAVEN_REPO:-$HOME/.m2/repository}/org/openjfx/javafx-graphics/$version/javafx-graphics-$version-linux.jar"
  fi
  jars=("$jar")
fi
[ ${#jars[@]} -gt 0 ] || { echo "check-native-libraries: no javafx-graphics Linux jar (build first: ./mvnw package)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
missing=0
for jar in "${jars[@]}"; do
  unzip -q -o "$jar" '*.so' -d "$work"
done
for lib in "$work"/*.so; do
  # ldd resolves like the dynamic loader does when JavaFX loads the library.
  while read -r needed; do
    echo "check-native-libraries: $(basename "$lib") needs $needed, which is not installed" >&2
    missing=$((missing + 1))
  done < <(ldd "$lib" | awk '/=> not found/ {print $1}')
done
if [ "$missing" -gt 0 ]; then
  echo "check-native-libraries: $missing missing; add their Debian packages to scripts/install-test-stack.sh" >&2
  exit 1
fi
echo "check-native-libraries: every library the JavaFX natives need is present ($(ls "$work"/*.so | wc -l) natives checked)"
