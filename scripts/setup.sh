#!/usr/bin/env bash
# scripts/setup.sh — install everything bagu's build, run and tests need on Debian bookworm.
# Idempotent: when every package is present it only checks and exits (well under a second).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)

# Debian packages from bookworm (main).
DEB_PKGS=(
  build-essential cmake pkg-config clang libclang-rt-14-dev
  libsqlite3-dev sqlite3 libyaml-dev libyajl-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev
  libmicrohttpd-dev libcmocka-dev
  golang-gopkg-yaml.v3-dev golang-github-burntsushi-toml-dev
  mariadb-server libmariadb-dev jq python3 python3-yaml
  nodejs chromium fonts-wqy-microhei curl wrk hyperfine time
)
# From bookworm-backports: Go 1.23 for example checks and compiling generated code.
BPO_PKGS=(golang-1.23-go)

missing=()
for p in "${DEB_PKGS[@]}" "${BPO_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm is provided either by Debian's npm package or by nodesource's nodejs.
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  if ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "deb http://deb.debian.org/debian bookworm-backports main" |
      $SUDO tee /etc/apt/sources.list.d/bagu-backports.list >/dev/null
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  deb=(); bpo=()
  for p in "${missing[@]}"; do
    case " ${BPO_PKGS[*]} " in *" $p "*) bpo+=("$p") ;; *) deb+=("$p") ;; esac
  done
  [ ${#deb[@]} -eq 0 ] || $SUDO apt-get install -y -qq --no-install-recommends "${deb[@]}" >/dev/null
  [ ${#bpo[@]} -eq 0 ] || $SUDO apt-get install -y -qq --no-install-recommends -t bookworm-backports "${bpo[@]}" >/dev/null
fi

# npm packages (pinned in package-lock.json): browser assets and test drivers.
if [ -f "$here/package.json" ]; then
  stamp="$here/node_modules/.bagu-stamp"
  if [ ! -f "$stamp" ] || [ "$here/package-lock.json" -nt "$stamp" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >&2
    touch "$stamp"
  fi
fi
