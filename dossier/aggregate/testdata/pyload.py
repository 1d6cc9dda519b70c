#!/usr/bin/env python3
"""The Python floor of the aggregate benchmark: only json.load every file given. Prints the
seconds the loop took (the interpreter's start not counted)."""
import json, sys, time

t = time.perf_counter()
for p in sys.argv[1:]:
    with open(p, encoding="utf-8") as f:
        json.load(f)
print("%.3f" % (time.perf_counter() - t))
