#!/bin/sh
# The aggregate at scale, measured beside its floor (issue 8 item 4): N data files generated
# from the demo, Python's json.load of all of them, then `dossier aggregate` of the same files
# under /usr/bin/time -v (wall time and maximum resident set size).
# Usage: bench.sh DOSSIER_BINARY [N] [WORKDIR]
set -eu
bin=$1
n=${2:-10000}
work=${3:-$(mktemp -d)}
here=$(cd "$(dirname "$0")" && pwd)
id=shanxi-techinnov-2019
"$bin" demo $id >"$work/demo.json"
[ -d "$work/in" ] || python3 "$here/gen.py" "$work/demo.json" "$work/in" "$n"
cat "$work"/in/*.json >/dev/null # warm the page cache for both
for round in 1 2; do
	python3 "$here/pyload.py" "$work"/in/*.json
	rm -f "$work/out.xlsx"
	/usr/bin/time -v "$bin" aggregate $id --out "$work/out.xlsx" "$work"/in/*.json 2>&1 >/dev/null |
		grep -E 'Elapsed|Maximum resident|User time|System time' | sed "s/^/dossier aggregate, round $round: /"
done
