#!/usr/bin/env bash
# Builds the Linux packages (DEB and/or RPM) of Legitimera from a jpackage app-image.
# The Maven build runs it (./mvnw -B -Pinstaller package); usable alone:
#   packaging/linux/build-packages.sh --app-image DIR --version 0.1.0-SNAPSHOT --dest DIR [--types "deb rpm"]
# jpackage's own deb/rpm types cannot own files outside the install folder (/usr/bin link, /etc conffile,
# XDG autostart), so the packages are assembled here from the same app-image, installed under /opt/legitimera.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
common="$here/../common"
app_image="" version="" dest="" types="deb rpm"
while [ $# -gt 0 ]; do
  case "$1" in
    --app-image) app_image=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    --dest) dest=$2; shift 2 ;;
    --types) types=$2; shift 2 ;;
    *) echo "build-packages.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -x "$app_image/bin/legitimera" ] || { echo "build-packages.sh: no app-image at '$app_image' (bin/legitimera missing)" >&2; exit 2; }
[ -n "$version" ] && [ -n "$dest" ] || { echo "build-packages.sh: --version and --dest are required" >&2; exit 2; }
if ls "$app_image"/lib/app/mods 2>/dev/null | grep -qi devkit; then
  echo "build-packages.sh: the app-image contains devkit, which is never shipped" >&2; exit 1
fi

# 0.1.0-SNAPSHOT sorts before 0.1.0 in both: deb 0.1.0~snapshot, rpm 0.1.0-0.snapshot.
base=${version%%-*}
if [ "$base" != "$version" ]; then
  qualifier=$(printf '%s' "${version#*-}" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9.\n' '.')
  deb_version="$base~$qualifier" rpm_release="0.$qualifier"
else
  deb_version="$base" rpm_release="1"
fi

mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
root="$dest/linux-root"
rm -rf "$root"
mkdir -p "$root/opt" "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/icons/hicolor/256x256/apps" \
  "$root/usr/share/doc/legitimera" "$root/etc/xdg/autostart" "$root/etc/legitimera"
cp -a "$app_image" "$root/opt/legitimera"
# The CDS archive (14 MB per variant, little to compress) is dumped by postinst instead.
rm -f "$root"/opt/legitimera/lib/runtime/lib/server/classes*.jsa
[ -x "$root/opt/legitimera/lib/runtime/bin/java" ] || { echo "build-packages.sh: the runtime lacks bin/java, needed to dump the CDS archive at install" >&2; exit 1; }
# An AOT cache fits only the folder it was made in: the packages ship the training record, and post-install
# makes the cache under /opt/legitimera (aot-cache.sh). No record (built without Xvfb): no cache.
rm -f "$root/opt/legitimera/lib/app/legitimera.aot"
install -m 755 "$here/aot-cache.sh" "$root/opt/legitimera/lib/aot-cache.sh"
[ -f "$root/opt/legitimera/lib/app/legitimera.aotconf" ] \
  || echo "build-packages.sh: no AOT training record in the app-image: the packages start without an AOT cache" >&2
# The launcher: a shell script instead of jpackage's native one, which asks the package managers which package
# owns it (rpm -qf, then dpkg -S) at every start: about 0.5 s of each start and of each link hand-over
# (bench/installed/README.md). Same JVM, same options (from jpackage's lib/app/legitimera.cfg, which stays the
# one place they are listed), same jpackage.* properties. The JVM runs as lib/runtime/bin/legitimera, a copy
# of the java launcher, so the process keeps the name legitimera. The AOT cache that post-install makes is
# named only when it is there: a -XX:AOTCache whose file is missing also turns the runtime's CDS archive off.
cfg="$root/opt/legitimera/lib/app/legitimera.cfg"
main=$(sed -n 's/^app.mainmodule=//p' "$cfg")
app_version=$(sed -n 's/^java-options=-Djpackage.app-version=//p' "$cfg")
[ -n "$main" ] && [ -n "$app_version" ] || { echo "build-packages.sh: no main module or app version in $cfg" >&2; exit 1; }
options=$(sed -n 's/^java-options=//p' "$cfg" | grep -v -e '^-XX:AOTCache=' -e '^-Xlog:' -e '^-Djpackage.app-version=' \
  | sed 's|\$APPDIR|$app|g' | sed 's/.*/"&"/' | tr '\n' ' ')
app_jar=$(cd "$root/opt/legitimera/lib/app/mods" && ls app-*.jar)
[ "$(printf '%s\n' "$app_jar" | wc -l)" -eq 1 ] || { echo "build-packages.sh: not one app jar in lib/app/mods: $app_jar" >&2; exit 1; }
cp "$root/opt/legitimera/lib/runtime/bin/java" "$root/opt/legitimera/lib/runtime/bin/legitimera"
rm -f "$root/opt/legitimera/bin/legitimera" "$root/opt/legitimera/lib/libapplauncher.so"
cat > "$root/opt/legitimera/bin/legitimera" <<LAUNCHER
#!/bin/sh
# Legitimera, installed: the tray app without a subcommand, the CLI with one (legitimera --help).
# Written by packaging/linux/build-packages.sh from lib/app/legitimera.cfg.
app=/opt/legitimera/lib/app
java=/opt/legitimera/lib/runtime/bin/legitimera
# A link (or an empty launch) while this user's app runs: handed over by a JVM with the app jar alone on the
# class path and the runtime's CDS archive (QuickHandover, java.base only), which starts in a fraction of the
# full module path's time. It exits 3 when it could not hand over (a stale socket, say); then the full path
# runs, as it does at once when there is no socket (UserFolders names the folder).
quick=false
case \$# in
  0) quick=true ;;
  1) case "\$1" in [Ll][Ee][Gg][Ii][Tt][Ii][Mm][Ee][Rr][Aa]:*) quick=true ;; esac ;;
esac
if \$quick; then
  case "\${XDG_RUNTIME_DIR:-}" in
    /*) runtime="\$XDG_RUNTIME_DIR/legitimera" ;;
    *) runtime="/tmp/legitimera-\$(id -un)" ;;
  esac
  if [ -S "\$runtime/legitimera.sock" ] && "\$java" -XX:+UseSerialGC -Xint -Xss512k -Xmx16m \\
      -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 -XX:-UsePerfData -Xshare:auto -Xlog:cds=off -cp "\$app/mods/$app_jar" se.legitimera.app.launcher.QuickHandover "\$@"; then
    exit 0
  fi
fi
# GTK 3 probes OpenGL when AWT first loads it (the tray's balloon when a card is inserted): on a host without a
# GPU that maps Mesa's software renderer and LLVM, about 45 MB resident (11 MB private) for the rest of the
# session, though nothing of ours draws with GDK's OpenGL (JavaFX's es2 pipeline makes its own GLX context).
GDK_GL=\${GDK_GL:-disable}
export GDK_GL
aot=""
if [ -s "\$app/legitimera.aot" ]; then
  aot="-XX:AOTCache=\$app/legitimera.aot -Xlog:aot=off -Xlog:cds=off"
fi
# ArchiveRelocationMode=0: the class archives are mapped at the address they were made for, not at a random one,
# so their pages are not rewritten at start; they stay clean pages of the file, shared by every user's
# instance on a host (bench/installed/README.md). TrimNativeHeapInterval: every 10 s the C heap gives back
# to the OS what start-up and the card's first reading freed (an idle tray app would keep it all day).
exec "\$java" -Djpackage.app-path=/opt/legitimera/bin/legitimera \\
  -Djpackage.app-version=$app_version $options \\
  -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 -XX:TrimNativeHeapInterval=10000 \\
  \$aot -m $main "\$@"
LAUNCHER
chmod 755 "$root/opt/legitimera/bin/legitimera"
ln -s /opt/legitimera/bin/legitimera "$root/usr/bin/legitimera"
install -m 644 "$here/se.legitimera.Legitimera.desktop" "$root/usr/share/applications/"
install -m 644 "$here/se.legitimera.Legitimera-autostart.desktop" "$root/etc/xdg/autostart/"
install -m 644 "$common/legitimera.png" "$root/usr/share/icons/hicolor/256x256/apps/legitimera.png"
install -m 644 "$common/policy.properties" "$root/etc/legitimera/policy.properties"
cat > "$root/usr/share/doc/legitimera/copyright" <<COPYRIGHT
Legitimera $version, https://legitimera.se
License: EUPL-1.2
The bundled Java runtime (/opt/legitimera/lib/runtime) is OpenJDK, GPL-2.0 with the Classpath Exception;
its notices are in /opt/legitimera/lib/runtime/legal. Third-party libraries are in /opt/legitimera/lib/app/mods.
COPYRIGHT
chmod -R u+rwX,go+rX,go-w "$root"

for type in $types; do
  case "$type" in
    deb)
      command -v dpkg-deb >/dev/null || { echo "build-packages.sh: dpkg-deb missing (apt-get install dpkg-dev)" >&2; exit 1; }
      arch=$(dpkg --print-architecture)
      mkdir -p "$root/DEBIAN"
      sed -e "s/@VERSION@/$deb_version/" -e "s/@ARCH@/$arch/" \
          -e "s/@SIZE_KB@/$(du -sk --exclude=DEBIAN "$root" | cut -f1)/" "$here/deb/control.in" > "$root/DEBIAN/control"
      # Only the policy is a conffile: remove must take the autostart entry away with the program.
      echo /etc/legitimera/policy.properties > "$root/DEBIAN/conffiles"
      install -m 755 "$here/deb/postinst" "$here/deb/prerm" "$here/deb/postrm" "$root/DEBIAN/"
      rm -f "$dest"/legitimera_*.deb
      dpkg-deb --root-owner-group -Zxz -z9 --build "$root" "$dest/legitimera_${deb_version}_${arch}.deb" >/dev/null
      rm -rf "$root/DEBIAN"
      ;;
    rpm)
      command -v rpmbuild >/dev/null || { echo "build-packages.sh: rpmbuild missing (apt-get install rpm, or dnf install rpm-build)" >&2; exit 1; }
      top="$dest/rpmbuild"
      rm -rf "$top" "$dest"/legitimera-*.rpm
      mkdir -p "$top"
      rpmbuild -bb --quiet --target "$(uname -m)" \
        --define "_topdir $top" --define "staging $root" \
        --define "pkg_version $base" --define "pkg_release $rpm_release" \
        --define "_rpmfilename %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm" \
        "$here/rpm/legitimera.spec"
      mv "$top"/RPMS/*.rpm "$dest/"
      rm -rf "$top"
      ;;
    *) echo "build-packages.sh: unknown package type '$type' (deb, rpm)" >&2; exit 2 ;;
  esac
done
rm -rf "$root"
ls -l "$dest"/*.deb "$dest"/*.rpm 2>/dev/null || true
