#!/usr/bin/env bash
# Fetch the Apache Jena Fuseki 5.6.0 runtime jars (jena-fuseki-main) from Maven Central into lib/ (once; see
# tools/maven-jars.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$here/../maven-jars.sh" "$here" "Jena Fuseki" "jena-fuseki-main-5.6.0.jar"
