#!/usr/bin/env bash
# The public corpora text-signal-service's sentiment model is trained and evaluated on (its model card,
# ./sentinel sentiment report --data-dir DIR) and the text-signal benchmarks read (SENTINEL_BENCH_DATA). Their texts
# carry no licence that lets this repository hold them (docs/corpora.md), so they are downloaded from where they are
# published, pinned to a commit, and each file is checked against its SHA-256 in text-signal-service/data/corpora.sha256.
#   tools/fetch-corpora.sh [DIR]           download what DIR lacks (default .sentinel/corpora), then verify it all
#   tools/fetch-corpora.sh --verify DIR    verify only, offline: every file present and its SHA-256 as expected
# --sums FILE (before the rest) checks against another list of sums. Exit status 1 when a file is missing or wrong.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SUMS=$ROOT/text-signal-service/data/corpora.sha256

SOPHONPLUS=https://raw.githubusercontent.com/SophonPlus/ChineseNlpCorpus/a0b781d72158bde242c0626c9e354d2b328865ff/datasets
BERT_WWM=https://raw.githubusercontent.com/ymcui/Chinese-BERT-wwm/f6410cbd89c49dee8a42a7f7d94d9cca87b431aa/data/chnsenticorp

# NAME URL [MEMBER]: the file, where it is published, and the member to take when that is a zip archive
source_of() {
  case "$1" in
    ChnSentiCorp_htl_all.csv) echo "$SOPHONPLUS/ChnSentiCorp_htl_all/ChnSentiCorp_htl_all.csv" ;;
    online_shopping_10_cats.csv) echo "$SOPHONPLUS/online_shopping_10_cats/online_shopping_10_cats.zip online_shopping_10_cats.csv" ;;
    chnsenticorp_train.tsv) echo "$BERT_WWM/chnsenticorp.zip train.tsv" ;;
    chnsenticorp_dev.tsv) echo "$BERT_WWM/chnsenticorp.zip dev.tsv" ;;
    chnsenticorp_test.tsv) echo "$BERT_WWM/chnsenticorp.zip test.tsv" ;;
    *) return 1 ;;
  esac
}

die() { printf 'fetch-corpora: %s\n' "$*" >&2; exit 2; }

# The names and sums of the list, one "SHA256 NAME" a line (sha256sum's format; blank lines and # comments skipped).
entries() {
  grep -v -e '^[[:space:]]*$' -e '^#' "$SUMS" | while read -r sum name; do
    [[ "$sum" =~ ^[0-9a-f]{64}$ ]] && [ -n "$name" ] || die "$SUMS: not a 'SHA256  NAME' line: $sum $name"
    printf '%s %s\n' "$sum" "${name#\*}"
  done
}

actual_sum() {
  sha256sum "$1" | cut -d' ' -f1
}

# Verifies every file of the list in $1; prints one line each, returns 1 if any is missing or differs.
verify() {
  local dir=$1 sum name actual failed=0
  while read -r sum name; do
    if [ ! -f "$dir/$name" ]; then
      printf 'MISSING   %s\n' "$name"; failed=1
    elif actual=$(actual_sum "$dir/$name"); [ "$actual" != "$sum" ]; then
      printf 'MISMATCH  %s  (sha256 %s, expected %s)\n' "$name" "$actual" "$sum"; failed=1
    else
      printf 'OK        %s\n' "$name"
    fi
  done < <(entries)
  return $failed
}

# Downloads one file into $1 unless a verified copy is there; a download that does not match is set aside.
fetch() {
  local dir=$1 sum=$2 name=$3 url member tmp
  if [ -f "$dir/$name" ] && [ "$(actual_sum "$dir/$name")" = "$sum" ]; then
    return 0
  fi
  local source
  source=$(source_of "$name") || die "no source known for $name (add it to source_of)"
  read -r url member <<< "$source"
  tmp=$(mktemp -d "$dir/.download.XXXXXX")
  printf 'downloading %s\n  from %s\n' "$name" "$url"
  if ! curl -fsSL --retry 3 -o "$tmp/download" "$url"; then
    rm -rf "$tmp"; printf 'FAILED    %s: could not download %s\n' "$name" "$url" >&2; return 0
  fi
  if [ -n "${member:-}" ]; then
    command -v unzip >/dev/null || die "unzip is needed to take $member out of $url"
    local path
    path=$(unzip -Z1 "$tmp/download" | grep -E "(^|/)$member\$" | head -n 1 || true)
    [ -n "$path" ] && unzip -p "$tmp/download" "$path" > "$tmp/file" \
      || { rm -rf "$tmp"; printf 'FAILED    %s: no %s in %s\n' "$name" "$member" "$url" >&2; return 0; }
  else
    mv "$tmp/download" "$tmp/file"
  fi
  if [ "$(actual_sum "$tmp/file")" = "$sum" ]; then
    mv "$tmp/file" "$dir/$name"
  else
    mv "$tmp/file" "$dir/$name.rejected"
    printf 'REJECTED  %s: its SHA-256 differs from the expected one; kept as %s.rejected\n' "$name" "$name" >&2
  fi
  rm -rf "$tmp"
}

if [ "${1:-}" = --sums ]; then
  [ -n "${2:-}" ] && [ -f "$2" ] || die "--sums needs a file"
  SUMS=$2; shift 2
fi
case "${1:-}" in
  -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  --verify)
    [ -n "${2:-}" ] || die "usage: tools/fetch-corpora.sh --verify DIR"
    [ -d "$2" ] || die "$2 is not a directory"
    verify "$2" ;;
  *)
    dir=${1:-$ROOT/.sentinel/corpora}
    command -v curl >/dev/null || die "curl is needed to download"
    mkdir -p "$dir"
    while read -r sum name; do fetch "$dir" "$sum" "$name"; done < <(entries)
    if verify "$dir"; then
      printf '\nAll corpora in %s. For the benchmarks: export SENTINEL_BENCH_DATA=%s\n' "$dir" "$(cd "$dir" && pwd)"
    else
      exit 1
    fi ;;
esac
