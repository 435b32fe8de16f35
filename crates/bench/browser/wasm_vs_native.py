#!/usr/bin/env python3
"""The ORM in the browser (wasm32) against the same ORM natively, the same workloads (issue #6).

For each workload of crates/bench (findAll 10,000 rows, the two includes 1,000 × 10, bulkCreate
10,000, findByPk × 1,000, create with validations × 1,000), in one run:

- native: `target/release/bench --only ID --json`, a fresh process per workload;
- wasm: the test `full::ID` of crates/bench/tests/wasm.rs in headless Chromium, built with the
  same release profile (opt-level "z", LTO; no wasm-opt pass) and run by wasm-bindgen-test-runner,
  a fresh browser page per workload.

The two alternate workload by workload (which goes first alternates too), and `--rounds N`
repeats the whole sequence and takes the median over rounds. Within a process each side of a
workload is itself the median of many interleaved runs (crates/bench/src/harness.rs), timed with
std's Instant natively and performance.now() in Chromium. Prints two Markdown tables:

1. workload, ours = the ORM in wasm, anchor = the ORM native, ratio, goal (within 2×), and the
   same ratio for the hand-written rusqlite code (how much of the gap is SQLite-in-wasm itself);
2. memory: the wasm memory's size after the workload (its high-water mark: wasm memory never
   shrinks; both sides, setup and every run) beside the native process's peak RSS (VmHWM).

    python3 crates/bench/browser/wasm_vs_native.py [--quick] [--rounds N] [--only ID[,ID…]]

Needs wasm-bindgen-test-runner (scripts/install-tools.sh), Chromium and ChromeDriver. Exit
status: 0 when it measured (goals met or not), 1 when a run failed, 2 on a set-up error.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
BENCH = ROOT / "crates" / "bench"
IDS = ["find-all", "include-join", "include-separate", "bulk-create", "find-by-pk", "create"]
GOAL = 2.0
MARK = "BENCH_JSON "


def cargo(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(["cargo", *args], cwd=ROOT, check=True, **kwargs)


def build() -> tuple[Path, Path]:
    """Builds the native bench and the wasm test target; returns their paths."""
    print("wasm-vs-native: building the native bench and the wasm32 test (release)", file=sys.stderr)
    cargo(["build", "--release", "-p", "bench", "--quiet"])
    out = cargo(["test", "--release", "--target", "wasm32-unknown-unknown", "-p", "bench", "--test", "wasm",
                 "--no-run", "--message-format=json", "--quiet"], stdout=subprocess.PIPE, text=True).stdout
    wasm = None
    for line in out.splitlines():
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if message.get("reason") == "compiler-artifact" and message.get("target", {}).get("name") == "wasm" \
                and message.get("executable"):
            wasm = Path(message["executable"])
    if wasm is None:
        raise SystemExit("wasm-vs-native: cargo did not name the wasm test's file")
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "release" / "bench", wasm


def parse(output: str, what: str) -> dict:
    for line in output.splitlines():
        at = line.find(MARK)
        if at >= 0:
            return json.loads(line[at + len(MARK):] if at or line.startswith(MARK) else line)
    raise RuntimeError(f"{what}: no result line in its output:\n{output[-2000:]}")


def run_native(binary: Path, workload: str, quick: bool) -> dict:
    args = [str(binary), "--only", workload, "--json"] + (["--quick"] if quick else [])
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"native {workload} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_wasm(module: Path, workload: str, quick: bool) -> dict:
    test = ("quick::" if quick else "full::") + workload.replace("-", "_")
    env = dict(os.environ, CHROMEDRIVER=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"),
               WASM_BINDGEN_TEST_TIMEOUT="600")
    # From crates/bench, where webdriver.json gives Chromium its flags.
    done = subprocess.run(["wasm-bindgen-test-runner", str(module), "--nocapture", "--exact", test], cwd=BENCH,
                          env=env, capture_output=True, text=True)
    output = done.stdout + done.stderr
    if done.returncode != 0 or "1 passed" not in output:
        raise RuntimeError(f"wasm {workload} failed:\n{output[-3000:]}")
    return parse(output.replace(MARK, "\n" + MARK), f"wasm {workload}")


def ms(value: float) -> str:
    if value >= 100:
        return f"{value:.0f} ms"
    if value >= 10:
        return f"{value:.1f} ms"
    return f"{value:.2f} ms"


def mb(value: float) -> str:
    return f"{value / (1024 * 1024):.1f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a short run of each workload (bench --quick)")
    parser.add_argument("--rounds", type=int, default=1, help="repeat the sequence N times, median over rounds")
    parser.add_argument("--only", default="", help="workload ids, comma-separated")
    args = parser.parse_args()
    ids = [i.strip() for i in args.only.split(",") if i.strip()] or IDS
    unknown = [i for i in ids if i not in IDS]
    if unknown:
        print(f"wasm-vs-native: unknown workload {', '.join(unknown)} (ids: {', '.join(IDS)})", file=sys.stderr)
        return 2
    for tool in ("cargo", "wasm-bindgen-test-runner"):
        if shutil.which(tool) is None:
            print(f"wasm-vs-native: {tool} not found (scripts/install-tools.sh)", file=sys.stderr)
            return 2
    native_bin, module = build()
    results: dict[str, dict[str, list[dict]]] = {i: {"native": [], "wasm": []} for i in ids}
    try:
        step = 0
        for round_ in range(args.rounds):
            for workload in ids:
                order = ["native", "wasm"] if step % 2 == 0 else ["wasm", "native"]
                step += 1
                for side in order:
                    print(f"wasm-vs-native: round {round_ + 1}/{args.rounds}, {workload}, {side}", file=sys.stderr)
                    if side == "native":
                        results[workload]["native"].append(run_native(native_bin, workload, args.quick))
                    else:
                        results[workload]["wasm"].append(run_wasm(module, workload, args.quick))
    except RuntimeError as error:
        print(f"wasm-vs-native: {error}", file=sys.stderr)
        return 1

    def med(runs: list[dict], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    print("| workload | ours (ORM, wasm in Chromium) | anchor (ORM, native) | ratio | goal "
          "| hand-written rusqlite: wasm / native |")
    print("|---|---:|---:|---:|---|---:|")
    for workload in ids:
        native, wasm = results[workload]["native"], results[workload]["wasm"]
        ours, anchor = med(wasm, "ours_ms"), med(native, "ours_ms")
        ratio = ours / anchor
        raw = med(wasm, "anchor_ms") / med(native, "anchor_ms")
        verdict = "met" if ratio <= GOAL else "missed"
        spread = ""
        if len(wasm) > 1:
            per_round = sorted(w["ours_ms"] / n["ours_ms"] for w, n in zip(wasm, native))
            spread = f" ({per_round[0]:.2f}–{per_round[-1]:.2f})"
        print(f"| {wasm[0]['label']} | {ms(ours)} | {ms(anchor)} | {ratio:.2f}×{spread} | ≤ {GOAL:g}×: {verdict} "
              f"| {raw:.2f}× |")
    print()
    print("| workload | wasm memory at the end (high-water mark) | native peak RSS (VmHWM) |")
    print("|---|---:|---:|")
    for workload in ids:
        native, wasm = results[workload]["native"], results[workload]["wasm"]
        print(f"| {wasm[0]['label']} | {mb(max(r['wasm_memory_bytes'] for r in wasm))} "
              f"| {mb(max(r['peak_rss_kb'] for r in native) * 1024)} |")
    start = min(r["wasm_memory_start_bytes"] for side in results.values() for r in side["wasm"])
    print()
    if args.rounds > 1:
        print(f"Ratios in parentheses: the lowest and highest of the {args.rounds} rounds.")
    print(f"wasm memory before any workload: {mb(start)}; each workload runs in a fresh page. "
          f"Runs of each side: {', '.join(str(r['iterations']) for r in results[ids[0]]['wasm'])} (wasm, "
          f"{ids[0]}) — see crates/bench/src/harness.rs.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
