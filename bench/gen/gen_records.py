#!/usr/bin/env python3
"""Writes benchmark inputs for `bagu gen`: realistic API-like records.

usage: gen_records.py FORMAT MEGABYTES OUT
  FORMAT: ndjson (one record per line), json (one array document), yaml (one
  document per record), toml (an array of tables [[records]])
The records are deterministic (seeded) and vary: optional fields, nulls, nested
objects, arrays of objects, numbers of every kind, RFC 3339 times, Unicode text.
"""
import json
import random
import sys

WORDS = ["alpha", "beta", "gamma", "delta", "协程", "切片", "通道", "接口", "epsilon", "zeta"]


def record(i, rnd):
    r = {
        "id": i,
        "uuid": "%08x-%04x-%04x-%04x-%012x" % (rnd.getrandbits(32), rnd.getrandbits(16),
                                              rnd.getrandbits(16), rnd.getrandbits(16),
                                              rnd.getrandbits(48)),
        "name": " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 4))),
        "active": rnd.random() < 0.7,
        "score": round(rnd.uniform(-1000, 1000), 3),
        "count": rnd.randint(0, 1 << 40),
        "created_at": "2024-%02d-%02dT%02d:%02d:%02dZ" % (rnd.randint(1, 12), rnd.randint(1, 28),
                                                          rnd.randint(0, 23), rnd.randint(0, 59),
                                                          rnd.randint(0, 59)),
        "tags": [rnd.choice(WORDS) for _ in range(rnd.randint(0, 5))],
        "owner": {"login": "user%d" % rnd.randint(1, 99999), "site_admin": rnd.random() < 0.1,
                  "html_url": "https://example.com/u/%d" % i},
        "items": [{"sku": "S%06d" % rnd.randint(0, 999999), "qty": rnd.randint(1, 9),
                   "price": round(rnd.uniform(0.5, 500), 2)} for _ in range(rnd.randint(0, 4))],
    }
    if rnd.random() < 0.5:
        r["description"] = "Record %d: %s" % (i, " ".join(rnd.choice(WORDS) for _ in range(12)))
    if rnd.random() < 0.2:
        r["parent_id"] = None if rnd.random() < 0.5 else rnd.randint(1, i + 1)
    return r


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join("%s = %s" % (k, toml_value(x)) for k, x in v.items() if x is not None) + "}"
    raise TypeError(v)


def yaml_value(v, indent):
    pad = "  " * indent
    if v is None:
        return " null"
    if isinstance(v, bool):
        return " true" if v else " false"
    if isinstance(v, (int, float)):
        return " " + repr(v)
    if isinstance(v, str):
        return " " + json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        if not v:
            return " []"
        return "".join("\n%s-%s" % (pad, yaml_value(x, indent + 1).replace("\n" + "  " * (indent + 1), "\n" + pad + "  ", 0)) for x in v)
    if isinstance(v, dict):
        if not v:
            return " {}"
        return "".join("\n%s%s:%s" % (pad, k, yaml_value(x, indent + 1)) for k, x in v.items())
    raise TypeError(v)


def main():
    fmt, mb, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    limit = int(mb * 1_000_000)
    rnd = random.Random(42)
    size = 0
    i = 0
    with open(out, "w", encoding="utf-8") as f:
        if fmt == "json":
            f.write("[\n")
            size += 2
        while size < limit:
            i += 1
            r = record(i, rnd)
            if fmt == "ndjson":
                s = json.dumps(r, ensure_ascii=False) + "\n"
            elif fmt == "json":
                s = ("" if i == 1 else ",\n") + json.dumps(r, ensure_ascii=False)
            elif fmt == "yaml":
                s = "---" + yaml_value(r, 0) + "\n"
            elif fmt == "toml":
                s = "[[records]]\n" + "".join("%s = %s\n" % (k, toml_value(v))
                                              for k, v in r.items() if v is not None) + "\n"
            else:
                sys.exit("unknown format " + fmt)
            f.write(s)
            size += len(s.encode("utf-8"))
        if fmt == "json":
            f.write("\n]\n")


if __name__ == "__main__":
    main()
