#!/usr/bin/env python3
"""Generates fuzz/vectors/diff_keys.json and fuzz/vectors/diff_tokens.txt: one valid token per
JWS algorithm (with kid) plus one per algorithm without kid, and the public keys as a JWK Set.

Run once; the output is committed so the `differential` target is deterministic (ECDSA and
PSS signing are randomized). The private keys are thrown away: TEST ONLY material.
Needs python3 with `cryptography`.
"""
import base64, json, os
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.asymmetric import rsa, ec, ed25519, padding
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

HERE = os.path.dirname(os.path.abspath(__file__))

def b64(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()

def uint(i, n=None):
    n = n or (i.bit_length() + 7) // 8
    return i.to_bytes(n, "big")

H = {"256": hashes.SHA256, "384": hashes.SHA384, "512": hashes.SHA512}
rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
p256 = ec.generate_private_key(ec.SECP256R1())
p384 = ec.generate_private_key(ec.SECP384R1())
ed = ed25519.Ed25519PrivateKey.generate()
secrets = {bits: os.urandom(int(bits) // 8) for bits in H}

rn = rsa_key.public_key().public_numbers()
keys = []
def sign(alg, data):
    fam, bits = alg[:2], alg[2:]
    if fam == "HS":
        h = hmac.HMAC(secrets[bits], H[bits]())
        h.update(data)
        return h.finalize()
    if fam == "RS":
        return rsa_key.sign(data, padding.PKCS1v15(), H[bits]())
    if fam == "PS":
        return rsa_key.sign(data, padding.PSS(mgf=padding.MGF1(H[bits]()), salt_length=int(bits) // 8), H[bits]())
    if fam == "ES":
        k, n = (p256, 32) if bits == "256" else (p384, 48)
        r, s = decode_dss_signature(k.sign(data, ec.ECDSA(H[bits]())))
        return uint(r, n) + uint(s, n)
    if alg == "EdDSA":
        return ed.sign(data)
    raise ValueError(alg)

ALGS = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
        "ES256", "ES384", "EdDSA"]
for alg in ALGS:
    kid = alg.lower()
    fam, bits = alg[:2], alg[2:]
    if fam == "HS":
        jwk = {"kty": "oct", "k": b64(secrets[bits])}
    elif fam in ("RS", "PS"):
        jwk = {"kty": "RSA", "n": b64(uint(rn.n)), "e": b64(uint(rn.e))}
    elif fam == "ES":
        k, n, crv = (p256, 32, "P-256") if bits == "256" else (p384, 48, "P-384")
        pn = k.public_key().public_numbers()
        jwk = {"kty": "EC", "crv": crv, "x": b64(uint(pn.x, n)), "y": b64(uint(pn.y, n))}
    else:
        from cryptography.hazmat.primitives import serialization as ser
        raw = ed.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)
        jwk = {"kty": "OKP", "crv": "Ed25519", "x": b64(raw)}
    jwk.update({"alg": alg, "kid": kid, "use": "sig"})
    keys.append(jwk)

claims = {"iss": "fuzz", "sub": "subject", "aud": ["a", "b"], "exp": 4000000000,
          "nbf": 1600000000, "iat": 1600000000, "role": "x"}
lines = []
for alg in ALGS:
    for with_kid in (True, False):
        header = {"alg": alg, "typ": "JWT"}
        if with_kid:
            header["kid"] = alg.lower()
        si = b64(json.dumps(header, separators=(",", ":")).encode()) + "." + \
             b64(json.dumps(claims, separators=(",", ":")).encode())
        lines.append(si + "." + b64(sign(alg, si.encode())))

with open(os.path.join(HERE, "vectors", "diff_keys.json"), "w") as f:
    json.dump({"keys": keys}, f, indent=1)
    f.write("\n")
with open(os.path.join(HERE, "vectors", "diff_tokens.txt"), "w") as f:
    f.write("\n".join(lines) + "\n")
