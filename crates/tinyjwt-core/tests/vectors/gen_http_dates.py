#!/usr/bin/env python3
"""HTTP-date vectors (RFC 9110 §5.6.7) for tinyjwt_core::cache::parse_http_date(_at).

Made with Python 3.11's standard library only, deterministic (seeded):
- "imf": email.utils.formatdate(ts, usegmt=True), the IMF-fixdate servers send in `Date` and
  `Expires`;
- "asctime": time.asctime(time.gmtime(ts)) (`Sun Nov  6 08:49:37 1994`);
- "rfc850": time.strftime("%A, %d-%b-%y %H:%M:%S GMT", time.gmtime(ts)), two-digit years, for
  instants whose year is within 50 years either side of "now" (RFC 9110's rule resolves them
  against it; "now" is in the file).
Run: python3 gen_http_dates.py > http_dates.json
"""
import email.utils
import json
import random
import time

NOW = 1764633600  # 2025-12-02T00:00:00Z
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

now_year = time.gmtime(NOW).tm_year
near = [t for t in stamps if now_year - 49 <= time.gmtime(t).tm_year <= now_year + 50]
# Random instants of the years 1976 to 2075.
near += [rng.randrange(189302400, 3345062400) for _ in range(100)]


def lines(pairs):
    return ",\n".join(json.dumps(p) for p in pairs)


print('{"now": %d,\n"imf": [\n%s\n],\n"asctime": [\n%s\n],\n"rfc850": [\n%s\n]}' % (
    NOW,
    lines([email.utils.formatdate(t, usegmt=True), t] for t in stamps),
    lines([time.asctime(time.gmtime(t)), t] for t in stamps),
    lines([time.strftime("%A, %d-%b-%y %H:%M:%S GMT", time.gmtime(t)), t] for t in near),
))
