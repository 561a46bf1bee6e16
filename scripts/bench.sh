#!/usr/bin/env bash
# `npm run bench`: runs every benchmark in bench/ and prints its figures (no pass/fail).
# Each bench adds one line below.
set -uo pipefail
cd "$(dirname "$0")/.."
# Real prose the benches read (fidelity: fortune-mod's quotes and the Jargon File).
source scripts/lib/apt-packages.sh
ensure_debian_packages jargon-text fortunes fortunes-min || echo "bench: could not install jargon-text, fortunes, fortunes-min" >&2
npx tsx bench/probeBench.ts
bash bench/sidecar.sh
npx tsx bench/serverBench.ts
npx tsx bench/textExtractionBench.ts
npx tsx bench/formatBench.ts
npx tsx bench/shutdownBench.ts
bash bench/pool.sh
npx tsx bench/workspaceBench.ts
npx tsx bench/entityRulesBench.ts
npx tsx bench/storyBibleBench.ts
npx tsx bench/campaignBench.ts
bash bench/languages.sh
bash bench/cjk.sh
