#!/usr/bin/env python3
"""Generates pem_lax/: PEM files as people have them on disk (RFC 7468 §2, §3 lax parsing).

Independent of tinyjwt: the first three files are OpenSSL's own output, the rest are text
edits of OpenSSL's clean PEM files in this directory.

  openssl_x509_text.pem    `openssl x509 -in cert_rsa2048.pem -text`  (text, then the block)
  openssl_rsa_text.pem     `openssl rsa -pubin -in rsa2048.pub.pem -text` (text, then block)
  openssl_pkey_text.pem    `openssl pkey -pubin -in ec256.pub.pem -text` (block, then text)
  rsa2048_crlf.pem         CRLF line ends
  rsa2048_bom.pem          a UTF-8 BOM first
  rsa2048_w76.pem          body re-wrapped at 76 columns (MIME width)
  rsa2048_wrandom.pem      body re-wrapped at random widths 1..100 (seed 11)
  rsa2048_blank.pem        a blank line in the middle of the body
  rsa2048_trailing.pem     trailing spaces and tabs on every line
  rsa2048_notes.pem        a comment before and after the block
  rsa2048_everything.pem   all of the above at once (BOM, notes, CRLF, widths, blank, trailing)
  two_blocks.pem           the x509 -text output followed by ec256.pub.pem: two keys

Run from this directory:  python3 gen_pem_lax.py
Versions used: Python 3.11, OpenSSL 3.0.19.
"""
import random
import subprocess

OUT = "pem_lax/"


def openssl(*args):
    return subprocess.run(["openssl", *args], check=True, capture_output=True).stdout


def write(name, data):
    with open(OUT + name, "wb") as f:
        f.write(data)


def split(pem):
    """(begin line, base64 body without newlines, end line) of a clean one-block PEM."""
    lines = pem.decode().strip().split("\n")
    return lines[0], "".join(lines[1:-1]), lines[-1]


def wrap(body, widths):
    out, i = [], 0
    for w in widths:
        if i >= len(body):
            break
        out.append(body[i : i + w])
        i += w
    if i < len(body):
        out.append(body[i:])
    return out


write("openssl_x509_text.pem", openssl("x509", "-in", "cert_rsa2048.pem", "-text"))
write("openssl_rsa_text.pem", openssl("rsa", "-pubin", "-in", "rsa2048.pub.pem", "-text"))
write("openssl_pkey_text.pem", openssl("pkey", "-pubin", "-in", "ec256.pub.pem", "-text"))

clean = open("rsa2048.pub.pem", "rb").read()
begin, body, end = split(clean)
w64 = wrap(body, [64] * 100)
rng = random.Random(11)
wrandom = wrap(body, [rng.randint(1, 100) for _ in range(400)])


def doc(body_lines, nl="\n", trailing="", bom=False, notes=False, blank=False):
    lines = list(body_lines)
    if blank:
        lines.insert(len(lines) // 2, "")
    lines = [begin] + lines + [end]
    if notes:
        lines = ["# signing key of example.test, rotated 2026-01", "Subject: CN=tinyjwt test"] + lines
        lines += ["", "(keep this file with the deployment)"]
    text = nl.join(line + trailing for line in lines) + nl
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode()


write("rsa2048_crlf.pem", doc(w64, nl="\r\n"))
write("rsa2048_bom.pem", doc(w64, bom=True))
write("rsa2048_w76.pem", doc(wrap(body, [76] * 100)))
write("rsa2048_wrandom.pem", doc(wrandom))
write("rsa2048_blank.pem", doc(w64, blank=True))
write("rsa2048_trailing.pem", doc(w64, trailing=" \t "))
write("rsa2048_notes.pem", doc(w64, notes=True))
write(
    "rsa2048_everything.pem",
    doc(wrandom, nl="\r\n", trailing="\t ", bom=True, notes=True, blank=True),
)
write("two_blocks.pem", openssl("x509", "-in", "cert_rsa2048.pem", "-text") + open("ec256.pub.pem", "rb").read())

# Every edit still holds the same DER (checked here with Python's base64, whitespace
# dropped), and OpenSSL reads the ones it is lax about too (it refuses the blank line).
import base64
import re

want = openssl("pkey", "-pubin", "-in", "rsa2048.pub.pem", "-outform", "DER")
for name in ["crlf", "bom", "w76", "wrandom", "blank", "trailing", "notes", "everything"]:
    text = open(OUT + f"rsa2048_{name}.pem", "rb").read().decode("utf-8-sig")
    inner = re.search(r"-----BEGIN PUBLIC KEY-----(.*?)-----END PUBLIC KEY-----", text, re.S)
    assert base64.b64decode(re.sub(r"\s", "", inner.group(1)), validate=True) == want, name
for name in ["crlf", "w76", "wrandom", "trailing", "notes"]:
    got = openssl("pkey", "-pubin", "-in", OUT + f"rsa2048_{name}.pem", "-outform", "DER")
    assert got == want, name
print("ok")
