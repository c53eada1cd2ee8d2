package e2e

import (
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedSDKEvents generates testdata/shapes/67-event-streams.yml and
// runs testdata/events/events_test.go against it in a temporary module:
// server-sent events through the generated methods, served by httptest
// (1,000 events with multi-line data and comments, a stream cut mid-event,
// cancellation, an early break, the JSON-or-stream operation both ways,
// text events, an error status).
func TestGeneratedSDKEvents(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a generated SDK")
	}
	t.Parallel()
	_, sdkDir := generateSDK(t, filepath.Join("testdata", "shapes", "67-event-streams.yml"))
	src, err := os.ReadFile(filepath.Join("testdata", "events", "events_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	dir := goModule(t, "events", map[string]string{"events_test.go": string(src)}, map[string]string{"openapi": sdkDir})
	innerTests(t, dir, "events_test.go")
}
