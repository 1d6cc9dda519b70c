#!/bin/sh
# The aggregate at scale, measured beside its floor (issue 8 item 4): N data files generated
# once from the demo (plain UTF-8, as our tool and users write them), then, ROUNDS times in
# turn, Python's json.load of every file (its loop alone, without the interpreter's start) and
# the whole `dossier aggregate` of the same files with the workbook, under /usr/bin/time
# (wall clock, CPU, maximum resident set size). Prints both, their ratio per round and the
# median ratio (the target: at most 3, under 300 MB).
# Usage: bench.sh DOSSIER_BINARY [N] [WORKDIR] [ROUNDS]   (make bench-aggregate)
set -eu
bin=$1
n=${2:-10000}
work=${3:-${TMPDIR:-/tmp}/dossier-bench-aggregate-$n}
rounds=${4:-3}
here=$(cd "$(dirname "$0")" && pwd)
id=shanxi-techinnov-2019
mkdir -p "$work"
if [ ! -f "$work/in/.complete" ]; then
	rm -rf "$work/in"
	"$bin" demo $id >"$work/demo.json"
	python3 "$here/gen.py" "$work/demo.json" "$work/in" "$n"
	touch "$work/in/.complete"
fi
cat "$work"/in/*.json >/dev/null # warm the page cache for both
ratios=""
for round in $(seq "$rounds"); do
	py=$(python3 "$here/pyload.py" "$work"/in/*.json)
	rm -f "$work/out.xlsx"
	go=$(/usr/bin/time -f '%e %U %S %M' "$bin" aggregate $id --out "$work/out.xlsx" "$work"/in/*.json 2>&1 >/dev/null | tail -n 1)
	set -- $go
	ratio=$(awk -v a="$1" -v b="$py" 'BEGIN { printf "%.2f", a / b }')
	ratios="$ratios $ratio"
	printf 'round %d: python json.load %.2f s; dossier aggregate %.2f s wall (%.2f s user, %.2f s sys), %d MB resident; ratio %s\n' \
		"$round" "$py" "$1" "$2" "$3" $(($4 / 1024)) "$ratio"
done
echo "$ratios" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{ r[NR] = $1 } END { printf "median ratio over %d rounds: %s (target: at most 3)\n", NR, r[int((NR + 1) / 2)] }'
