#!/usr/bin/env python3
"""Minifies the JavaScript in dist/ with terser after `trunk build` (Trunk leaves its
wasm-bindgen glue and our scripts as they are), then rewrites the subresource-integrity hashes
that index.html holds for them, so the browser still checks every file it checks (the icon's
and the wasm preload's integrity, which browsers ignore, are dropped; so is a custom section of
the wasm no browser reads).

Before that it prunes exports nothing on the page uses: the stream adapters of wasm-streams
(`IntoUnderlyingSink`, `IntoUnderlyingSource`, `IntoUnderlyingByteSource`), which Leptos's
server-function crate exports from every browser build. Their classes leave the glue and their
exports (and the code only they reach) leave the wasm; the step fails the build when any other
reference to them is left, rather than ship a glue that calls a missing export.

    scripts/minify-dist.py [dist]      # terser from .tools/ (scripts/install-tools.sh)
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TERSER = ROOT / ".tools" / "node_modules" / ".bin" / "terser"
WASM_OPT = ROOT / ".tools" / "node_modules" / ".bin" / "wasm-opt"

# wasm-streams' classes in wasm-bindgen's (unminified) glue, and their finalization registries.
STREAM_CLASS = re.compile(
    r"^export class (IntoUnderlying\w+) \{\n.*?^\}\n"
    r"(?:if \(Symbol\.dispose\) \1\.prototype\[Symbol\.dispose\] = \1\.prototype\.free;\n)?", re.M | re.S)
STREAM_REGISTRY = re.compile(
    r"^const IntoUnderlying\w+Finalization = \(typeof FinalizationRegistry === 'undefined'\)\n"
    r"\s+\? .*\n\s+: new FinalizationRegistry\(.*\);\n", re.M)


def prune_stream_exports(dist: Path) -> int:
    """Removes wasm-streams' classes from the glue and their exports from the wasm; 1 when some
    reference to them would be left."""
    glues = [g for g in dist.glob("*.js") if "export class IntoUnderlying" in g.read_text()]
    if not glues:
        return 0
    glue = glues[0]
    text = STREAM_REGISTRY.sub("", STREAM_CLASS.sub("", glue.read_text()))
    if re.search("intounderlying", text, re.I):
        print(f"prune: {glue.name} still names wasm-streams' classes (has wasm-bindgen's glue changed?)",
              file=sys.stderr)
        return 1
    wasm = dist / glue.name.replace(".js", "_bg.wasm")
    before = wasm.stat().st_size
    # The features rustc and clang use for this target (not --all-features: binaryen would then
    # write imports in an encoding browsers do not read yet).
    features = ["--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int",
                "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"]
    # ORM_WASM_NAMES=1 (scripts/trunk/wasm-opt): a build for profiling keeps its function names.
    keep_names = ["--debuginfo"] if os.environ.get("ORM_WASM_NAMES") == "1" else []
    subprocess.run([str(WASM_OPT), str(wasm), *features, "--remove-exports",
                    "--pass-arg=remove-exports@*intounderlying*", "--remove-unused-module-elements",
                    "--strip-target-features", *keep_names, "-o", str(wasm)], check=True)
    glue.write_text(text)
    print(f"prune: wasm-streams' classes out of {glue.name}; {wasm.name} {before} -> {wasm.stat().st_size} bytes")
    return 0


# Custom sections no browser reads: wasm-split's marker (from Leptos's lazy-loading support).
UNREAD_SECTIONS = {b"__wasm_split_unstable"}


def leb128(data: bytes, at: int) -> tuple[int, int]:
    """An unsigned LEB128 number at `at`, and the offset after it."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def strip_unread_sections(wasm: Path) -> None:
    """Drops the custom sections in UNREAD_SECTIONS from the module (wasm-opt keeps them)."""
    data = wasm.read_bytes()
    out, at = bytearray(data[:8]), 8
    while at < len(data):
        start = at
        section_id = data[at]
        size, body = leb128(data, at + 1)
        at = body + size
        if section_id == 0:
            name_len, name_at = leb128(data, body)
            if data[name_at:name_at + name_len] in UNREAD_SECTIONS:
                continue
        out += data[start:at]
    wasm.write_bytes(bytes(out))


def drop_ignored_integrity(html: str) -> str:
    """Removes the integrity attributes browsers ignore: on the icon, and on the wasm's
    `rel=preload as=fetch` (Chromium: "the integrity attribute is currently ignored for preload
    destinations that do not support subresource integrity"). The scripts and the stylesheet
    keep theirs."""
    def drop(match: re.Match) -> str:
        tag = match.group(0)
        if re.search(r"\brel=\"?(icon|preload)\b", tag):
            return re.sub(r'\s+integrity=("?)sha\d+-[^"\s>]*\1', "", tag)
        return tag
    return re.sub(r"<link\b[^>]+>", drop, html)


def sri(data: bytes, algorithm: str) -> str:
    return f"{algorithm}-" + base64.b64encode(hashlib.new(algorithm, data).digest()).decode()


def rehash_file(html: str, name: str, data: bytes) -> str:
    """Every integrity attribute on a tag of index.html that names `name` gets `data`'s hash."""
    def rehash(match: re.Match) -> str:
        tag = match.group(0)
        if name not in tag:
            return tag
        # Trunk --minify leaves attribute values unquoted.
        return re.sub(r'integrity=("?)(sha\d+)-[^"\s>]*\1',
                      lambda m: f'integrity={m.group(1)}{sri(data, m.group(2))}{m.group(1)}', tag)
    return re.sub(r"<[^>]+>", rehash, html)


def main() -> int:
    dist = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist"
    index = dist / "index.html"
    if prune_stream_exports(dist):
        return 1
    html = index.read_text()
    for script in sorted(dist.glob("*.js")):
        before = script.stat().st_size
        # The glue is an ES module; the others are classic scripts (a worker module has no
        # top-level names to mangle either way).
        module = ["--module"] if re.search(r"^\s*export ", script.read_text(), re.M) else []
        subprocess.run([str(TERSER), str(script), *module, "--compress", "passes=2", "--mangle",
                        "--output", str(script)], check=True)
        data = script.read_bytes()
        html = rehash_file(html, script.name, data)
        print(f"minify-dist: {script.name} {before} -> {len(data)} bytes")
    for wasm in dist.glob("*_bg.wasm"):
        strip_unread_sections(wasm)
        html = rehash_file(html, wasm.name, wasm.read_bytes())
    index.write_text(drop_ignored_integrity(html))
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
