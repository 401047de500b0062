#!/usr/bin/env bash
# Installs (or reinstalls) a resellerdesk .deb as an administrator would: apt installs it with the Debian
# packages it depends on. Run as root. Used by package-test.sh and by the team tests on top of it.
#
#   scripts/testing/install-package.sh FILE.deb
set -euo pipefail
deb=${1:?usage: install-package.sh FILE.deb}
[ "$(id -u)" -eq 0 ] || { echo "install-package.sh: run as root (it installs a package)" >&2; exit 2; }
[ -f "$deb" ] || { echo "install-package.sh: $deb not found" >&2; exit 2; }
# apt takes a local file only as a path (./x.deb or /abs/x.deb); --reinstall runs the maintainer scripts again
# when this very version is installed already, so a second run checks they are idempotent.
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
apt_install() { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --reinstall "$deb"; }
if ! apt_install; then
  # A dependency apt does not know yet (lists never fetched on a fresh machine): fetch them and try again.
  echo "install-package.sh: apt-get install failed; updating the package lists and trying again" >&2
  apt-get update -qq
  apt_install
fi
dpkg-query -W -f='${db:Status-Status} ${Version}\n' resellerdesk
