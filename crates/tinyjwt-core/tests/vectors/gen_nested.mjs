// Generates nested_hs256.json: HS256 tokens signed by panva `jose` whose payloads nest 20,
// 64 and 65 levels deep (the payload object itself is level 1; below it objects and arrays
// alternate: {"x":[{"a":[ ... 0 ... ]}]}). tinyjwt accepts a payload up to
// MAX_PAYLOAD_DEPTH = 64 levels and refuses 65 with TooDeep; jose accepts all three (checked
// here with jwtVerify).
//
// Made with Node 20 and jose 5.10.0:
//   mkdir -p /tmp/vecgen-json && cd /tmp/vecgen-json && npm init -y && npm install jose@5.10.0
//   NODE_PATH=/tmp/vecgen-json/node_modules node crates/tinyjwt-core/tests/vectors/gen_nested.mjs
// (run from the repository root; it writes next to itself).
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(join(process.env.NODE_PATH ?? '.', 'x.js'));
const jose = require('jose');

const SECRET = 'tinyjwt nested-payload test secret, 32+ bytes';
const key = new TextEncoder().encode(SECRET);

/** A JSON value nesting `levels` containers, alternating arrays and objects, around 0. */
function nest(levels) {
  let v = 0;
  for (let i = levels; i >= 1; i--) {
    v = i % 2 === 1 ? [v] : { a: v };
  }
  return v;
}

/** The depth of a JSON value: containers on the deepest path. */
function depth(v) {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(depth));
  if (v !== null && typeof v === 'object') return 1 + Math.max(0, ...Object.values(v).map(depth));
  return 0;
}

const tokens = [];
for (const d of [20, 64, 65]) {
  const payload = { sub: 'nested', iat: 1700000000, exp: 4000000000, x: nest(d - 1) };
  if (depth(payload) !== d) throw new Error(`depth ${depth(payload)} != ${d}`);
  const token = await new jose.SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(key);
  const { payload: back } = await jose.jwtVerify(token, key, {
    currentDate: new Date(1700000100 * 1000),
  });
  if (depth(back) !== d) throw new Error('jose changed the payload');
  tokens.push({ depth: d, token });
}

const out = {
  generator: 'gen_nested.mjs, jose 5.10.0',
  alg: 'HS256',
  secret: SECRET,
  now: 1700000100,
  tokens,
};
const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(join(here, 'nested_hs256.json'), JSON.stringify(out, null, 2) + '\n');
console.log(`wrote ${tokens.length} tokens`);
