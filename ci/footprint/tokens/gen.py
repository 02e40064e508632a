#!/usr/bin/env python3
"""Makes the footprint firmwares' tokens and keys (ci/footprint/tokens/). Run from anywhere:

    python3 ci/footprint/tokens/gen.py

HS256, ES256, ES384, EdDSA and RS256-2048: copied from the fuzz crate's differential vectors
(fuzz/vectors/diff_tokens.txt and diff_keys.json, signed by an independent implementation),
one token and one key per file, so each firmware's flash holds only what it verifies.

RS256-4096: two fresh 4096-bit keys made with Python `cryptography` (OpenSSL underneath), their
public halves written Trello-style (a JSON array of PEM strings, `trello_pem_list.json`; the
second also alone, `rs4096.pub.pem`), and a
token signed with the second (PKCS#1 v1.5, SHA-256) by `cryptography`, the JWS put together
here by hand (base64url of the compact JSON). The private keys are never written. Re-running
makes new keys and a new token (the firmware reads both from these files).
"""
import base64
import json
import pathlib

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

HERE = pathlib.Path(__file__).resolve().parent
VECTORS = HERE.parents[2] / "fuzz" / "vectors"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def diff_token(kid: str) -> str:
    for line in (VECTORS / "diff_tokens.txt").read_text().splitlines():
        header = json.loads(unb64url(line.split(".")[0]))
        if header.get("kid") == kid:
            return line
    raise SystemExit(f"no token with kid {kid} in diff_tokens.txt")


def diff_jwk(kid: str) -> dict:
    for key in json.loads((VECTORS / "diff_keys.json").read_text())["keys"]:
        if key.get("kid") == kid:
            return key
    raise SystemExit(f"no key with kid {kid} in diff_keys.json")


def compact(obj) -> str:
    return json.dumps(obj, separators=(",", ":"))


def main() -> None:
    # HS256: the firmware loads the raw secret (add_secret), as firmware with a shared secret
    # would; the file holds its base64url text (the JWK's `k`).
    (HERE / "hs256.jwt").write_text(diff_token("hs256") + "\n")
    (HERE / "hs256.secret.b64u").write_text(diff_jwk("hs256")["k"] + "\n")
    for kid in ("es256", "eddsa", "rs256"):
        (HERE / f"{kid}.jwt").write_text(diff_token(kid) + "\n")
        (HERE / f"{kid}.jwk.json").write_text(compact(diff_jwk(kid)) + "\n")
    # ES384, for the all-algorithms WASM module's run (ci/wasm-size; its key is in the set).
    (HERE / "es384.jwt").write_text(diff_token("es384") + "\n")

    # RS256-4096, Trello-style: two keys published (the old one still listed during a
    # rotation), the token signed by the newer one.
    keys = [rsa.generate_private_key(public_exponent=65537, key_size=4096) for _ in range(2)]
    pems = [
        k.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
        for k in keys
    ]
    (HERE / "trello_pem_list.json").write_text(json.dumps(pems) + "\n")
    # The signing key's PEM alone, for the single-key loader (`add_pem`).
    (HERE / "rs4096.pub.pem").write_text(pems[1])
    header = {"alg": "RS256", "typ": "JWT"}
    claims = {
        "iss": "https://trello.com",
        "aud": "footprint",
        "sub": "5f2b8c1e9d3a4b0012345678",
        "iat": 1700000000,
        "exp": 4000000000,
    }
    signing_input = f"{b64url(compact(header).encode())}.{b64url(compact(claims).encode())}"
    sig = keys[1].sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    token = f"{signing_input}.{b64url(sig)}"
    # Check it with the other side of the library before writing it.
    keys[1].public_key().verify(sig, signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    (HERE / "rs4096.jwt").write_text(token + "\n")


if __name__ == "__main__":
    main()
