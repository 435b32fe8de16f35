#!/usr/bin/env python3
"""Lists a wasm module's imports, or with `--refuse MODULE` fails when any comes from MODULE.

    python3 scripts/wasm-imports.py dist/*_bg.wasm
    python3 scripts/wasm-imports.py --refuse env dist/*_bg.wasm   # what build-site.sh runs

A C function SQLite declares but an option left undefined becomes an import from "env", and the
page then fails at start-up; reading the import section finds it whatever the glue looks like.
"""

import importlib.util
import sys
from pathlib import Path


def load_leb128():
    """minify-dist.py's LEB128 reader (the file's name is not an importable module name)."""
    spec = importlib.util.spec_from_file_location("minify_dist", Path(__file__).with_name("minify-dist.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.leb128


leb = load_leb128()


def imports(path: str) -> list[tuple[str, str]]:
    data = open(path, "rb").read()
    at, found = 8, []
    while at < len(data):
        section, at = data[at], at + 1
        size, at = leb(data, at)
        if section == 2:
            body, i = data[at:at + size], 0
            count, i = leb(body, 0)
            for _ in range(count):
                length, i = leb(body, i)
                module = body[i:i + length].decode()
                i += length
                length, i = leb(body, i)
                name = body[i:i + length].decode()
                i += length
                kind, i = body[i], i + 1
                if kind == 0:  # function: a type index
                    _, i = leb(body, i)
                elif kind == 1:  # table: element type and limits
                    i += 1
                    flags, i = leb(body, i)
                    _, i = leb(body, i)
                    if flags & 1:
                        _, i = leb(body, i)
                elif kind == 2:  # memory: limits
                    flags, i = leb(body, i)
                    _, i = leb(body, i)
                    if flags & 1:
                        _, i = leb(body, i)
                elif kind == 3:  # global: type and mutability
                    i += 2
                found.append((module, name))
            return found
        at += size
    return found


def main(args: list[str]) -> int:
    refuse = None
    if args[:1] == ["--refuse"]:
        refuse, args = args[1], args[2:]
    failed = False
    for path in args:
        for module, name in imports(path):
            if refuse is None:
                print(f"{path}: {module}.{name}")
            elif module == refuse:
                print(f"{path} imports {module}.{name}", file=sys.stderr)
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
