#!/usr/bin/env python3
"""Makes the RS256 fixtures of ci/cortex-m with Python `cryptography` (OpenSSL), an
implementation independent of tinyjwt:

- trello-rs256-4096.jwt + trello_pem_list.json: a Trello-style token (no `kid`) and the
  published list of PEM keys it is checked against: another 4096-bit key first
  (crates/tinyjwt-core/tests/vectors/rsa4096_a.pub.pem), then the signer's.
- canva-rs256.jwt + canva.jwks.json: a Canva-style token with `kid`, in a JWK Set of three keys
  (the core's Canva vectors a and b, then the signer's, kid `canva-2026`).

Signers: the TEST-ONLY keys in benches/keys (public, so these tokens prove nothing outside
tests). PKCS#1 v1.5 signatures are deterministic, so re-running gives the same bytes.
    python3 ci/cortex-m/tokens/gen_rsa.py
"""
import base64
import json
import pathlib

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def private(name: str):
    return serialization.load_der_private_key((ROOT / "benches/keys" / name).read_bytes(), None)


def sign(key, header: dict, claims: dict) -> str:
    enc = lambda o: b64(json.dumps(o, separators=(",", ":")).encode())
    signing_input = f"{enc(header)}.{enc(claims)}"
    sig = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{b64(sig)}"


def jwk(key, kid: str) -> dict:
    n = key.public_key().public_numbers()
    to = lambda v: b64(v.to_bytes((v.bit_length() + 7) // 8, "big"))
    return {"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256", "n": to(n.n), "e": to(n.e)}


trello = private("rsa4096-TEST-ONLY.pkcs1.der")
other = (ROOT / "crates/tinyjwt-core/tests/vectors/rsa4096_a.pub.pem").read_text()
mine = trello.public_key().public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
).decode()
(HERE / "trello_pem_list.json").write_text(json.dumps([other, mine]) + "\n")
(HERE / "trello-rs256-4096.jwt").write_text(
    sign(
        trello,
        {"alg": "RS256", "typ": "JWT"},
        {
            "idPlugin": "5f8b1c2d3e4f5a6b7c8d9e0f",
            "idBoard": "60a1b2c3d4e5f60718293a4b",
            "idMember": "5c6d7e8f9a0b1c2d3e4f5a6b",
            "state": '{"returnUrl":"https://trello.com/b/abc123"}',
            "iat": 1700000000,
            "exp": 4000000000,
            "iss": "https://trello.com",
        },
    )
    + "\n"
)

canva = private("rsa2048-TEST-ONLY.pkcs1.der")
keys = json.loads((ROOT / "crates/tinyjwt-core/tests/vectors/canva_jwks.json").read_text())["keys"]
keys.append(jwk(canva, "canva-2026"))
(HERE / "canva.jwks.json").write_text(json.dumps({"keys": keys}, separators=(",", ":")) + "\n")
(HERE / "canva-rs256.jwt").write_text(
    sign(
        canva,
        {"alg": "RS256", "typ": "JWT", "kid": "canva-2026"},
        {
            "aud": "AAFxyzCanvaAppId",
            "brandId": "BAFbrand123",
            "userId": "AUQuser456",
            "iat": 1700000000,
            "nbf": 1700000000,
            "exp": 4000000000,
        },
    )
    + "\n"
)
