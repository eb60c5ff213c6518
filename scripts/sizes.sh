#!/usr/bin/env bash
# The sizes of dist/ (bytes, raw, gzip -9 and brotli -q 11), and what a reader transfers:
#   FIRST PAINT   the heaviest prerendered page with everything its first paint needs: the page,
#                 the stylesheet and the boot script (brotli; the budget is 14 KB, one TCP window)
#   INTERACTIVE   what the widget loads after the first paint: the wasm, its JavaScript glue and
#                 the snapshot (brotli)
# Every file but the prerendered pages and their downloads is listed; those are summarized.
set -euo pipefail
dist="${1:-dist}"
br() { brotli -q 11 -c "$1" | wc -c; }
printf '%-48s %10s %10s %10s\n' file raw gzip brotli
while IFS= read -r f; do
  printf '%-48s %10d %10d %10d\n' "${f#"$dist"/}" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)" "$(br "$f")"
done < <(find "$dist" -maxdepth 2 -type f ! -name '*.br' ! -name '*.gz' | sort)

css=$(br "$(find "$dist" -maxdepth 1 -name 'main-*.css' | head -1)")
boot=$(br "$dist/boot.js")
pages=0 heaviest=0 heaviest_page=""
while IFS= read -r p; do
  pages=$((pages + 1))
  b=$(br "$p")
  if [ "$b" -gt "$heaviest" ]; then heaviest=$b heaviest_page=${p#"$dist"/}; fi
done < <(find "$dist" -mindepth 3 -name '*.html' | sort)
downloads=$(find "$dist" -mindepth 3 \( -name '*.csv' -o -name '*.json' \) | wc -l)
wasm=$(br "$(find "$dist" -maxdepth 1 -name '*_bg.wasm' | head -1)")
glue=$(br "$(find "$dist" -maxdepth 1 -name 'open-model-share-*.js' | head -1)")
snapshot=$(br "$dist/data/snapshot.json")
printf '%-48s %10d pages, %d downloads\n' "prerendered" "$pages" "$downloads"
printf '%-48s %10d (%s)\n' "heaviest page" "$heaviest" "$heaviest_page"
printf 'FIRST PAINT %d (page %d + stylesheet %d + boot script %d)\n' \
  $((heaviest + css + boot)) "$heaviest" "$css" "$boot"
printf 'INTERACTIVE %d (wasm %d + glue %d + snapshot %d)\n' \
  $((wasm + glue + snapshot)) "$wasm" "$glue" "$snapshot"
