#!/usr/bin/env python3
"""Write N valid, eligible data files from a programme's demo, each another enterprise (its own
name and GB 32100 credit code) with its own project and figures: the input of the aggregate
benchmark (bench.sh).  Usage: gen.py DEMO.json OUTDIR N"""
import copy, json, os, random, sys

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code(n):
    first = "91140105MA%07d" % n
    check = (31 - sum(CHARSET.index(c) * w for c, w in zip(first, WEIGHTS)) % 31) % 31
    return first + CHARSET[check]


def main():
    demo, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    base = json.load(open(demo, encoding="utf-8"))
    rnd = random.Random(42)
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        d = copy.deepcopy(base)
        e = d["enterprise"]
        e["name"] = "山西第%05d号智能装备有限公司" % i
        e["credit_code"] = credit_code(i)
        e["employees"] = 200 + rnd.randrange(800)
        scale = rnd.uniform(0.9, 1.3)  # one scale for all figures keeps them consistent
        for row in e.get("finance", []):
            for k in ("main_revenue", "sales_revenue", "total_income"):
                if k in row:
                    row[k] = round(row[k] * scale, 2)
            if row.get("main_revenue", 0) > row.get("total_income", 1e18):
                row["main_revenue"] = row["total_income"]
        a = d["answers"]
        if "project_name" in a:
            a["project_name"] = "第%05d号智能化改造项目" % i
        if "total_investment" in a:
            a["total_investment"] = round(a["total_investment"] * rnd.uniform(1.0, 2.0), 2)
        with open(os.path.join(out, "%05d.json" % i), "w", encoding="utf-8") as f:
            json.dump(d, f, ensure_ascii=False, indent=1)


main()
