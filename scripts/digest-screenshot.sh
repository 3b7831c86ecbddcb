#!/usr/bin/env bash
# Renders the HR digest's HTML (the golden file of the digest tests) in headless Chromium and
# checks that the page really rendered: a PNG exists, is not tiny, and is not one flat colour.
# Installs Debian's chromium first when it is missing (needs root or sudo, and apt).
#
# usage: scripts/digest-screenshot.sh [HTML-FILE [PNG-FILE]]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
html=${1:-$root/tests/fixtures/digest/hr-weekly.html}
png=${2:-$root/target/digest-screenshot/hr-digest.png}

if [[ ! -f $html ]]; then
    echo "no HTML digest at $html (run cargo test digest first)" >&2
    exit 1
fi

# shellcheck source=scripts/chromium.sh
source "$root/scripts/chromium.sh"

mkdir -p "$(dirname "$png")"
rm -f "$png"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

# NOTE: timeout keeps a hung browser from holding CI; the render itself takes a few seconds.
timeout 50 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --disable-sync --hide-scrollbars \
    --user-data-dir="$profile" --screenshot="$png" --window-size=1000,1400 \
    "file://$(realpath "$html")" >/dev/null 2>&1 || true

python3 - "$png" <<'PY'
import struct
import sys
import zlib

path = sys.argv[1]
try:
    data = open(path, "rb").read()
except OSError:
    sys.exit(f"no screenshot at {path}: chromium did not render the digest")
if len(data) < 10_000:
    sys.exit(f"{path} is only {len(data)} bytes: the page did not render")
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit(f"{path} is not a PNG")

pos, idat, width, height, ctype = 8, b"", 0, 0, 0
while pos < len(data):
    (length,) = struct.unpack(">I", data[pos:pos + 4])
    kind = data[pos + 4:pos + 8]
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
        if depth != 8 or ctype not in (2, 6):
            sys.exit(f"unexpected PNG format (depth {depth}, colour type {ctype})")
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
bpp = 4 if ctype == 6 else 3
raw = zlib.decompress(idat)
stride = width * bpp
prev = bytearray(stride)
colours = {}
for y in range(height):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1:
            line[i] = (line[i] + a) & 0xFF
        elif f == 2:
            line[i] = (line[i] + b) & 0xFF
        elif f == 3:
            line[i] = (line[i] + (a + b) // 2) & 0xFF
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            line[i] = (line[i] + pred) & 0xFF
    prev = line
    if y % 4 == 0:
        for x in range(0, width, 4):
            px = bytes(line[x * bpp:x * bpp + 3])
            colours[px] = colours.get(px, 0) + 1
total = sum(colours.values())
top = max(colours.values())
if len(colours) < 2:
    sys.exit(f"{path} is one flat colour: the page did not render")
if top / total > 0.98:
    sys.exit(f"{path} is {100 * top / total:.1f}% one colour: the page looks blank")
print(f"{path}: {width}x{height}, {len(data)} bytes, {len(colours)} colours sampled; the digest rendered")
PY
