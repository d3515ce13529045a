#!/usr/bin/env bash
# Makes the release archives from a clean checkout, into dist/uit/:
#   klachtverslag-VERSIE-windows-x86_64.zip   klachtverslag.exe, LEESMIJ.txt, voorbeeld/, licenties/
#   klachtverslag-VERSIE-linux-x86_64.tar.gz  klachtverslag (static, musl), the same extras
#   SHA256SUMS
# and checks the licence policy (dist/about.toml) on the way: a crate under a licence that is
# not accepted stops it.
#
# Needs Debian's gcc-mingw-w64-x86-64 (the Windows linker) and musl-tools (musl-gcc for the
# C in mimalloc), installed here when missing and run as root; the two Rust targets are added
# with rustup; cargo-about and cargo-cyclonedx are installed from crates.io into the tools
# folder once. The archives are reproducible: entries sorted, dated at the last commit.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSIE=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
UIT=dist/uit
TOOLS="${KLACHTVERSLAG_TOOLS:-$HOME/.cache/klachtverslag/tools}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/klachtverslag/target}"
EPOCH=$(git log -1 --format=%ct 2>/dev/null || echo 0)
WIN=x86_64-pc-windows-gnu
LINUX=x86_64-unknown-linux-musl

stap() { echo "maak: $*" >&2; }

missing=()
command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(gcc-mingw-w64-x86-64)
command -v musl-gcc >/dev/null || missing+=(musl-tools)
if ((${#missing[@]})); then
  stap "installeer ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
installed=$(rustup target list --installed)
for t in $WIN $LINUX; do
  grep -qx "$t" <<<"$installed" || rustup target add "$t"
done
if [[ ! -x "$TOOLS/bin/cargo-about" ]]; then
  stap "installeer cargo-about in $TOOLS"
  cargo install --quiet --locked --root "$TOOLS" --features cli cargo-about@0.9.3
fi
if [[ ! -x "$TOOLS/bin/cargo-cyclonedx" ]]; then
  stap "installeer cargo-cyclonedx in $TOOLS"
  cargo install --quiet --locked --root "$TOOLS" cargo-cyclonedx@0.5.9
fi

stap "bouw voor Windows en Linux (profiel dist)"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
cargo build --locked --profile dist --target $WIN
cargo build --locked --profile dist --target $LINUX

WERK=$(mktemp -d)
trap 'rm -rf "$WERK"' EXIT

stap "licenties (beleid: dist/about.toml) en SBOM"
# Every crate of every platform in Cargo.lock, from crates.io, so that cargo-about can run
# --offline (it then asks no licence service online).
cargo fetch --locked --quiet
"$TOOLS/bin/cargo-about" about generate --locked --offline --fail \
  -c dist/about.toml -o "$WERK/DERDEN.txt" dist/derden.hbs
for t in $WIN $LINUX; do
  "$TOOLS/bin/cargo-cyclonedx" cyclonedx --format json --spec-version 1.5 --target "$t" \
    --override-filename "sbom-$t.cdx" >/dev/null
  # A random serial number and the clock would make every archive different: left out.
  python3 - "sbom-$t.cdx.json" "$WERK/sbom-$t.cdx.json" <<'PY'
import json, sys
bom = json.load(open(sys.argv[1], encoding="utf-8"))
bom.pop("serialNumber", None)
bom.get("metadata", {}).pop("timestamp", None)
json.dump(bom, open(sys.argv[2], "w", encoding="utf-8"), indent=2, ensure_ascii=False)
PY
  rm -f "sbom-$t.cdx.json"
done

# One folder per archive: klachtverslag-VERSIE/...
vul() { # vul MAP PROGRAMMA SBOM REGELEINDE
  local map=$1/klachtverslag-$VERSIE
  mkdir -p "$map/voorbeeld" "$map/licenties"
  cp "$2" "$map/"
  sed "s/VERSIE/$VERSIE/" dist/LEESMIJ.txt >"$map/LEESMIJ.txt"
  cp data/voorbeeld/klachtenregister.csv data/voorbeeld/config.toml "$map/voorbeeld/"
  cp LICENSE "$map/licenties/LICENSE.txt"
  cp report-templates/fonts/LICENSE-*.txt "$map/licenties/"
  cp "$WERK/DERDEN.txt" "$map/licenties/DERDEN.txt"
  cp "$3" "$map/licenties/sbom.cdx.json"
  if [[ $4 == crlf ]]; then # Notepad and Windows tools read CRLF text
    for f in "$map/LEESMIJ.txt" "$map"/licenties/*.txt; do sed -i 's/\r*$/\r/' "$f"; done
  fi
}
vul "$WERK/win" "$CARGO_TARGET_DIR/$WIN/dist/klachtverslag.exe" "$WERK/sbom-$WIN.cdx.json" crlf
vul "$WERK/linux" "$CARGO_TARGET_DIR/$LINUX/dist/klachtverslag" "$WERK/sbom-$LINUX.cdx.json" lf

rm -rf "$UIT"
mkdir -p "$UIT"
ZIP="klachtverslag-$VERSIE-windows-x86_64.zip"
TGZ="klachtverslag-$VERSIE-linux-x86_64.tar.gz"
python3 - "$WERK/win" "$UIT/$ZIP" "$EPOCH" <<'PY'
import os, sys, time, zipfile
root, out, epoch = sys.argv[1], sys.argv[2], int(sys.argv[3])
stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
paths = []
for d, _, files in os.walk(root):
    paths += [os.path.join(d, f) for f in files]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for p in sorted(paths):
        info = zipfile.ZipInfo(os.path.relpath(p, root).replace(os.sep, "/"), stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = (0o755 if p.endswith(".exe") else 0o644) << 16
        with open(p, "rb") as f:
            z.writestr(info, f.read(), compresslevel=9)
PY
chmod 755 "$WERK/linux/klachtverslag-$VERSIE/klachtverslag"
tar --sort=name --mtime="@$EPOCH" --owner=0 --group=0 --numeric-owner -C "$WERK/linux" \
  -cf - "klachtverslag-$VERSIE" | gzip -9n >"$UIT/$TGZ"
(cd "$UIT" && sha256sum "$ZIP" "$TGZ" >SHA256SUMS)

stap "klaar:"
ls -l "$UIT" >&2
