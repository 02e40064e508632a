// Runs a ci/wasm-size module once under Node: each token given must verify (0) and a copy with
// one signature character changed must be refused as a bad signature (1). Exits non-zero
// otherwise. The module has no imports.
//   node verify.mjs MODULE.wasm TOKEN_FILE...
import { readFileSync } from 'node:fs';

const VERIFIED = 0;
const BAD_SIGNATURE = 1;
/// After the tokens' iat/nbf, before their exp (the firmwares' "now").
const NOW = 1700000100n;
/// Characters between the signature's start and the one changed (clear of its padding bits).
const TAMPER_OFFSET = 6;

const [module, ...tokens] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(module), {});
const { memory, token_buffer, verify } = instance.exports;

function run(token) {
  const bytes = new TextEncoder().encode(token);
  const ptr = token_buffer();
  new Uint8Array(memory.buffer, ptr, bytes.length).set(bytes);
  return verify(ptr, bytes.length, NOW);
}

let failed = 0;
for (const file of tokens) {
  const token = readFileSync(file, 'utf8').trim();
  const at = token.lastIndexOf('.') + TAMPER_OFFSET;
  const tampered = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
  const good = run(token);
  const bad = run(tampered);
  const ok = good === VERIFIED && bad === BAD_SIGNATURE;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${file}: verify ${good}, tampered ${bad}`);
  if (!ok) failed++;
}
process.exit(failed ? 1 : 0);
