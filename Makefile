# gen: OpenAPI -> Go SDK. `make generate` regenerates generated/ from
# spec/vault.yml; `make test` runs every test (generator and generated SDK).
GO ?= go
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: bench-check bench-sdk generate test lint check bench shapes fuzz-specs fuzz

generate:
	$(GO) run ./cmd/gen -spec spec/vault.yml -out generated

test:
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 30m ./...
	# Lowering and emission run beside kin-openapi's validation: check for races.
	$(GO) test -race -count=1 -run 'TestGenerateUpstream|TestDeterministic|TestCollisions' ./internal/gen ./internal/parser

# check fails when generated/ is not what the generator produces now.
# generated/ is what gen writes for spec/vault.yml, byte for byte (and no
# orphan): gen -check prints a diff and fails otherwise.
check:
	$(GO) run ./cmd/gen -check -spec spec/vault.yml -out generated
	$(GO) test -count=1 -run 'TestGolden' ./internal/gen/

lint:
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	cd generated && $(GO) vet ./... && $(GO) run $(STATICCHECK) ./...
	@# The multipart and event-stream shapes' SDKs, and those of the upstream
	@# specs when ../shared/specs is present.
	@for spec in internal/e2e/testdata/shapes/67-event-streams.yml internal/e2e/testdata/shapes/68-multipart.yml \
		../shared/specs/vault.yml ../shared/specs/accounting.yml ../shared/specs/openai.yaml; do \
		[ -f $$spec ] || { echo "$$spec absent: not linted"; continue; }; \
		out=$$(mktemp -d); $(GO) run ./cmd/gen -spec $$spec -out $$out 2>/dev/null && \
		(cd $$out && $(GO) vet ./... && $(GO) run $(STATICCHECK) ./...) || exit 1; \
		rm -rf $$out; echo "$$spec: SDK vet and staticcheck clean"; \
	done

# Full generation beside kin-openapi's baseline (its load and validation, or
# its load alone where it refuses the spec, as for openai.yaml), per spec,
# each with the peak memory of one run; then internal/benchratio prints the
# medians over the rounds and the ratios gen/kin, time and peak memory, and
# fails when a round did. Rounds of -count 1 rather than one -count
# $(BENCH_ROUNDS): -count repeats each operation back to back, so a change in
# the machine's load between operations would tilt the ratio.
BENCH_ROUNDS ?= 6
bench:
	@for i in $$(seq $(BENCH_ROUNDS)); do \
		echo "round $$i of $(BENCH_ROUNDS)"; \
		$(GO) test -run '^$$' -bench Generation -benchtime 10x -count 1 -timeout 60m ./internal/parser/ 2>&1; \
	done | $(GO) run ./internal/benchratio

# gen -check beside a plain generation (internal/gen BenchmarkCheck), in
# rounds, medians and ratios to generation in memory.
bench-check:
	@for i in $$(seq $(BENCH_ROUNDS)); do \
		echo "round $$i of $(BENCH_ROUNDS)"; \
		$(GO) test -run '^$$' -bench Check -benchtime 5x -count 1 ./internal/gen/ 2>&1; \
	done | $(GO) run ./internal/benchratio

# The generated Vault SDK beside a hand-written net/http client, same
# requests and answers (internal/e2e/testdata/bench): rounds, medians and
# ratios of ns/op and allocs/op. Needs ../shared/specs.
bench-sdk:
	@GEN_SDK_BENCH=$(BENCH_ROUNDS) $(GO) test -v -count=1 -run TestSDKBench -timeout 30m ./internal/e2e/ | $(GO) run ./internal/benchratio

# The shapes corpus (internal/e2e/testdata/shapes): one small spec per shape,
# each held to the doc-snippet contract and, where given, exact wire text.
# Part of make test; this prints its table (GEN_SHAPES_ONLY=name picks specs).
shapes:
	$(GO) test -count=1 -run TestShapesCorpus -v ./internal/e2e/

# Thousands of random valid specs (internal/specgen): each must generate an SDK
# that builds and vets (250 SDKs per go build). Failing specs are written to
# $$GEN_SPECS_OUT; one per failure kind is reduced into
# internal/e2e/testdata/generative. GEN_SPECS_N and GEN_SPECS_SEED override.
GEN_SPECS_N ?= 3000
GEN_SPECS_SEED ?= 1
GEN_SPECS_OUT ?= $(CURDIR)/.fuzz-specs
fuzz-specs:
	GEN_SPECS_N=$(GEN_SPECS_N) GEN_SPECS_SEED=$(GEN_SPECS_SEED) GEN_SPECS_OUT=$(GEN_SPECS_OUT) \
		GEN_SPECS_MINIMIZE=1 $(GO) test -count=1 -timeout 3h -run 'TestGenerativeSpecs$$' ./internal/e2e/

# Coverage-guided fuzzing of parse -> model -> emit -> go/format
# (internal/gen FuzzGenerate): a panic or unparsable Go is a finding, kept in
# internal/gen/testdata/fuzz/FuzzGenerate, which make test runs as cases.
FUZZTIME ?= 10m
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzGenerate -fuzztime $(FUZZTIME) ./internal/gen/
