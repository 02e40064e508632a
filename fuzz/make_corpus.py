#!/usr/bin/env python3
"""(Re)creates the committed seed corpora fuzz/corpus/<target>/ from the repository's test
vectors (crates/*/tests/vectors, examples/) and fuzz/vectors. Small on purpose: a few dozen
files per target; the campaigns grow their own corpora elsewhere (see README.md)."""
import base64, glob, hashlib, json, os, struct

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORE_VEC = os.path.join(ROOT, "crates/tinyjwt-core/tests/vectors")
RFC = json.load(open(os.path.join(ROOT, "crates/tinyjwt-conformance/tests/vectors/rfc_jws.json")))

def out(target, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)

def read(p):
    return open(p, "rb").read()

def b64d(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))

tokens = [v["token"] for v in RFC["vectors"]]
tokens += [read(p).decode().strip() for p in sorted(glob.glob(os.path.join(ROOT, "examples/tokens/*.jwt")))]
diff_tokens = read(os.path.join(HERE, "vectors/diff_tokens.txt")).decode().split()

# verify: 20-byte header (flags, leeway, now lo/hi, max_age, required, algs, max_token_len,
# buf_len, sig_len, mode), then 0xff-separated fields.
def verify_seed(flags, now, mode, fields, sig_len=0, required=0):
    hdr = struct.pack("<HHHHHHHHHBB", flags, 30, now & 0xffff, now >> 16, 3600, required, 0xfff, 0, 0, sig_len, mode)
    return hdr + b"\xff".join(f if isinstance(f, bytes) else f.encode() for f in fields)

# Policies: issuers+audiences (bits 0,1) so the diff tokens verify; plus variants.
for i, t in enumerate(diff_tokens[::2] + tokens[:4]):
    out("verify", verify_seed(0b11, 100_000_000, 0, [t, "", "", "fuzz", "a,b", "subject", "JWT", ""]))
for t in tokens:
    out("verify", verify_seed(0b1000_0000 | 0b10_0000, 0, 0, [t]))
for t in diff_tokens[:3]:
    h, p, _ = t.split(".")
    out("verify", verify_seed(0b111 | 1 << 4 | 1 << 6, 100_000_000, 1,
                              [b64d(h), b64d(p), "", "fuzz", "a", "subject", "", ""], sig_len=0, required=0b1000_0000))
out("verify", verify_seed(0b11 | 1 << 9, 100_000_000, 1,
                          [b'{"alg":"ES256","kid":"es256","crit":["x"],"x":1}',
                           b'{"iss":"fuzz","aud":"a","exp":1.5e9,"nbf":1600000000.5,"iat":1e9}', "", "fuzz", "a", "", "", "x"], sig_len=3))
out("verify", verify_seed(0b11, 100_000_000, 1,
                          [b'{"alg":"EdDSA","typ":"application/jwt","b64":true}',
                           b'{"iss":"fuzz","aud":["x","a"],"exp":4000000000,"sub":"s\\u00e9"}', "", "fuzz", "a", "", "", ""], sig_len=2))

# keys: [format, options] + text. format 0 JWK, 1 JWKS, 2 PEM, 3 PEM bundle, 4 PEM list, 5 DER.
jwks = sorted(glob.glob(os.path.join(CORE_VEC, "*.jwk.json"))) + sorted(glob.glob(os.path.join(ROOT, "examples/keys/*.jwk.json")))
for p in jwks:
    out("keys", bytes([0, 0x20 | 0x80 | 3]) + read(p))
    out("keys", bytes([0, 0]) + read(p))
for p in [os.path.join(CORE_VEC, "canva_jwks.json"), os.path.join(CORE_VEC, "rsa4096_c.jwks.json"),
          os.path.join(ROOT, "examples/keys/jwks.json"), os.path.join(HERE, "vectors/diff_keys.json")]:
    out("keys", bytes([1, 0x40 | 0x80]) + read(p))
pems = sorted(glob.glob(os.path.join(CORE_VEC, "*.pem"))) + [os.path.join(ROOT, "examples/keys/trello.pem")]
algs = {"ec256": 9, "ec384": 10, "ed25519": 11}
for p in pems:
    name = os.path.basename(p)
    alg = next((v for k, v in algs.items() if name.startswith(k)), 3)
    out("keys", bytes([2, alg | 0x80]) + read(p))
out("keys", bytes([3, 3]) + read(os.path.join(CORE_VEC, "rsa4096_a.pub.pem")) + read(os.path.join(CORE_VEC, "rsa4096_b.pub.pem")))
out("keys", bytes([3, 3]) + read(os.path.join(CORE_VEC, "rsa2048.pub.pem")) + b"\n" + read(os.path.join(CORE_VEC, "rsa2048.pkcs1.pem")))
out("keys", bytes([4, 3]) + read(os.path.join(CORE_VEC, "trello_pem_list.json")))
for p in sorted(glob.glob(os.path.join(CORE_VEC, "*.der"))) + [os.path.join(ROOT, "examples/keys/trello.der")]:
    name = os.path.basename(p)
    alg = next((v for k, v in algs.items() if name.startswith(k)), 3)
    out("keys", bytes([5, alg | 0x80]) + read(p))

# differential: [token index, mode] + mutation bytes (see the target's docs).
for idx in range(len(diff_tokens)):
    out("differential", bytes([idx, 1, 0, 0, 5, 0, 1]))          # flip a signature bit
for idx in (18, 20, 22):                                          # ES256, ES384, EdDSA
    for choice in range(0, 10, 3):
        out("differential", bytes([idx, 3, choice, 1]))
out("differential", bytes([6, 3, 3, 0]))                          # RSA: signature = n
out("differential", bytes([0, 4, 7]))                             # signature swap
out("differential", bytes([2, 5]) + b'{"alg":"HS256","kid":"hs384"}')
out("differential", bytes([18, 7]) + json.load(open(os.path.join(HERE, "vectors/diff_keys.json")))["keys"][9].__repr__().replace("'", '"').encode())
out("differential", bytes([22, 7]) + b'{"kty":"OKP","crv":"Ed25519","x":"AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}')
out("differential", bytes([18, 7]) + b'{"kty":"EC","crv":"P-256","x":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","y":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}')

# json: headers and payloads of the tokens, key files, and hand-picked edge cases.
docs = set()
for t in tokens + diff_tokens[::4]:
    h, p, _ = t.split(".")
    for seg in (h, p):
        try:
            d = b64d(seg)
            json.loads(d)
            docs.add(d)
        except Exception:
            pass
docs |= {read(p) for p in jwks[:3]}
docs |= {b'{"a":1,"\\u0061":2}', b'[1e400,-0,0.5E-3,12345678901234567890123]', b'"\\ud83d\\ude00\\/\\b"',
         b'{"":{"":[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]}}', b' {"a" : [ true , false , null ] } \n', b'"\\ud800"',
         b'{"x":"\\u00e9","x\\u0000":1}', b'01', b'[1,]', b'{"k":"\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e"}'}
for d in sorted(docs):
    out("json", d)
