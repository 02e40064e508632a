#!/usr/bin/env node
// Runs a wasm32-wasip1 binary (a cargo test harness) under Node's WASI.
// Used as CARGO_TARGET_WASM32_WASIP1_RUNNER: `node scripts/wasi-runner.mjs BINARY.wasm [ARGS...]`.
// Exit status: the program's own exit code; 101 (like a Rust panic) if the module traps,
// which is what a panic=abort test binary does on the first failing test.
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import process from 'node:process';

const [wasmPath, ...args] = process.argv.slice(2);
if (!wasmPath) {
  console.error('usage: wasi-runner.mjs MODULE.wasm [ARGS...]');
  process.exit(2);
}

const bytes = await readFile(wasmPath);
const module = await WebAssembly.compile(bytes);

// Runs the module once; returns its exit code, or null if it trapped.
async function run(argv) {
  const wasi = new WASI({
    version: 'preview1',
    args: [wasmPath, ...argv],
    env: process.env,
    preopens: { '/': '/', '.': process.cwd() },
    returnOnExit: true,
  });
  try {
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    return wasi.start(instance) ?? 0;
  } catch (err) {
    console.error(`wasi-runner: ${wasmPath} trapped: ${err}`);
    return null;
  }
}

let code = await run(args);
if (code === null) {
  // panic=abort on wasm: libtest had captured the failing test's output, and the abort lost
  // it. Run again without capture so the panic message reaches the log, then fail.
  if (!args.includes('--nocapture')) {
    console.error('wasi-runner: running again with --nocapture to show the panic message');
    await run([...args, '--nocapture']);
  }
  code = 101;
}
process.exit(code);
