package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oasgo/gen/testkit/specserver"
)

// TestAccountingPassThrough: the accounting API documents its pass_through
// deepObject as ?pass_through[search]=leads. The SDK generated from the
// upstream spec sends exactly that for PassThroughQuery{AdditionalProperties:
// {"search": "leads"}}, beside a deepObject filter, and the spec accepts the
// request.
func TestAccountingPassThrough(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a generated SDK")
	}
	spec := filepath.Join(repoRoot(t), "..", "shared", "specs", "accounting.yml")
	if _, err := os.Stat(spec); err != nil {
		t.Skipf("%s not available (%v): the real specs live in ../shared/specs", spec, err)
	}
	_, sdkDir := generateSDK(t, spec)
	main := `package main

import (
	"context"
	"log"
	"net/http"
	"os"

	"github.com/oasgo/gen/testkit/specserver"
	sdk "openapi"
	"openapi/pkg/models/operations"
	"openapi/pkg/models/shared"
)

func main() {
	http.DefaultTransport = specserver.RedirectTransport(os.Getenv("SPECSERVER_URL"), "passthrough")
	s := sdk.New(sdk.WithSecurity(shared.Security{APIKey: "key"}))
	_, err := s.Invoices.InvoicesAll(context.Background(), operations.InvoicesAllRequest{
		AppID:       "app",
		ConsumerID:  "consumer",
		PassThrough: &shared.PassThroughQuery{AdditionalProperties: map[string]interface{}{"search": "leads"}},
		Filter:      &shared.InvoicesFilter{Number: sdk.String("OIT00546")},
	})
	if err != nil {
		log.Fatal(err)
	}
}
`
	dir := goModule(t, "passthrough", map[string]string{"main.go": main}, map[string]string{"openapi": sdkDir, thisModule: repoRoot(t)})
	bin := filepath.Join(dir, "passthrough.bin")
	goRun(t, dir, "build", "-o", bin, ".")
	srv, err := specserver.New(spec)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "SPECSERVER_URL="+srv.URL())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the program failed: %v\n%s", err, out)
	}
	recs := srv.Requests()
	if len(recs) != 1 {
		t.Fatalf("%d requests, want 1", len(recs))
	}
	r := recs[0]
	if !r.Valid {
		t.Errorf("the spec refused the request: %s", r.String())
	}
	parts := strings.Split(r.Query, "&")
	for _, want := range []string{"pass_through[search]=leads", "filter[number]=OIT00546"} {
		found := false
		for _, p := range parts {
			found = found || p == want
		}
		if !found {
			t.Errorf("query %q lacks %s", r.Query, want)
		}
	}
	t.Logf("sent %s?%s", r.Path, r.Query)
}
