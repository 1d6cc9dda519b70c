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

# missing lists the packages of $(1) that are not installed yet.
missing = $(shell for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done)

.PHONY: run build test deps-gui deps-test smoke bench clean

run: build
	LANG=$${LANG:-zh_CN.UTF-8} ./dist/dossier

build: deps-gui
	mkdir -p dist
	CGO_ENABLED=1 go build -o dist/dossier ./cmd/dossier

deps-gui:
	@m="$(call missing,$(GUI_DEB))"; if [ -n "$$m" ]; then echo "安装桌面程序所需的系统软件包：$$m"; $(SUDO) apt-get update -qq && $(APT) $$m; fi

deps-test:
	@m="$(call missing,$(TEST_DEB))"; if [ -n "$$m" ]; then echo "安装测试所需的系统软件包：$$m"; $(SUDO) apt-get update -qq && $(APT) $$m; fi

test: deps-test
	CGO_ENABLED=0 go vet -tags ci ./...
	CGO_ENABLED=0 go test -tags ci ./...

# The contract smoke run (../shared/tools/smoke.sh), when the shared tools are beside the repo.
smoke: deps-test
	@if [ -x ../shared/tools/smoke.sh ]; then ../shared/tools/smoke.sh; else echo "no ../shared/tools/smoke.sh here"; fi

bench:
	CGO_ENABLED=0 go test -tags ci -run '^$$' -bench . -benchtime 10x ./dossier/...

clean:
	rm -rf dist
