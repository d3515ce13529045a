#!/usr/bin/env bash
# The page's edit loop, server-side: how long a change on the page takes until the new report is
# there (the answer to the form comes after the report is made). A text edit (the register is
# not read again) and a column mapping (it is), on the bundled example register and on a
# 100,000-row register. Called by bench/run.sh (ONLY=pagina); the peer has no page, so these
# are absolute times beside their goal, all from this one run.
#
#   bash bench/pagina.sh BIN DIR RUNS
set -euo pipefail
bin=$1; dir=$2; runs=${3:-5}
port=$((20000 + RANDOM % 20000))
log="$dir/pagina.log"; jar="$dir/pagina.cookies"
KLACHTVERSLAG_BROWSER=nee "$bin" web --poort "$port" > "$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q token= "$log" 2>/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port"
curl -s -c "$jar" -o /dev/null "$(grep -o 'http://[^ ]*token=[0-9a-f]*' "$log")"
origin=(-H "Origin: $base")
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Uploads a register (and config); prints the session id and its form token.
upload() {
  local f loc id
  f=$(curl -s -b "$jar" "$base/" | grep -o 'controle?f=[0-9a-f]*' | head -1 | cut -d= -f2)
  loc=$(curl -s -b "$jar" "${origin[@]}" -o /dev/null -w '%{redirect_url}' "$@" "$base/controle?f=$f")
  id=$(echo "$loc" | grep -o 's=[0-9a-f]*' | cut -d= -f2)
  f=$(curl -s -b "$jar" "$base/?s=$id" | grep -o 'kolommen?f=[0-9a-f]*' | head -1 | cut -d= -f2)
  echo "$id $f"
}

# Median seconds of RUNS changes: a text edit, and a column mapping switched back and forth.
loop() {
  local id=$1 f=$2 kind=$3 i
  for i in $(seq "$runs"); do
    if [ "$kind" = tekst ]; then
      curl -s -b "$jar" "${origin[@]}" -o /dev/null -w '%{time_total}\n' \
        -F "teksten.voorwoord=Versie $i van het voorwoord over {{ jaar }}." "$base/s/$id/instellingen?f=$f"
    else
      # "klager" read from its own header by a mapping, then automatically: read again each time.
      local kop=Klager; [ $((i % 2)) = 0 ] && kop=
      curl -s -b "$jar" "${origin[@]}" -o /dev/null -w '%{time_total}\n' \
        --data-urlencode "kolom.klager=$kop" "$base/s/$id/kolommen?f=$f"
    fi
  done | median
}

[ -f "$dir/100k.csv" ] || "$bin" genereer --rijen 100000 --jaren 4 --eenheden 50 --zaad 1 --uit "$dir/100k.csv" >/dev/null
page=$(for _ in $(seq "$runs"); do curl -s -b "$jar" -o /dev/null -w '%{time_total}\n' "$base/"; done | median)
# Each upload under another name, so no report is the one before (Typst would reuse its work).
start=$(for i in $(seq "$runs"); do
  s=$(date +%s.%N); upload -F register=@data/voorbeeld/klachtenregister.csv -F config=@data/voorbeeld/config.toml -F "organisatie=Zorggroep $i" >/dev/null
  echo "$(date +%s.%N) - $s" | bc -l; done | median)
printf '| de pagina (server) | s | doel |\n|---|---|---|\n| lege pagina | %.3f | < 0,1 s |\n| voorbeeld kiezen: controle + verslag + pagina | %.3f | < 0,5 s |\n\n' "$page" "$start"
printf '| bewerken (server) | tekst gewijzigd | kolom gekoppeld | doel |\n|---|---|---|---|\n'
read -r id f < <(upload -F register=@data/voorbeeld/klachtenregister.csv -F config=@data/voorbeeld/config.toml)
printf '| voorbeeldregister (792 rijen) | %.3f s | %.3f s | ≤ 0,25 s |\n' "$(loop "$id" "$f" tekst)" "$(loop "$id" "$f" kolom)"
read -r id f < <(upload -F register=@"$dir/100k.csv")
printf '| 100.000 rijen | %.3f s | %.3f s | ≤ 1 s |\n' "$(loop "$id" "$f" tekst)" "$(loop "$id" "$f" kolom)"
