#!/usr/bin/env python3
"""The Python floor of the aggregate benchmark: only json.load every file given."""
import json, sys, time

t = time.perf_counter()
for p in sys.argv[1:]:
    with open(p, encoding="utf-8") as f:
        json.load(f)
print("python json.load of %d files: %.2f s" % (len(sys.argv) - 1, time.perf_counter() - t), file=sys.stderr)
