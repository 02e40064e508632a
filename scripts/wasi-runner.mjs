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

// Puts each WASI function behind a plain JS closure. Why: Node 20.20's WASI functions are
// bound as V8 fast API calls straight from wasm, and after a test grows the linear memory by
// tens of megabytes (the core's million-digit NumericDate tests) a later call crashed Node with
// SIGSEGV in `KeyedLoadIC_Megamorphic`, after every test had passed (every run on this machine,
// 2026-12-02). Called through a closure, the same binary exits cleanly; the cost is a JS call
// per WASI call, which tests do not notice.
function wrapImports(imports) {
  const wrapped = {};
  for (const [ns, fns] of Object.entries(imports)) {
    wrapped[ns] = {};
    for (const [name, f] of Object.entries(fns)) {
      wrapped[ns][name] = typeof f === 'function' ? (...a) => f(...a) : f;
    }
  }
  return wrapped;
}

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
    const instance = await WebAssembly.instantiate(module, wrapImports(wasi.getImportObject()));
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
