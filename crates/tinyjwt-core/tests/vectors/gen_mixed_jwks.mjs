// Generates mixed_jwks.json: a realistic JWK Set that mixes good signing keys with members
// a verifier must skip (encryption keys, a shared secret, unsupported curves, malformed and
// private members), plus tokens signed by the good keys and by keys whose members must not
// be used, and mixed_jwks.expect.json: for every member, the reason it was put there.
//
// Independent of tinyjwt: keys from Node's crypto, JWKs exported by Node / panva jose,
// tokens signed with jose's SignJWT.
//
//   mkdir -p /tmp/vecgen && cd /tmp/vecgen && npm install jose@6.2.18
//   NODE_PATH=/tmp/vecgen/node_modules node gen_mixed_jwks.mjs   (run from this directory)
//
// Versions used: Node 20.20.2, jose 6.2.18, OpenSSL 3.0.19 (Node's).
import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import fs from 'node:fs';

const require = createRequire(process.env.NODE_PATH ? process.env.NODE_PATH + '/' : import.meta.url);
const jose = await import(require.resolve('jose'));

const EXP = 4102444800; // 2100-01-01: the tokens never expire during a test
const claims = { sub: 'mixed-jwks', iss: 'gen_mixed_jwks.mjs', iat: 1700000000, exp: EXP };

function pair(type, opts) {
  return crypto.generateKeyPairSync(type, opts);
}
const pubJwk = (k) => k.publicKey.export({ format: 'jwk' });
const privJwk = (k) => k.privateKey.export({ format: 'jwk' });

async function sign(key, alg, kid) {
  return new jose.SignJWT(claims).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(key.privateKey);
}

const rsa = pair('rsa', { modulusLength: 2048 });
const ec = pair('ec', { namedCurve: 'P-256' });
const ed = pair('ed25519');
const rsaEnc = pair('rsa', { modulusLength: 2048 });
const ecdh = pair('ec', { namedCurve: 'P-256' });
const x25519 = pair('x25519');
const k1 = pair('ec', { namedCurve: 'secp256k1' });
const ec384alg = pair('ec', { namedCurve: 'P-256' });
const offCurve = pair('ec', { namedCurve: 'P-256' });
const rsa1024 = pair('rsa', { modulusLength: 1024 });
const leaked = pair('ec', { namedCurve: 'P-256' });
const other = pair('rsa', { modulusLength: 2048 });

// The point off the curve: flip the low bit of y, and check that Node refuses it.
const off = pubJwk(offCurve);
const y = Buffer.from(off.y, 'base64url');
y[y.length - 1] ^= 1;
off.y = y.toString('base64url');
let refused = false;
try {
  crypto.createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: off.x, y: off.y }, format: 'jwk' });
} catch {
  refused = true;
}
if (!refused) throw new Error('the edited point is still on the curve');

const otherJwk = pubJwk(other);
const members = [];
const expect = [];
function add(member, reason, note) {
  expect.push({ index: members.length, kid: typeof member === 'object' ? (member.kid ?? null) : null, reason, note });
  members.push(member);
}

add({ ...pubJwk(rsa), kid: 'good-rs256', alg: 'RS256', use: 'sig' }, 'used', 'RSA 2048 for RS256');
add({ ...pubJwk(rsaEnc), kid: 'enc-rsa-oaep', alg: 'RSA-OAEP', use: 'enc' }, 'not_for_signature', 'RSA-OAEP encryption key');
add({ kty: 'oct', kid: 'hmac-secret', alg: 'HS256', k: crypto.randomBytes(32).toString('base64url') }, 'symmetric', 'a shared secret');
add({ ...pubJwk(ec), kid: 'good-es256', alg: 'ES256', use: 'sig' }, 'used', 'P-256 for ES256');
add({ ...pubJwk(ecdh), kid: 'ecdh-p256', alg: 'ECDH-ES', use: 'enc' }, 'not_for_signature', 'ECDH-ES key agreement key');
add({ ...pubJwk(x25519), kid: 'x25519' }, 'unsupported_curve', 'X25519 (OKP, not a signature curve)');
add({ ...pubJwk(k1), kid: 'secp256k1', alg: 'ES256K' }, 'unsupported_curve', 'secp256k1 (ES256K)');
add({ ...pubJwk(ed), kid: 'good-eddsa', alg: 'EdDSA', use: 'sig' }, 'used', 'Ed25519 for EdDSA');
add({ ...pubJwk(ec384alg), kid: 'p256-says-es384', alg: 'ES384' }, 'alg_mismatch', 'P-256 key with alg ES384');
add('not-a-key', 'not_an_object', 'a string member');
add({ ...otherJwk, kid: 'k'.repeat(300), alg: 'RS256' }, 'kid_invalid', 'kid of 300 characters');
add({ ...otherJwk, kid: 5, alg: 'RS256' }, 'kid_invalid', 'kid is a number');
add({ ...off, kid: 'off-curve', alg: 'ES256' }, 'bad_point', 'P-256 point with y edited off the curve');
{
  const m = { ...pubJwk(ecdh), kid: 'no-y', alg: 'ES256' };
  delete m.y;
  add(m, 'malformed', 'EC key without y (as if compressed)');
}
add({ ...otherJwk, n: otherJwk.n + '==', kid: 'padded-n', alg: 'RS256' }, 'malformed', 'n with base64 padding');
add({ ...pubJwk(rsa1024), kid: 'rsa-1024', alg: 'RS256' }, 'weak', 'RSA 1024');
add({ ...otherJwk, e: 'AQ', kid: 'e-is-1', alg: 'RS256' }, 'malformed', 'e = 1');
add({ ...otherJwk, e: 'AQAA', kid: 'e-is-even', alg: 'RS256' }, 'malformed', 'e = 65536, even');
add({ ...pubJwk(ec), kid: 'ops-string', alg: 'ES256', key_ops: 'verify' }, 'malformed', 'key_ops a string, not an array');
add({ ...privJwk(leaked), kid: 'leaked-private', alg: 'ES256', use: 'sig' }, 'private_material', 'a private EC key (with d)');
add({ ...privJwk(other), kid: 'leaked-rsa-private', alg: 'RS256' }, 'private_material', 'a private RSA key (d, p, q, dp, dq, qi)');

const set = { keys: members };
const tokens = {
  'good-rs256': await sign(rsa, 'RS256', 'good-rs256'),
  'good-es256': await sign(ec, 'ES256', 'good-es256'),
  'good-eddsa': await sign(ed, 'EdDSA', 'good-eddsa'),
  // Signed by keys whose members must not be used: each must be refused.
  'leaked-private': await sign(leaked, 'ES256', 'leaked-private'),
  'leaked-rsa-private': await sign(other, 'RS256', 'leaked-rsa-private'),
  'p256-says-es384': await sign(ec384alg, 'ES256', 'p256-says-es384'),
};

// Check with jose that the set's good keys verify their tokens (a JWKS resolver that skips
// what it cannot use, as RFC 7517 §5 asks).
const good = { keys: members.filter((m, i) => expect[i].reason === 'used') };
const jwks = jose.createLocalJWKSet(good);
for (const kid of ['good-rs256', 'good-es256', 'good-eddsa']) {
  await jose.jwtVerify(tokens[kid], jwks);
}

fs.writeFileSync('mixed_jwks.json', JSON.stringify(set, null, 1) + '\n');
fs.writeFileSync(
  'mixed_jwks.expect.json',
  JSON.stringify({ exp: EXP, members: expect, tokens }, null, 1) + '\n',
);
console.log(`${members.length} members, ${expect.filter((e) => e.reason === 'used').length} usable`);
