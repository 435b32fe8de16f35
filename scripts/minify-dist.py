#!/usr/bin/env python3
"""Minifies the JavaScript in dist/ with terser after `trunk build` (Trunk leaves its
wasm-bindgen glue and our scripts as they are), then rewrites the subresource-integrity hashes
that index.html holds for them, so the browser still checks every file.

    scripts/minify-dist.py [dist]      # terser from .tools/ (scripts/install-tools.sh)
"""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TERSER = ROOT / ".tools" / "node_modules" / ".bin" / "terser"


def sri(data: bytes, algorithm: str) -> str:
    return f"{algorithm}-" + base64.b64encode(hashlib.new(algorithm, data).digest()).decode()


def main() -> int:
    dist = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist"
    index = dist / "index.html"
    html = index.read_text()
    for script in sorted(dist.glob("*.js")):
        before = script.stat().st_size
        # The glue is an ES module; the others are classic scripts (a worker module has no
        # top-level names to mangle either way).
        module = ["--module"] if re.search(r"^\s*export ", script.read_text(), re.M) else []
        subprocess.run([str(TERSER), str(script), *module, "--compress", "passes=2", "--mangle",
                        "--output", str(script)], check=True)
        data = script.read_bytes()
        # Every integrity attribute on a tag that names this file gets the new hash.
        def rehash(match: re.Match) -> str:
            tag = match.group(0)
            if script.name not in tag:
                return tag
            # Trunk --minify leaves attribute values unquoted.
            return re.sub(r'integrity=("?)(sha\d+)-[^"\s>]*\1',
                          lambda m: f'integrity={m.group(1)}{sri(data, m.group(2))}{m.group(1)}', tag)
        html = re.sub(r"<[^>]+>", rehash, html)
        print(f"minify-dist: {script.name} {before} -> {len(data)} bytes")
    index.write_text(html)
    # Every file index.html names with an integrity hash must match it, or the page won't load.
    for tag in re.findall(r"<[^>]+integrity=[^>]+>", html):
        ref = re.search(r'(?:href|src)="?\.?/?([^"\s>]+)', tag)
        want = re.search(r'integrity="?(sha\d+)-([^"\s>]+)', tag)
        if ref and want and (dist / ref.group(1)).is_file():
            got = sri((dist / ref.group(1)).read_bytes(), want.group(1))
            if got != f"{want.group(1)}-{want.group(2)}":
                print(f"minify-dist: the integrity hash of {ref.group(1)} in index.html is wrong", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
