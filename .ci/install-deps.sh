#!/usr/bin/env bash
# Installs every Debian 12 package Liyuan needs to build, run and test.
# Idempotent: skips apt-get when everything is already present.
set -euo pipefail
PKGS=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev qt6-declarative-dev qt6-quick3d-dev qt6-shadertools-dev
  qt6-l10n-tools qt6-tools-dev-tools qt6-tools-dev
  qml6-module-qtqml qml6-module-qtqml-workerscript qml6-module-qtqml-models
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-templates
  qml6-module-qtquick-layouts qml6-module-qtquick-window qml6-module-qtquick-dialogs
  qml6-module-qtquick-shapes qml6-module-quick3d qml6-module-quick3d-helpers
  libopenscenegraph-dev openscenegraph
  libgdal-dev gdal-bin libproj-dev proj-bin libgeos-dev
  libassimp-dev libjpeg62-turbo-dev libcitygml-dev
  libpaho-mqttpp-dev libpaho-mqtt-dev mosquitto mosquitto-clients openssl
  libgl-dev libegl-dev libglx-mesa0 libgl1-mesa-dri mesa-utils
  xvfb xauth fonts-noto-cjk
  qt6-multimedia-dev qml6-module-qtmultimedia
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly
  gstreamer1.0-libav gstreamer1.0-tools libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev libgstrtspserver-1.0-dev
  libopencv-calib3d-dev qtkeychain-qt6-dev gnome-keyring dbus dbus-x11 libsecret-tools
  time
  qt6-httpserver-dev qt6-websockets-dev chromium nginx qml6-module-qt-labs-folderlistmodel
  libmeshoptimizer-dev libdraco-dev libpng-dev
  libsquish-dev
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# export-3dtiles tests: node + npm (Debian's, unless a node/npm is already on PATH)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages of the tests (tests/web/package.json + package-lock.json: cesium, gltf-validator),
# installed once into tests/web/node_modules (git-ignored; CMake's LIYUAN_WEB_MODULES points there)
WEB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/web"
if [ -f "$WEB_DIR/package-lock.json" ] && [ ! -d "$WEB_DIR/node_modules" ]; then
  npm ci --prefix "$WEB_DIR" --no-audit --no-fund
fi
