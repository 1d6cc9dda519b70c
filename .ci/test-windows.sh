#!/usr/bin/env bash
# make test-windows: the Windows command line, run under Wine 10 (.ci/windows-check.sh builds a
# Debian 13 root with Wine once, about 3 minutes, cached in /var/tmp/trixie-wine).
#
# 1. The console build (dossier.exe, -tags ci): programmes, demo > file, check (exit 0, 1, 2),
#    build, verify (exit 0, then 1 after a file is changed); the package also verifies on Linux.
# 2. The GUI-subsystem build (-H=windowsgui, as users get it) started from cmd.exe on a console
#    with code page 936: `demo > d.json` and `2> err.txt` land in the files (they used to be
#    0 bytes, the output going to the console), and Chinese on the console reads right.
#
# Needs root (or sudo), mount namespaces and Debian's mirror. Where these are missing it says
# so and skips (exit 0), unless WINDOWS_REQUIRED=1.
set -euo pipefail
cd "$(dirname "$0")/.."
PROJ=$PWD
WC=$PROJ/.ci/windows-check.sh
ID=shanxi-techinnov-2019
t0=$SECONDS

skip() {
	echo "test-windows: SKIPPED — $*" >&2
	[ "${WINDOWS_REQUIRED:-0}" = 1 ] && exit 1
	exit 0
}
fail() { echo "test-windows: FAIL: $*" >&2; exit 1; }
SUDO=
if [ "$(id -u)" != 0 ]; then
	sudo -n true 2>/dev/null || skip "needs root or password-less sudo (debootstrap, chroot, mount)"
	SUDO="sudo -n --preserve-env=WC_ROOT,WC_MIRROR"
fi
$SUDO unshare --mount --propagation private true 2>/dev/null || skip "this machine does not allow mount namespaces (unshare --mount)"
wcheck() { $SUDO "$WC" "$@"; }

[ -f "${WC_ROOT:-/var/tmp/trixie-wine}/.windows-check-ready" ] ||
	echo "test-windows: building the Debian 13 root with Wine 10 (once, about 3–4 minutes)"
if ! out=$(wcheck setup 2>&1); then
	echo "$out" | tail -5 >&2
	skip "could not build the Wine root (network or Debian mirror?)"
fi
echo "test-windows: Wine root ready after $((SECONDS - t0)) s"

W=$(mktemp -d /tmp/dossier-windows.XXXXXX)
[ -n "${KEEP:-}" ] || trap '$SUDO rm -rf "$W"' EXIT
chmod 755 "$W"
CGO_ENABLED=0 GOOS=windows GOARCH=amd64 go build -tags ci -o "$W/dossier.exe" ./cmd/dossier
CGO_ENABLED=0 GOOS=windows GOARCH=amd64 go build -tags ci -ldflags -H=windowsgui -o "$W/dossier-gui.exe" ./cmd/dossier
CGO_ENABLED=0 go build -tags ci -o "$W/dossier-linux" ./cmd/dossier
cd "$W"

# expect CODE CMD...: run CMD, fail unless it exits with CODE.
expect() {
	local want=$1 rc=0; shift
	"$@" || rc=$?
	[ "$rc" = "$want" ] || fail "$* exited $rc, want $want"
}
win() { wcheck run ./dossier.exe "$@"; }

# 1. the console build, as scripts use it
expect 0 win programmes >programmes.txt
grep -q "^$ID	2019年山西省技术改造专项资金技术创新提升专项（第一批）" programmes.txt || fail "programmes: $(head -3 programmes.txt)"
expect 0 win demo "$ID" >数据.json
[ "$(head -c1 数据.json)" = "{" ] || fail "demo > 数据.json is not the JSON: $(head -c 80 数据.json)"
expect 0 ./dossier-linux check "$ID" 数据.json >/dev/null
expect 0 win check "$ID" 数据.json >check.txt
grep -q "结论：符合申报条件。" check.txt || fail "check: $(tail -3 check.txt)"
sed '0,/"province": "山西省"/s//"province": "河北省"/' 数据.json >河北.json
expect 1 win check "$ID" 河北.json >/dev/null
expect 2 win check no-such-programme 数据.json 2>err.txt
grep -q "没有编号为“no-such-programme”的申报项目" err.txt || fail "check's message: $(cat err.txt)"
expect 0 win build "$ID" 数据.json --out 申报包 >build.txt
grep -q "已生成申报包" build.txt || fail "build: $(cat build.txt)"
expect 0 win verify 申报包 >/dev/null
expect 0 ./dossier-linux verify 申报包 >/dev/null
printf ' ' >>申报包/申报数据.json
expect 1 win verify 申报包 >/dev/null 2>&1
echo "test-windows: console build: programmes, demo, check (0/1/2), build, verify (0/1) OK after $((SECONDS - t0)) s"

# 2. the GUI-subsystem build from cmd.exe on a console (a pty: Wine's console), code page 936
cat >console.sh <<'INNER'
cd "$1"
script -qec "wine cmd /v:on /c 'chcp 936 >nul & dossier-gui.exe demo $2 > gui.json 2> gui-err.txt & echo demo-exit=!errorlevel! & dossier-gui.exe check nope gui.json 2> gui-err2.txt & echo check-exit=!errorlevel! & dossier-gui.exe programmes'" /dev/null >console.txt
wineserver -k 2>/dev/null; wineserver -w 2>/dev/null || true
INNER
wcheck shell <<<"bash console.sh '$W' '$ID'" >/dev/null
cmp -s gui.json 数据.json || fail "from cmd.exe, dossier-gui.exe demo > gui.json wrote $(stat -c %s gui.json) bytes, not the data file"
[ ! -s gui-err.txt ] || fail "demo wrote to stderr: $(cat gui-err.txt)"
grep -q "没有编号为“nope”的申报项目" gui-err2.txt || fail "2> gui-err2.txt holds: $(cat gui-err2.txt)"
grep -aq "demo-exit=0" console.txt && grep -aq "check-exit=2" console.txt || fail "exit codes through cmd.exe: $(grep -a exit= console.txt | cat -v)"
grep -q "2019年山西省技术改造专项资金技术创新提升专项（第一批）" console.txt || fail "Chinese on the console is garbled: $(grep -a techinnov console.txt | cat -v)"
echo "test-windows: GUI build from cmd.exe: redirected files and the console (code page 936) OK"
echo "test-windows: OK in $((SECONDS - t0)) s"
