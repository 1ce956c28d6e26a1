#!/usr/bin/env python3
"""Writes N seeded random YAML streams for the round-trip test (needs PyYAML):
several documents each, shared subtrees (PyYAML writes them as anchors and
aliases), tricky keys, every scalar kind yaml.v3 resolves, plain and quoted.

usage: random_yaml.py OUTDIR N [SEED]
"""
import datetime
import os
import random
import sys

import yaml

KEYS = ["id", "user_id", "userId", "name", "on", "yes", "y", "n", "名字", "café", "$ref", "@type",
        "2fa", "html_url", "URLs", "x-y", "a b", "1", "true", "null_key", "items", "users", "data"]
STRINGS = ["", "x", "yes", "no", "on", "off", "~", "null", "0x1F", "0o17", "1_000", "1e400", ".5",
           "2001-12-14", "2001-12-14T21:59:43Z", "名字", "a: b", "- x", "#c", "line\nbreak", "12"]


def scalar(rnd):
    k = rnd.randrange(9)
    if k == 0:
        return None
    if k == 1:
        return rnd.random() < 0.5
    if k == 2:
        return rnd.choice([0, -5, 7, 9223372036854775807, 18446744073709551615, 2 ** 70])
    if k == 3:
        return rnd.choice([0.0, 1.5, -2.25, float("inf"), 1e300])
    if k == 4:
        # (PyYAML writes aware datetimes as "2001-12-14 21:59:43+00:00", which
        # yaml.v3 itself cannot read, so only naive ones)
        return rnd.choice([datetime.date(2001, 12, 14), datetime.datetime(2001, 12, 14, 21, 59, 43),
                           datetime.datetime(2001, 12, 14, 21, 59, 43, 500000)])
    return rnd.choice(STRINGS)


def value(rnd, depth, shared):
    r = rnd.random()
    if shared and r < 0.1:
        return rnd.choice(shared)
    if depth > 3 or r < 0.5:
        return scalar(rnd)
    if r < 0.75:
        o = {}
        for _ in range(rnd.randint(0, 4)):
            o[rnd.choice(KEYS)] = value(rnd, depth + 1, shared)
        if rnd.random() < 0.3:
            shared.append(o)
        return o
    return [value(rnd, depth + 1, shared) for _ in range(rnd.randint(0, 3))]


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        rnd = random.Random(seed * 100019 + i)
        docs = []
        for _ in range(rnd.randint(1, 3)):
            shared = []
            d = {}
            for _ in range(rnd.randint(1, 5)):
                d[rnd.choice(KEYS)] = value(rnd, 1, shared)
            docs.append(d)
        with open(os.path.join(out, "random_%03d.yaml" % i), "w", encoding="utf-8") as f:
            yaml.dump_all(docs, f, allow_unicode=rnd.random() < 0.5,
                          default_flow_style=rnd.choice([None, False, True]), sort_keys=False)


if __name__ == "__main__":
    main()
