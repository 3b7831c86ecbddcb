#!/usr/bin/env bash
# Renders the HTML of EVERY email kind in every language, as `upward preview KIND --html
# --language LANG` prints it for a fresh `upward init` program, in headless Chromium at 320,
# 375 and 800 px wide, in light and dark
# colour schemes, and checks that nothing overflows: the page does not scroll sideways
# (document.scrollingElement.scrollWidth <= innerWidth) and no element is wider than the
# viewport. Prints a table kind x width x scheme -> ok/overflow; exits 1 on any overflow or
# when a page did not render.
# Chromium is found, or installed, by scripts/chromium.sh.
#
# usage: scripts/email-overflow.sh [UPWARD-BINARY]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
upward=${1:-$root/target/debug/upward}
out=$root/target/email-overflow
widths=(320 375 800)
schemes=(light dark)

if [[ ! -x $upward ]]; then
    echo "no upward binary at $upward (run cargo build first)" >&2
    exit 1
fi

# shellcheck source=scripts/chromium.sh
source "$root/scripts/chromium.sh"

rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$upward" init "$work/program" >/dev/null

# NOTE: every kind has templates/KIND.html.j2, so the templates folder is the list of kinds.
kinds=()
for t in "$root"/templates/*.html.j2; do
    kinds+=("$(basename "$t" .html.j2)")
done

# Each kind in each language the program writes: German and Dutch words run long.
languages=(en de fr es nl)
names=()
for kind in "${kinds[@]}"; do
    for lang in "${languages[@]}"; do
        "$upward" preview "$kind" --html --language "$lang" -c "$work/program/program.toml" \
            >"$out/$kind.$lang.html"
        names+=("$kind.$lang")
    done
done

# NOTE: headless Chromium will not make a window narrower than 500 px, so each email is
# laid out in an iframe of the width tested (an iframe is its own viewport: innerWidth,
# media queries and scrollWidth are its own). One page per scheme holds every kind at every
# width; a probe script measures each frame after layout and writes the verdicts into the
# DOM, which --dump-dom prints. The probe is never part of an email.
python3 - "$out" "$work/page.html" "${widths[*]}" "${names[@]}" <<'PY'
import html
import sys

out, page, widths, kinds = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4:]
frames = []
for kind in kinds:
    body = open(f"{out}/{kind}.html", encoding="utf-8").read()
    for w in widths:
        frames.append(
            f'<iframe data-kind="{kind}" data-width="{w}" style="display:block; border:0; '
            f'width:{w}px; height:700px" srcdoc="{html.escape(body, quote=True)}"></iframe>'
        )
probe = """<script>
addEventListener("load", function () {
  var rows = [];
  document.querySelectorAll("iframe").forEach(function (f) {
    var win = f.contentWindow, doc = f.contentDocument, w = win.innerWidth, wide = [];
    doc.querySelectorAll("body *").forEach(function (e) {
      var r = e.getBoundingClientRect();
      if (r.width > 0 && (r.right > w + 0.5 || r.left < -0.5)) {
        wide.push(e.tagName.toLowerCase() + " " + Math.round(r.left) + ".." + Math.round(r.right));
      }
    });
    rows.push({
      kind: f.dataset.kind,
      width: +f.dataset.width,
      inner: w,
      scroll: doc.scrollingElement.scrollWidth,
      dark: win.matchMedia("(prefers-color-scheme: dark)").matches,
      wide: wide.slice(0, 4)
    });
  });
  var p = document.createElement("pre");
  p.id = "overflow-probe";
  p.textContent = JSON.stringify(rows);
  document.body.appendChild(p);
});
</script>"""
with open(page, "w", encoding="utf-8") as f:
    f.write("<!doctype html><html><body style='margin:0'>" + "".join(frames) + probe + "</body></html>")
PY

for scheme in "${schemes[@]}"; do
    if [[ $scheme == dark ]]; then
        flags=(--force-dark-mode --blink-settings=preferredColorScheme=0)
    else
        flags=(--blink-settings=preferredColorScheme=1)
    fi
    # NOTE: timeout keeps a hung browser from holding CI; the whole page takes seconds.
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
        --disable-background-networking --disable-component-update --no-first-run \
        --disable-sync --hide-scrollbars --user-data-dir="$work/profile-$scheme" \
        --window-size=1000,900 --virtual-time-budget=5000 "${flags[@]}" \
        --dump-dom "file://$work/page.html" >"$out/dom-$scheme.html" 2>/dev/null || true
done

python3 - "$out" "${schemes[@]}" <<'PY'
import html
import json
import re
import sys

out, schemes = sys.argv[1], sys.argv[2:]
rows, bad = [], 0
for scheme in schemes:
    dom = open(f"{out}/dom-{scheme}.html", encoding="utf-8").read()
    m = re.search(r'<pre id="overflow-probe">([^<]*)</pre>', dom)
    if not m:
        print(f"{scheme}: the page did not render (no probe result in {out}/dom-{scheme}.html)")
        bad += 1
        continue
    for v in json.loads(html.unescape(m.group(1))):
        rows.append((v["kind"], v["width"], scheme, v))
rows.sort(key=lambda r: (r[0], r[1], r[2] != "light"))
print(f"{'kind.language':<24} {'width':>5}  {'scheme':<6} result")
for kind, width, scheme, v in rows:
    problems = []
    if v["inner"] != width:
        problems.append(f"viewport {v['inner']} px, not {width}")
    if (scheme == "dark") != v["dark"]:
        problems.append(f"prefers-color-scheme is not {scheme}")
    if v["scroll"] > v["inner"]:
        problems.append(f"scrolls to {v['scroll']} px")
    if v["wide"]:
        problems.append("wider than the viewport: " + "; ".join(v["wide"]))
    status = "ok" if not problems else "overflow (" + ", ".join(problems) + ")"
    bad += bool(problems)
    print(f"{kind:<24} {width:>5}  {scheme:<6} {status}")
print(f"{len(rows)} renders, {bad} with a problem")
sys.exit(1 if bad or not rows else 0)
PY
