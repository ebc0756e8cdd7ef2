# EcomOps — the commands a developer and CI use. See README.md.
SHELL := bash
GO ?= go
BIN := bin/ecomops
DB ?= ./data/ecomops.db
ADDR ?= 127.0.0.1:8080
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X ecomops/internal/app.Version=$(VERSION)

.PHONY: build ui go run test test-go test-web e2e bench vet fmt clean

## build: the UI (when Node.js is present) and the binary with the UI embedded
build: ui go

go:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/ecomops

# Install only when the lock file changed since the last install. npm 11's
# `npm ci` refuses a lock that lacks Windows-only optional packages
# (napi-windows-process-start-time); `npm install --no-save` then installs
# from the same lock without rewriting it.
NPM_INSTALL = npm ci --no-audit --no-fund || npm install --no-audit --no-fund --no-save

web/node_modules/.installed: web/package-lock.json
	cd web && ($(NPM_INSTALL))
	touch $@

ui:
	@if command -v npm >/dev/null 2>&1; then \
		$(MAKE) web/node_modules/.installed && cd web && npm run build; \
	else \
		echo "npm not found: building without the web UI (the server says how to build it)"; \
	fi

## run: build, load the demo company into $(DB) on first start, serve on $(ADDR)
run: build
	./$(BIN) --db $(DB) serve --demo --addr $(ADDR)

## test: the whole suite — Go (SQLite; PostgreSQL when ECOMOPS_TEST_POSTGRES is set), web unit tests, browser tests
test: vet test-go test-web e2e

vet:
	$(GO) vet ./...

test-go:
	$(GO) test -count=1 -timeout 30m ./...

test-web: web/node_modules/.installed
	cd web && npm test

e2e/node_modules/.installed: e2e/package-lock.json
	cd e2e && ($(NPM_INSTALL))
	touch $@

## e2e: browser tests in headless Debian Chromium against a freshly built binary
e2e: build e2e/node_modules/.installed
	cd e2e && ECOMOPS_BIN=$(CURDIR)/$(BIN) npm test

## bench: benchmarks with their references, measured side by side (docs/BENCHMARKS.md)
# Each script prints its figures beside the reference measured in the same run;
# every script runs even when an earlier one fails, and the target fails then.
bench: build
	@status=0; for b in bench/*.sh; do echo "== $$b"; bash "$$b" || status=1; done; exit $$status

fmt:
	gofmt -w cmd internal web/embed.go

clean:
	rm -rf bin web/dist/assets web/dist/index.html
