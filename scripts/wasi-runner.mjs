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

const wasi = new WASI({
  version: 'preview1',
  args: [wasmPath, ...args],
  env: process.env,
  preopens: { '/': '/', '.': process.cwd() },
  returnOnExit: true,
});

let code;
try {
  const module = await WebAssembly.compile(await readFile(wasmPath));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  code = wasi.start(instance);
} catch (err) {
  console.error(`wasi-runner: ${wasmPath} trapped: ${err && err.stack ? err.stack : err}`);
  code = 101;
}
process.exit(code ?? 0);
