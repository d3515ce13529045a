#!/usr/bin/env bash
# Speed and memory of klachtverslag on synthetic registers (README, section "Performance").
# Release build, this machine; wall time by hyperfine (median of the runs, process start
# included), peak RSS by GNU time, and next to each the floor: a bare polars scan of the same
# CSV (Python polars, multi-threaded), which reads the file and nothing more.
#
#   bash bench/run.sh            # all scenarios
#   RUNS=1 WARMUP=0 bash bench/run.sh     # one run each (the 1.000-unit batch takes minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
DIR=${BENCH_DIR:-/tmp/klachtverslag-bench}
mkdir -p "$DIR"

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
python3 -c "import polars" 2>/dev/null || pip install -q polars

cargo build --release -q
bin=$PWD/target/release/klachtverslag

gen() { [ -f "$DIR/$1" ] || "$bin" genereer --rijen "$2" --jaren 4 --eenheden "$3" --zaad 1 --uit "$DIR/$1" >/dev/null; }
gen 1k.csv 1000 5
gen 100k.csv 100000 50
gen 100k.xlsx 100000 50
gen 200k.csv 200000 1000
gen 1m.csv 1000000 50

declare -a names cmds floors
add() { names+=("$1"); cmds+=("$2"); floors+=("$3"); }
add "1k rijen, één verslag" "$bin verslag --register $DIR/1k.csv --jaar 2024 --uit $DIR/o-1k" 1k.csv
add "1M rijen (4 jaar), één verslag" "$bin verslag --register $DIR/1m.csv --jaar 2024 --uit $DIR/o-1m" 1m.csv
add "100k rijen XLSX, één verslag" "$bin verslag --register $DIR/100k.xlsx --jaar 2024 --uit $DIR/o-xlsx" 100k.csv
add "100k rijen, --per zorgaanbieder (50)" "$bin verslag --register $DIR/100k.csv --jaar 2024 --uit $DIR/o-50 --per zorgaanbieder --stil" 100k.csv
add "200k rijen, --per zorgaanbieder (1.000)" "$bin verslag --register $DIR/200k.csv --jaar 2024 --uit $DIR/o-1000 --per zorgaanbieder --stil" 200k.csv

printf '| scenario | wall (median) | peak RSS | polars scan (floor) |\n|---|---|---|---|\n'
for i in "${!names[@]}"; do
  json="$DIR/h$i.json"
  hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --export-json "$json" "${cmds[$i]}" >/dev/null 2>&1 \
    || hyperfine --warmup "$WARMUP" --runs "$RUNS" --export-json "$json" "${cmds[$i]}" >/dev/null
  wall=$(python3 -c "import json;print('%.2f s' % json.load(open('$json'))['results'][0]['median'])")
  rss=$( { /usr/bin/time -f '%M' sh -c "${cmds[$i]} >/dev/null 2>&1"; } 2>&1 | tail -1 )
  floor=$(python3 - "$DIR/${floors[$i]}" <<'PY'
import sys, time, polars as pl
t = time.perf_counter()
pl.scan_csv(sys.argv[1], separator=";", infer_schema=False).select(pl.len()).collect()
print("%.2f s" % (time.perf_counter() - t))
PY
)
  printf '| %s | %s | %s MB | %s |\n' "${names[$i]}" "$wall" "$((rss / 1024))" "$floor"
done

# The web page (klachtverslag web): a static page, and upload + check + report of the example
# register, server-side as curl measures it (median of 5). Goals: < 0.1 s and < 0.5 s.
"$bin" web > "$DIR/web.out" 2>/dev/null &
web=$!
trap 'kill $web 2>/dev/null' EXIT
for _ in $(seq 50); do grep -q http "$DIR/web.out" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$DIR/web.out")
base=${url%%\?*}
curl -s -c "$DIR/cookies" -o /dev/null "$url"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
page=$(for _ in 1 2 3 4 5; do curl -s -b "$DIR/cookies" -o /dev/null -w '%{time_total}\n' "$base"; done | median)
upload=$(for _ in 1 2 3 4 5; do curl -s -b "$DIR/cookies" -o /dev/null -w '%{time_total}\n' \
  -F "register=@data/voorbeeld/klachtenregister.csv" -F "config=@data/voorbeeld/config.toml" "${base}controle"; done | median)
printf '| web: pagina | %.3f s | | |\n| web: upload + controle + verslag (voorbeeld) | %.3f s | | |\n' "$page" "$upload"
