#!/usr/bin/env python3
"""Tokens and keys for the `kid`-as-a-hint tests (tests/kid_hint.rs), made with PyJWT.

    pip install pyjwt==2.15.1 cryptography==48.0.0
    python3 gen_kid.py > kid_hint.json

Independent of tinyjwt: PyJWT signs (HS256 with Python's hmac, RS256 and ES256 with
`cryptography`), `cryptography` serializes the public keys (SPKI PEM) and PyJWT's
`RSAAlgorithm.to_jwk` / `ECAlgorithm.to_jwk` the JWKs. Keys are fresh on each run, so the
file changes; the private keys are never written. Every token expires in 2100.
"""
import json

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

EXP = 4102444800  # 2100-01-01
SECRETS = {"s1": b"miro app secret number one, 32+ bytes", "s2": b"another app secret, also 32 bytes+"}
KIDS = [None, "a", "b"]


def pem(pub):
    return pub.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def main():
    signers = {}
    out = {"generator": f"PyJWT {jwt.__version__}", "secrets": {}, "keys": {}, "tokens": []}
    for name, secret in SECRETS.items():
        out["secrets"][name] = secret.decode()
        signers[name] = ("HS256", secret)
    for name in ["r1", "r2"]:
        priv = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        signers[name] = ("RS256", priv)
        out["keys"][name] = {
            "alg": "RS256",
            "pem": pem(priv.public_key()),
            "jwk": json.loads(RSAAlgorithm.to_jwk(priv.public_key())),
        }
    for name in ["e1", "e2"]:
        priv = ec.generate_private_key(ec.SECP256R1())
        signers[name] = ("ES256", priv)
        out["keys"][name] = {
            "alg": "ES256",
            "pem": pem(priv.public_key()),
            "jwk": json.loads(ECAlgorithm.to_jwk(priv.public_key())),
        }
    for signer, (alg, key) in signers.items():
        for kid in KIDS:
            headers = {"kid": kid} if kid is not None else {}
            token = jwt.encode({"sub": signer, "exp": EXP}, key, algorithm=alg, headers=headers)
            out["tokens"].append({"signer": signer, "alg": alg, "kid": kid, "token": token})
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
