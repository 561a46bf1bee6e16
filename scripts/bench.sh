#!/usr/bin/env bash
# `npm run bench`: runs every benchmark in bench/ and prints its figures (no pass/fail).
# Each bench adds one line below.
set -uo pipefail
cd "$(dirname "$0")/.."
npx tsx bench/probeBench.ts
bash bench/sidecar.sh
npx tsx bench/serverBench.ts
npx tsx bench/textExtractionBench.ts
npx tsx bench/shutdownBench.ts
bash bench/pool.sh
npx tsx bench/workspaceBench.ts
npx tsx bench/entityRulesBench.ts
bash bench/languages.sh
