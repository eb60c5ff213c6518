#!/usr/bin/env bash
# Where the widget's wasm bytes go, by crate and by module of this crate: the release build run
# through wasm-bindgen and `wasm-opt -Oz -g` (as Trunk does, keeping the names) and read by twiggy.
# Sizes are before compression. Usage: bash bench/wasm-profile.sh [N rows of top functions]
# Every function's size stays in /tmp/oms-twiggy-top.csv (twiggy's CSV), to look further.
set -euo pipefail
source "$(dirname "$0")/../scripts/setup.sh"
cd "$OMS_ROOT"
command -v twiggy >/dev/null || cargo install --locked twiggy
cargo build --locked --release --target wasm32-unknown-unknown --bin open-model-share
out=$(mktemp -d)
trap 'cp "$out/top.csv" /tmp/oms-twiggy-top.csv 2>/dev/null; rm -rf "$out"' EXIT
wasm-bindgen --target web --out-dir "$out" \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/open-model-share.wasm"
wasm-opt -Oz -g --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/open-model-share_bg.wasm" -o "$out/named.wasm"
twiggy top -n 100000 -f csv "$out/named.wasm" > "$out/top.csv"
python3 - "$out/top.csv" "${1:-25}" <<'PY'
import collections, csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1])))
by_crate, by_module = collections.Counter(), collections.Counter()
for r in rows:
    name, size = r["Name"], int(r["ShallowSize"])
    if name.startswith("custom section") or "function names" in name:
        continue
    bare = name.lstrip("<")
    m = re.match(r"([a-z_][a-z0-9_]*)", bare)
    crate = "(data)" if name.startswith("data segment") else (m.group(1) if m else name[:24])
    by_crate[crate] += size
    m = re.match(r"(?:open_model_share|oms_core)::([a-z_]+)(?:::([a-z_]+))?", bare)
    if m:
        by_module["::".join(x for x in m.groups() if x)] += size
total = sum(by_crate.values())
print(f"{total} bytes of code and data (before compression)")
for k, v in by_crate.most_common(int(sys.argv[2])):
    print(f"{v:8d} {100 * v / total:5.1f} %  {k}")
print("this crate, by module:")
for k, v in by_module.most_common(int(sys.argv[2])):
    print(f"{v:8d}  {k}")
PY
