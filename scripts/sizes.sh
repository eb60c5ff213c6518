#!/usr/bin/env bash
# Prints every file in dist/ raw, gzip -9 and brotli -q 11, the total, and the total a first visit
# transfers (in bytes): every file but those a reader's first visit does not fetch (the JSON
# Schema, for data editors; embed.js, loaded by host pages; fallback.svg, shown without JavaScript).
set -euo pipefail
dist="${1:-dist}"
printf '%-48s %10s %10s %10s\n' file raw gzip brotli
total_raw=0 total_gz=0 total_br=0 first_raw=0 first_gz=0 first_br=0
while IFS= read -r f; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
  case "$f" in
    *.schema.json | */embed.js | */fallback.svg) ;;
    *) first_raw=$((first_raw + raw)) first_gz=$((first_gz + gz)) first_br=$((first_br + br)) ;;
  esac
  printf '%-48s %10d %10d %10d\n' "${f#"$dist"/}" "$raw" "$gz" "$br"
done < <(find "$dist" -type f ! -name '*.br' ! -name '*.gz' | sort)
printf '%-48s %10d %10d %10d\n' TOTAL "$total_raw" "$total_gz" "$total_br"
printf '%-48s %10d %10d %10d\n' "FIRST VISIT" "$first_raw" "$first_gz" "$first_br"
