#!/usr/bin/env bash
# make fuzz: run every fuzz test of the module (any Fuzz* function in a _test.go file) for
# FUZZTIME each (default 5s). Each fuzz test keeps the inputs it found in testdata/fuzz; a
# failure prints the input and leaves it there, so `go test` replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-5s}
# Go spends up to a minute minimizing each input that finds new coverage, trying it one byte
# shorter at a time, and counts none of those runs: FuzzCanonical's 2 KB PDFs kept it there for
# whole runs (8 inputs fuzzed in two minutes). A few seconds still shortens a failing input.
MINIMIZE=${MINIMIZE:-3s}
list=$(CGO_ENABLED=0 go test -tags ci -run '^$' -list '^Fuzz' ./... | awk '
	/^Fuzz/ { names[++n] = $1; next }
	/^ok / { for (i = 1; i <= n; i++) print $2, names[i]; n = 0 }')
if [ -z "$list" ]; then
	echo "fuzz: no fuzz tests in the module"
	exit 0
fi
count=$(wc -l <<<"$list")
echo "fuzz: $count fuzz tests, $FUZZTIME each"
t0=$SECONDS
flakes=0
while read -r pkg name; do
	echo "fuzz: $pkg $name"
	dir=$(CGO_ENABLED=0 go list -tags ci -f '{{.Dir}}' "$pkg")/testdata/fuzz/$name
	before=$(ls "$dir" 2>/dev/null | sort || true)
	rc=0
	out=$(CGO_ENABLED=0 go test -tags ci -run '^$' -fuzz "^$name\$" -fuzztime "$FUZZTIME" -fuzzminimizetime "$MINIMIZE" "$pkg" 2>&1) || rc=$?
	echo "$out" | tail -3
	[ $rc = 0 ] && continue
	after=$(ls "$dir" 2>/dev/null | sort || true)
	# Go 1.26's fuzzing coordinator can fail a fuzz test with "context deadline exceeded" as
	# -fuzztime ends (go.dev/issue/75804, fixed in Go 1.27); no failing input is written then.
	if [ "$before" = "$after" ] && grep -q "context deadline exceeded" <<<"$out"; then
		echo "fuzz: $name ended with Go's fuzztime race (go.dev/issue/75804), no failing input: not counted"
		flakes=$((flakes + 1))
		continue
	fi
	echo "$out"
	echo "fuzz: FAIL: $pkg $name (the failing input is in $dir; go test replays it)"
	exit 1
done <<<"$list"
echo "fuzz: $count fuzz tests passed in $((SECONDS - t0)) s ($flakes stopped by go.dev/issue/75804)"
