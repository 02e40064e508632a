#!/usr/bin/env python3
"""Test vectors for tinyjwt-jwks and tinyjwt-axum: rotating RS256 keys served as JWK Sets.

Made with an independent implementation (PyJWT 2.x + pyca/cryptography), never with tinyjwt.
Writes rotation.json:
  keys:    {kid: public JWK} for kids k1, k2, k3 (RSA-2048, e=65537, "alg":"RS256","use":"sig")
  pems:    {kid: SPKI PEM of the same public key} (for the PEM-list URL, Trello style)
  tokens:  {kid: RS256 token signed by that key} with a Canva-style payload
           {"aud":"app-123","iss":"https://platform.example","userId":"u-<kid>",
            "brandId":"b-<kid>","iat":1700000000,"exp":4102444800}
  nokid:   an RS256 token signed by k1 without a `kid` header
Run: python3 gen.py  (versions used are printed into the file's "generator" field)
"""
import json

import cryptography
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

AUD = "app-123"
ISS = "https://platform.example"

out = {
    "generator": f"PyJWT {jwt.__version__}, cryptography {cryptography.__version__}",
    "aud": AUD,
    "iss": ISS,
    "keys": {},
    "pems": {},
    "tokens": {},
}
for kid in ["k1", "k2", "k3"]:
    priv = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pub = priv.public_key()
    jwk = json.loads(RSAAlgorithm.to_jwk(pub))
    jwk.pop("key_ops", None)  # PyJWT adds key_ops; RFC 7517 §4.3: not with "use"
    jwk.update({"kid": kid, "alg": "RS256", "use": "sig"})
    out["keys"][kid] = jwk
    out["pems"][kid] = pub.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
    claims = {
        "aud": AUD,
        "iss": ISS,
        "userId": f"u-{kid}",
        "brandId": f"b-{kid}",
        "iat": 1700000000,
        "exp": 4102444800,
    }
    out["tokens"][kid] = jwt.encode(claims, priv, algorithm="RS256", headers={"kid": kid})
    if kid == "k1":
        out["nokid"] = jwt.encode(claims, priv, algorithm="RS256")

with open("rotation.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
