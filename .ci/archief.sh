#!/usr/bin/env bash
# Checks the release archives (dist/uit, made by dist/maak.sh) as a user's machine meets them:
# the Windows program under Wine, the Linux program unpacked into an empty folder. Each runs the
# example report (PDF, JSON, XLSX and manifest byte-identical to what the tested Linux build
# writes), `controleer` on a register with errors (the same Dutch messages, exit 1), and the
# start without arguments (a double-click), whose printed address serves the page.
# Usage: .ci/archief.sh REFERENCE_BINARY
set -uo pipefail
cd "$(dirname "$0")/.."
REF=$(realpath "$1")
VERSIE=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
UIT=$(realpath dist/uit)
WERK=$(mktemp -d)
export WINEPREFIX="${WINEPREFIX:-$HOME/.cache/klachtverslag/wine}"
export WINEDEBUG=-all
export KLACHTVERSLAG_BROWSER=nee
passed=0
failed=0
ok() { echo "ok: $*"; passed=$((passed + 1)); }
nok() { echo "MISLUKT: $*"; failed=$((failed + 1)); }
cleanup() {
  jobs -p | xargs -r kill 2>/dev/null
  command -v wineserver >/dev/null && wineserver -k 2>/dev/null
  rm -rf "$WERK"
}
trap cleanup EXIT

if ! command -v wine >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wine64 >/dev/null
fi
command -v wine >/dev/null || ln -sf /usr/lib/wine/wine64 /usr/local/bin/wine

(cd "$UIT" && sha256sum -c --quiet SHA256SUMS) && ok "SHA256SUMS" || nok "SHA256SUMS"

# The reference: the tested Linux build on the same files, from the same relative paths.
mkdir -p "$WERK/ref/voorbeeld" "$WERK/ref/fouten"
cp data/voorbeeld/klachtenregister.csv data/voorbeeld/config.toml "$WERK/ref/voorbeeld/"
cp fixtures/fouten/register.csv "$WERK/ref/fouten/"
(cd "$WERK/ref" && "$REF" verslag --register voorbeeld/klachtenregister.csv \
  --config voorbeeld/config.toml --jaar 2024 --uit verslag >/dev/null 2>&1)
(cd "$WERK/ref" && "$REF" controleer --register fouten/register.csv >/dev/null 2>controleer.txt)

# check NAME FOLDER COMMAND...: runs the program from FOLDER the way a user would.
check() {
  local naam=$1 map=$2
  shift 2
  cp -r "$WERK/ref/fouten" "$map/fouten"
  if (cd "$map" && "$@" verslag --register voorbeeld/klachtenregister.csv \
    --config voorbeeld/config.toml --jaar 2024 --uit verslag >uit.txt 2>&1); then
    ok "$naam: verslag"
  else
    nok "$naam: verslag ($(tail -n3 "$map/uit.txt"))"
  fi
  for f in jaarverslag-2024.pdf cijfers-2024.json tabellen-2024.xlsx manifest.json; do
    if cmp -s "$map/verslag/$f" "$WERK/ref/verslag/$f"; then
      ok "$naam: $f byte voor byte gelijk aan Linux"
    else
      nok "$naam: $f verschilt van Linux"
    fi
  done
  (cd "$map" && "$@" controleer --register fouten/register.csv >/dev/null 2>controleer.txt)
  local code=$?
  if [[ $code == 1 ]] && grep -q 'rij 3, kolom datum_ontvangst' "$map/controleer.txt" &&
    cmp -s "$map/controleer.txt" "$WERK/ref/controleer.txt"; then
    ok "$naam: controleer (exit 1, dezelfde Nederlandse meldingen)"
  else
    nok "$naam: controleer (exit $code): $(head -n3 "$map/controleer.txt")"
  fi
  # The start without arguments: the address it prints serves the page.
  (cd "$map" && exec "$@" >start.txt 2>&1 </dev/null) &
  local pid=$! url=""
  for _ in $(seq 1 120); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*/?token=[0-9a-f]*' "$map/start.txt" | head -n1)
    [[ -n $url ]] && break
    sleep 0.5
  done
  local status
  # The address sets a cookie and leads to the page, as in a browser.
  status=$(curl -sL -c "$map/koekjes" -b "$map/koekjes" -o "$map/pagina.html" -w '%{http_code}' "$url")
  if [[ $status == 200 ]] && grep -q 'Register kiezen' "$map/pagina.html" &&
    grep -q 'Stoppen: sluit dit venster' "$map/start.txt"; then
    ok "$naam: start zonder opdracht geeft de pagina ($url)"
  else
    nok "$naam: start zonder opdracht: HTTP $status, $(head -n3 "$map/start.txt")"
  fi
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

# Windows, under Wine, unpacked as Explorer's "Alles uitpakken" would.
mkdir -p "$WERK/win"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
  "$UIT/klachtverslag-$VERSIE-windows-x86_64.zip" "$WERK/win"
WINMAP="$WERK/win/klachtverslag-$VERSIE"
# Test tooling, never in the archive: ProcessPrng for Wine 8 (see .ci/wine/bcryptprimitives.c).
x86_64-w64-mingw32-gcc -O2 -shared -o "$WINMAP/bcryptprimitives.dll" \
  .ci/wine/bcryptprimitives.c .ci/wine/bcryptprimitives.def -ladvapi32
wineboot -i >/dev/null 2>&1 || true
check windows "$WINMAP" wine "$WINMAP/klachtverslag.exe"
if [[ -f "$WINMAP/LEESMIJ.txt" && -f "$WINMAP/licenties/DERDEN.txt" && -f "$WINMAP/licenties/sbom.cdx.json" ]]; then
  ok "windows: LEESMIJ, licenties en SBOM aanwezig"
else
  nok "windows: LEESMIJ, licenties of SBOM ontbreekt"
fi

# Linux: unpacked into an empty folder and run from there.
mkdir -p "$WERK/linux"
tar -xzf "$UIT/klachtverslag-$VERSIE-linux-x86_64.tar.gz" -C "$WERK/linux"
LINMAP="$WERK/linux/klachtverslag-$VERSIE"
if file "$LINMAP/klachtverslag" | grep -qE 'statically linked|static-pie linked'; then
  ok "linux: statisch gelinkt"
else
  nok "linux: niet statisch: $(file "$LINMAP/klachtverslag")"
fi
check linux "$LINMAP" "$LINMAP/klachtverslag"

echo "archief: $passed passed, $failed failed"
[[ $failed == 0 ]]
