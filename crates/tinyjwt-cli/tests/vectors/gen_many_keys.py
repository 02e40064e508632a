#!/usr/bin/env python3
"""A large JWK Set for the CLI's key-capacity test (tests/cli.rs), made with `cryptography`
and PyJWT, independent of tinyjwt.

    pip install pyjwt==2.15.1 cryptography==48.0.0
    python3 gen_many_keys.py

Writes `ed25519_300.jwks.json` (300 Ed25519 public keys, kids k0..k299, about 30 KB: more
than the CLI's old 256-key capacity) and `ed25519_300.tokens.json` (EdDSA tokens PyJWT signed
with keys k299, with and without `kid`, and k150 without `kid`; all expire in 2100). Keys are
fresh on each run; the private keys are never written.
"""
import base64
import json

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

N = 300
EXP = 4102444800


def b64(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


privs = [Ed25519PrivateKey.generate() for _ in range(N)]
keys = []
for i, p in enumerate(privs):
    raw = p.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    keys.append({"kty": "OKP", "crv": "Ed25519", "kid": f"k{i}", "x": b64(raw)})
with open("ed25519_300.jwks.json", "w") as f:
    json.dump({"keys": keys}, f, separators=(",", ":"))
tokens = {
    "k299_kid": jwt.encode({"sub": "k299", "exp": EXP}, privs[299], algorithm="EdDSA", headers={"kid": "k299"}),
    "k299_no_kid": jwt.encode({"sub": "k299", "exp": EXP}, privs[299], algorithm="EdDSA"),
    "k150_no_kid": jwt.encode({"sub": "k150", "exp": EXP}, privs[150], algorithm="EdDSA"),
}
with open("ed25519_300.tokens.json", "w") as f:
    json.dump(tokens, f, indent=1)
