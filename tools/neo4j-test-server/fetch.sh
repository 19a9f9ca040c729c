#!/usr/bin/env bash
# Fetch the Neo4j 5.26 Community runtime jars from Maven Central into lib/ (once; see tools/maven-jars.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$here/../maven-jars.sh" "$here" "Neo4j" "neo4j-5.26.*.jar"
