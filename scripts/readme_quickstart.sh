#!/usr/bin/env bash
# Run the README's quick start word for word: its first ```sh block, one shell, stop at the first
# failure. .ci/run calls this on a fresh clone, so the quick start cannot drift from what works.
set -euo pipefail
cd "$(dirname "$0")/.."
block="$(awk '/^```sh$/ {inside=1; next} inside && /^```/ {exit} inside {print}' README.md)"
if [ -z "$block" ]; then
  echo "error: README.md: no \`\`\`sh quick start block" >&2
  exit 2
fi
printf '%s\n' "--- README quick start ---" "$block" "---"
bash -euo pipefail -c "$block"
