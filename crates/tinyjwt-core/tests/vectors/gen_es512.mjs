// ES512 (P-521) and RFC 9864 `Ed25519` vectors, made with panva `jose` (an implementation
// independent of tinyjwt) and Node's own `crypto` for the DER/PEM spellings of the keys.
//
// Versions used for the committed files: Node v20.20.2, jose 6.2.18.
//
//   mkdir -p /tmp/vecgen-es512 && cd /tmp/vecgen-es512 && npm init -y && npm install jose@6
//   NODE_PATH=/tmp/vecgen-es512/node_modules node crates/tinyjwt-core/tests/vectors/gen_es512.mjs
//
// (Run from the repository root; ESM ignores NODE_PATH, so the script imports jose by the
// absolute path of that scratch directory, overridable with JOSE_DIR.)
//
// Writes, each key fresh (the private keys are never written):
//   crates/tinyjwt-core/tests/vectors/p521.pub.pem   SPKI PEM (`PUBLIC KEY`, secp521r1)
//   crates/tinyjwt-core/tests/vectors/p521.pub.der   the same SPKI, DER
//   crates/tinyjwt-core/tests/vectors/p521.jwk.json  the same key as a JWK (kid "es512", no alg)
//   crates/tinyjwt-core/tests/vectors/ed25519_jose.jwk.json         Ed25519 JWK, kid "ed25519", no alg
//   crates/tinyjwt-core/tests/vectors/ed25519_jose_alg.jwk.json     the same with "alg":"Ed25519"
//   crates/tinyjwt-core/tests/vectors/ed25519_jose.pub.pem          the same key, SPKI PEM
//   crates/tinyjwt-core/tests/vectors/es512_ed25519_tokens.json     tokens signed by jose:
//       es512   {"alg":"ES512","kid":"es512"}    exp 4102444800 (2100-01-01)
//       ed25519 {"alg":"Ed25519","kid":"ed25519"} (RFC 9864), same claims
//       eddsa   {"alg":"EdDSA","kid":"ed25519"}   (RFC 8037), same key and claims
//   ci/cortex-m/tokens/es512.jwks.json  {"keys":[the P-521 JWK]}
//   ci/cortex-m/tokens/es512.jwt        ES512 token with the claims the firmware's policy
//       wants (iss "fuzz", aud ["a","b"], sub, nbf/iat 1700000000, exp 4000000000)
import { createPublicKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const joseDir = process.env.JOSE_DIR ?? '/tmp/vecgen-es512/node_modules/jose';
const jose = await import(createRequire(import.meta.url).resolve(joseDir));
const { generateKeyPair, exportJWK, exportSPKI, SignJWT } = jose;

const core = 'crates/tinyjwt-core/tests/vectors';
const m3 = 'ci/cortex-m/tokens';
const json = (v) => JSON.stringify(v, null, 2) + '\n';

const claims = { sub: 'u1', iss: 'jose', iat: 1700000000 };
const EXP_2100 = 4102444800;

// ----- ES512 -----
const p521 = await generateKeyPair('ES512', { extractable: true });
const p521Jwk = { ...(await exportJWK(p521.publicKey)), kid: 'es512', use: 'sig' };
if (p521Jwk.crv !== 'P-521' || p521Jwk.d !== undefined) throw new Error('not a public P-521 JWK');
writeFileSync(`${core}/p521.pub.pem`, await exportSPKI(p521.publicKey));
const p521Node = createPublicKey({ key: p521Jwk, format: 'jwk' });
writeFileSync(`${core}/p521.pub.der`, p521Node.export({ type: 'spki', format: 'der' }));
writeFileSync(`${core}/p521.jwk.json`, json(p521Jwk));

const es512 = await new SignJWT(claims)
  .setProtectedHeader({ alg: 'ES512', kid: 'es512' })
  .setExpirationTime(EXP_2100)
  .sign(p521.privateKey);

// ----- Ed25519 (RFC 9864) and EdDSA (RFC 8037) with one key -----
const ed = await generateKeyPair('Ed25519', { extractable: true });
const edJwk = { ...(await exportJWK(ed.publicKey)), kid: 'ed25519' };
if (edJwk.crv !== 'Ed25519' || edJwk.d !== undefined) throw new Error('not a public Ed25519 JWK');
writeFileSync(`${core}/ed25519_jose.jwk.json`, json(edJwk));
writeFileSync(`${core}/ed25519_jose_alg.jwk.json`, json({ ...edJwk, alg: 'Ed25519' }));
writeFileSync(`${core}/ed25519_jose.pub.pem`, await exportSPKI(ed.publicKey));

const ed25519 = await new SignJWT(claims)
  .setProtectedHeader({ alg: 'Ed25519', kid: 'ed25519' })
  .setExpirationTime(EXP_2100)
  .sign(ed.privateKey);
const eddsa = await new SignJWT(claims)
  .setProtectedHeader({ alg: 'EdDSA', kid: 'ed25519' })
  .setExpirationTime(EXP_2100)
  .sign(ed.privateKey);

writeFileSync(
  `${core}/es512_ed25519_tokens.json`,
  json({
    _comment: 'Made by gen_es512.mjs with jose 6.2.18 (Node v20.20.2); keys in p521.* and ed25519_jose.*',
    es512,
    ed25519,
    eddsa,
  }),
);

// Self-check with jose: every token verifies under its public key.
await jose.jwtVerify(es512, p521.publicKey, { algorithms: ['ES512'] });
await jose.jwtVerify(ed25519, ed.publicKey, { algorithms: ['Ed25519'] });
await jose.jwtVerify(eddsa, ed.publicKey, { algorithms: ['EdDSA'] });

// ----- the Cortex-M firmware's ES512 case -----
const m3Token = await new SignJWT({ sub: 'u1', iss: 'fuzz', aud: ['a', 'b'], nbf: 1700000000 })
  .setProtectedHeader({ alg: 'ES512', kid: 'es512' })
  .setIssuedAt(1700000000)
  .setExpirationTime(4000000000)
  .sign(p521.privateKey);
writeFileSync(`${m3}/es512.jwks.json`, JSON.stringify({ keys: [p521Jwk] }) + '\n');
writeFileSync(`${m3}/es512.jwt`, m3Token + '\n');

console.log('wrote ES512 and Ed25519 vectors');
