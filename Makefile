# Dossier 申报材料助手 — the two commands of the README, and a few more.
#   make run    installs what the desktop build needs (Debian packages), builds, opens the app
#   make test   installs what the tests need, then vets and runs every test (no display needed)
# CI (.ci/run) also runs: race, lint, smoke, fuzz, test-windows.

SHELL := /bin/bash
SUDO  := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT   := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends

# Fyne's desktop build needs cgo, a C compiler and the X11/OpenGL headers.
GUI_DEB  := gcc libc6-dev pkg-config libgl-dev libx11-dev libxcursor-dev libxrandr-dev \
            libxinerama-dev libxi-dev libxxf86vm-dev libgl1-mesa-dri libglx-mesa0
# The tests read PDFs back with poppler and check them with qpdf.
TEST_DEB := poppler-utils qpdf
# The Windows .exe is cross-compiled with Debian's MinGW-w64.
WIN_DEB  := gcc-mingw-w64-x86-64-win32
# Fyne's packaging tool (desktop entry and icon on Linux, icon and metadata in the .exe).
FYNE     := go run fyne.io/tools/cmd/fyne@v1.7.4

# The commit goes into `dossier --version` and the manifest's generator (Go's own stamp is off
# where GOFLAGS holds -buildvcs=false).
COMMIT  := $(shell c=$$(git rev-parse --short=12 HEAD 2>/dev/null) && { git diff --quiet HEAD 2>/dev/null && echo $$c || echo $$c-modified; })
LDFLAGS := -X main.commit=$(COMMIT)

# How long `make fuzz` runs each fuzz test.
FUZZTIME ?= 5s

# missing lists the packages of $(1) that are not installed yet.
missing = $(shell for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done)

.PHONY: run build test race lint fuzz deps-gui deps-test deps-windows smoke test-windows bench bench-aggregate package-linux package-windows clean

run: build
	LANG=$${LANG:-zh_CN.UTF-8} ./dist/dossier

build: deps-gui
	mkdir -p dist
	CGO_ENABLED=1 go build -ldflags "$(LDFLAGS)" -o dist/dossier ./cmd/dossier

deps-gui:
	@m="$(call missing,$(GUI_DEB))"; if [ -n "$$m" ]; then echo "安装桌面程序所需的系统软件包：$$m"; $(SUDO) apt-get update -qq && $(APT) $$m; fi

deps-windows:
	@m="$(call missing,$(WIN_DEB))"; if [ -n "$$m" ]; then echo "安装交叉编译所需的系统软件包：$$m"; $(SUDO) apt-get update -qq && $(APT) $$m; fi

deps-test:
	@m="$(call missing,$(TEST_DEB))"; if [ -n "$$m" ]; then echo "安装测试所需的系统软件包：$$m"; $(SUDO) apt-get update -qq && $(APT) $$m; fi

test: deps-test
	CGO_ENABLED=0 go vet -tags ci ./...
	CGO_ENABLED=0 go test -tags ci ./...

# The domain, the command line and the UI (Fyne's test driver) under the race detector (it needs
# cgo and gcc, not X/GL): packages render, load templates and save in parallel.
race: deps-test
	go test -race -tags ci ./dossier/... ./cmd/... ./ui/...

# staticcheck (unused code, suspicious constructs), pinned.
lint:
	CGO_ENABLED=0 go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 -tags ci ./...
	# most users are on Windows: the tests must build there too
	GOOS=windows CGO_ENABLED=0 go vet -tags ci ./...

# The contract smoke run (../shared/tools/smoke.sh, beside the repository) for every programme.
# Without it this fails; SMOKE_OPTIONAL=1 makes it a notice instead.
smoke: deps-test
	@if [ ! -f ../shared/tools/smoke.sh ]; then \
		if [ "$${SMOKE_OPTIONAL:-0}" = 1 ]; then echo "smoke: SKIPPED — no ../shared/tools/smoke.sh beside the repository (SMOKE_OPTIONAL=1)"; exit 0; fi; \
		echo "smoke: FAIL — ../shared/tools/smoke.sh is not beside the repository; put the shared tools there, or run with SMOKE_OPTIONAL=1 to skip"; exit 1; fi
	@for p in $$(CGO_ENABLED=0 go run -tags ci ./cmd/dossier programmes | cut -f1); do out=$$(bash ../shared/tools/smoke.sh $$p 2>&1) || { echo "$$out" | tail -5; exit 1; }; echo "$$out" | tail -1; done

# Every fuzz test of the module (go test -list '^Fuzz'), each for FUZZTIME; none is fine.
fuzz:
	@FUZZTIME=$(FUZZTIME) bash .ci/fuzz.sh

# The Windows command line under Wine 10 (.ci/test-windows.sh: the round trip, and the GUI build
# from cmd.exe with redirected output); it skips, saying why, where Wine cannot run.
test-windows:
	bash .ci/test-windows.sh

bench:
	CGO_ENABLED=0 go test -tags ci -run '^$$' -bench . -benchtime 10x ./dossier/...

# The aggregate of 10,000 data files beside Python's json.load of the same files, in one run:
# both times, their ratio (target: at most 3) and the resident memory (target: under 300 MB).
bench-aggregate:
	mkdir -p dist
	CGO_ENABLED=0 go build -tags ci -o dist/dossier-cli ./cmd/dossier
	sh dossier/aggregate/testdata/bench.sh dist/dossier-cli 10000

# dist/Dossier 申报材料助手.tar.xz: binary, .desktop entry and icon (`make install` inside it).
# (fyne package bumps the build number in FyneApp.toml; the file is put back as it was.)
package-linux: deps-gui
	mkdir -p dist
	cd cmd/dossier && cp FyneApp.toml .FyneApp.toml.keep && $(FYNE) package --os linux --release; rc=$$?; mv .FyneApp.toml.keep FyneApp.toml; exit $$rc
	mv cmd/dossier/*.tar.xz dist/

# dist/Dossier 申报材料助手.exe: one file for Windows (most users), with its icon.
package-windows: deps-gui deps-windows
	mkdir -p dist
	cd cmd/dossier && cp FyneApp.toml .FyneApp.toml.keep && CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 $(FYNE) package --os windows --release; rc=$$?; mv .FyneApp.toml.keep FyneApp.toml; exit $$rc
	mv cmd/dossier/*.exe dist/

clean:
	rm -rf dist
