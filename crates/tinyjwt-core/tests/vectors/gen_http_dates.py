#!/usr/bin/env python3
"""HTTP-date (IMF-fixdate, RFC 9110 §5.6.7) vectors for tinyjwt_core::cache::parse_http_date.

Made with Python 3.11's standard library only: email.utils.formatdate(ts, usegmt=True), which
writes the IMF-fixdate form servers send in `Date` and `Expires`. Deterministic (seeded).
Run: python3 gen_http_dates.py > http_dates.json
"""
import email.utils
import json
import random

rng = random.Random(13)
stamps = [0, 1, 59, 86399, 86400, 784111777, 951782400, 951868800, 1700000000,
          2147483647, 2147483648, 4102444800, 253402300799]
# Every 29 February and 31 December from 1970 to 2400, and random instants.
for y in range(1972, 2401, 4):
    if y % 100 or y % 400 == 0:
        stamps.append(int(email.utils.mktime_tz((y, 2, 29, 12, 0, 0, 0, 0, 0, 0))))
for y in range(1970, 2401, 7):
    stamps.append(int(email.utils.mktime_tz((y, 12, 31, 23, 59, 59, 0, 0, 0, 0))))
stamps += [rng.randrange(0, 253402300800) for _ in range(300)]
print("[\n" + ",\n".join(json.dumps([email.utils.formatdate(t, usegmt=True), t]) for t in stamps) + "\n]")
