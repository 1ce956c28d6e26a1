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
  libgraphviz-dev mscgen golang-github-go-sql-driver-mysql-dev
  traceroute
)
# From bookworm-backports: Go 1.23, the oldest Go that generated code must still build on.
BPO_PKGS=(golang-1.23-go)
# From trixie-backports: Go 1.27, the release the answers describe; it runs every example
# and compiles generated code. Only these two packages come from trixie: the suite is
# pinned at priority 50 (never chosen on its own) and they are asked for by name/suite.
TBPO_PKGS=(golang-1.27-go golang-1.27-src)

missing=()
for p in "${DEB_PKGS[@]}" "${BPO_PKGS[@]}" "${TBPO_PKGS[@]}"; do
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
  if ! grep -rqs "trixie-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "deb http://deb.debian.org/debian trixie-backports main" |
      $SUDO tee /etc/apt/sources.list.d/bagu-trixie-backports.list >/dev/null
  fi
  if [ ! -f /etc/apt/preferences.d/bagu-trixie-backports ]; then
    printf 'Package: *\nPin: release n=trixie-backports\nPin-Priority: 50\n' |
      $SUDO tee /etc/apt/preferences.d/bagu-trixie-backports >/dev/null
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  deb=(); bpo=(); tbpo=()
  for p in "${missing[@]}"; do
    case " ${BPO_PKGS[*]} " in *" $p "*) bpo+=("$p"); continue ;; esac
    case " ${TBPO_PKGS[*]} " in *" $p "*) tbpo+=("$p/trixie-backports"); continue ;; esac
    deb+=("$p")
  done
  [ ${#deb[@]} -eq 0 ] || $SUDO apt-get install -y -qq --no-install-recommends "${deb[@]}" >/dev/null
  [ ${#bpo[@]} -eq 0 ] || $SUDO apt-get install -y -qq --no-install-recommends -t bookworm-backports "${bpo[@]}" >/dev/null
  # pkg/suite selects the version of exactly these packages; -t would raise the whole
  # suite's priority for their dependencies too.
  [ ${#tbpo[@]} -eq 0 ] || $SUDO apt-get install -y -qq --no-install-recommends "${tbpo[@]}" >/dev/null
fi

# npm packages (pinned in package-lock.json): browser assets and test drivers.
if [ -f "$here/package.json" ]; then
  stamp="$here/node_modules/.bagu-stamp"
  if [ ! -f "$stamp" ] || [ "$here/package-lock.json" -nt "$stamp" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >&2
    touch "$stamp"
  fi
fi
