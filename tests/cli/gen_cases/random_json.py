#!/usr/bin/env python3
"""Writes N seeded random NDJSON files for the round-trip test: random nesting,
tricky keys, every scalar kind, optional and null fields across records.

usage: random_json.py OUTDIR N [SEED]
"""
import json
import os
import random
import sys

KEYS = ["id", "user_id", "userId", "UserID", "name", "a", "b", "$ref", "@type", "2fa",
        "名字", "用户id", "café", "x-y", "html_url", "URLs", "ids", "-", "v2", "HTTPServer",
        "foo_bar", "fooBar", "FooBar", "data", "items", "status", "users", "addresses",
        "middlename", "a b", "_id", "Ω", "UPPER_CASE", "t", "created_at"]
WEIRD = ["", "a,b", "a\"b", "back\\slash", "🚀", "tab\tkey", "x`y"]


def scalar(rnd):
    k = rnd.randrange(12)
    if k == 0:
        return None
    if k == 1:
        return rnd.random() < 0.5
    if k == 2:
        return rnd.randint(-10, 10)
    if k == 3:
        return rnd.choice([0, 9223372036854775807, -9223372036854775808, 18446744073709551615,
                           9007199254740993, 123456789012345678901234567890])
    if k == 4:
        return rnd.choice([0.5, -2.25, 1e100, 0.0, 3.0])
    if k == 5:
        return rnd.choice(["2024-01-02T03:04:05Z", "1999-12-31T23:59:59.5+08:00"])
    if k == 6:
        return rnd.choice(["", "x", "名字", "line\nbreak", "quote\"s"])
    return rnd.choice(["s", "t", "u"]) * rnd.randint(0, 3)


def value(rnd, depth):
    r = rnd.random()
    if depth > 3 or r < 0.5:
        return scalar(rnd)
    if r < 0.75:
        return obj(rnd, depth + 1)
    return [value(rnd, depth + 1) if rnd.random() < 0.3 else elem for elem in
            [value(rnd, depth + 1)] * rnd.randint(0, 3)]


def obj(rnd, depth):
    o = {}
    for _ in range(rnd.randint(0, 5)):
        pool = WEIRD if rnd.random() < 0.03 else KEYS
        o[rnd.choice(pool)] = value(rnd, depth)
    return o


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        rnd = random.Random(seed * 100003 + i)
        base = obj(rnd, 0)
        with open(os.path.join(out, "random_%03d.json" % i), "w", encoding="utf-8") as f:
            for _ in range(rnd.randint(1, 4)):
                rec = dict(base)
                for k in list(rec):
                    if rnd.random() < 0.3:
                        del rec[k]
                    elif rnd.random() < 0.3:
                        rec[k] = value(rnd, 1)
                f.write(json.dumps(rec, ensure_ascii=rnd.random() < 0.5) + "\n")


if __name__ == "__main__":
    main()
