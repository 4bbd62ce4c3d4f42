#!/usr/bin/env bash
# Build geokg's wheel, install it into a fresh virtual environment and use it from another
# directory: the installed package must carry its own data (lexicon, gazetteer, ontology, shapes,
# named queries, page assets). usage: bash scripts/check_wheel.sh [PYTHON]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${1:-python3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$PY" -m pip wheel --disable-pip-version-check -q --no-deps -w "$WORK/dist" "$ROOT"
"$PY" -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --disable-pip-version-check -q "$WORK"/dist/geokg-*.whl
cd "$WORK"  # not the repository: nothing may be read from the source tree
unset GEOKG_ONTOLOGY
"$WORK/venv/bin/kg" build "$ROOT/seeds" --out "$WORK/out"
test -s "$WORK/out/statements.jsonl" && test -s "$WORK/out/graph.html"
"$WORK/venv/bin/kg" validate --graph "$WORK/out"
"$WORK/venv/bin/kg" query --list >"$WORK/queries.txt"
grep '^central' "$WORK/queries.txt" >/dev/null
"$WORK/venv/bin/kg" query --name central --graph "$WORK/out" >"$WORK/central.txt"
grep '^actor .*events' "$WORK/central.txt" >/dev/null
"$WORK/venv/bin/kg" diff --from 2025-03-01 --to 2025-03-31 --graph "$WORK/out" >/dev/null
echo "wheel check: ok"
