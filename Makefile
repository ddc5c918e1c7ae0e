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
NOCGO_PKGS := $(addsuffix /...,$(addprefix ./,$(wildcard kiosk drivers config cmd)))
FRONTEND_SRC := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/package-lock.json -type f 2>/dev/null)

.PHONY: help setup run build build-windows dev-binary frontend test test-go test-frontend e2e screenshots startup bench clean

help:
	@echo "make run         set up, build and start the kiosk (simulated devices, sample catalog)"
	@echo "make test        set up and run every test (vet, go test -race, vitest, end-to-end)"
	@echo "make build       Linux binary in build/bin/   make build-windows  windows/amd64 .exe"
	@echo "make screenshots PNGs of every screen, both orientations, in docs/screenshots/"
	@echo "make startup     start-up time, median of 5        make bench   benchmarks"

setup:
	@scripts/setup.sh

frontend/dist/index.html: $(FRONTEND_SRC)
	cd frontend && npm run build --silent

frontend: frontend/dist/index.html

build: setup frontend
	$(WAILS) build -m -s -skipbindings -trimpath -tags "$(WEBKIT_TAG)" -ldflags "$(LDFLAGS)" -o motcua-kiosk
	@echo "built build/bin/motcua-kiosk"

build-windows: setup frontend
	$(WAILS) build -m -s -skipbindings -trimpath -platform windows/amd64 -ldflags "$(LDFLAGS)" -o motcua-kiosk.exe
	@echo "built build/bin/motcua-kiosk.exe"

# The dev-tag build serves the UI and live Go bindings on http://localhost:34115.
dev-binary: setup frontend
	$(GO) build -tags "dev $(WEBKIT_TAG)" -ldflags "$(LDFLAGS)" -o build/bin/kiosk-dev .
	CGO_ENABLED=0 $(GO) build -ldflags "$(LDFLAGS)" -o build/bin/kioskctl ./cmd/kioskctl

run: build
	@scripts/run.sh build/bin/motcua-kiosk

test: setup frontend test-go test-frontend e2e
	@echo "all tests passed"

test-go:
	$(GO) vet ./...
	CGO_ENABLED=0 $(GO) test -count=1 $(NOCGO_PKGS)
	$(GO) test -race -count=1 ./...
	scripts/fuzz.sh

test-frontend:
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
