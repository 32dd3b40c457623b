#!/usr/bin/env bash
# Installs every OS package that Legitimera's build, stack tests (*IT) and installer smoke test load on
# Debian/Ubuntu. The list is derived from what the code loads, not from what a machine happens to have:
# the JavaFX part from the NEEDED entries of the glass/prism/font natives in javafx-graphics' Linux jar
# (scripts/check-native-libraries.sh re-checks them after this script, so a new JavaFX that needs more
# fails with the missing library's name instead of "Unable to load glass GTK library").
# Idempotent: installs only what is missing; needs root (or sudo) only when something is.
set -euo pipefail

packages=(
  # PC/SC: jnasmartcardio loads libpcsclite.so.1; PcscdFixture starts pcscd with vpcd's virtual
  # readers (the virtual SITHS card connects to vpcd as a TCP client).
  pcscd libpcsclite1 vsmartcard-vpcd
  # PKCS#11: opensc-pkcs11.so over the virtual card (OpenScFixture, GatewayCardIT), pkcs11-tool and
  # pkcs15-tool in the OpenSC stack tests; SoftHSM2 for the software-token tests.
  opensc opensc-pkcs11 softhsm2
  # X display for every window test and the tray: Xvfb (xvfb-run in .ci/run), xauth for xvfb-run,
  # trayer as the tray host (SystemTray.isSupported() in LauncherIT and bench/app), xwininfo
  # (x11-utils) and ImageMagick's import (screenshots) in LauncherIT and LauncherHandOverIT.
  xvfb xauth trayer x11-utils imagemagick
  # AWT (the tray icon): the JDK's libawt_xawt.so needs libX11, libXext, libXi, libXrender, libXtst.
  libx11-6 libxext6 libxi6 libxrender1 libxtst6
  # JavaFX 25 glass (libglassgtk3.so): libgtk-3.so.0, libgdk-3.so.0, pango/pangocairo, atk, cairo,
  # cairo-gobject, gdk-pixbuf, glib/gio/gobject/gthread, libXtst. Without GTK 3 every window fails
  # with "Unable to load glass GTK library".
  libgtk-3-0 libpango-1.0-0 libpangocairo-1.0-0 libatk1.0-0 libcairo2 libcairo-gobject2
  libgdk-pixbuf-2.0-0 libglib2.0-0
  # JavaFX prism_es2 (libGL, libXxf86vm: the pipeline a desktop without prism.order=sw uses, as the
  # README's demo command and bench/app do; the tests render with sw) and the font natives (freetype,
  # fontconfig, pangoft2) plus one font family, so that fontconfig finds a font for the labels.
  libgl1 libxxf86vm1 libfreetype6 libfontconfig1 libpangoft2-1.0-0 fonts-dejavu-core
  # Installers and their smoke test: jpackage's DEB needs fakeroot and objdump (binutils), its RPM
  # rpmbuild (rpm); the DEB's postinst runs update-desktop-database (desktop-file-utils) and the
  # smoke test asks xdg-mime (xdg-utils) for the legitimera:// handler and reads JSON with python3.
  # bench/installed/run.sh, after the smoke test in .ci/run, needs nothing more: Xvfb, trayer, pcscd + vpcd,
  # and python3, which closes the app's windows through libX11 (libx11-6) as a window manager would.
  xdg-utils desktop-file-utils fakeroot rpm binutils python3
  # scripts/check-native-libraries.sh unpacks the JavaFX natives to check them with ldd.
  unzip
  # Keycloak stack tests (keycloak/src/test/.../stack/Browser.java): every page the extension serves is
  # loaded in Debian's headless Chromium through Debian's chromedriver (Selenium is told both paths);
  # TrayAppLoginIT types the PIN into the tray app's login window with xdotool. The Keycloak
  # distribution itself is a Maven artifact (org.keycloak:keycloak-quarkus-dist), unpacked by the build.
  chromium chromium-driver xdotool
  # Keycloak cluster tests (keycloak/src/test/.../stack/PostgresServer.java, ClusterIT, the benchmark's cluster
  # half): Debian 12's PostgreSQL 15 server binaries, initdb, postgres and createdb under
  # /usr/lib/postgresql/15/bin, run in a temporary data folder as the package's postgres user. The
  # package's own service is not used by the tests.
  postgresql-15
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-test-stack: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-test-stack: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-test-stack: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
