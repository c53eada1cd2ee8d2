package e2e

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestSDKBench runs testdata/bench (the generated Vault SDK beside a
// hand-written net/http client, same requests, same answers) when
// GEN_SDK_BENCH is set: `make bench-sdk` does, in rounds, and prints
// medians and ratios. In make test it only builds and runs each benchmark
// once (-benchtime 1x), so that the harness cannot rot.
func TestSDKBench(t *testing.T) {
	spec := filepath.Join(repoRoot(t), "..", "shared", "specs", "vault.yml")
	if _, err := os.Stat(spec); err != nil {
		t.Skip("../shared/specs is absent (a fresh clone): the benchmark uses its vault.yml")
	}
	_, sdkDir := generateSDK(t, spec)
	src, err := os.ReadFile(filepath.Join("testdata", "bench", "bench_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	dir := goModule(t, "bench", map[string]string{"bench_test.go": string(src)}, map[string]string{"openapi": sdkDir})
	rounds, benchtime := 1, "1x"
	if os.Getenv("GEN_SDK_BENCH") != "" {
		rounds, benchtime = 6, "2s"
		if n, err := strconv.Atoi(os.Getenv("GEN_SDK_BENCH")); err == nil && n > 0 {
			rounds = n
		}
	}
	for i := range rounds {
		out, err := goCommand(t, dir, "test", "-run", "^$", "-bench", "SDK", "-benchmem", "-benchtime", benchtime, "-count", "1", ".")
		if err != nil {
			t.Fatalf("round %d: %v\n%s", i+1, err, out)
		}
		if os.Getenv("GEN_SDK_BENCH") != "" {
			os.Stdout.WriteString(out) // for internal/benchratio
		}
	}
}
