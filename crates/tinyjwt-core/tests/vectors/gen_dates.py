#!/usr/bin/env python3
"""HS256 tokens whose NumericDates are any JSON number (issue 11, points 1 and 2).

Signed with Python's standard library (`hmac`, `hashlib`, `base64`) over payload text written
out literally, so every number keeps the exact spelling under test (`1e300`, `-0.5`, a
mantissa of 2^20 digits with a matching exponent). Each plain vector's verdict is also checked
here with PyJWT's `jwt.decode` (PyJWT 2.15.1, Python 3.11), an independent verifier: it must
agree with the expected verdict (the script fails otherwise), except that PyJWT accepts a
string of digits as a date (`int("4102444800")`), which RFC 7519 §2 does not: those vectors
record PyJWT's differing verdict in `pyjwt`. PyJWT reads the dates with
Python's correctly rounded `float`/`int`, and uses the real clock: every verdict below holds for
any clock between 2023-11-14 (`now` in the manifest) and 2100-01-01.

Writes, next to this script:
- `dates.json`: `secret` (text), `now`, and the vectors: `name`, `expect` (`ok` or an error
  code of tinyjwt: `expired`, `not_yet_valid`, `invalid_claim`), and `token` or
  `token_file` (the two 1.4 MB tokens, kept in their own files).
- `dates_big_exp2.jwt`: `exp` = 2 written `2` + 1048585 zeros + `e-1048585` (expired).
- `dates_big_nbf1e20.jwt`: `nbf` = 10^20 written `0.` + 1048570 zeros + `1e1048591`
  (not yet valid), with `exp` = 2100-01-01.

Run: python3 gen_dates.py   (deterministic: the same files every time)
"""

import base64
import hashlib
import hmac
import json
import os
import sys

import jwt  # PyJWT

SECRET = b"tinyjwt issue 11: every JSON number is a NumericDate"
NOW = 1_700_000_000
HEADER = b'{"alg":"HS256","typ":"JWT"}'
EXP_2100 = "4102444800"
HERE = os.path.dirname(os.path.abspath(__file__))


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def sign(payload: str) -> str:
    signing_input = b64(HEADER) + "." + b64(payload.encode("ascii"))
    mac = hmac.new(SECRET, signing_input.encode("ascii"), hashlib.sha256).digest()
    return signing_input + "." + b64(mac)


def pyjwt_verdict(token: str) -> str:
    try:
        jwt.decode(token, SECRET, algorithms=["HS256"], options={"require": []})
        return "ok"
    except jwt.ExpiredSignatureError:
        return "expired"
    except jwt.ImmatureSignatureError:
        return "not_yet_valid"
    except jwt.DecodeError:
        return "invalid_claim"


# PyJWT's verdict where it differs from RFC 7519 (and tinyjwt): a digit string as a date.
PYJWT_DIFFERS = {"exp_string": "ok", "nbf_string": "ok"}

# name, payload text, expected verdict
PLAIN = [
    ("iat_negative", '{"iat":-100,"exp":%s}' % EXP_2100, "ok"),
    ("iat_negative_fraction", '{"iat":-100.25,"exp":%s}' % EXP_2100, "ok"),
    ("iat_minus_1e300", '{"iat":-1e300,"exp":%s}' % EXP_2100, "ok"),
    ("nbf_negative", '{"nbf":-86400,"exp":%s}' % EXP_2100, "ok"),
    ("nbf_minus_0_5", '{"nbf":-0.5,"exp":%s}' % EXP_2100, "ok"),
    ("exp_2_63", '{"exp":%d}' % 2**63, "ok"),
    ("exp_2_64", '{"exp":%d}' % 2**64, "ok"),
    ("exp_2_64_fraction", '{"exp":%d.5}' % 2**64, "ok"),
    ("exp_1e300", '{"exp":1e300}', "ok"),
    ("exp_1E_plus_300", '{"exp":1E+300}', "ok"),
    ("exp_year_10000", '{"exp":253402300800}', "ok"),
    ("exp_negative", '{"exp":-100}', "expired"),
    ("exp_minus_0_5", '{"exp":-0.5}', "expired"),
    ("exp_minus_1e300", '{"exp":-1e300}', "expired"),
    ("exp_small_exponent_spelling", '{"exp":2000000000e-9}', "expired"),
    ("exp_1e_minus_400", '{"exp":1e-400}', "expired"),
    ("nbf_1e300", '{"nbf":1e300,"exp":1e300}', "not_yet_valid"),
    ("nbf_2_64", '{"nbf":%d,"exp":1e300}' % 2**64, "not_yet_valid"),
    ("nbf_2_63", '{"nbf":%d,"exp":1e300}' % 2**63, "not_yet_valid"),
    ("exp_string", '{"exp":"%s"}' % EXP_2100, "invalid_claim"),
    ("exp_null", '{"exp":null}', "invalid_claim"),
    ("nbf_string", '{"nbf":"0","exp":%s}' % EXP_2100, "invalid_claim"),
]

BIG = [
    (
        "big_exp_2",
        "dates_big_exp2.jwt",
        '{"exp":2%se-1048585}' % ("0" * 1048585),
        "expired",
    ),
    (
        "big_nbf_1e20",
        "dates_big_nbf1e20.jwt",
        '{"nbf":0.%s1e1048591,"exp":%s}' % ("0" * 1048570, EXP_2100),
        "not_yet_valid",
    ),
]


def main() -> None:
    vectors = []
    for name, payload, expect in PLAIN:
        token = sign(payload)
        got = pyjwt_verdict(token)
        if got != PYJWT_DIFFERS.get(name, expect):
            sys.exit(f"{name}: PyJWT says {got}, expected {expect}")
        v = {"name": name, "payload": payload, "expect": expect, "token": token}
        if name in PYJWT_DIFFERS:
            v["pyjwt"] = got
        vectors.append(v)
    for name, file, payload, expect in BIG:
        token = sign(payload)
        got = pyjwt_verdict(token)
        if got != expect:
            sys.exit(f"{name}: PyJWT says {got}, expected {expect}")
        # The value as Python reads it, independently of the spelling.
        claims = json.loads(payload)
        assert claims.get("exp") == 2.0 or claims.get("nbf") == 1e20, claims
        with open(os.path.join(HERE, file), "w") as f:
            f.write(token + "\n")
        vectors.append({"name": name, "expect": expect, "token_file": file})
    manifest = {
        "generator": "gen_dates.py (Python hmac/hashlib; verdicts cross-checked with PyJWT "
        + jwt.__version__
        + ")",
        "alg": "HS256",
        "secret": SECRET.decode("ascii"),
        "now": NOW,
        "vectors": vectors,
    }
    with open(os.path.join(HERE, "dates.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
