#!/usr/bin/env node
// Runs the benchmark workload (workload.js) in real Sequelize 6 on Node with the sqlite3 driver:
// the anchor of the playground comparison (issue #6). Each run evaluates the script as the
// playground does — the body of an AsyncFunction with its own `require` and `console` — so it
// builds a fresh Sequelize instance with a fresh in-memory database; runs share the process, so
// after the warm-up runs V8 has compiled Sequelize, as the page has compiled the playground.
//
//   node run-sequelize.js [--runs N] [--warmup N] [SCRIPT]   # prints each run and the medians
//   node run-sequelize.js --serve [SCRIPT]                   # for compare.py: one run per line
//                                                            # on stdin, one JSON report per line
// Needs `npm ci` in this folder (sequelize and sqlite3 at the versions package.json pins).
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');

const AsyncFunction = (async () => {}).constructor;

function parseArgs(argv) {
  const args = { runs: 5, warmup: 1, serve: false, script: path.join(__dirname, 'workload.js') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--runs') args.runs = Number(value());
    else if (arg === '--warmup') args.warmup = Number(value());
    else if (arg === '--serve') args.serve = true;
    else if (arg.startsWith('-')) throw new Error(`unknown argument ${arg}`);
    else args.script = arg;
  }
  if (!(args.runs >= 1) || !(args.warmup >= 0)) throw new Error('--runs must be at least 1, --warmup at least 0');
  return args;
}

/** Runs the script once; resolves to `{ ok, output, error }`, like the playground's report. */
async function runOnce(code) {
  const output = [];
  const log = (...args) => output.push(util.format(...args));
  const cons = { log, info: log, warn: log, error: log, debug: log };
  try {
    await new AsyncFunction('require', 'console', code)(require, cons);
    return { ok: true, output, error: null };
  } catch (e) {
    return { ok: false, output, error: { name: String(e && e.name), message: String(e && e.message) } };
  }
}

/** `bench STEP MS` lines of a report, as a Map from step to milliseconds. */
function timings(report) {
  const steps = new Map();
  for (const entry of report.output) {
    for (const line of entry.split('\n')) {
      const m = /^bench (\S+) ([0-9.]+)$/.exec(line);
      if (m) steps.set(m[1], Number(m[2]));
    }
  }
  return steps;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function serve(code) {
  const readline = require('readline');
  const lines = readline.createInterface({ input: process.stdin });
  for await (const _ of lines) {
    const report = await runOnce(code);
    process.stdout.write(`${JSON.stringify(report)}\n`);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const code = fs.readFileSync(args.script, 'utf8');
  if (args.serve) return serve(code);
  const samples = new Map();
  for (let i = 0; i < args.warmup + args.runs; i++) {
    const report = await runOnce(code);
    const warm = i < args.warmup;
    console.log(`${warm ? 'warm-up' : 'run'} ${warm ? i + 1 : i - args.warmup + 1}`);
    for (const line of report.output) console.log(`  ${line}`);
    if (!report.ok) {
      console.log(`  ${report.error.name}: ${report.error.message}`);
      process.exitCode = 1;
      return;
    }
    if (warm) continue;
    for (const [step, ms] of timings(report)) {
      if (!samples.has(step)) samples.set(step, []);
      samples.get(step).push(ms);
    }
  }
  console.log(`\nmedians of ${args.runs} runs (Sequelize ${require('sequelize/package.json').version}, sqlite3 ${require('sqlite3/package.json').version}, Node ${process.version}):`);
  for (const [step, values] of samples) console.log(`  ${step.padEnd(20)} ${median(values).toFixed(1)} ms`);
}

main().catch((e) => {
  console.error(`run-sequelize: ${e && e.message ? e.message : e}`);
  process.exitCode = 2;
});
