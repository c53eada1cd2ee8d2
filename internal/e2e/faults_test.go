package e2e

import (
	"os"
	"path/filepath"
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
	dir := goModule(t, "faults", map[string]string{"faults_test.go": string(src), "heap_test.go": innerHelper(t, "faults")}, map[string]string{"openapi": sdkDir})
	innerTests(t, dir, "faults_test.go")
}
