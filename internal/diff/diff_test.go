package diff_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
	"github.com/rogpeppe/go-internal/txtar"

	gendiff "github.com/oasgo/gen/internal/diff"
	"github.com/oasgo/gen/internal/emit"
	"github.com/oasgo/gen/internal/model"
	"github.com/oasgo/gen/internal/parser"
	"github.com/oasgo/gen/internal/testflags"
)

func load(t *testing.T, name string, data []byte) *model.API {
	t.Helper()
	api, err := parser.Load(name, data, parser.Options{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return api
}

// compareGo adds the Go API comparison of the two SDKs to r.
func compareGo(t *testing.T, r *gendiff.Report, old, new *model.API) {
	t.Helper()
	var sdks [2][]emit.File
	for i, api := range []*model.API{old, new} {
		files, err := emit.SDK(api, emit.Options{Module: "openapi", Package: "sdk"})
		if err != nil {
			t.Fatal(err)
		}
		sdks[i] = files
	}
	if err := gendiff.CompareGo(r, sdks[0], sdks[1]); err != nil {
		t.Fatal(err)
	}
}

// TestPairs: one small pair of specs per kind of change
// (testdata/pairs/*.txtar: old.yml, new.yml and the report, want.md; a
// "flags: -go" line in the comment adds the Go API comparison). The
// report is golden: `go test ./internal/diff -update` rewrites it.
func TestPairs(t *testing.T) {
	files, _ := filepath.Glob("testdata/pairs/*.txtar")
	if len(files) == 0 {
		t.Fatal("no pairs")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			parts := map[string][]byte{}
			for _, f := range ar.Files {
				parts[f.Name] = f.Data
			}
			old, new := load(t, "old.yml", parts["old.yml"]), load(t, "new.yml", parts["new.yml"])
			r := gendiff.Compare("old.yml", old, "new.yml", new)
			if strings.Contains(string(ar.Comment), "flags: -go") {
				compareGo(t, r, old, new)
			}
			got := []byte(r.Markdown())
			if *testflags.Update {
				for i := range ar.Files {
					if ar.Files[i].Name == "want.md" {
						ar.Files[i].Data = got
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := parts["want.md"]; string(want) != string(got) {
				t.Errorf("report differs (go test ./internal/diff -update):\n%s", diff.Diff("want.md", want, "got", got))
			}
		})
	}
}

const sharedSpecs = "../../../shared/specs"

// TestVaultOldToNew: the report from ../shared/specs/vault-old.yml (10.9.0)
// to vault.yml (10.34.0) is golden (testdata/vault.md), and holds the
// changes known between the two (the specs' README), each with its verdict.
func TestVaultOldToNew(t *testing.T) {
	oldData, err := os.ReadFile(filepath.Join(sharedSpecs, "vault-old.yml"))
	if os.IsNotExist(err) {
		t.Skip("../shared/specs is absent (a fresh clone): the real specs are not in the repository")
	}
	if err != nil {
		t.Fatal(err)
	}
	newData, err := os.ReadFile(filepath.Join(sharedSpecs, "vault.yml"))
	if err != nil {
		t.Fatal(err)
	}
	old, new := load(t, "vault-old.yml", oldData), load(t, "vault.yml", newData)
	r := gendiff.Compare("vault-old.yml", old, "vault.yml", new)

	find := func(kind, subject string) *gendiff.Change {
		for i, c := range r.Changes {
			if c.Kind == kind && c.Subject == subject {
				return &r.Changes[i]
			}
		}
		return nil
	}
	expect := func(kind, subject string, breaking bool, contains string) {
		t.Helper()
		c := find(kind, subject)
		switch {
		case c == nil:
			t.Errorf("no %s change of %s", kind, subject)
		case c.Breaking != breaking:
			t.Errorf("%s %s: breaking %v, want %v", kind, subject, c.Breaking, breaking)
		case !strings.Contains(c.Message+" "+c.Old+" "+c.New, contains):
			t.Errorf("%s %s: %q does not say %q", kind, subject, c.Message, contains)
		}
	}
	for _, m := range []string{"ConnectionConsentUpdate", "ConnectionConsentsAll", "ConnectionsMigrate"} {
		expect("operation-added", "Connections."+m, false, "added")
	}
	for _, id := range []string{"connectionsConfirm", "vaultOAuthDisconnect", "vaultOAuthDisconnectCallback"} {
		expect("operation-skipped", id, false, "x-speakeasy-ignore")
	}
	for _, m := range []string{"Connections.ConnectionsAdd", "Connections.ConnectionsAuthorize", "Connections.ConnectionsCallback",
		"Connections.ConnectionsExample", "Connections.ConnectionsRevoke", "Connections.ConnectionsSchema",
		"CustomMappings.CustomMappingsAdd", "CustomMappings.CustomMappingsDelete", "CustomMappings.CustomMappingsOne",
		"CustomMappings.CustomMappingsUpdate"} {
		expect("operation-removed", m, true, "x-speakeasy-ignore")
	}
	expect("enum-value-added", "shared.UnifiedAPIIDEnumSubscriptionAnalytics", false, "subscription-analytics")
	expect("field-added", "shared.CreateSessionResponse.Raw", false, "new optional field `_raw`")
	raw := 0
	for _, c := range r.Changes {
		if c.Kind == "field-added" && strings.HasSuffix(c.Subject, ".Raw") && !c.Breaking {
			raw++
		}
	}
	// 23 schemas gain _raw; two of them are new types (added whole).
	if raw != 21 {
		t.Errorf("%d existing types gain _raw, want 21", raw)
	}
	expect("enum-value-removed", "shared.ConnectionWebhookEventsEnumCrmNotesUpdated", true, "crm.notes.updated")
	expect("enum-value-removed", "shared.ConnectionWebhookEventsEnumCrmNotesDeleted", true, "crm.notes.deleted")
	expect("parameter-retyped", "operations.ConnectionsAllRequest.ConsumerID", true, "required -> optional")
	expect("body-retyped", "operations.ConsumersAddRequest.CreateConsumerRequest", true, "shared.CreateConsumerRequest")
	// The header parameters' component keys were renamed, their names
	// kept: no parameter change but that one.
	for _, c := range r.Changes {
		if strings.HasPrefix(c.Kind, "parameter-") && c.Subject != "operations.ConnectionsAllRequest.ConsumerID" && c.Kind != "parameter-added" {
			t.Errorf("unexpected parameter change: %s %s: %s", c.Kind, c.Subject, c.Message)
		}
	}
	if r.Bump != gendiff.BumpMajor {
		t.Errorf("verdict %s, want major", r.Bump)
	}

	golden := "testdata/vault.md"
	got := []byte(r.Markdown())
	if *testflags.Update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != string(got) {
		t.Errorf("report differs (go test ./internal/diff -update):\n%s", diff.Diff(golden, want, "got", got))
	}
}

// TestSelfCompare: a spec compared with itself (loaded twice) reports
// nothing, for every spec of the shapes corpus: no change is made up of
// map order, pointers or positions.
func TestSelfCompare(t *testing.T) {
	files, _ := filepath.Glob("../e2e/testdata/shapes/*.yml")
	if len(files) < 50 {
		t.Fatalf("%d specs in the shapes corpus", len(files))
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		a, b := load(t, file, data), load(t, file, data)
		if r := gendiff.Compare(file, a, file, b); len(r.Changes) > 0 || r.Bump != gendiff.BumpNone {
			t.Errorf("%s against itself: %s", file, r.Markdown())
		}
	}
}

// TestPlatformVersions: every Apideck API from 9.3.1 to now compares
// without failing, and the report of each is ordered breaking first.
func TestPlatformVersions(t *testing.T) {
	news, _ := filepath.Glob(filepath.Join(sharedSpecs, "platform", "*.yml"))
	if len(news) == 0 {
		t.Skip("../shared/specs is absent (a fresh clone): the real specs are not in the repository")
	}
	for _, newFile := range news {
		oldFile := filepath.Join(sharedSpecs, "platform-9.3.1", filepath.Base(newFile))
		if _, err := os.Stat(oldFile); err != nil {
			continue
		}
		t.Run(filepath.Base(newFile), func(t *testing.T) {
			t.Parallel()
			var apis [2]*model.API
			for i, f := range []string{oldFile, newFile} {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				apis[i] = load(t, f, data)
			}
			r := gendiff.Compare(oldFile, apis[0], newFile, apis[1])
			for i := 1; i < len(r.Changes); i++ {
				if !r.Changes[i-1].Breaking && r.Changes[i].Breaking {
					t.Fatalf("breaking change %s listed after a compatible one", r.Changes[i].Subject)
				}
			}
			if (r.Breaking > 0) != (r.Bump == gendiff.BumpMajor) {
				t.Errorf("%d breaking changes, verdict %s", r.Breaking, r.Bump)
			}
			t.Logf("%d changes, %d breaking: %s", len(r.Changes), r.Breaking, r.Bump)
		})
	}
}
