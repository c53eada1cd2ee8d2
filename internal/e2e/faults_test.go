package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeneratedSDKFaults generates testdata/faults/faults.yml and runs
// testdata/faults/faults_test.go against it in a temporary module: faults
// injected by httptest servers (503s, Retry-After, resets, truncated,
// endless and HTML bodies, deadlines), hooks, per-call options, streamed
// downloads and a soak test of 2,000 calls.
func TestGeneratedSDKFaults(t *testing.T) {
	t.Parallel()
	_, sdkDir := generateSDK(t, filepath.Join("testdata", "faults", "faults.yml"))
	src, err := os.ReadFile(filepath.Join("testdata", "faults", "faults_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	dir := goModule(t, "faults", map[string]string{"faults_test.go": string(src)}, map[string]string{"openapi": sdkDir})
	out, err := goCommand(t, dir, "test", "-count=1", "-v", "./...")
	passed, failed, skipped, failures := testSummary(out)
	if err != nil || passed == 0 || failed != 0 {
		t.Fatalf("go test -count=1 -v ./... (in %s): %v\n%d passed, %d failed %v\n\n%s", dir, err, passed, failed, failures, out)
	}
	t.Logf("inner go test -v: %d passed, %d skipped, %d failed", passed, skipped, failed)
	for _, line := range logLines(out) {
		t.Log(line)
	}
}

// logLines are the t.Log lines of an inner go test -v run (figures worth
// keeping in the outer log).
func logLines(out string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "faults_test.go:") {
			lines = append(lines, t)
		}
	}
	return lines
}
