# gen: OpenAPI -> Go SDK. `make generate` regenerates generated/ from
# spec/vault.yml; `make test` runs every test (generator and generated SDK).
GO ?= go
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: generate test lint check bench shapes

generate:
	$(GO) run ./cmd/gen -spec spec/vault.yml -out generated

test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	# Lowering and emission run beside kin-openapi's validation: check for races.
	$(GO) test -race -count=1 -run 'TestGenerateUpstream|TestDeterministic|TestCollisions' ./internal/gen ./internal/parser

# check fails when generated/ is not what the generator produces now.
check:
	$(GO) test -count=1 -run 'TestGolden' ./internal/gen/

lint:
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	cd generated && $(GO) vet ./... && $(GO) run $(STATICCHECK) ./...
	@# The SDKs of the upstream specs too, when ../shared/specs is present.
	@for spec in ../shared/specs/vault.yml ../shared/specs/accounting.yml; do \
		[ -f $$spec ] || { echo "$$spec absent: not linted"; continue; }; \
		out=$$(mktemp -d); $(GO) run ./cmd/gen -spec $$spec -out $$out 2>/dev/null && \
		(cd $$out && $(GO) vet ./... && $(GO) run $(STATICCHECK) ./...) || exit 1; \
		rm -rf $$out; echo "$$spec: SDK vet and staticcheck clean"; \
	done

# Full generation beside kin-openapi's own load+validate, per spec (medians: -count).
bench:
	$(GO) test -run '^$$' -bench Generation -benchtime 10x -count 6 ./internal/parser/

# The shapes corpus (internal/e2e/testdata/shapes): one small spec per shape,
# each held to the doc-snippet contract and, where given, exact wire text.
# Part of make test; this prints its table (GEN_SHAPES_ONLY=name picks specs).
shapes:
	$(GO) test -count=1 -run TestShapesCorpus -v ./internal/e2e/
