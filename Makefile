# gen: OpenAPI -> Go SDK. `make generate` regenerates generated/ from
# spec/vault.yml; `make test` runs every test (generator and generated SDK).
GO ?= go
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: generate test lint check bench

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

# Full generation beside kin-openapi's own load+validate, per spec (medians: -count).
bench:
	$(GO) test -run '^$$' -bench Generation -benchtime 10x -count 6 ./internal/parser/
