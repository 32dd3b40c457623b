#!/usr/bin/env bash
# Installs the OS packages that Legitimera's stack tests (*IT) need on Debian/Ubuntu:
# PC/SC (pcscd + the vsmartcard vpcd virtual reader), OpenSC and its PKCS#11 module, SoftHSM2,
# an X server for JavaFX (Xvfb, xauth), a tray host (trayer), and the installer tools (fakeroot, rpm).
# Idempotent: installs only what is missing; needs root (or sudo) only when something is.
set -euo pipefail

packages=(
  pcscd libpcsclite1 pcsc-tools vsmartcard-vpcd
  opensc opensc-pkcs11 softhsm2
  xvfb xauth trayer x11-utils imagemagick
  xdg-utils desktop-file-utils fakeroot rpm binutils
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
