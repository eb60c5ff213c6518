#!/usr/bin/env bash
# Installs whatever is missing, then runs every test tier; any failure (or a tier that runs no
# test) fails the command.
#   1. cargo fmt --check, leptosfmt --check; cargo clippy -D warnings for the host and for wasm32
#   2. host: cargo test of the pure core (good and bad fixture snapshots) and of the host tools
#      (the oms command, the snapshot builder), a minute of the property test, the JSON Schema
#   3. browser: wasm-bindgen-test in headless Chromium through chromedriver (real components)
#   4. release build (the widget, the prerendered pages, their downloads), with the size of every
#      file in dist/ and the checks on the first paint (a budget) and the interactive part (a ratchet)
#   5. end to end: Playwright against dist/ served on 127.0.0.1 under /widgets/oms/
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$OMS_ROOT"
oms_setup_build
oms_setup_test

# Fails unless the output of a cargo test run reports at least one passed test and no failure.
require_tests_ran() {
  local log="$1" what="$2"
  if ! grep -Eq '^test result: ok\. [1-9][0-9]* passed' "$log"; then
    echo "FAILED: $what ran no test" >&2
    return 1
  fi
  if grep -Eq '^test result: FAILED' "$log"; then
    echo "FAILED: $what" >&2
    return 1
  fi
}

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

oms_log "cargo fmt --check; leptosfmt --check (the view! macros)"
cargo fmt --all -- --check
leptosfmt --check src tests/web.rs

oms_log "cargo clippy (host: the core and the host tools)"
cargo clippy --locked -p oms-core -p oms-tools --all-targets -- -D warnings
oms_log "cargo clippy (wasm32: the widget and the core)"
cargo clippy --locked -p open-model-share --all-targets --target wasm32-unknown-unknown -- -D warnings
cargo clippy --locked -p oms-core --lib --target wasm32-unknown-unknown -- -D warnings

oms_log "host tests: the core, the oms command and the snapshot builder"
cargo test --locked -p oms-core -p oms-tools 2>&1 | tee "$logs/host.log"
require_tests_ran "$logs/host.log" "cargo test (host)"

oms_log "snapshot builder: Parquet files written by pyarrow, as the study's dataset is"
python3 -c 'import pyarrow' 2>/dev/null || python3 -m pip install --quiet pyarrow
cargo build --locked -p oms-tools --bin oms
python3 tests/pyarrow_check.py "$CARGO_TARGET_DIR/debug/oms"

oms_log "property test: random snapshots never panic (about a minute, overflow checks on)"
OMS_FUZZ_SECONDS="${OMS_FUZZ_SECONDS:-55}" cargo test --locked -p oms-core --test fuzz -- --ignored --nocapture 2>&1 | tee "$logs/fuzz.log"
require_tests_ran "$logs/fuzz.log" "the property test"

oms_log "JSON Schema of the snapshot"
python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install --quiet jsonschema
python3 tests/schema_check.py

oms_log "browser tests: wasm-bindgen-test in headless Chromium"
CHROMEDRIVER=/usr/bin/chromedriver \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --locked -p open-model-share --target wasm32-unknown-unknown --test web 2>&1 | tee "$logs/web.log"
require_tests_ran "$logs/web.log" "wasm-bindgen-test (browser)"

# The end-to-end tests load data from the example host page's origin (allowed here, to test a
# CORS refusal) and refuse any other.
# Built for the address the end-to-end tests serve it at: absolute share and oEmbed addresses.
OMS_PUBLIC_URL="http://127.0.0.1:${OMS_E2E_PORT:-8787}/widgets/oms/" \
  OMS_DATA_ORIGINS="http://127.0.0.1:$(( ${OMS_E2E_PORT:-8787} + 1 ))" oms_build_release
oms_log "sizes of dist/ (bytes)"
bash scripts/sizes.sh dist | tee "$logs/sizes.txt"
# The first paint of every prerendered page fits one TCP initial window (DESIGN.md): a budget.
first_paint=$(awk '/^FIRST PAINT/ { print $3 }' "$logs/sizes.txt")
echo "first paint: $first_paint bytes brotli (budget 14000)"
if [ "$first_paint" -gt 14000 ]; then
  echo "FAILED: a prerendered page needs $first_paint bytes brotli for its first paint, above 14000" >&2
  exit 1
fi
# What the widget loads after the first paint may not grow: a ceiling a little above today's size,
# to be lowered step by step to the budget of DESIGN.md (120 KB; the README says what is missing).
# Raised from 158,500 for the data editor's annotations (9.0 KB: their validation, placement,
# wrapping, views and strings in three languages), reading a series by its nearest date (3.4 KB:
# the guide, the tooltip of every series at a date, touch scrubbing, the keyboard by date and
# series), listening to the chart (4.6 KB: the score, Web Audio, the words in three languages)
# and playing a series through time (2.7 KB), then a faster hover over a series over time (1.9 KB:
# the tooltip written in place, into the text nodes it holds, and moved by a transform; markers,
# the guide and one shape taking the pointer over the plot); README, "Performance". Brotli moves
# the same code by up to 0.2 KB when a build-time string changes, so the ceiling keeps 0.4 KB
# above today's 179.8 KB.
interactive=$(awk '/^INTERACTIVE/ { print $2 }' "$logs/sizes.txt")
ceiling="${OMS_INTERACTIVE_CEILING:-180200}"
echo "interactive: $interactive bytes brotli (ceiling $ceiling; budget 120000)"
if [ "$interactive" -gt "$ceiling" ]; then
  echo "FAILED: the interactive widget grew to $interactive bytes brotli, above the ceiling of $ceiling" >&2
  exit 1
fi
listener=$(stat -c %s dist/embed.js)
if [ "$listener" -ge 1024 ]; then
  echo "FAILED: dist/embed.js is $listener bytes; the host listener must stay under 1 KB" >&2
  exit 1
fi

oms_log "end-to-end tests: Playwright (Chromium $(chromium --version 2>/dev/null | awk '{print $2}'))"
rm -rf tests/e2e/artifacts
npx playwright test -c tests/e2e/playwright.config.mjs 2>&1 | tee "$logs/e2e.log"
if ! grep -Eq '^ *[1-9][0-9]* passed' "$logs/e2e.log"; then
  echo "FAILED: the end-to-end tests ran no test" >&2
  exit 1
fi
ls tests/e2e/artifacts/screenshots/*.png >/dev/null

oms_log "all tiers passed"
