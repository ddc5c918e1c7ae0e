# One-stop counter kiosk. `make run` and `make test` set everything up first
# (apt packages, the pinned Wails CLI, npm ci) on Debian 12 / Ubuntu 22.04+.
SHELL := /bin/bash
.DEFAULT_GOAL := help

GO       ?= go
GOBIN    := $(shell $(GO) env GOPATH)/bin
WAILS    := $(GOBIN)/wails
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X github.com/motcua/kiosk/kiosk/buildinfo.Version=$(VERSION)
# WebKitGTK 4.1 where the machine has it, 4.0 otherwise. Recursive (=), so it
# is worked out when a recipe runs, after `setup` has installed the package.
WEBKIT_TAG = $(shell pkg-config --exists webkit2gtk-4.1 2>/dev/null && echo webkit2_41)
XVFB     := xvfb-run -a -s "-screen 0 1920x1920x24"
# Everything but the Wails root package builds and tests without cgo.
NOCGO_PKGS := $(addsuffix /...,$(addprefix ./,$(wildcard kiosk drivers config cmd internal)))
FRONTEND_SRC := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/package-lock.json -type f 2>/dev/null)
# The centre's browser pages (frontend/centre), embedded by kiosk/centre/web.
CENTRE_SRC   := $(shell find frontend/centre frontend/vite.centre.config.ts frontend/package-lock.json -type f 2>/dev/null)
CENTRE_PAGES := kiosk/centre/web/dist/display/index.html

.PHONY: help setup run build build-windows dev-binary frontend centre-pages centre bindings check-bindings check-windows check-units check-watchdog check-webproc installer-windows check-installer test test-go test-frontend e2e screenshots startup bench clean

help:
	@echo "make run         set up, build and start the kiosk (simulated devices, sample catalog)"
	@echo "make test        set up and run every test (vet, go test -race, vitest, end-to-end)"
	@echo "make build       Linux binary in build/bin/   make build-windows  windows/amd64 .exe"
	@echo "make installer-windows  NSIS installer, build/bin/motcua-kiosk-amd64-installer.exe (needs nsis)"
	@echo "make centre      the centre server, build/bin/motcua-centre, with its pages (make centre-pages)"
	@echo "make screenshots PNGs of every screen, both orientations, in docs/screenshots/"
	@echo "make startup     start-up time, median of 5        make bench   benchmarks"

setup:
	@scripts/setup.sh

frontend/dist/index.html: $(FRONTEND_SRC)
	cd frontend && npm run build --silent

frontend: frontend/dist/index.html

$(CENTRE_PAGES): $(CENTRE_SRC)
	cd frontend && npm run build:centre --silent

# The centre's pages into kiosk/centre/web/dist/ (only dist/.keep is committed:
# a centre built without them answers 503 "pages not built" for a page).
centre-pages: setup $(CENTRE_PAGES)

centre: centre-pages
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o build/bin/motcua-centre ./cmd/motcua-centre
	@echo "built build/bin/motcua-centre"

build: setup frontend
	$(WAILS) build -m -s -skipbindings -trimpath -tags "$(WEBKIT_TAG)" -ldflags "$(LDFLAGS)" -o motcua-kiosk
	@echo "built build/bin/motcua-kiosk"

build-windows: setup frontend
	$(WAILS) build -m -s -skipbindings -trimpath -platform windows/amd64 -ldflags "$(LDFLAGS)" -o motcua-kiosk.exe
	@echo "built build/bin/motcua-kiosk.exe"

# The Windows installer (build/windows/installer/project.nsi, our own; wails
# also writes its wails_tools.nsh and the WebView2 bootstrapper beside it,
# both ignored by git). Needs Debian's nsis (makensis), which setup installs.
INSTALLER := build/bin/motcua-kiosk-amd64-installer.exe
installer-windows: setup frontend
	@command -v makensis >/dev/null || { echo "installer-windows: makensis is missing (apt-get install nsis, or make setup)" >&2; exit 1; }
	rm -f $(INSTALLER)
	$(WAILS) build -m -s -skipbindings -trimpath -platform windows/amd64 -nsis -ldflags "$(LDFLAGS)" -o motcua-kiosk.exe
	@test -f $(INSTALLER) || { echo "installer-windows: wails did not produce $(INSTALLER)" >&2; exit 1; }
	@echo "built $(INSTALLER)"

# Builds the installer, then compiles the script again with NSIS warnings as
# errors (-WX) and checks the result is a PE file that carries the kiosk, both
# configs and the uninstaller (listed by 7z). Part of make test, where a
# missing makensis or 7z is a failure; by hand (make check-installer) it is a
# skip. check-windows compiles the same packages with the same flags
# (-trimpath, desktop,production), so here the Go part is mostly a link.
check-installer:
	@if ! command -v makensis >/dev/null || ! command -v 7z >/dev/null; then \
	  if [ -n "$(REQUIRE_INSTALLER)" ]; then echo "check-installer: makensis and 7z are needed (make setup installs nsis and p7zip-full)" >&2; exit 1; fi; \
	  echo "check-installer: makensis or 7z not installed, skipped"; exit 0; fi; \
	set -e; $(MAKE) --no-print-directory installer-windows; \
	cd build/windows/installer && makensis -WX -V2 -DARG_WAILS_AMD64_BINARY=$(CURDIR)/build/bin/motcua-kiosk.exe project.nsi; cd $(CURDIR); \
	file $(INSTALLER) | grep -q 'PE32 executable (GUI) Intel 80386.*for MS Windows.*Nullsoft Installer' || { file $(INSTALLER); echo "check-installer: not a Windows PE executable" >&2; exit 1; }; \
	list=$$(7z l $(INSTALLER)); \
	for f in motcua-kiosk.exe kiosk.example.toml kiosk.toml uninstall.exe; do echo "$$list" | grep -q " $$f$$" || echo "$$list" | grep -q "[\\/]$$f$$" || { echo "$$list"; echo "check-installer: $$f is not in the installer" >&2; exit 1; }; done; \
	echo "check-installer: 7z lists the kiosk, both configs and the uninstaller"
	@echo "installer: $$(ls -l $(INSTALLER) | awk '{print $$5}') bytes, no NSIS warnings"

# The TypeScript bindings of the one bound object (kiosk/uiapi.API) and the
# models of what it returns, generated by Wails into frontend/src/wailsjs/
# and committed. Run `make bindings` after changing kiosk/uiapi.
bindings: setup frontend
	$(WAILS) generate module -tags "$(WEBKIT_TAG)"

# Fails when the committed bindings differ from what the Go code generates,
# or when anything but the UI API is bound (the e2e simulator hooks must not be).
# File modes are ignored: wails generate writes the runtime files 0755, wails
# build (make build, the installer) rewrites them 0644.
check-bindings: bindings
	@test ! -e frontend/src/wailsjs/go/uiapi/Sim.js || { echo "check-bindings: the simulator hooks are bound outside the e2e build" >&2; exit 1; }
	@test "$$(ls frontend/src/wailsjs/go)" = "$$(printf 'models.ts\nuiapi')" || { echo "check-bindings: only kiosk/uiapi may be bound, found: $$(ls frontend/src/wailsjs/go)" >&2; exit 1; }
	@git -c core.fileMode=false diff --quiet -- frontend/src/wailsjs && test -z "$$(git -c core.fileMode=false status --porcelain -- frontend/src/wailsjs)" || \
	  { git status --short -- frontend/src/wailsjs; echo "check-bindings: frontend/src/wailsjs is out of date; commit what make bindings generated" >&2; exit 1; }
	@echo "bindings are current"

# The dev-tag build serves the UI and live Go bindings on http://localhost:34115;
# the e2e tag adds the simulator hooks (kiosk/uiapi.Sim) the tests drive.
dev-binary: setup frontend centre-pages
	$(GO) build -tags "dev e2e $(WEBKIT_TAG)" -ldflags "$(LDFLAGS)" -o build/bin/kiosk-dev .
	CGO_ENABLED=0 $(GO) build -ldflags "$(LDFLAGS)" -o build/bin/kioskctl ./cmd/kioskctl
	CGO_ENABLED=0 $(GO) build -ldflags "$(LDFLAGS)" -o build/bin/motcua-centre ./cmd/motcua-centre

run: build
	@scripts/run.sh build/bin/motcua-kiosk

test: export REQUIRE_INSTALLER = 1
test: setup frontend check-bindings test-go check-installer test-frontend e2e check-watchdog check-webproc
	@echo "all tests passed"

# The PostgreSQL tests start their own server (internal/pgtest); here a missing
# PostgreSQL is a failure, not a skip.
test-go: export MOTCUA_REQUIRE_PG = 1
test-go: check-windows check-units
	$(GO) vet -tags "$(WEBKIT_TAG)" ./...
	$(GO) vet -tags "e2e $(WEBKIT_TAG)" ./...
	@deps=$$($(GO) list -deps ./drivers/... | grep '/kiosk/kiosk/' || true); test -z "$$deps" || { echo "drivers/ must not import kiosk/: $$deps" >&2; exit 1; }
	CGO_ENABLED=0 $(GO) test -count=1 $(NOCGO_PKGS)
	$(GO) test -race -count=1 -tags "$(WEBKIT_TAG)" ./...
	scripts/fuzz.sh

# Windows from Linux, without cgo: vet for GOOS=windows, cross-build the
# commands, vet and cross-build the Wails app with the tags `wails build -platform
# windows/amd64` gives it (desktop,production). Without a built frontend the
# app embeds a placeholder page through a build overlay (nothing is written
# to frontend/dist, so a later `make frontend` is not fooled).
check-windows:
	GOOS=windows $(GO) vet ./...
	GOOS=windows CGO_ENABLED=0 $(GO) build -o /dev/null ./cmd/...
	@set -e; ov=""; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	if [ ! -f frontend/dist/index.html ]; then \
	  echo '<!doctype html><title>placeholder</title>' >"$$tmp/index.html"; \
	  printf '{"Replace":{"%s/frontend/dist/index.html":"%s/index.html"}}' "$(CURDIR)" "$$tmp" >"$$tmp/overlay.json"; \
	  ov="-overlay $$tmp/overlay.json"; echo "check-windows: no frontend/dist (make frontend): the app embeds a placeholder page"; \
	fi; \
	echo "GOOS=windows CGO_ENABLED=0 $(GO) vet|build $$ov -tags desktop,production ."; \
	GOOS=windows CGO_ENABLED=0 $(GO) vet $$ov -tags desktop,production .; \
	GOOS=windows CGO_ENABLED=0 $(GO) build $$ov -trimpath -tags desktop,production -ldflags "-H windowsgui" -o /dev/null .
	@echo "windows: vet and cross-builds pass"

# systemd-analyze verify on build/linux/*.service, failing on any warning.
check-units:
	@GO=$(GO) scripts/check-units.sh

# The real kiosk under a supervisor that follows systemd's semantics for
# build/linux/motcua-kiosk.service (internal/svctest): READY=1, keep-alives,
# and a restart when its WebKit web process is stopped (a hung page).
check-watchdog: build
	MOTCUA_KIOSK_BIN=$(CURDIR)/build/bin/motcua-kiosk MOTCUA_REQUIRE_KIOSK=1 xvfb-run -a -s "-screen 0 1080x1920x24" $(GO) test -count=1 -v -run Kiosk ./internal/svctest

# The built kiosk under Xvfb: SIGKILLs its WebKitWebProcess and checks the same
# kiosk reloads the page (webview_linux.go), then kills it past the crash-loop
# limit and checks the kiosk exits non-zero for systemd to start it afresh.
check-webproc: build
	MOTCUA_KIOSK_BIN=$(CURDIR)/build/bin/motcua-kiosk MOTCUA_REQUIRE_KIOSK=1 xvfb-run -a -s "-screen 0 1080x1920x24" $(GO) test -count=1 -v ./internal/webviewtest

test-frontend:
	cd frontend && npx svelte-check --tsconfig ./tsconfig.json --threshold error --output human
	cd frontend && npx tsc --noEmit -p tsconfig.json
	cd frontend && npx vitest run

e2e: dev-binary
	$(XVFB) bash -c 'cd frontend && node --test --test-concurrency=1 e2e/'

screenshots: dev-binary
	$(XVFB) node frontend/e2e/screenshots.mjs

startup: build
	scripts/startup.sh build/bin/motcua-kiosk

bench: setup
	$(GO) run ./cmd/kioskctl bench all

clean:
	rm -rf build/bin frontend/dist
	find kiosk/centre/web/dist -mindepth 1 ! -name .keep -delete
