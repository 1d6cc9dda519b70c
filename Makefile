# Dossier 申报材料助手 — the two commands of the README, and a few more.
#   make run    installs what the desktop build needs (Debian packages), builds, opens the app
#   make test   installs what the tests need, then vets and runs every test (no display needed)

SHELL := /bin/bash
SUDO  := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT   := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends

# Fyne's desktop build needs cgo, a C compiler and the X11/OpenGL headers (STACK.md).
GUI_DEB  := gcc libc6-dev pkg-config libgl-dev libx11-dev libxcursor-dev libxrandr-dev \
            libxinerama-dev libxi-dev libxxf86vm-dev libgl1-mesa-dri libglx-mesa0
# The tests read PDFs back with poppler and check them with qpdf.
TEST_DEB := poppler-utils qpdf
# The Windows .exe is cross-compiled with Debian's MinGW-w64.
WIN_DEB  := gcc-mingw-w64-x86-64-win32
# Fyne's packaging tool (desktop entry and icon on Linux, icon and metadata in the .exe).
FYNE     := go run fyne.io/tools/cmd/fyne@v1.7.4

# missing lists the packages of $(1) that are not installed yet.
missing = $(shell for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done)

.PHONY: run build test race lint deps-gui deps-test deps-windows smoke bench package-linux package-windows clean

run: build
	LANG=$${LANG:-zh_CN.UTF-8} ./dist/dossier

build: deps-gui
	mkdir -p dist
	CGO_ENABLED=1 go build -o dist/dossier ./cmd/dossier

deps-gui:
	@m="$(call missing,$(GUI_DEB))"; if [ -n "$$m" ]; then echo "安装桌面程序所需的系统软件包：$$m"; $(SUDO) apt-get update -qq && $(APT) $$m; fi

deps-windows:
	@m="$(call missing,$(WIN_DEB))"; if [ -n "$$m" ]; then echo "安装交叉编译所需的系统软件包：$$m"; $(SUDO) apt-get update -qq && $(APT) $$m; fi

deps-test:
	@m="$(call missing,$(TEST_DEB))"; if [ -n "$$m" ]; then echo "安装测试所需的系统软件包：$$m"; $(SUDO) apt-get update -qq && $(APT) $$m; fi

test: deps-test
	CGO_ENABLED=0 go vet -tags ci ./...
	CGO_ENABLED=0 go test -tags ci ./...

# The domain and the command line under the race detector (it needs cgo and gcc, not X/GL):
# packages render, load templates and save in parallel.
race: deps-test
	go test -race -tags ci ./dossier/... ./cmd/...

# staticcheck (unused code, suspicious constructs), pinned.
lint:
	CGO_ENABLED=0 go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 -tags ci ./...

# The contract smoke run (../shared/tools/smoke.sh), when the shared tools are beside the repo.
smoke: deps-test
	@if [ -f ../shared/tools/smoke.sh ]; then for p in $$(CGO_ENABLED=0 go run -tags ci ./cmd/dossier programmes | cut -f1); do out=$$(bash ../shared/tools/smoke.sh $$p 2>&1) || { echo "$$out" | tail -5; exit 1; }; echo "$$out" | tail -1; done; else echo "no ../shared/tools/smoke.sh here"; fi

bench:
	CGO_ENABLED=0 go test -tags ci -run '^$$' -bench . -benchtime 10x ./dossier/...

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
