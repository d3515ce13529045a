#!/usr/bin/env bash
# Speed and memory of klachtverslag beside its peer (../shared/peer: pandas + pyarrow +
# matplotlib + one Typst compile per report), on the same synthetic registers, in one run:
# interleaved (peer, ours, peer, ours, …), medians, and the ratio peer ÷ ours. Peak RSS by GNU
# time; the floor beside each: the same file read and every cell parsed, no other work.
# Goals are ratios (docs/prestaties.md); absolute times on these machines vary by the day.
#
#   bash bench/run.sh                 # all scenarios, 5 rounds each
#   RUNS=1 bash bench/run.sh          # one round each (the 1,000-unit batch takes minutes)
#   ONLY="1k" bash bench/run.sh       # scenarios whose name contains this
#   BASELINE=/path/to/old/klachtverslag bash bench/run.sh   # also an older binary, same run
#   ONLY=pagina bash bench/run.sh     # the web page's upload and edit loop only
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
BASELINE=${BASELINE:-}
ONLY=${ONLY:-}
DIR=${BENCH_DIR:-/tmp/klachtverslag-bench}
PEER=${PEER:-../shared/peer/run.sh}
mkdir -p "$DIR"

[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
python3 -c "import polars, fastexcel" 2>/dev/null || pip install -q polars fastexcel

cargo build --release -q
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/klachtverslag

gen() { [ -f "$DIR/$1" ] || "$bin" genereer --rijen "$2" --jaren 4 --eenheden "$3" ${4:+--clusters $4} --zaad 1 --uit "$DIR/$1" >/dev/null; }

# name | ours | peer ('' = none) | file for the floor | goal
declare -a names ours peers floors goals
add() { names+=("$1"); ours+=("$2"); peers+=("$3"); floors+=("$4"); goals+=("$5"); }
want() { [ -z "$ONLY" ] || [[ "$1" == *"$ONLY"* ]]; }
if want "1k"; then gen 1k.csv 1000 5
  add "1k rijen, één verslag" "$bin verslag --register $DIR/1k.csv --jaar 2024 --uit $DIR/o-1k" \
      "$PEER --register $DIR/1k.csv --jaar 2024 --uit $DIR/p-1k" 1k.csv "≥ 15×"; fi
if want "1M"; then gen 1m.csv 1000000 50
  add "1M rijen (4 jaar), één verslag" "$bin verslag --register $DIR/1m.csv --jaar 2024 --uit $DIR/o-1m" \
      "$PEER --register $DIR/1m.csv --jaar 2024 --uit $DIR/p-1m" 1m.csv "≥ 3×, ≤ 600 MB"; fi
if want "50"; then gen 100k-50c.csv 100000 50 50
  add "100k rijen, --per cluster (50)" "$bin verslag --register $DIR/100k-50c.csv --jaar 2024 --uit $DIR/o-50 --per cluster --stil" \
      "$PEER --register $DIR/100k-50c.csv --jaar 2024 --uit $DIR/p-50 --per-cluster" 100k-50c.csv "≥ 10×"; fi
if want "1.000"; then gen 200k.csv 200000 1000
  add "200k rijen, --per zorgaanbieder (1.000)" "$bin verslag --register $DIR/200k.csv --jaar 2024 --uit $DIR/o-1000 --per zorgaanbieder --stil" \
      "" 200k.csv "≤ 30 s, ≤ 500 MB"; fi
# The brief unit reports (--beknopt: no contents, charts or Verantwoording annex). The peer
# still makes full reports, so these ratios are not the goal's; they show what the option buys.
# (A BASELINE binary older than the option fails these at once.)
if want "beknopt"; then gen 100k-50c.csv 100000 50 50; gen 200k.csv 200000 1000
  add "100k rijen, --per cluster (50) --beknopt" "$bin verslag --register $DIR/100k-50c.csv --jaar 2024 --uit $DIR/o-50b --per cluster --stil --beknopt" \
      "$PEER --register $DIR/100k-50c.csv --jaar 2024 --uit $DIR/p-50 --per-cluster" 100k-50c.csv "– (optie)"
  add "200k rijen, --per zorgaanbieder (1.000) --beknopt" "$bin verslag --register $DIR/200k.csv --jaar 2024 --uit $DIR/o-1000b --per zorgaanbieder --stil --beknopt" \
      "" 200k.csv "– (optie)"; fi
if want "XLSX"; then gen 100k.xlsx 100000 50; gen 100k.csv 100000 50
  add "100k rijen XLSX, één verslag" "$bin verslag --register $DIR/100k.xlsx --jaar 2024 --uit $DIR/o-xlsx" \
      "$PEER --register $DIR/100k.xlsx --jaar 2024 --uit $DIR/p-xlsx" 100k.xlsx "≥ 5×"; fi

# Wall time of one run, without a shell in between (the commands have no quotes or spaces).
secs() { local TIMEFORMAT=%R; { time $1 >/dev/null 2>&1; } 2>&1 | tail -1; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rss() { { /usr/bin/time -f '%M' sh -c "$1 >/dev/null 2>&1"; } 2>&1 | tail -1; }

printf '| scenario | klachtverslag | peer | ratio | goal | peak RSS ours / peer | floor (read + parse) |%s\n|---|---|---|---|---|---|---|%s\n' \
  "${BASELINE:+ before | ratio before |}" "${BASELINE:+---|---|}"
for i in "${!names[@]}"; do
  : > "$DIR/ours.t"; : > "$DIR/peer.t"; : > "$DIR/base.t"
  base_cmd=${ours[$i]/#$bin/$BASELINE}
  # One warm-up each (the peer's first call makes its virtual environment).
  sh -c "${ours[$i]}" >/dev/null 2>&1 || true
  [ -z "${peers[$i]}" ] || sh -c "${peers[$i]}" >/dev/null 2>&1 || true
  [ -z "$BASELINE" ] || sh -c "$base_cmd" >/dev/null 2>&1 || true
  for _ in $(seq "$RUNS"); do
    [ -z "${peers[$i]}" ] || secs "${peers[$i]}" >> "$DIR/peer.t"
    [ -z "$BASELINE" ] || secs "$base_cmd" >> "$DIR/base.t"
    secs "${ours[$i]}" >> "$DIR/ours.t"
  done
  o=$(median < "$DIR/ours.t")
  extra=""
  if [ -n "$BASELINE" ]; then
    b=$(median < "$DIR/base.t")
    if [ -n "${peers[$i]}" ]; then rb=$(printf '%.1f×' "$(echo "$(median < "$DIR/peer.t") / $b" | bc -l)"); else rb="–"; fi
    extra=$(printf ' %.3f s | %s |' "$b" "$rb")
  fi
  if [ -n "${peers[$i]}" ]; then
    p=$(median < "$DIR/peer.t")
    ratio=$(printf '%.1f×' "$(echo "$p / $o" | bc -l)")
    pt=$(printf '%.3f s' "$p"); prss="$(( $(rss "${peers[$i]}") / 1024 )) MB"
  else
    ratio="–"; pt="–"; prss="–"
  fi
  # The floor: every cell of the file read and parsed as text, nothing else (polars' multi-
  # threaded CSV reader; for XLSX calamine through fastexcel), best of three.
  floor=$(python3 - "$DIR/${floors[$i]}" <<'PY'
import sys, time, polars as pl
path = sys.argv[1]
best = None
for _ in range(3):
    t = time.perf_counter()
    if path.endswith(".xlsx"):
        df = pl.read_excel(path, engine="calamine", infer_schema_length=0)
    else:
        df = pl.read_csv(path, separator=";", infer_schema=False)
    assert df.height > 0
    e = time.perf_counter() - t
    best = e if best is None else min(best, e)
print("%.3f s" % best)
PY
)
  printf '| %s | %.3f s | %s | %s | %s | %s MB / %s | %s |%s\n' "${names[$i]}" "$o" "$pt" "$ratio" "${goals[$i]}" \
    "$(( $(rss "${ours[$i]}") / 1024 ))" "$prss" "$floor" "$extra"
done

# The web page (klachtverslag web), server-side as curl measures it: the page, the upload with
# check and report, and the edit loop (a text edited, a column mapped) on the example register
# and on 100,000 rows (bench/pagina.sh).
if want "pagina"; then echo; bash bench/pagina.sh "$bin" "$DIR" "$RUNS"; fi
