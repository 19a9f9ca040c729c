# Sourced by tools/neo4j-test-server/start.sh and tools/fuseki-test-server/start.sh, with "$@" and `here` (the
# server's tool directory) set: checks the arguments HOME PORT, fetches the jars once ($here/fetch.sh), checks for
# java, and sets `port` and `home` (created; absolute and normalized, so a relative HOME works and the JVM's
# working directory cannot change what it means).
if [[ $# -ne 2 ]]; then
  echo "usage: $0 HOME PORT" >&2
  exit 2
fi
port="$2"
"$here/fetch.sh"
command -v java > /dev/null || { echo "start.sh: java not found on PATH" >&2; exit 1; }
mkdir -p "$1"
home="$(cd "$1" && pwd -P)"
