#!/usr/bin/env python3
"""Ships the page's wasm gzip-compressed by zopfli: dist/X_bg.wasm becomes dist/X_bg.wasm.gz, and
index.html loads it through `ormPlayground.fetchWasm` (web/bridge.js), which inflates it with the
browser's own `DecompressionStream` as it streams into the compiler.

Why: a static host such as GitHub Pages compresses the wasm with gzip as it serves it; zopfli
writes the same gzip format 4–5 % smaller (691 KB instead of 723 KB on the 2026-12-07 module,
docs/size.md), and a file that is already compressed is served as it is. Nothing is added to
the page: no decoder, the browser's inflate is native and runs while the bytes arrive.
The catches, measured (docs/size.md, docs/benchmarks.md): on localhost the start-up was up to
90 ms slower than with the plain file on a first visit and no slower on a repeat one (no network
there for the saved bytes to pay anything back); V8 caches no compiled code for a module compiled
from an inflated stream; and a host that serves Brotli (Netlify,
Cloudflare Pages) would have sent the plain wasm at about 596 KB — for such a host build with
`scripts/build-site.sh --plain-wasm`. It is here because the page must fit the 720 KB guard.

    scripts/precompress-wasm.py [dist]      # run by scripts/build-site.sh, last; needs zopfli
"""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def compress(wasm: Path, zopfli: str) -> bytes:
    """The wasm as gzip, by zopfli. With zopfli's Python module (`pip install zopfli`,
    scripts/install-tools.sh) the deflate stream may be split into as many blocks as pay off
    (`blocksplittingmax=0`): the command line caps it at 15 blocks, so each block's Huffman codes
    span ~100 KB of SQLite's C, Rust's code, the shell's text and the data at once. Unlimited, the
    same bytes inflate from a stream about 0.9 KB shorter (docs/size.md, "Room for time travel");
    more iterations (`--i50`) bought only 31 B more. Without the module, the command line's
    result (the same format, a little larger)."""
    try:
        import zopfli.zopfli as module  # pyzopfli
    except ImportError:
        print("precompress-wasm: no zopfli Python module (pip install zopfli): zopfli's command line, ~1 KB larger",
              file=sys.stderr)
        return subprocess.run([zopfli, "--gzip", "-c", str(wasm)], stdout=subprocess.PIPE, check=True).stdout
    data = wasm.read_bytes()
    packed = module.compress(data, numiterations=15, blocksplitting=1, blocksplittingmax=0, gzip_mode=1)
    if gzip.decompress(packed) != data:
        raise SystemExit("precompress-wasm: zopfli's output does not inflate to the wasm")
    return packed


def main() -> int:
    dist = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist"
    zopfli = shutil.which("zopfli")
    if zopfli is None:
        print("precompress-wasm: zopfli not found; run scripts/install-tools.sh", file=sys.stderr)
        return 1
    index = dist / "index.html"
    html = index.read_text()
    wasms = sorted(dist.glob("*_bg.wasm"))
    if len(wasms) != 1:
        print(f"precompress-wasm: expected one *_bg.wasm in {dist}, found {len(wasms)}", file=sys.stderr)
        return 1
    wasm = wasms[0]
    packed = dist / f"{wasm.name}.gz"
    # Trunk's loader, `init({ module_or_path: './X_bg.wasm' })`, and its preload of the same file.
    loader = re.compile(r"module_or_path:\s*(['\"])\.?/?" + re.escape(wasm.name) + r"\1")
    preload = re.compile(r"<link\b[^>]*\bhref=\"?\.?/?" + re.escape(wasm.name) + r"\"?[^>]*>")
    if len(loader.findall(html)) != 1 or len(preload.findall(html)) != 1:
        print(f"precompress-wasm: index.html does not load {wasm.name} the way Trunk writes it "
              "(has Trunk's loader changed?)", file=sys.stderr)
        return 1
    packed.write_bytes(compress(wasm, zopfli))
    html = loader.sub(f"module_or_path: ormPlayground.fetchWasm('./{packed.name}')", html)
    html = preload.sub(f"<link as=fetch crossorigin href=./{packed.name} rel=preload>", html)
    index.write_text(html)
    size = wasm.stat().st_size
    wasm.unlink()
    print(f"precompress-wasm: {wasm.name} {size} -> {packed.name} {packed.stat().st_size} bytes (zopfli)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
