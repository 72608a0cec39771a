#!/usr/bin/env bash
# Installs pgvector into the installed PostgreSQL server, built from Debian's source package.
#
# Debian bookworm has no pgvector package; trixie has one (postgresql-17-pgvector). Nothing from
# trixie is installed as a binary: only the pgvector *source* package is fetched from trixie,
# through a private apt source list (deb-src only, its own lists and cache under a temporary
# folder), so the machine's own apt sources and package state are left as they were. apt checks
# the trixie Release signature with Debian's archive keyring and the source files against the
# hashes it signs, as for any apt download. The build tools and the server headers come from the
# machine's own (bookworm) sources; the headers are pinned to the installed server's version so
# installing them never upgrades (and restarts) the running server.
#
# Usage (root): bash .ci/install-pgvector.sh
#   PGVECTOR_PG_MAJOR=15        the server's major version (default: the newest installed
#                               postgresql-<major> package)
#   PGVECTOR_SUITE=trixie       the Debian suite to take the source package from
#   PGVECTOR_REBUILD=1          rebuild and reinstall even when pgvector is already installed
# Idempotent: when the server already has pgvector (vector.control and vector.so), it says so
# and exits 0. Any failure stops the script with what went wrong and how to fix it.
set -euo pipefail

started=$(date +%s)
say() { printf '[install-pgvector %3ss] %s\n' "$(($(date +%s) - started))" "$*"; }
fail() {
  printf '[install-pgvector] FAILED: %s\n' "$*" >&2
  exit 1
}
trap 'fail "command failed (exit $?) at line $LINENO: $BASH_COMMAND"' ERR

suite=${PGVECTOR_SUITE:-trixie}
mirror=${PGVECTOR_MIRROR:-http://deb.debian.org/debian}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
export DEBIAN_FRONTEND=noninteractive

[[ $(id -u) -eq 0 ]] || fail "run as root (it installs packages and writes into PostgreSQL's folders)"
command -v apt-get >/dev/null || fail "apt-get not found: this script is for Debian (bookworm)"
[[ -r $keyring ]] || fail "$keyring is missing: apt-get install debian-archive-keyring"

# --- which server -----------------------------------------------------------------------------
major=${PGVECTOR_PG_MAJOR:-}
if [[ -z $major ]]; then
  major=$({ dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' 'postgresql-[0-9]*' 2>/dev/null || true; } |
    awk '$1 == "ii" && $2 ~ /^postgresql-[0-9]+$/ { sub("postgresql-", "", $2); print $2 }' |
    sort -n | tail -n 1)
fi
[[ -n $major ]] || fail "no postgresql-<major> server package is installed: install PostgreSQL first (apt-get install postgresql), or set PGVECTOR_PG_MAJOR"
server_version=$(dpkg-query -W -f='${Version}' "postgresql-$major" 2>/dev/null) ||
  fail "postgresql-$major is not installed (PGVECTOR_PG_MAJOR=$major)"
pg_config=/usr/lib/postgresql/$major/bin/pg_config
say "PostgreSQL $major ($server_version)"

installed_version() {
  local sharedir libdir
  [[ -x $pg_config ]] || return 1
  sharedir=$("$pg_config" --sharedir)
  libdir=$("$pg_config" --pkglibdir)
  [[ -f $sharedir/extension/vector.control && -f $libdir/vector.so ]] || return 1
  sed -n "s/^default_version *= *'\(.*\)'.*/\1/p" "$sharedir/extension/vector.control"
}

if [[ ${PGVECTOR_REBUILD:-0} != 1 ]] && version=$(installed_version); then
  say "pgvector $version is already installed for PostgreSQL $major (PGVECTOR_REBUILD=1 rebuilds it)"
  echo "pgvector $version"
  exit 0
fi

# --- build tools and the server's headers, from the machine's own sources ---------------------
headers="postgresql-server-dev-$major"
install_tools() {
  # The headers of the exact server version: a newer postgresql-server-dev would pull a newer
  # server package along, and upgrading it restarts the Debian cluster.
  apt-get install -y -qq --no-install-recommends gcc make dpkg-dev "$headers=$server_version" >/dev/null ||
    apt-get install -y -qq --no-install-recommends gcc make dpkg-dev "$headers" >/dev/null
}
say "installing gcc, make, dpkg-dev and $headers from the machine's apt sources"
if ! install_tools; then
  say "not found in the current package lists: apt-get update, then again"
  apt-get update -qq || fail "apt-get update failed (see above): check the network and /etc/apt/sources.list.d"
  install_tools || fail "could not install $headers (for PostgreSQL $server_version) with gcc, make and dpkg-dev from the machine's apt sources (see apt's message above)"
fi
[[ -x $pg_config ]] || fail "$pg_config is missing after installing $headers"

# --- the source package, from Debian's $suite, checked by apt ---------------------------------
work=$(mktemp -d /tmp/quire-pgvector.XXXXXX)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/parts" "$work/source"
echo "deb-src [signed-by=$keyring] $mirror $suite main" >"$work/sources.list"
apt_private=(
  -o "Dir::Etc::SourceList=$work/sources.list"
  -o "Dir::Etc::SourceParts=$work/parts"
  -o "Dir::State::Lists=$work/lists"
  -o "Dir::Cache=$work/cache"
  -o "APT::Sandbox::User=root"
)
say "fetching the $suite source index from $mirror (deb-src only, private lists)"
apt-get "${apt_private[@]}" update -qq ||
  fail "apt-get update of '$suite' sources failed (signature or network, see above): the Release file must be signed by a key in $keyring"
say "downloading the pgvector source package"
(cd "$work/source" && apt-get "${apt_private[@]}" source --download-only -qq pgvector) ||
  fail "apt-get source pgvector from $suite failed (see above): is pgvector still in Debian's $suite?"
dsc=$(ls "$work"/source/pgvector_*.dsc 2>/dev/null | head -n 1)
[[ -n $dsc ]] || fail "no pgvector .dsc was downloaded into $work/source"
say "unpacking $(basename "$dsc") (files checked by apt against the signed index)"
# The .dsc's own signature needs debian-keyring (developers' keys), not installed here; its
# files were already checked by apt against the signed Sources index.
(cd "$work/source" && dpkg-source --no-copy -x "$(basename "$dsc")" pgvector >/dev/null 2>"$work/dpkg-source.log") || {
  cat "$work/dpkg-source.log" >&2
  fail "dpkg-source could not unpack $(basename "$dsc")"
}

# --- build and install against this server ----------------------------------------------------
cd "$work/source/pgvector"
jobs=$(nproc 2>/dev/null || echo 2)
say "building with make -j$jobs against $pg_config"
# with_llvm=no: no JIT bitcode (it would need clang and is not used by these queries).
make -s -j"$jobs" PG_CONFIG="$pg_config" with_llvm=no >"$work/build.log" 2>&1 || {
  tail -n 40 "$work/build.log" >&2
  fail "make failed building pgvector against PostgreSQL $major (last lines above)"
}
make -s PG_CONFIG="$pg_config" with_llvm=no install >"$work/install.log" 2>&1 || {
  tail -n 40 "$work/install.log" >&2
  fail "make install failed (last lines above)"
}
version=$(installed_version) || fail "make install finished but vector.control or vector.so is not in $("$pg_config" --sharedir)/extension and $("$pg_config" --pkglibdir)"
say "installed pgvector $version for PostgreSQL $major; CREATE EXTENSION vector now works in its databases (no restart needed)"
echo "pgvector $version"
